import { describe, expect, it } from 'vitest';
import { formatSlaReportMarkdown } from '../../../src/report/sla/index.js';
import { manyBreaches, quarterReport, sampleReport, summaryRow } from './sample.js';

const SECTIONS = [
  '### gold — Gold service level (sla)',
  '',
  '|type|priority|metric|target|objective|measured|met|breached|running|compliance|ok|',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|:---:|',
  '|incident|P1|response|15m|95%|10|9|1|0|90.0%|❌|',
  '|incident|P1|resolution|4h|95%|10|10|0|2&nbsp;(1&nbsp;warning)|100.0%|✅|',
  '|request|P3|resolution|24h|90%|0|0|0|0|—|✅|',
  '',
  '### desk — Service desk (ola)',
  '',
  '|type|priority|metric|target|objective|measured|met|breached|running|compliance|ok|',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|:---:|',
  '|incident|P2|resolution|8h|99.5%|3|3|0|0|100.0%|✅|',
  '',
  '### Availability',
  '',
  '|service|window|target|availability|downtime|budget&nbsp;left|MTTR|MTBF|ok|',
  '|---|---|---:|---:|---:|---:|---:|---:|:---:|',
  '|email|2026-10|99.5%|100.00%|0m|3h43m|—|—|✅|',
  '|vpn|2026-10|99.95%|99.89%|45m|-23m|23m|371h38m|❌|',
  '',
  '### Breaches',
  '',
  '|ticket|service|sla|metric|priority|elapsed|target|breached&nbsp;at|',
  '|---|---|---|---|---|---:|---:|---|',
  '|INC0001|vpn|gold|response|P1|48m|15m|2026-10-05&nbsp;09:15&nbsp;-04:00|',
];

/**
 * What markdownlint's default rules check that a string can show: one trailing newline (MD047), no trailing spaces
 * (MD009), no tabs (MD010), no double blank lines (MD012), no whitespace past column 80 (MD013), and blank lines
 * around headings (MD022), fences (MD031) and tables (MD058). The outputs were also checked with markdownlint itself.
 */
function expectLintClean(markdown: string): void {
  expect(markdown.endsWith('\n') && !markdown.endsWith('\n\n')).toBe(true);
  expect(markdown).not.toMatch(/[ \t]$/m);
  expect(markdown).not.toContain('\t');
  expect(markdown).not.toContain('\n\n\n');
  const lines = markdown.slice(0, -1).split('\n');
  expect(lines.filter((l) => /^.{80}.*\s/.test(l))).toEqual([]);
  let inFence = false;
  lines.forEach((line, i) => {
    const before = lines[i - 1];
    const after = lines[i + 1];
    const opensFence = !inFence && line.startsWith('```');
    const closesFence = inFence && line === '```';
    if (opensFence || closesFence) inFence = !inFence;
    if (inFence && !opensFence) return;
    const isTable = line.startsWith('|');
    const needsBlankBefore = line.startsWith('#') || opensFence || (isTable && !before?.startsWith('|'));
    const needsBlankAfter = line.startsWith('#') || closesFence || (isTable && !after?.startsWith('|'));
    if (needsBlankBefore && before !== undefined) expect(before, `before line ${i + 1}`).toBe('');
    if (needsBlankAfter && after !== undefined) expect(after, `after line ${i + 1}`).toBe('');
  });
  expect(inFence).toBe(false);
}

describe('sla report: markdown', () => {
  it('is a section of headings, a summary and GFM tables, without a chart for a single month', () => {
    const markdown = formatSlaReportMarkdown(sampleReport());
    expect(markdown).toBe(
      [
        '## SLA report — Acme Corp, 2026-10',
        '',
        'Period 2026-10-01 00:00 -04:00 to 2026-11-01 00:00 -04:00, measured as of',
        '2026-11-15 09:00 -05:00 (America/New\\_York). 23 clocks measured: 22 met, 1',
        'breached; 2 still running. 4 of 6 targets met; 1 target below objective; 1',
        'availability window below target.',
        '',
        ...SECTIONS,
        '',
      ].join('\n'),
    );
    expect(markdown).not.toContain('mermaid');
    expectLintClean(markdown);
  });

  it('adds one Mermaid chart per SLA and metric when the period spans several months, leaving out unmeasured months', () => {
    const markdown = formatSlaReportMarkdown(quarterReport());
    expect(markdown).toBe(
      [
        '## SLA report — Acme Corp, 2026-Q4',
        '',
        'Period 2026-10-01 00:00 -04:00 to 2027-01-01 00:00 -05:00, measured as of',
        '2027-01-04 09:00 -05:00 (America/New\\_York). 23 clocks measured: 22 met, 1',
        'breached; 2 still running. 4 of 6 targets met; 1 target below objective; 1',
        'availability window below target.',
        '',
        ...SECTIONS,
        '',
        '### Monthly compliance',
        '',
        'One chart per SLA and metric, as Mermaid’s xychart has no legend. A month in',
        'which nothing was measured is left out of its chart rather than drawn as 0% or',
        '100%; a series measured in fewer than two months has no chart.',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "response · gold"',
        '  x-axis ["2026-10","2026-12"]',
        '  y-axis "Compliance %" 0 --> 100',
        '  line [90.0,66.6]',
        '```',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "resolution · gold"',
        '  x-axis ["2026-10","2026-11","2026-12"]',
        '  y-axis "Compliance %" 0 --> 100',
        '  line [100.0,87.5,100.0]',
        '```',
        '',
      ].join('\n'),
    );
    expectLintClean(markdown);
  });

  it('leaves the chart section out when no series was measured in two months', () => {
    const report = quarterReport();
    report.monthly = report.monthly.map((m) => (m.month === '2026-10' ? m : { ...m, met: 0, breached: 0, compliancePercent: null }));
    expect(formatSlaReportMarkdown(report)).not.toContain('Monthly compliance');
  });

  it('starts at the heading level it is given, for a file of its own', () => {
    const lines = formatSlaReportMarkdown(quarterReport(), { headingLevel: 1 }).split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '# SLA report — Acme Corp, 2026-Q4',
      '## gold — Gold service level (sla)',
      '## desk — Service desk (ola)',
      '## Availability',
      '## Breaches',
      '## Monthly compliance',
    ]);
  });

  it('lists at most 50 breaches', () => {
    const markdown = formatSlaReportMarkdown(manyBreaches(53));
    expect(markdown.split('\n').filter((l) => l.startsWith('|INC'))).toHaveLength(50);
    expect(markdown.endsWith('|INC0050|vpn|gold|resolution|P1|4h10m|4h|2026-10-05&nbsp;13:00&nbsp;-04:00|\n\n… and 3 more (use --format json for all)\n')).toBe(true);
    expectLintClean(markdown);
  });

  it('says when there is nothing to list', () => {
    const report = { ...sampleReport(), summary: [], availability: [], tickets: [] };
    expect(formatSlaReportMarkdown(report)).toBe(
      [
        '## SLA report — Acme Corp, 2026-10',
        '',
        'Period 2026-10-01 00:00 -04:00 to 2026-11-01 00:00 -04:00, measured as of',
        '2026-11-15 09:00 -05:00 (America/New\\_York). 0 clocks measured: 0 met, 0',
        'breached; 0 still running.',
        '',
        'No SLA targets in scope.',
        '',
        '### Breaches',
        '',
        'None.',
        '',
      ].join('\n'),
    );
  });

  it('escapes Markdown in names, keeps long headings on one line, and never colours', () => {
    const report = {
      ...sampleReport(),
      organisation: 'R&D <lab> | *Platform* Engineering\tand Operations of the\nNorthern Hemisphere Region',
      summary: [summaryRow({ slaName: 'Gold_level [draft]', group: null })],
      availability: [],
      tickets: [],
    };
    const markdown = formatSlaReportMarkdown(report, { color: true });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(
      '## SLA report — R&amp;D \\<lab\\> \\| \\*Platform\\* Engineering and Operations of the&nbsp;Northern&nbsp;Hemisphere&nbsp;Region,&nbsp;2026-10',
    );
    expect(lines).toContain('### gold — Gold\\_level \\[draft\\] (sla)');
    expect(markdown).not.toContain('\u001b[');
    expectLintClean(markdown);
  });
});
