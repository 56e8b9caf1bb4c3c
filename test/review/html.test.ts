import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/practices/review/types.js';
import { reviewHtml } from '../../src/report/review/html.js';
import { reviewMarkdown } from '../../src/report/review/markdown.js';
import { niceScale } from '../../src/report/review/svg-charts.js';
import { acmeReview } from './acme-review.js';
import { sampleReview } from './sample-review.js';

/** The <svg> element with this id, as text. */
function svgOf(html: string, id: string): string {
  const start = html.indexOf(`<svg class="chart`, html.indexOf(`id="${id}"`) - 60);
  expect(start, `chart ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</svg>', start) + 6);
}

/** The content of the section with this id. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('review: html', () => {
  const html = reviewHtml(sampleReview());

  it('is one self-contained page: no script, no external style, image or font, and a policy that forbids loading', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script\b/);
    expect(html).not.toMatch(/<link(?![^>]*rel="icon" href="data:,")[^>]*>/);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio)\b/);
    expect(html).not.toMatch(/url\(|@import|@font-face/);
    // The only http address is the SVG namespace, which is a name, never fetched.
    expect([...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
  });

  it('escapes every piece of user text: the organisation, titles, names', () => {
    const review = sampleReview();
    review.organisation = 'R&D <lab> "north"';
    const page = reviewHtml(review);
    expect(page).toContain('<title>R&amp;D &lt;lab&gt; &quot;north&quot;: service review November 2026</title>');
    expect(page).toContain('<p class="organisation">R&amp;D &lt;lab&gt; &quot;north&quot;</p>');
    expect(page).toContain('New laptop for R&amp;D &lt;lab&gt;');
    expect(page).toContain('R&amp;D &lt;lab&gt; <span class="id">r-and-d</span>');
    expect(page).toContain('VPN drops | every hour');
    expect(page).not.toContain('R&D <lab>');
    expect(page).not.toContain('<lab>');
  });

  it('gives every chart a <title>, a <desc> and its figures as a table', () => {
    const svgs = [...html.matchAll(/<svg\b[^>]*>\n<title id="([^"]+)">([^<]+)<\/title>\n<desc id="([^"]+)">([^<]+)<\/desc>/g)];
    expect(svgs.length).toBe((html.match(/<svg\b/g) ?? []).length);
    // Volume 4, backlog 1, speed 5 (MTTA and MTTR, each median and p90; the rates), service levels 1 (targets; the error
    // budget is in the availability table), recurrence 1, changes 1, problems 1.
    expect(svgs.length).toBe(14);
    const figures = html.match(/<figure class="chart-figure">/g) ?? [];
    const tables = html.match(/<summary>The figures of /g) ?? [];
    expect(figures.length).toBe(svgs.length);
    expect(tables.length).toBe(svgs.length);
    for (const m of svgs) expect(html).toContain(`aria-labelledby="${m[1]!} ${m[3]!}"`);
  });

  it('has the sections of docs/review.md in order, and leaves out changes and problems when there are none', () => {
    const order = ['glance', 'volume', 'backlog', 'speed', 'service-levels', 'recurrence', 'changes', 'problems', 'worst', 'breakdown', 'improvements'];
    const positions = order.map((id) => html.indexOf(`<section id="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Headings in order: one h1, then h2 per section.
    expect(html.match(/<h1\b/g)).toHaveLength(1);

    const review = sampleReview();
    review.changes = null;
    review.problems = null;
    const page = reviewHtml(review);
    for (const id of ['changes', 'problems']) {
      expect(page).not.toContain(`<section id="${id}"`);
      expect(page).not.toContain(`href="#${id}"`);
      expect(page).not.toContain(`id="chart-${id}"`);
    }
    expect(page).toContain('<section id="recurrence"');
    expect(page).toContain('<section id="worst"');
  });

  it('draws a month with no tickets as a 0: bars of height 0 marked on the axis, points on the axis', () => {
    // Opened and resolved in 2026-09: 0 and 0.
    const volume = svgOf(html, 'chart-volume');
    const bars = [...volume.matchAll(/<rect class="bar (s\d)" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" data-category="2026-09" data-series="([^"]+)" data-value="([^"]*)"/g)];
    expect(bars.map((b) => [b[4], b[5], b[3]])).toEqual([
      ['opened', '0', '0'],
      ['resolved', '0', '0'],
    ]);
    const baseline = Number(/<line class="baseline" x1="[^"]+" y1="([^"]+)"/.exec(volume)![1]);
    expect(bars.map((b) => Number(b[2]))).toEqual([baseline, baseline]);
    expect(volume.match(/<line class="zero s\d"/g)).toHaveLength(2);
    // The stacked chart writes the total, 0, above the empty month.
    expect(svgOf(html, 'chart-opened-type')).toMatch(/<text class="total" x="[^"]+" y="[^"]+" text-anchor="middle">0<\/text>/);

    // Incidents of vpn per month: 0, 3, 6; the 0 is a point on the axis.
    const recurrence = svgOf(html, 'chart-recurrence');
    const axis = Number(/<line class="baseline" x1="[^"]+" y1="([^"]+)"/.exec(recurrence)![1]);
    const point = /<circle class="point s1" cx="[^"]+" cy="([^"]+)" r="3.5" data-category="2026-09" data-series="vpn" data-value="0">/.exec(recurrence);
    expect(Number(point![1])).toBe(axis);
    expect(recurrence).toMatch(/data-category="2026-10" data-series="vpn" data-value="3"/);
  });

  it('leaves a gap, not a 0, where a median or rate cannot be computed, and shows it as "—", as the Markdown does', () => {
    const rates = svgOf(html, 'chart-rates');
    expect(rates).not.toContain('data-category="2026-09"');
    // The line starts at 2026-10: one segment from Oct to Nov.
    expect(rates).toMatch(/<path class="line s1" d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"\/>/);
    const figures = sectionOf(html, 'speed');
    expect(figures).toContain('<tr><th scope="row">2026-09</th><td class="num">—</td><td class="num">—</td></tr>');
  });

  it('marks figures built on fewer than the minimum sample ("n < 5"), in tables and as hollow points', () => {
    const note = ' <abbr class="few" title="built on fewer than 5 tickets or clocks: read with care">n&nbsp;&lt;&nbsp;5</abbr>';
    const speed = sectionOf(html, 'speed');
    // P1 in 2026-11: 2 responses (4 and 6 minutes), median 5.
    expect(speed).toContain(`<tr><th scope="row">P1</th><td class="num">2</td><td class="num">5m${note}</td>`);
    // 16.5 minutes to the whole minute, as sla report writes it.
    expect(speed).toContain('<tr><th scope="row">P2</th><td class="num">12</td><td class="num">17m</td>');
    // Compliance of the P1 response target in 2026-11: 1 of 2, 50 %, missed and n < 5.
    expect(sectionOf(html, 'service-levels')).toContain(`✗ </span>50.0%<span class="visually-hidden"> (objective missed)</span></span>${note}`);
    expect(sectionOf(html, 'breakdown')).toContain(`100.0%${note}`);

    const review = sampleReview();
    for (const f of review.speed.figures) if (f.month === '2026-11' && f.priority === null) f.fewerThanMinimum = true;
    const page = reviewHtml(review);
    for (const id of ['chart-response', 'chart-response-p90']) {
      const response = svgOf(page, id);
      expect(response.match(/<circle class="point s\d few"[^>]*data-category="2026-11"/g), id).toHaveLength(1);
      expect(response.match(/<circle class="point s\d few"[^>]*data-category="2026-10"/g), id).toBeNull();
    }
  });

  it('gives each improvement a verdict badge with a mark and words as well as a colour', () => {
    const register = sectionOf(html, 'improvements');
    for (const [verdict, mark, words] of [
      ['achieved', '✓', 'achieved'],
      ['on-track', '→', 'on track'],
      ['overdue', '!', 'overdue'],
      ['missed', '✗', 'missed'],
      ['no-data', '?', 'no data'],
    ] as const) {
      expect(register).toContain(`<span class="badge verdict-${verdict}"><span aria-hidden="true">${mark} </span>${words}</span>`);
    }
    // IMP-001, resolution median P2: baseline 360 minutes (6 h), target 240 (4 h), now 240: achieved.
    expect(register).toMatch(/IMP-001<\/code> Faster P2 resolution<\/th>.*<td class="num">6h00m<\/td><td class="num">4h00m<\/td><td class="num">4h00m<\/td>/);
    // IMP-005 cannot be measured: "—" for the figure and the progress.
    expect(register).toMatch(/IMP-005<\/code>.*<td class="num">4<\/td><td class="num">1<\/td><td class="num">—<\/td><td class="num">—<\/td>/);
  });

  it('shows the reviewed month at a glance, with changes on the month before and the year before', () => {
    const glance = sectionOf(html, 'glance');
    // Opened 15 against 12: +25 %; a year ago (2025-11) is before the first record (2026-08): no figure, not a 0.
    expect(glance).toContain('<h3>Opened</h3><p class="value">15</p><ul class="changes"><li><span class="arrow" aria-hidden="true">▲</span> +25.0% on October 2026 (12)</li><li>— on November 2025 (before the first record)</li></ul>');
    // With records going back that far, the year-ago month had no tickets: 0, and no percentage from 0.
    const recorded = sectionOf(reviewHtml({ ...sampleReview(), recordsFrom: '2025-01' }), 'glance');
    expect(recorded).toContain('<li>— on November 2025 (0), no percentage from 0</li>');
    // Clocks within target in 2026-11: (1 + 11) of (2 + 12) = 85.7 %; in 2026-10 (3 + 5) of (3 + 6) = 88.9 %: −3.2 points.
    expect(glance).toContain('<p class="value">85.7%</p><ul class="changes"><li><span class="arrow" aria-hidden="true">▼</span> -3.2 pp on October 2026 (88.9%)</li></ul><p class="card-note">12 of 14 clocks</p>');
    // Median MTTR 2026-11: of 14 values the 7th and 8th, 200 and 240: 220 minutes = 3h40m; October 240 (4h00m).
    expect(glance).toContain('<p class="value">3h40m</p>');
    expect(glance).toContain('-20m on October 2026 (4h00m)');
    expect(glance).toContain('<p class="value">EUR -123.45</p>');
    // Floored to two decimals against a target of 99.5, as sla report: 99.306 → 99.30%.
    expect(glance).toContain('<p class="value">99.30%</p>');
  });

  it('states the as-of instant in the time zone and in UTC', () => {
    expect(html).toContain('As of <time datetime="2026-11-30T23:00:00.000Z">2026-12-01 00:00 +01:00</time> Europe/Berlin (2026-11-30T23:00:00.000Z).');
  });

  it('rounds the y axis to a round step', () => {
    expect(niceScale(15, 4, true)).toEqual({ top: 15, step: 5 });
    expect(niceScale(138.9, 4, false)).toEqual({ top: 150, step: 50 });
    expect(niceScale(0, 4, true)).toEqual({ top: 4, step: 1 });
    expect(niceScale(3, 4, true)).toEqual({ top: 3, step: 1 });
  });

  it('lists only the targets that measured a clock, those that missed in the reviewed month first under their own head, and counts the rest', () => {
    const review: Review = sampleReview();
    const [p1, p2] = review.serviceLevels.targets;
    const idle = { ...structuredClone(p2!), priority: 'P3', months: p2!.months.map((m) => ({ ...m, measured: 0, met: 0, breached: 0, compliancePercent: null, ok: null })) };
    review.serviceLevels.targets = [p2!, p1!, idle];
    const levels = sectionOf(reviewHtml(review), 'service-levels');
    expect(levels).toContain(
      "<p>2 targets measured clocks in the months; the one that missed its objective in November 2026 comes first, then the others. 1 other target measured nothing in any of the months and is left out.",
    );
    const heads = [...levels.matchAll(/<tr class="group"><th scope="rowgroup" colspan="6"><span>([^<]+)<\/span><\/th><\/tr>|<th scope="row"><span class="id" title="Standard SLA">standard-sla<\/span> ([^<]+)<\/th>/g)].map((m) => m[1] ?? m[2]);
    expect(heads).toEqual(['Missed the objective in November 2026 (1)', 'P1 incident response', 'The others (1)', 'P2 incident resolution']);
  });

  it('pivots availability: a row per service and agreement, a column per window, the budget spent in each cell', () => {
    const levels = sectionOf(html, 'service-levels');
    expect(levels).toContain('<p class="table-title" aria-hidden="true">Availability per month</p>');
    expect(levels).toContain('<thead><tr><th scope="col">Service</th><th scope="col">Agreement</th><th scope="col" class="num">Target</th><th scope="col" class="num">2026-09</th><th scope="col" class="num">2026-10</th><th scope="col" class="num">2026-11</th></tr></thead>');
    expect(levels.match(/<th scope="row">email<\/th>/g)).toHaveLength(1);
    // November: 99.306 floored to 99.30%, missed; 300 ÷ 216 minutes = 138.9% of the budget, the bar full and red.
    expect(levels).toContain(
      '<td class="num"><span class="miss"><span aria-hidden="true">✗ </span>99.30%<span class="visually-hidden"> (objective missed)</span></span><br><span class="budget"><span class="progress over" aria-hidden="true"><span style="width:100%"></span></span> 138.9% of budget</span></td></tr>',
    );
    expect(levels).not.toContain('chart-budget');
  });

  it('says the trends begin with the repository’s first ticket when that is why they are shorter than 12 months', () => {
    expect(html).not.toContain('trends from');
    const review = sampleReview();
    review.recordsFrom = '2026-09';
    expect(reviewHtml(review)).toContain("Trends over 3 months (September 2026 to November 2026: trends from September 2026, the month of the repository&#39;s first ticket), in Europe/Berlin.");
  });

  it('writes durations, nulls, percentages and money as the Markdown does', () => {
    // The Markdown's spaces are &nbsp; in table cells and line breaks in wrapped prose.
    const markdown = reviewMarkdown(sampleReview()).replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
    for (const text of ['3h40m', '4h00m', '85.7%', '88.9%', '+25.0%', '-3.2', '99.30%', 'EUR -123.45', '2026-12-01 00:00 +01:00']) {
      expect(html, text).toContain(text);
      expect(markdown, text).toContain(text);
    }
    expect(html).not.toMatch(/\d h \d+ min|\d+ min\b|–/);
  });

  it('keeps the first column of a wide table in view when its box scrolls sideways', () => {
    expect(html).toContain('.table-wrap tbody th[scope=row],.table-wrap thead th:first-child{position:sticky;left:0;');
  });

  it('writes the review of examples/acme: every target measured, misses first, 17 availability rows', () => {
    const page = reviewHtml(acmeReview());
    expect(page).toContain('trends from July 2026, the month of the repository&#39;s first ticket');
    const levels = sectionOf(page, 'service-levels');
    const rows = [...levels.matchAll(/<tr class="group">.*?<span>([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Missed the objective in November 2026 \(\d+\)$/);
    expect(levels.match(/<table class="availability">/g)).toHaveLength(2);
    expect(levels.match(/<tr><th scope="row">[a-z-]+<\/th><td>(gold|silver|bronze)<\/td>/g)).toHaveLength(17);
  });
});
