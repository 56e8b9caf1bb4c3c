import { describe, expect, it } from 'vitest';
import type { DiffReport } from '../../../src/governance/report.js';
import { DIFF_JSON_VERSION, formatDiffJson, formatDiffMarkdown, formatDiffText } from '../../../src/report/diff/index.js';

/** A full report, every section filled, as the changes and impact parts will compute it. */
const REPORT: DiffReport = {
  base: { name: 'merge base of origin/main and HEAD', commit: '1111111111111111111111111111111111111111', diagnostics: [] },
  head: {
    name: 'HEAD',
    commit: '2222222222222222222222222222222222222222',
    diagnostics: [{ rule: 'unknown-reference', severity: 'warning', file: 'services/crm.yaml', line: 9, column: 5, message: 'consumer "sales-emea" is retired' }],
  },
  changes: {
    definitions: [
      { kind: 'Calendar', id: 'us-business-hours', action: 'changed', file: 'calendars/us.yaml', line: 3, details: [{ field: 'holidays.2026-12-24', before: null, after: '2026-12-24', text: 'holiday 2026-12-24 added' }] },
      { kind: 'Service', id: 'erp', action: 'changed', file: 'services/erp.yaml', details: [{ field: 'lifecycle', before: 'live', after: 'retired', text: 'lifecycle live → retired; 3 services depend on it' }] },
      { kind: 'Service', id: 'wiki', action: 'added', file: 'services/wiki.yaml', details: [] },
      { kind: 'SLA', id: 'bronze', action: 'removed', file: 'slas/bronze.yaml', line: 1, details: [{ field: '', before: 'bronze', after: null, text: 'removed; still named by 1 definition (service crm)' }] },
      {
        kind: 'SLA',
        id: 'gold',
        action: 'changed',
        file: 'slas/gold.yaml',
        details: [
          { field: 'incident.P2.resolution', before: '8h', after: '4h', text: 'incident P2 resolution 8h → 4h (objective 95% unchanged)', version: { from: null, change: 'edited' } },
          { field: 'incident.P1.response', before: '15m', after: '10m', text: 'incident P1 response 15m → 10m from 2027-01-01', version: { from: '2027-01-01', change: 'added' } },
        ],
      },
    ],
    tickets: { added: 12, changed: 3, removed: 0 },
  },
  impact: {
    period: { label: '2026-09..2026-11', from: '2026-09-01T04:00:00.000Z', to: '2026-12-01T05:00:00.000Z' },
    asOf: '2026-12-06T12:00:00.000Z',
    // 92 met of 100 before (92%), 88 of 100 after (88%): 88 − 92 = −4 points.
    compliance: [
      { sla: 'gold', type: 'incident', priority: 'P2', metric: 'resolution', version: null, target: { base: '8h', head: '4h' }, objectivePercent: { base: 95, head: 95 }, base: { met: 92, breached: 8, compliancePercent: 92 }, head: { met: 88, breached: 12, compliancePercent: 88 }, deltaPoints: -4 },
      // A target a dated version adds: nothing to compare with before; its objective is head's alone.
      { sla: 'gold-finance', type: 'request', priority: 'P1', metric: 'resolution', version: '2026-10-01', target: { base: null, head: '1bd' }, objectivePercent: { base: null, head: 90 }, base: { met: 0, breached: 0, compliancePercent: null }, head: { met: 3, breached: 1, compliancePercent: 75 }, deltaPoints: null },
    ],
    clocks: [{ ticket: 'INC0042', sla: 'gold', metric: 'resolution', kind: 'newly-breached', base: { state: 'running', dueAt: '2026-12-06T17:00:00.000Z' }, head: { state: 'breached', dueAt: '2026-12-06T11:00:00.000Z' } }],
    availability: [{ service: 'erp', sla: 'gold', window: '2026-10', base: { availabilityPercent: 99.95, creditMinor: 0 }, head: { availabilityPercent: 99.8, creditMinor: 12000 } }],
    // 1,204.50 USD more for finance: 1,120,450 − 1,000,000 = 120,450 cents.
    chargeback: { month: '2026-11', currency: 'USD', consumers: [{ consumer: 'finance', baseMinor: 1_000_000, headMinor: 1_120_450, deltaMinor: 120_450 }] },
    retired: [{ service: 'erp', dependents: [{ service: 'crm', path: ['crm', 'erp'] }] }],
    past: [{ month: '2026-10', sla: 'gold', clocks: 42 }],
  },
  impactSkipped: null,
  tickets: { added: [{ id: 'INC0100', file: 'tickets/2026/2026-11.yaml' }], changed: [{ id: 'INC0042', file: 'tickets/2026/2026-11.yaml' }], removed: [] },
};

describe('itsm diff formatters', () => {
  it('text: file  id: words lines, the ticket counts and list, then the impact section by section', () => {
    expect(formatDiffText(REPORT)).toBe(
      [
        'itsm diff: merge base of origin/main and HEAD (111111111111) → HEAD (222222222222)',
        '',
        'calendars/us.yaml:3  us-business-hours: holiday 2026-12-24 added',
        'services/erp.yaml  erp: lifecycle live → retired; 3 services depend on it',
        'services/wiki.yaml  wiki: service added',
        'slas/bronze.yaml:1  bronze: agreement removed; still named by 1 definition (service crm)',
        'slas/gold.yaml  gold: incident P2 resolution 8h → 4h (objective 95% unchanged) [undated terms]',
        'slas/gold.yaml  gold: incident P1 response 15m → 10m from 2027-01-01',
        'Tickets: 12 added, 3 changed, 0 removed',
        '  added    INC0100  tickets/2026/2026-11.yaml',
        '  changed  INC0042  tickets/2026/2026-11.yaml',
        '',
        'Impact over 2026-09..2026-11, running clocks as of 2026-12-06T12:00:00.000Z',
        '',
        'Compliance',
        '  gold incident P2 resolution 8h → 4h: 92% → 88% (−4 points, objective 95%)',
        '  gold-finance from 2026-10-01 request P1 resolution 1bd (new target): n/a → 75% (n/a, objective 90%)',
        '',
        'Running clocks',
        '  INC0042 gold resolution: newly breached (due 2026-12-06T17:00:00.000Z → 2026-12-06T11:00:00.000Z; running → breached)',
        '',
        'Availability',
        '  erp gold 2026-10: 99.95% → 99.8%; credit 0.00 USD → 120.00 USD',
        '',
        'Chargeback 2026-11',
        '  finance: +1,204.50 USD (10,000.00 USD → 11,204.50 USD)',
        '',
        'Retired services still depended on',
        '  erp: crm depends on it (crm → erp)',
        '',
        'History rewritten',
        '  2026-10 gold: 42 clock(s) of a month already reported change',
        '',
        'Problems in HEAD (222222222222)',
        '  services/crm.yaml:9:5 warning consumer "sales-emea" is retired (unknown-reference)',
        '',
      ].join('\n'),
    );
  });

  it('text: says why there is no impact', () => {
    const skipped: DiffReport = { ...REPORT, impact: null, impactSkipped: 'invalid-revision', base: { ...REPORT.base, diagnostics: [{ rule: 'yaml-syntax', severity: 'error', file: 'slas/gold.yaml', line: 3, column: 1, message: 'bad' }] } };
    expect(formatDiffText(skipped)).toContain('\nImpact: not measured: merge base of origin/main and HEAD (111111111111) has errors, and figures from invalid data would be wrong; fix them first\n');
    expect(formatDiffText({ ...REPORT, impact: null, impactSkipped: 'no-definition-change' })).toContain('\nImpact: not measured: no definition changed, so no figure can move\n');
  });

  it('text: colour only when asked', () => {
    expect(formatDiffText(REPORT, { color: true })).toContain('\u001b[');
    expect(formatDiffText(REPORT)).not.toContain('\u001b[');
  });

  it('markdown: a summary first, a warning for rewritten history, every detail folded', () => {
    const md = formatDiffMarkdown(REPORT);
    const lines = md.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '### itsm diff: `merge base of origin/main and HEAD (111111111111)` → `HEAD (222222222222)`',
      '',
      '**5 definitions changed** · tickets: 12 added, 3 changed, 0 removed · impact over 2026-09..2026-11: 2 targets move, 1 running clock newly breached, 1 availability window moves, chargeback 2026-11 moves for 1 consumer, 1 retired service still depended on, 42 clocks of months already reported change',
      '',
      '> **Warning:** this change rewrites history: 42 clock(s) of months already reported (2026-10) would be measured differently.',
      '',
    ]);
    expect(md).toContain(
      [
        '<details>',
        '<summary>Changes (5)</summary>',
        '',
        '- `calendars/us.yaml:3` us-business-hours: holiday 2026-12-24 added',
        '- `services/erp.yaml` erp: lifecycle live → retired; 3 services depend on it',
        '- `services/wiki.yaml` wiki: service added',
        '- `slas/bronze.yaml:1` bronze: agreement removed; still named by 1 definition (service crm)',
        '- `slas/gold.yaml` gold: incident P2 resolution 8h → 4h (objective 95% unchanged) \\[undated terms\\]',
        '- `slas/gold.yaml` gold: incident P1 response 15m → 10m from 2027-01-01',
        '',
        '</details>',
      ].join('\n'),
    );
    expect(md).toContain('|finance|10,000.00&nbsp;USD|11,204.50&nbsp;USD|+1,204.50&nbsp;USD|');
    expect(md).toContain('|SLA|Target|Objective|Before|After|Change|\n|---|---|---:|---:|---:|---:|\n|gold|incident&nbsp;P2&nbsp;resolution&nbsp;8h&nbsp;→&nbsp;4h|95%|92%|88%|−4&nbsp;points|\n|gold-finance&nbsp;from&nbsp;2026-10-01|request&nbsp;P1&nbsp;resolution&nbsp;1bd&nbsp;(new&nbsp;target)|90%|n/a|75%|n/a|\n');
    for (const title of ['Changes (5)', 'Tickets (2)', 'Compliance 2026-09..2026-11 (2)', 'Running clocks as of 2026-12-06T12:00:00.000Z (1)', 'Availability (1)', 'Chargeback 2026-11 (1)', 'Retired services still depended on (1)', 'History rewritten (1)', 'Problems in HEAD (222222222222) (1)']) {
      expect(md).toContain(`<details>\n<summary>${title}</summary>\n\n`);
    }
    // Every <details> is closed, and the comment ends with one newline.
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect(md.endsWith('</details>\n')).toBe(true);
  });

  it('markdown: a change cannot inject HTML', () => {
    const hostile: DiffReport = { ...REPORT, changes: { ...REPORT.changes, definitions: [{ kind: 'Service', id: 'x|<img src=x>', action: 'added', file: 'services/x.yaml', details: [] }] } };
    expect(formatDiffMarkdown(hostile)).toContain('\n- `services/x.yaml` x\\|\\<img src=x\\>: service added\n');
  });

  it('json: versioned, every key present, diagnostics as the validate JSON writes them', () => {
    const parsed = JSON.parse(formatDiffJson(REPORT)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['version', 'base', 'head', 'changes', 'impact', 'impactSkipped', 'tickets']);
    expect(parsed.version).toBe(DIFF_JSON_VERSION);
    expect(parsed.head).toEqual({
      name: 'HEAD',
      commit: '2222222222222222222222222222222222222222',
      errors: 0,
      warnings: 1,
      diagnostics: [{ file: 'services/crm.yaml', document: null, line: 9, column: 5, endLine: null, endColumn: null, path: null, severity: 'warning', rule: 'unknown-reference', message: 'consumer "sales-emea" is retired', hint: null, related: [] }],
    });
    expect(parsed.changes).toEqual(REPORT.changes);
    expect(parsed.impact).toEqual(REPORT.impact);
    expect(JSON.parse(formatDiffJson({ ...REPORT, tickets: undefined as never, impact: null, impactSkipped: 'no-definition-change' }))).toMatchObject({ tickets: null, impact: null, impactSkipped: 'no-definition-change' });
  });
});
