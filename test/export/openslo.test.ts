import { describe, expect, it } from 'vitest';
import { exportOpenSlo, thresholdOf } from '../../src/export/openslo.js';
import { importOpenSlo, OpenSloProblem } from '../../src/import/openslo.js';
import { fractionToPercent, percentToFraction, type OpenSloSloDocument } from '../../src/model/openslo.js';
import type { Repository } from '../../src/model/repository.js';
import type { SlaDocument } from '../../src/model/sla.js';
import type { ServiceDocument } from '../../src/model/service.js';

const source = { file: 'slas/x.yaml', document: 0 };
const sla = (id: string, spec: Partial<SlaDocument['spec']>): { source: typeof source; doc: SlaDocument } => ({
  source,
  doc: { apiVersion: 'itsm/v1', kind: 'SLA', metadata: { id }, spec: { type: 'sla', targets: [], ...spec } },
});
const service = (id: string, spec: Partial<ServiceDocument['spec']>): { source: typeof source; doc: ServiceDocument } => ({
  source,
  doc: { apiVersion: 'itsm/v1', kind: 'Service', metadata: { id }, spec: { description: 'd', category: 'c', lifecycle: 'live', ...spec } },
});

function repo(parts: Partial<Pick<Repository, 'services' | 'slas' | 'consumers'>>): Pick<Repository, 'services' | 'slas' | 'consumers' | 'config'> {
  return { services: [], slas: [], consumers: [], config: { timeZone: 'UTC' } as Repository['config'], ...parts };
}

describe('exportOpenSlo', () => {
  it('writes "95% within 4h" as an occurrences objective: a ticket clock of at most 240 business minutes, target 0.95', () => {
    const { documents } = exportOpenSlo(
      repo({
        services: [service('Mail_Box', { sla: 'gold' })],
        slas: [sla('gold', { calendar: 'office', targets: [{ type: 'incident', priority: 'P1', resolution: { within: '4h', objective: 95 } }] })],
      }),
    );
    expect(documents.map((d) => d.metadata.name)).toEqual(['mail-box', 'mail-box-gold-incident-p1-resolution']);
    const slo = documents[1] as OpenSloSloDocument;
    // 4h = 4 × 60 = 240 minutes; 95% = 0.95.
    expect(slo.spec.objectives).toEqual([{ displayName: '95% within 4h', op: 'lte', value: 240, target: 0.95 }]);
    expect(slo.spec.budgetingMethod).toBe('Occurrences');
    // UTC is not of the form Area/Location the schema asks for: written as its IANA alias.
    expect(slo.spec.timeWindow).toEqual([{ duration: '1M', isRolling: false, calendar: { startTime: '1970-01-01 00:00:00', timeZone: 'Etc/UTC' } }]);
    expect(slo.metadata.annotations).toMatchObject({ 'itsm.dev/service': 'Mail_Box', 'itsm.dev/calendar': 'office', 'itsm.dev/within': '4h', 'itsm.dev/priority': 'P1', 'itsm.dev/link': 'sla' });
  });

  it('writes availability as one-minute time slices, 99.95% as exactly 0.9995', () => {
    const { documents } = exportOpenSlo(repo({ services: [service('web', { agreements: ['up'] })], slas: [sla('up', { type: 'slo', availability: { target: 99.95, window: 'quarter', degradedWeight: 1 } })] }));
    const slo = documents[1] as OpenSloSloDocument;
    expect(slo.spec.objectives).toEqual([{ displayName: '99.95%', target: 0.9995, timeSliceTarget: 1, timeSliceWindow: '1m' }]);
    expect(slo.spec.timeWindow?.[0]?.duration).toBe('1Q');
    expect(slo.metadata.annotations).toMatchObject({ 'itsm.dev/metric': 'availability', 'itsm.dev/window': 'quarter', 'itsm.dev/degraded-weight': '1', 'itsm.dev/link': 'agreement' });
  });

  it('leaves out a 100% objective, with a warning (OpenSLO targets are below 1)', () => {
    const { documents, warnings } = exportOpenSlo(
      repo({ services: [service('web', { sla: 'all' })], slas: [sla('all', { targets: [{ type: 'request', priority: 'P4', response: { within: '1bd', objective: 100 } }] })] }),
    );
    expect(documents).toHaveLength(1);
    expect(warnings).toEqual(['all request P4 response: a 100% objective has no error budget and cannot be written in OpenSLO (targets are below 1); left out']);
  });

  it('measures business days in business days, and minutes otherwise', () => {
    expect(thresholdOf('3bd')).toEqual({ value: 3, unit: 'business-days' });
    expect(thresholdOf('1h30m')).toEqual({ value: 90, unit: 'business-minutes' }); // 60 + 30
    expect(thresholdOf('PT2H15M')).toEqual({ value: 135, unit: 'business-minutes' }); // 120 + 15
  });
});

describe('percentages and fractions', () => {
  it('move the decimal point, so every figure reads back as written', () => {
    // Why not divide: in binary floating point 99.9 / 100 is 0.9990000000000001 and 0.57 × 100 is 56.99999999999999.
    expect(99.9 / 100).not.toBe(0.999);
    expect(percentToFraction(99.9)).toBe(0.999);
    expect(fractionToPercent(0.57)).toBe(57);
    expect(percentToFraction(99.95)).toBe(0.9995);
    expect(percentToFraction(95)).toBe(0.95);
    expect(percentToFraction(0.5)).toBe(0.005);
    expect(percentToFraction(0)).toBe(0);
    expect(fractionToPercent(0.9995)).toBe(99.95);
    expect(fractionToPercent(0.005)).toBe(0.5);
    expect(fractionToPercent(0.999)).toBe(99.9);
  });
});

describe('importOpenSlo', () => {
  it('refuses two copies of one agreement that disagree, naming both documents', () => {
    const { documents } = exportOpenSlo(
      repo({ services: [service('a', { sla: 'g' }), service('b', { sla: 'g' })], slas: [sla('g', { targets: [{ type: 'incident', priority: 'P1', response: { within: '1h', objective: 90 } }] })] }),
    );
    const sources = documents.map((value, i) => ({ file: 'in.yaml', line: i * 10 + 1, value: structuredClone(value) }));
    expect(importOpenSlo(sources).slas).toHaveLength(1);
    ((sources[3]!.value as OpenSloSloDocument).spec.objectives[0]!).target = 0.8;
    expect(() => importOpenSlo(sources)).toThrow(new OpenSloProblem('in.yaml', 31, 'agreement "g": incident P1 response differs from the SLO at in.yaml:11; one agreement has one set of terms per version'));
  });

  it('refuses an occurrences SLO of another tool: it cannot tell which ticket clock it measures', () => {
    const value = { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'latency' }, spec: { service: 'web', indicatorRef: 'x', budgetingMethod: 'Occurrences', objectives: [{ target: 0.99 }] } };
    expect(() => importOpenSlo([{ file: 'f.yaml', line: 3, value }])).toThrow(/^f\.yaml:3: SLO "latency" cannot be read as an itsm objective/);
  });
});
