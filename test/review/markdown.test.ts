import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/practices/review/types.js';
import { reviewMarkdown } from '../../src/report/review/markdown.js';
import { minutesOrNone, percentText, recordsFromNote, signedPercent, signedPoints, yearAgoLabel } from '../../src/report/review/shared.js';
import { markdownlintFindings } from '../catalog/lint.js';
import { acmeReview } from './acme-review.js';
import { sampleReview } from './sample-review.js';

/** The lines of the section under the heading `title` (any level), up to the next heading of the same or a higher level. */
function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`no heading "${title}"`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

function headings(markdown: string): string[] {
  return markdown.split('\n').filter((l) => /^#+ /.test(l));
}

/** The bodies of the ```mermaid fences, in order. */
function mermaidBlocks(markdown: string): string[][] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!.split('\n'));
}

/** The cells of a table row, split on the pipes that are not escaped. */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

/** A copy of the sample review with `change` applied. */
function sampleWith(change: (review: Review) => void): Review {
  const review = sampleReview();
  change(review);
  return review;
}

/** A review with nothing in it but the months: every list empty, the optional parts null. */
function emptyReview(): Review {
  return sampleWith((r) => {
    for (const m of r.volume.months) {
      m.opened = 0;
      m.resolved = 0;
      for (const list of [m.openedByType, m.openedByPriority, m.resolvedByType, m.resolvedByPriority]) for (const c of list) c.count = 0;
    }
    r.volume.opened = { value: 0, previousMonth: 0, monthOverMonthPercent: null, yearAgo: 0, yearOverYearPercent: null };
    r.volume.resolved = { value: 0, previousMonth: 0, monthOverMonthPercent: null, yearAgo: 0, yearOverYearPercent: null };
    for (const m of r.backlog.months) {
      m.open = 0;
      for (const b of m.bands) b.count = 0;
    }
    r.backlog.oldest = [];
    r.speed = { priorities: [], figures: [], reopen: [], firstContact: [] };
    r.serviceLevels = { targets: [], availability: [], credits: { currency: 'EUR', total: '0.00', lines: [] } };
    r.recurrence = { services: [], categories: [] };
    r.changes = null;
    r.problems = null;
    r.worst = { byBreaches: [], byDowntime: [], mostImproved: [] };
    r.breakdown = { services: [], consumers: null, groups: null };
    r.improvements = [];
  });
}

describe('itsm review --format markdown', () => {
  const markdown = reviewMarkdown(sampleReview());

  it('passes markdownlint with its default rules, as a standalone file', () => {
    expect(markdownlintFindings(markdown)).toEqual([]);
    expect(markdown.startsWith('# Service review — Acme Corp, 2026-11\n')).toBe(true);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });

  it('has the sections of docs/review.md, in its order', () => {
    expect(headings(markdown).filter((h) => h.startsWith('## '))).toEqual([
      '## At a glance',
      '## Volume',
      '## Backlog and ageing',
      '## Speed',
      '## Service levels',
      '## Recurrence',
      '## Changes',
      '## Problems',
      '## The worst five and the most improved',
      '## Breakdown',
      '## Improvement register',
    ]);
    // Groups are null in the sample: no heading for them.
    expect(headings(section(markdown, 'Breakdown'))).toEqual(['## Breakdown', '### Per service', '### Per consumer']);
  });

  it('leaves out changes, problems and groups cleanly when they are null, and stays lint-clean', () => {
    const without = reviewMarkdown(
      sampleWith((r) => {
        r.changes = null;
        r.problems = null;
        r.breakdown.consumers = null;
      }),
    );
    expect(markdownlintFindings(without)).toEqual([]);
    expect(headings(without).filter((h) => /Changes|Problems|Per consumer|Per assignment group/.test(h))).toEqual([]);
    // Recurrence is followed directly by the worst five: no empty heading is left between them.
    const all = headings(without);
    expect(all[all.indexOf('### Categories with the most incidents') + 1]).toBe('## The worst five and the most improved');
    expect(without).not.toMatch(/change report|known errors added/);
  });

  it('shows groups when the review has them', () => {
    const withGroups = reviewMarkdown(
      sampleWith((r) => {
        r.breakdown.groups = [{ id: 'network', name: null, opened: 7, resolved: 6, backlog: 1, measured: 10, breached: 3, compliancePercent: 70, resolutionMedianMinutes: 360, downtimeMinutes: null, fewerThanMinimum: false }];
      }),
    );
    expect(markdownlintFindings(withGroups)).toEqual([]);
    // A group has no downtime column, and no name: "—".
    expect(section(withGroups, 'Per assignment group')).toContain('|network|—|7|6|1|10|3|70.0%|6h00m|\n');
  });

  it('writes a review with nothing in it as sentences, not empty tables or charts, and stays lint-clean', () => {
    const empty = reviewMarkdown(emptyReview());
    expect(markdownlintFindings(empty)).toEqual([]);
    expect(empty).toContain('No ticket was opened in 2026-11.');
    expect(empty).toContain('No ticket was open at the end of 2026-11.');
    expect(empty).toContain('The register is empty');
    expect(empty).not.toContain('pie title');
    // An all-zero bar chart still has a y range (0 to 1) and every month at 0.
    const volumeChart = mermaidBlocks(section(empty, 'Volume'))[0]!;
    expect(volumeChart).toContain('  y-axis "Tickets" 0 --> 1');
    expect(volumeChart).toContain('  bar [0,0,0]');
  });

  it('writes a review of one month without line charts, and stays lint-clean', () => {
    const one = reviewMarkdown(
      sampleWith((r) => {
        const last = <T>(list: T[]): T[] => list.slice(-1);
        r.months = last(r.months);
        r.volume.months = last(r.volume.months);
        r.backlog.months = last(r.backlog.months);
        r.speed.figures = r.speed.figures.filter((f) => f.month === '2026-11');
        r.speed.reopen = last(r.speed.reopen);
        r.speed.firstContact = last(r.speed.firstContact);
        for (const t of r.serviceLevels.targets) t.months = last(t.months);
        for (const a of r.serviceLevels.availability) a.windows = last(a.windows);
        for (const row of [...r.recurrence.services, ...r.recurrence.categories]) row.months = last(row.months);
        r.changes!.months = last(r.changes!.months);
        r.problems!.months = last(r.problems!.months);
      }),
    );
    expect(markdownlintFindings(one)).toEqual([]);
    expect(one).toContain('with trends over the month 2026-11.');
    expect(mermaidBlocks(one).map((b) => b[0])).toEqual(['xychart-beta', 'pie title Opened in 2026-11 by type', 'pie title Opened in 2026-11 by priority', 'xychart-beta']);
    expect(one.replace(/\n/g, ' ')).toContain('No chart of the median time to resolution (MTTR): it was measured in fewer than two months');
  });

  it('draws the month with no tickets as a 0 bar in the volume and backlog charts, never a missing month', () => {
    const [volumeChart] = mermaidBlocks(section(markdown, 'Volume'));
    expect(volumeChart).toEqual([
      'xychart-beta',
      '  title "Tickets opened (bars) and resolved (line)"',
      '  x-axis ["2026-09","2026-10","2026-11"]',
      // The largest value, 15 opened in 2026-11, tops the axis.
      '  y-axis "Tickets" 0 --> 15',
      '  bar [0,12,15]',
      '  line [0,9,14]',
    ]);
    const [backlogChart] = mermaidBlocks(section(markdown, 'Backlog and ageing'));
    expect(backlogChart).toContain('  bar [0,3,4]');
    expect(section(markdown, 'Volume')).toContain('|2026-09|0|0|\n');
  });

  it('writes every Mermaid block as GitHub expects it: xychart-beta with labels and series of the same length, pie with quoted labels', () => {
    const blocks = mermaidBlocks(markdown);
    // Volume, 2 pies, backlog, MTTA and MTTR lines, 2 targets.
    expect(blocks).toHaveLength(8);
    for (const block of blocks) {
      if (block[0] === 'xychart-beta') {
        expect(block[1]).toMatch(/^ {2}title "[^"]+"$/);
        const axis = /^ {2}x-axis \[((?:"[^"]+",)*"[^"]+")\]$/.exec(block[2]!);
        expect(axis, block[2]).not.toBeNull();
        const labels = axis![1]!.split(',');
        expect(block[3]).toMatch(/^ {2}y-axis "[^"]+" 0 --> \d+$/);
        const series = block.slice(4);
        expect(series.length).toBeGreaterThan(0);
        for (const line of series) {
          const m = /^ {2}(?:bar|line) \[(-?\d+(?:\.\d+)?(?:,-?\d+(?:\.\d+)?)*)\]$/.exec(line);
          expect(m, line).not.toBeNull();
          expect(m![1]!.split(',')).toHaveLength(labels.length);
        }
      } else {
        expect(block[0]).toMatch(/^pie title \S/);
        for (const line of block.slice(1)) expect(line).toMatch(/^ {2}"[^"]+" : [1-9]\d*$/);
      }
    }
    expect(blocks[1]).toEqual(['pie title Opened in 2026-11 by type', '  "incident" : 10', '  "request" : 5']);
  });

  it('leaves a month with nothing measured out of a line chart, and says so', () => {
    const speed = section(markdown, 'Speed');
    const [mtta, mttr] = mermaidBlocks(speed);
    // 2026-09 has no clock: the lines start in 2026-10. Medians: response 15 and 14.5 minutes (the mean of 14 and 15,
    // the middle two of fourteen); resolution 240 minutes = 4 h and (200 + 240) ÷ 2 = 220 minutes = 3.67 h.
    expect(mtta).toEqual(['xychart-beta', '  title "Median MTTA (minutes)"', '  x-axis ["2026-10","2026-11"]', '  y-axis "Minutes" 0 --> 15', '  line [15,14.5]']);
    expect(mttr).toEqual(['xychart-beta', '  title "Median MTTR (hours)"', '  x-axis ["2026-10","2026-11"]', '  y-axis "Hours" 0 --> 4', '  line [4,3.67]']);
    expect(speed).toContain('1 month with no clock stopped is left out of the axis');
  });

  it('escapes user text in tables: "R&D <lab>" and the pipe in a title', () => {
    expect(section(markdown, 'Per consumer')).toContain('|r-and-d|R&amp;D&nbsp;\\<lab\\>|9|8|3|14|2|85.7%|4h00m|');
    expect(section(markdown, 'Oldest open tickets')).toContain('|INC0000104|VPN&nbsp;drops&nbsp;\\|&nbsp;every&nbsp;hour|');
    expect(section(markdown, 'Oldest open tickets')).toContain('New&nbsp;laptop&nbsp;for&nbsp;R&amp;D&nbsp;\\<lab\\>');
    expect(markdown).not.toMatch(/(?<!\\)<lab/);
    // Every row of every table has as many cells as its head: the escaped pipe did not split a cell.
    const rows = markdown.split('\n');
    for (let i = 0; i < rows.length; i++) {
      if (!rows[i]!.startsWith('|') || rows[i - 1]?.startsWith('|')) continue;
      const width = cells(rows[i]!).length;
      for (let j = i + 1; rows[j]?.startsWith('|'); j++) expect(cells(rows[j]!), rows[j]).toHaveLength(width);
    }
  });

  it('escapes what would end a Mermaid label', () => {
    const md = reviewMarkdown(
      sampleWith((r) => {
        const nov = r.volume.months[2]!;
        nov.openedByType[0]!.key = 'in"cident <x> & #1';
      }),
    );
    expect(mermaidBlocks(md)[1]).toContain('  "in#34;cident #60;x#62; #38; #35;1" : 10');
    expect(markdownlintFindings(md)).toEqual([]);
  });

  it('gives each improvement its verdict, figures in the metric’s unit', () => {
    const register = section(markdown, 'Improvement register');
    const row = (id: string) => cells(register.split('\n').find((l) => l.startsWith(`|${id}|`))!);
    expect(row('IMP-001').at(-1)).toBe('✅&nbsp;achieved');
    expect(row('IMP-002').at(-1)).toBe('🟢&nbsp;on&nbsp;track');
    expect(row('IMP-003').at(-1)).toBe('⚠️&nbsp;overdue');
    expect(row('IMP-004').at(-1)).toBe('❌&nbsp;missed');
    expect(row('IMP-005').at(-1)).toBe('❔&nbsp;no&nbsp;data');
    // Minutes as hours and minutes: baseline 360 = 6h00m, target and current 240 = 4h00m.
    expect(row('IMP-001').slice(3, 9)).toEqual(['organisation,&nbsp;P2', 'median&nbsp;time&nbsp;to&nbsp;resolution', '6h00m', '4h00m', '4h00m', '100.0%']);
    // Percent as written; a figure that cannot be measured is "—" (and not marked, though its sample is small).
    expect(row('IMP-004').slice(5, 8)).toEqual(['99.5%', '99.9%', '99.306%']);
    expect(row('IMP-005').slice(7, 9)).toEqual(['—', '—']);
    expect(register).toContain('5 improvements, 1 achieved, 1 on\ntrack, 1 overdue, 1 missed, 1 no data.');
  });

  it('formats the figures of the reviewed month, worked by hand', () => {
    const glance = section(markdown, 'At a glance');
    expect(glance).toContain('|figure|2026-11|2026-10|MoM|2025-11|YoY|');
    // 15 against 12: +25.0%; a year ago (2025-11) is before the first record (2026-08): no figure, not a 0.
    expect(glance).toContain('|Tickets&nbsp;opened|15|12|+25.0%|—|—|');
    // With records going back that far, the year-ago month had no tickets: 0, and no percentage from 0.
    const recorded = section(reviewMarkdown({ ...sampleReview(), recordsFrom: '2025-01' }), 'At a glance');
    expect(recorded).toContain('|Tickets&nbsp;opened|15|12|+25.0%|0|—|');
    // Open at the end: 4 against 3, +33.3%; 2025-11 is not among the months: "—".
    expect(glance).toContain('|Open&nbsp;at&nbsp;month&nbsp;end|4|3|+33.3%|—|—|');
    // MTTR median: 220 minutes = 3h40m against 240 = 4h00m; (220 − 240) ÷ 240 = −8.3%.
    expect(glance).toContain('|MTTR&nbsp;median|3h40m|4h00m|-8.3%|—|—|');
    // Compliance over both targets: November (1 + 11) ÷ (2 + 12) = 85.7%, October (3 + 5) ÷ (3 + 6) = 88.9%: −3.2 points.
    expect(glance).toContain('|SLA&nbsp;compliance|85.7%|88.9%|-3.2&nbsp;pp|—|—|');
    expect(glance).toContain('|Availability&nbsp;targets&nbsp;met|0&nbsp;of&nbsp;1|1&nbsp;of&nbsp;1|—|—|—|');
    expect(glance).toContain('EUR -123.45');
    // November's fourteen resolution times sum to 4,275 minutes: a mean of 305.36 = 5h05m; p90 at rank ⌈12.6⌉ = 13: 480 = 8h00m.
    expect(section(markdown, 'Speed')).toContain('|2026-11|14|15m|28m|16m|14|3h40m|8h00m|5h05m|');
    // Availability floored to two decimals, as sla report: 99.799 → 99.79%, 99.306 → 99.30%; November's 300 minutes
    // down spent 300 ÷ 216 = 138.9% of the budget.
    expect(section(markdown, 'Availability and error budget')).toContain(
      '|email|standard-sla|99.5%|100.00%&nbsp;✅&nbsp;(budget&nbsp;0.0%)|99.79%&nbsp;✅&nbsp;(budget&nbsp;40.3%)|99.30%&nbsp;❌&nbsp;(budget&nbsp;138.9%)|',
    );
  });

  it('marks figures built on fewer than minimumSample clocks, and explains the mark', () => {
    const speed = section(markdown, 'Speed');
    // November's P1 response: 2 clocks, median (4 + 6) ÷ 2 = 5, p90 at rank ⌈1.8⌉ = 2: 6.
    expect(speed).toContain('|2026-11|5m&nbsp;/&nbsp;6m&nbsp;(2)&nbsp;†|17m&nbsp;/&nbsp;28m&nbsp;(12)|');
    expect(speed).toContain('† Built on fewer than 5 tickets or clocks (n \\< 5): read with care.');
    // A null figure is "—", with no mark.
    expect(speed).toContain('|2026-09|0|—|—|—|0|—|—|—|');
    expect(section(markdown, 'Per service')).toContain('|workplace|Workplace&nbsp;&amp;&nbsp;devices|4|4|2|4|0|100.0%&nbsp;†|1h50m&nbsp;†|0m|');
    // A table without a marked figure has no note.
    expect(section(markdown, 'Availability and error budget')).not.toContain('†');
  });
});

/** The rows of the first table in `text` after its head and delimiter rows. */
function tableRows(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start + 2, end < 0 ? undefined : end);
}

describe('itsm review --format markdown: long tables kept short', () => {
  it('lists only the targets that measured a clock, those that missed in the reviewed month first, and counts the rest', () => {
    const review = sampleWith((r) => {
      // The met target first in the report's order; a third target that measured nothing in any month.
      const [p1, p2] = r.serviceLevels.targets;
      const idle = { ...structuredClone(p2!), priority: 'P3', months: p2!.months.map((m) => ({ ...m, measured: 0, met: 0, breached: 0, compliancePercent: null, ok: null })) };
      r.serviceLevels.targets = [p2!, p1!, idle];
    });
    const compliance = section(reviewMarkdown(review), 'Compliance per target');
    expect(compliance.replace(/\n/g, ' ')).toContain(
      "2 targets measured clocks in the months; the one that missed its objective in 2026-11 comes first, then the others. 1 other target measured nothing in any of the months and is left out.",
    );
    // P1's response missed in November (1 of 2, 50% against 95%): first; P2's resolution met (91.7%): after it.
    expect(tableRows(compliance).map((row) => cells(row).slice(0, 4).join(' '))).toEqual(['standard-sla response incident P1', 'standard-sla resolution incident P2']);
    expect(compliance).not.toContain('|P3|');
  });

  it('pivots availability: a row per service and agreement, a column per window, one table per kind of window', () => {
    const review = sampleWith((r) => {
      const window = { agreedMinutes: 132480, downtimeMinutes: 66, errorBudgetMinutes: 132.48, errorBudgetRemainingMinutes: 66.48, ok: true };
      r.serviceLevels.availability.push({
        service: 'vpn',
        sla: 'gold',
        targetPercent: 99.9,
        windows: [
          // 66 minutes down of 132,480: 99.950%; 66 ÷ 132.48 = 49.8% of the budget.
          { window: '2026-Q3', from: '2026-06-30T22:00:00.000Z', to: '2026-09-30T22:00:00.000Z', availabilityPercent: 99.95, budgetBurnPercent: 49.8, ...window },
          { window: '2026-Q4', from: '2026-09-30T22:00:00.000Z', to: '2026-12-31T23:00:00.000Z', availabilityPercent: null, budgetBurnPercent: null, ...window },
        ],
      });
    });
    const availability = section(reviewMarkdown(review), 'Availability and error budget');
    const months = availability.slice(availability.indexOf('Availability per month.'));
    expect(tableRows(months)).toHaveLength(1);
    expect(months).toContain('|service|SLA|target|2026-09|2026-10|2026-11|');
    const quarters = availability.slice(availability.indexOf('Availability per quarter.'));
    expect(tableRows(quarters)).toEqual(['|vpn|gold|99.9%|99.95%&nbsp;✅&nbsp;(budget&nbsp;49.8%)|—|']);
    expect(quarters).toContain('|service|SLA|target|2026-Q3|2026-Q4|');
  });

  it('says the trends begin with the repository’s first ticket when that is why they are shorter than 12 months', () => {
    const intro = (r: Review) => reviewMarkdown(r).split('\n\n')[1]!.replace(/\n/g, ' ');
    // The sample's records begin in 2026-08, before its three months: no such sentence.
    expect(intro(sampleReview())).not.toContain('trends from');
    expect(intro(sampleWith((r) => (r.recordsFrom = '2026-09')))).toContain("with trends over the 3 months 2026-09 to 2026-11 (trends from 2026-09, the month of the repository's first ticket).");
    // Twelve months are the full span: nothing to explain.
    const twelve = sampleWith((r) => {
      r.months = Array.from({ length: 12 }, (_, i) => ({ label: `2026-${String(i + 1).padStart(2, '0')}`, from: '', to: '' }));
      r.recordsFrom = '2026-01';
    });
    expect(recordsFromNote(twelve)).toBeNull();
  });

  it('writes the review of examples/acme lint-clean, misses first, and says where its records begin', () => {
    const acme = reviewMarkdown(acmeReview());
    expect(markdownlintFindings(acme)).toEqual([]);
    expect(acme.split('\n\n')[1]!.replace(/\n/g, ' ')).toContain("(trends from 2026-07, the month of the repository's first ticket)");
    // In the compliance table, every row whose November cell has ❌ comes before every row whose cell has not.
    const novemberMissed = tableRows(section(acme, 'Compliance per target')).map((row) => cells(row).at(-1)!.includes('❌'));
    const firstMet = novemberMissed.indexOf(false);
    expect(firstMet).toBeGreaterThan(0);
    expect(novemberMissed.slice(firstMet)).not.toContain(true);
    // Availability: one row per service and agreement (17), in a monthly and a quarterly table.
    const availability = section(acme, 'Availability and error budget');
    expect(tableRows(availability.slice(availability.indexOf('Availability per month.'))).length + tableRows(availability.slice(availability.indexOf('Availability per quarter.'))).length).toBe(17);
  });
});

describe('the shared review formats', () => {
  it('writes business minutes as hours and minutes, never days', () => {
    // 1,500 business minutes are 25 business hours: over three 8-hour business days, not "1d 1h".
    expect(minutesOrNone(1500)).toBe('25h00m');
    expect(minutesOrNone(45)).toBe('45m');
    expect(minutesOrNone(-84)).toBe('-1h24m');
    expect(minutesOrNone(null)).toBe('—');
  });

  it('writes percentages and changes with one decimal and a sign', () => {
    expect(percentText(91.7)).toBe('91.7%');
    expect(percentText(100)).toBe('100.0%');
    expect(signedPercent(25)).toBe('+25.0%');
    expect(signedPercent(-8.3)).toBe('-8.3%');
    expect(signedPercent(0)).toBe('0.0%');
    expect(signedPercent(null)).toBe('—');
    expect(signedPoints(20)).toBe('+20.0 pp');
    expect(yearAgoLabel('2026-01')).toBe('2025-01');
  });
});
