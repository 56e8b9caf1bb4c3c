import { describe, expect, it } from 'vitest';
import { formatSlaJson, slaReportJsonChunks } from '../../../src/report/sla/index.js';
import type { SlaReport } from '../../../src/sla/report.js';
import { clockRow, sampleReport } from './sample.js';

// `sla report --format json` is written in pieces (src/report/sla/json.ts): the pieces must join to exactly the bytes
// of JSON.stringify(report, null, 2), whatever the rows hold.

const joined = (report: SlaReport) => [...slaReportJsonChunks(report)].join('');

describe('the JSON of sla report, in pieces', () => {
  it('is the same text as the report stringified whole', () => {
    expect(joined(sampleReport())).toBe(formatSlaJson(sampleReport()));
  });

  it('with no clocks, and with a title that holds line breaks, quotes and non-ASCII text', () => {
    expect(joined({ ...sampleReport(), tickets: [] })).toBe(formatSlaJson({ ...sampleReport(), tickets: [] }));
    const odd = { ...sampleReport(), tickets: [clockRow({ title: 'line one\nline "two"\r\n\t€ – ✓ \u2028' }), clockRow({ ticket: 'INC0002' })] };
    expect(joined(odd)).toBe(formatSlaJson(odd));
  });

  it('in more than one piece when the rows are many, still the same text', () => {
    // 6,000 rows go out in pieces of 2,000 (and the head and the tail): more than three pieces.
    const many = { ...sampleReport(), tickets: Array.from({ length: 6000 }, (_, i) => clockRow({ ticket: `INC${String(i).padStart(7, '0')}` })) };
    const pieces = [...slaReportJsonChunks(many)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(formatSlaJson(many));
  });
});
