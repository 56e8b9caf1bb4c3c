import { describe, expect, it } from 'vitest';
import { buildChargeback } from '../../../src/chargeback/build.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { buildCatalog } from '../../../src/catalog/build.js';
import { formatCatalog } from '../../../src/report/catalog/index.js';
import { formatChargebackMarkdown, formatChargebackTable } from '../../../src/report/chargeback/index.js';
import { formatGithub } from '../../../src/report/diagnostics/github.js';
import { formatStylish } from '../../../src/report/diagnostics/stylish.js';
import { formatSlaReportMarkdown, formatSlaReportTable, formatSlaStatusTable, formatTicketStoryText } from '../../../src/report/sla/index.js';
import { chargebackRepository, month } from '../../chargeback/helpers.js';
import { sampleReport, sampleStatus, sampleStory } from '../sla/sample.js';

// Control characters in the data — ESC starting a colour sequence, BEL, CR, and U+202E (right-to-left override) —
// reach the terminal as visible escapes in every human format, never raw.
const HOSTILE = 'X\u001b[31mRED\u0007\rY\u202eZ';
const SHOWN = 'X\\x1b[31mRED\\x07\\rY\\u202eZ';
/** What must never be printed raw: C0 controls other than LF, DEL, C1 controls, and the bidirectional controls. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectSafe(output: string): void {
  expect(output).not.toMatch(RAW);
  expect(output).toContain(SHOWN);
}

describe('every human format shows control characters from the data as escapes', () => {
  it('validate (stylish): a field name, a message, a hint, a related location and a file name', () => {
    const d: Diagnostic = {
      file: `tickets/${HOSTILE}.yaml`,
      line: 3,
      column: 3,
      severity: 'error',
      rule: 'schema',
      message: `unknown field "${HOSTILE}" in "spec"\nsecond line ${HOSTILE}`,
      hint: `did you mean ${HOSTILE}?`,
      related: [{ file: 'a.yaml', line: 1, column: 1, message: HOSTILE }],
    };
    const out = formatStylish([d]);
    expectSafe(out);
    expect(out.split('\n')).toContain(`tickets/${SHOWN}.yaml`);
    // The message keeps its own line break.
    expect(out).toContain(`second line ${SHOWN}`);
  });

  it('validate --format github: the annotation text, which the runner prints in the log', () => {
    const out = formatGithub([{ file: 'a.yaml', line: 1, column: 1, severity: 'error', rule: 'schema', message: HOSTILE }]);
    // The runner's own encoding turns \r into %0D; there is no CR left to encode.
    expect(out).not.toMatch(RAW);
    expect(out).toContain('X\\x1b[31mRED\\x07\\rY\\u202eZ');
  });

  it('sla status: the title and the status', () => {
    const status = sampleStatus();
    status.clocks[0] = { ...status.clocks[0]!, title: HOSTILE, currentStatus: HOSTILE };
    expectSafe(formatSlaStatusTable(status));
    expect(formatSlaStatusTable(status, { width: 80 })).not.toMatch(RAW);
    expect(formatSlaStatusTable({ ...status, organisation: HOSTILE })).toContain(`— ${SHOWN}`);
  });

  it('sla report: the organisation and the SLA name, in the table and in Markdown', () => {
    const report = { ...sampleReport(), organisation: HOSTILE };
    report.summary = report.summary.map((r) => ({ ...r, slaName: HOSTILE }));
    expectSafe(formatSlaReportTable(report));
    expectSafe(formatSlaReportTable(report, { width: 60 }));
    const markdown = formatSlaReportMarkdown(report);
    expect(markdown).not.toMatch(RAW);
    // In Markdown the backslash of the escape is itself escaped, so that it renders as written; CR is whitespace,
    // which Markdown text folds into one space.
    expect(markdown).toContain('X\\\\x1b\\[31mRED\\\\x07 Y\\\\u202eZ');
  });

  it('sla explain: the title, a status and a holiday name', () => {
    const story = sampleStory();
    story.title = HOSTILE;
    story.clocks[0]!.segments[2] = { ...story.clocks[0]!.segments[2]!, note: HOSTILE, status: HOSTILE };
    expectSafe(formatTicketStoryText(story));
    expect(formatTicketStoryText(story, { width: 60 })).not.toMatch(RAW);
  });

  it('chargeback: a cost center in the table and the Markdown statement', () => {
    const repository = chargebackRepository({
      services: { vpn: { pricing: { model: 'fixed', amount: 10 } } },
      consumers: { finance: { costCenter: HOSTILE, subscriptions: [{ service: 'vpn', from: '2024-01-01' }] } },
    });
    const result = buildChargeback(repository, { period: month('2026-11') });
    expectSafe(formatChargebackTable(result));
    expect(formatChargebackMarkdown(result)).not.toMatch(RAW);
  });

  it('catalog export (Markdown): a service name, in the text and in the Mermaid graph, and a description', () => {
    const repository = chargebackRepository({ services: { vpn: { description: HOSTILE, dependsOn: ['dns'] }, dns: {} } });
    repository.services.find((s) => s.doc.metadata.id === 'vpn')!.doc.metadata.name = HOSTILE;
    const markdown = formatCatalog('markdown', buildCatalog(repository, { audience: 'internal', includeRetired: false, source: null }));
    expect(markdown).not.toMatch(RAW);
    expect(markdown).toContain('```mermaid');
    expect(markdown).toMatch(/\["X\\x1b\[31mRED\\x07 Y\\u202eZ"\]/);
  });
});
