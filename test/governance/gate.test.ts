import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { FAIL_ON, gateFailures, isComplianceDrop } from '../../src/governance/gate.js';
import type { ComplianceImpact, Impact } from '../../src/governance/impact.js';
import type { DiffReport } from '../../src/governance/report.js';

function impact(parts: Partial<Impact> = {}): Impact {
  return {
    period: { label: '2026-10', from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' },
    asOf: '2026-12-01T19:00:00.000Z',
    compliance: [],
    clocks: [],
    availability: [],
    chargeback: { month: '2026-11', currency: 'USD', consumers: [] },
    retired: [],
    past: [],
    ...parts,
  };
}

function report(parts: { impact?: Impact | null; diagnostics?: Diagnostic[] } = {}): DiffReport {
  return {
    base: { name: 'origin/main', commit: 'a'.repeat(40), diagnostics: [] },
    head: { name: 'HEAD', commit: 'b'.repeat(40), diagnostics: parts.diagnostics ?? [] },
    changes: { definitions: [], tickets: { added: 0, changed: 0, removed: 0 } },
    impact: parts.impact === undefined ? impact() : parts.impact,
    impactSkipped: null,
  };
}

function compliance(base: [number, number], head: [number, number], objective: { base: number | null; head: number | null } = { base: 80, head: 80 }): ComplianceImpact {
  const pct = ([met, breached]: [number, number]) => (met + breached === 0 ? null : Math.round((met / (met + breached)) * 100_000) / 1000);
  const b = pct(base);
  const h = pct(head);
  return {
    sla: 'desk',
    version: null,
    type: 'incident',
    priority: 'P2',
    metric: 'resolution',
    target: { base: '8h', head: '4h' },
    objectivePercent: objective,
    base: { met: base[0], breached: base[1], compliancePercent: b },
    head: { met: head[0], breached: head[1], compliancePercent: h },
    deltaPoints: b === null || h === null ? null : Math.round((h - b) * 1000) / 1000,
  };
}

const reference: Diagnostic = { rule: 'unknown-reference', severity: 'error', message: 'SLA "gold" does not exist', file: 'services/erp.yaml', line: 7, column: 8 };
const schema: Diagnostic = { rule: 'schema', severity: 'error', message: '"lifecycle" is not valid; expected one of pipeline, live, retired but found "gone"', file: 'services/web.yaml', line: 9, column: 14 };
const warning: Diagnostic = { rule: 'service-without-owner', severity: 'warning', message: 'live service has no owner', file: 'services/web.yaml', line: 4 };

describe('gateFailures', () => {
  it('passes with no condition, and with every condition when nothing is met', () => {
    const everything = report({ impact: impact({ compliance: [compliance([2, 0], [1, 1])] }), diagnostics: [reference] });
    expect(gateFailures([], everything)).toEqual([]);
    expect(gateFailures(FAIL_ON, report({ diagnostics: [warning] }))).toEqual([]);
    expect(gateFailures(FAIL_ON, report({ impact: null }))).toEqual([]);
  });

  it('compliance-drop: a target that met its objective misses it', () => {
    // 2/2 = 100% → 1/2 = 50%, below the objective of 80%.
    const failing = report({ impact: impact({ compliance: [compliance([2, 0], [1, 1])] }) });
    expect(gateFailures(['compliance-drop'], failing)).toEqual(['compliance-drop: 1 target below its objective after the change: desk incident P2 resolution 100% → 50% (objective 80%)']);
    // 10/10 → 9/10 = 90%: lower, but the 80% objective still holds.
    expect(gateFailures(['compliance-drop'], report({ impact: impact({ compliance: [compliance([10, 0], [9, 1])] }) }))).toEqual([]);
    expect(gateFailures(['new-breach'], failing)).toEqual([]);
  });

  it('compliance-drop: decided on the objective, not on any fall', () => {
    expect(isComplianceDrop(compliance([3, 1], [2, 2]))).toBe(true); // 75% → 50%: missed, and worse
    expect(isComplianceDrop(compliance([2, 2], [2, 2], { base: 40, head: 60 }))).toBe(true); // 50% met 40%, misses 60%
    expect(isComplianceDrop(compliance([1, 3], [2, 2]))).toBe(false); // 25% → 50%: still missed, but better
    expect(isComplianceDrop(compliance([0, 0], [0, 1]))).toBe(true); // nothing measured → 0%
    expect(isComplianceDrop(compliance([1, 0], [0, 0]))).toBe(false); // nothing measured any more
  });

  it('new-breach: running clocks breached at now', () => {
    const clocks: Impact['clocks'] = [
      { ticket: 'C', sla: 'desk', metric: 'resolution', kind: 'newly-breached', base: { state: 'running', dueAt: '2026-12-01T22:00:00.000Z' }, head: { state: 'breached', dueAt: null } },
      { ticket: 'D', sla: 'desk', metric: 'resolution', kind: 'due-sooner', base: { state: 'running', dueAt: '2026-12-03T22:00:00.000Z' }, head: { state: 'running', dueAt: '2026-12-02T22:00:00.000Z' } },
    ];
    expect(gateFailures(['new-breach'], report({ impact: impact({ clocks }) }))).toEqual(['new-breach: 1 running clock newly breached as of 2026-12-01T19:00:00.000Z: C desk resolution']);
    expect(gateFailures(['new-breach'], report({ impact: impact({ clocks: clocks.slice(1) }) }))).toEqual([]);
  });

  it('rewrite-past: clocks of months already reported change', () => {
    const past = [
      { month: '2026-09', sla: 'desk', clocks: 3 },
      { month: '2026-10', sla: 'desk', clocks: 2 },
    ];
    expect(gateFailures(['rewrite-past'], report({ impact: impact({ past }) }))).toEqual([
      'rewrite-past: 5 clocks of months already reported would be measured differently: desk 2026-09 (3), desk 2026-10 (2); give the agreement a dated version instead of editing it in place',
    ]);
    expect(gateFailures(['rewrite-past'], report())).toEqual([]);
  });

  it('retired-dependency: services that still depend on a retired one, with the path', () => {
    const retired = [{ service: 'erp', dependents: [{ service: 'payments', path: ['payments', 'erp'] }, { service: 'billing', path: ['billing', 'payments', 'erp'] }] }];
    expect(gateFailures(['retired-dependency'], report({ impact: impact({ retired }) }))).toEqual(['retired-dependency: erp is retired but payments → erp, billing → payments → erp']);
    expect(gateFailures(['retired-dependency'], report())).toEqual([]);
  });

  it('broken-reference: head has a reference error; another error is not one', () => {
    expect(gateFailures(['broken-reference'], report({ diagnostics: [reference, schema] }))).toEqual([
      'broken-reference: HEAD has 1 reference error: services/erp.yaml:7:8 SLA "gold" does not exist (unknown-reference)',
    ]);
    expect(gateFailures(['broken-reference'], report({ diagnostics: [schema, warning] }))).toEqual([]);
  });

  it('invalid: head has any error; warnings do not count', () => {
    expect(gateFailures(['invalid'], report({ diagnostics: [reference, schema, warning] }))).toEqual([
      'invalid: HEAD has 2 errors: services/erp.yaml:7:8 SLA "gold" does not exist (unknown-reference); services/web.yaml:9:14 "lifecycle" is not valid; expected one of pipeline, live, retired but found "gone" (schema)',
    ]);
    expect(gateFailures(['invalid'], report({ diagnostics: [warning] }))).toEqual([]);
  });

  it('one line per condition met, in the documented order, whatever order they were asked in', () => {
    const all = report({ impact: impact({ past: [{ month: '2026-10', sla: 'desk', clocks: 1 }] }), diagnostics: [schema] });
    expect(gateFailures(['invalid', 'rewrite-past', 'invalid'], all).map((line) => line.split(':')[0])).toEqual(['rewrite-past', 'invalid']);
  });
});
