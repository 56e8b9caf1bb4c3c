import { describe, expect, it } from 'vitest';
import {
  EXPLAIN_FORMATS,
  SLA_REPORT_FORMATS,
  SLA_STATUS_FORMATS,
  formatMinutes,
  formatSlaReport,
  formatSlaReportCsv,
  formatSlaReportMarkdown,
  formatSlaReportTable,
  formatSlaStatus,
  formatSlaStatusCsv,
  formatSlaStatusTable,
  formatTicketStory,
  formatTicketStoryText,
  isExplainFormat,
  isSlaReportFormat,
  isSlaStatusFormat,
} from '../../../src/report/sla/index.js';
import { sampleReport, sampleStatus, sampleStory } from './sample.js';

describe('sla formatter registry', () => {
  it('names the formats of each command, the default first', () => {
    expect(SLA_REPORT_FORMATS).toEqual(['table', 'json', 'csv', 'markdown']);
    expect(SLA_STATUS_FORMATS).toEqual(['table', 'json', 'csv']);
    expect(EXPLAIN_FORMATS).toEqual(['text', 'json']);
    expect(isSlaReportFormat('markdown')).toBe(true);
    expect(isSlaStatusFormat('markdown')).toBe(false);
    expect(isExplainFormat('text')).toBe(true);
    expect(isExplainFormat('table')).toBe(false);
  });

  it('dispatches to the formatter of each format', () => {
    const report = sampleReport();
    expect(formatSlaReport('table', report, { color: true })).toBe(formatSlaReportTable(report, { color: true }));
    expect(formatSlaReport('csv', report)).toBe(formatSlaReportCsv(report));
    expect(formatSlaReport('markdown', report, { headingLevel: 1 })).toBe(formatSlaReportMarkdown(report, { headingLevel: 1 }));
    const status = sampleStatus();
    expect(formatSlaStatus('table', status)).toBe(formatSlaStatusTable(status));
    expect(formatSlaStatus('csv', status)).toBe(formatSlaStatusCsv(status));
    expect(formatTicketStory('text', sampleStory(), { timeZone: 'UTC' })).toBe(formatTicketStoryText(sampleStory(), { timeZone: 'UTC' }));
  });

  it('prints JSON as the result is, indented, with one trailing newline and never colour', () => {
    for (const [json, value] of [
      [formatSlaReport('json', sampleReport(), { color: true }), sampleReport()],
      [formatSlaStatus('json', sampleStatus(), { color: true }), sampleStatus()],
      [formatTicketStory('json', sampleStory(), { color: true }), sampleStory()],
    ] as const) {
      expect(json).toBe(`${JSON.stringify(value, null, 2)}\n`);
      expect(JSON.parse(json)).toEqual(value);
      expect(json).not.toContain('\u001b[');
    }
    expect(formatSlaStatus('json', sampleStatus()).split('\n').slice(0, 5)).toEqual([
      '{',
      '  "version": 1,',
      '  "organisation": "Acme Corp",',
      '  "timeZone": "America/New_York",',
      '  "asOf": "2026-10-06T13:30:00.000Z",',
    ]);
  });

  it('never colours CSV or Markdown', () => {
    expect(formatSlaReport('csv', sampleReport(), { color: true })).not.toContain('\u001b[');
    expect(formatSlaStatus('csv', sampleStatus(), { color: true })).not.toContain('\u001b[');
    expect(formatSlaReport('markdown', sampleReport(), { color: true })).not.toContain('\u001b[');
  });
});

describe('formatMinutes', () => {
  it('writes business minutes as hours and whole minutes, never days', () => {
    expect([0, 0.4, 0.5, 45, 59.6, 60, 90, 1635, 4380].map(formatMinutes)).toEqual(['0m', '0m', '1m', '45m', '1h00m', '1h00m', '1h30m', '27h15m', '73h00m']);
    expect([-0.4, -12, -130].map(formatMinutes)).toEqual(['0m', '-12m', '-2h10m']);
  });
});
