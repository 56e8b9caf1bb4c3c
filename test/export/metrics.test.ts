import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { metricFamilies, type MetricsFigures } from '../../src/export/metrics.js';
import { escapeLabelValue, formatPrometheus } from '../../src/report/metrics/prometheus.js';
import type { AvailabilityRow, ClockRow, SummaryRow } from '../../src/sla/report.js';
import type { OpenClock } from '../../src/sla/status.js';

const summaryRow = (over: Partial<SummaryRow>): SummaryRow => ({
  sla: 'gold', slaName: 'Gold', slaType: 'sla', metric: 'resolution', type: 'incident', priority: 'P1', group: null,
  target: '4h', targetMinutes: 240, objectivePercent: 95, measured: 0, met: 0, breached: 0, running: 0, warning: 0,
  compliancePercent: null, ok: true, slaVersion: null, ...over,
});

const availabilityRow = (over: Partial<AvailabilityRow>): AvailabilityRow => ({
  service: 'email', sla: 'gold', window: '2026-11', from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z',
  targetPercent: 99.5, agreedMinutes: 13080, downtimeMinutes: 0, availabilityPercent: 100, errorBudgetMinutes: 65.4,
  errorBudgetRemainingMinutes: 65.4, failures: 0, mttrMinutes: null, mtbfMinutes: null, ok: true, ...over,
});

const openClock = (over: Partial<ClockRow>): OpenClock => ({ ...({ sla: 'gold', type: 'incident', priority: 'P1', metric: 'resolution', state: 'running' } as ClockRow), leftMinutes: 0, paused: false, currentStatus: 'in-progress', ...over });

function figures(over: Partial<MetricsFigures> = {}): MetricsFigures {
  return {
    period: { label: '2026-11', from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-12-01T00:00:00Z') },
    asOf: Date.parse('2026-11-20T12:00:00Z'),
    report: {
      summary: [
        summaryRow({ measured: 20, met: 17, breached: 3 }),
        summaryRow({ metric: 'response', targetMinutes: 15, target: '15m' }),
      ],
      availability: [availabilityRow({ downtimeMinutes: 130.8, errorBudgetRemainingMinutes: -65.4, failures: 2 })],
    },
    status: { clocks: [openClock({}), openClock({ state: 'breached' }), openClock({ state: 'breached' })] },
    backlog: [{ service: 'email', priority: 'P1', open: 4 }],
    ...over,
  };
}

/** One sample's value, found by its family and labels. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const family = parsePrometheusTextFormat(text).find((f) => f.name === name);
  const found = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v) && Object.keys(m.labels ?? {}).length === Object.keys(labels).length);
  return found === undefined ? undefined : Number(found.value);
}

describe('export metrics: the figures as Prometheus gauges', () => {
  const text = formatPrometheus(metricFamilies(figures()));
  const gold = { sla: 'gold', type: 'incident', priority: 'P1', metric: 'resolution' };

  it('writes compliance as a ratio: 17 met of 20 counted = 0.85, and the objective 95 % = 0.95', () => {
    expect(text).toContain('itsm_sla_compliance_ratio{metric="resolution",priority="P1",sla="gold",type="incident"} 0.85\n');
    expect(sample(text, 'itsm_sla_objective_ratio', gold)).toBe(0.95);
    expect(sample(text, 'itsm_sla_period_clocks', { ...gold, result: 'met' })).toBe(17);
    expect(sample(text, 'itsm_sla_period_clocks', { ...gold, result: 'breached' })).toBe(3);
  });

  it('leaves out the compliance of a target with nothing counted (no NaN), but writes its zero counts', () => {
    const response = { ...gold, metric: 'response' };
    expect(sample(text, 'itsm_sla_compliance_ratio', response)).toBeUndefined();
    expect(sample(text, 'itsm_sla_period_clocks', { ...response, result: 'met' })).toBe(0);
  });

  it('writes durations in seconds: a 4h target is 240 min × 60 = 14400 s, a 15 min one 900 s', () => {
    expect(sample(text, 'itsm_sla_target_seconds', gold)).toBe(14400);
    expect(sample(text, 'itsm_sla_target_seconds', { ...gold, metric: 'response' })).toBe(900);
  });

  it('counts the open clocks by state, with zeros for a target with none open', () => {
    expect(sample(text, 'itsm_sla_open_clocks', { ...gold, state: 'running' })).toBe(1);
    expect(sample(text, 'itsm_sla_open_clocks', { ...gold, state: 'breached' })).toBe(2);
    expect(sample(text, 'itsm_sla_open_clocks', { ...gold, metric: 'response', state: 'running' })).toBe(0);
  });

  it('writes availability and the error budget: 130.8 min down of 13080 = 1 − 0.01 = 0.99; budget 65.4 min = 3924 s, overspent by 3924 s', () => {
    const window = { service: 'email', sla: 'gold', window: '2026-11' };
    expect(sample(text, 'itsm_availability_ratio', window)).toBe(0.99);
    expect(sample(text, 'itsm_availability_objective_ratio', window)).toBe(0.995);
    // 99.9 / 100 is 0.9990000000000001 in binary floating point: written as 0.999.
    const three = formatPrometheus(metricFamilies(figures({ report: { summary: [], availability: [availabilityRow({ targetPercent: 99.9 })] } })));
    expect(three).toContain('itsm_availability_objective_ratio{service="email",sla="gold",window="2026-11"} 0.999\n');
    // 65.4 × 60 is 3924.0000000000005 in binary floating point: written as 3924.
    expect(text).toContain('itsm_error_budget_seconds{service="email",sla="gold",window="2026-11"} 3924\n');
    expect(sample(text, 'itsm_error_budget_remaining_seconds', window)).toBe(-3924);
    expect(sample(text, 'itsm_downtime_seconds', window)).toBe(7848); // 130.8 × 60
    expect(sample(text, 'itsm_agreed_service_seconds', window)).toBe(784800); // 13080 × 60
    expect(sample(text, 'itsm_availability_failures', window)).toBe(2);
  });

  it('writes the backlog and the instants in Unix seconds', () => {
    expect(sample(text, 'itsm_open_tickets', { service: 'email', priority: 'P1' })).toBe(4);
    expect(sample(text, 'itsm_measured_timestamp_seconds', {})).toBe(1795176000); // 2026-11-20T12:00:00Z
    expect(sample(text, 'itsm_sla_period_start_timestamp_seconds', { period: '2026-11' })).toBe(1793491200);
  });

  it('gives every family HELP and TYPE gauge, and no sample a timestamp (the textfile collector refuses them)', () => {
    const families = parsePrometheusTextFormat(text);
    expect(families.length).toBe(16);
    for (const f of families) {
      expect(f.type).toBe('GAUGE');
      expect(f.help).not.toBe('');
      expect(f.name).not.toMatch(/_total$/);
    }
    for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_:]+(\{.*\})? -?[0-9.e+-]+$/);
  });

  it('tells versions of a target apart by sla_version', () => {
    const versioned = formatPrometheus(metricFamilies(figures({ report: { summary: [summaryRow({}), summaryRow({ slaVersion: '2026-06-01', targetMinutes: 120 })], availability: [] } })));
    expect(sample(versioned, 'itsm_sla_target_seconds', gold)).toBe(14400);
    expect(sample(versioned, 'itsm_sla_target_seconds', { ...gold, sla_version: '2026-06-01' })).toBe(7200);
  });
});

describe('the Prometheus text format', () => {
  it('escapes backslash, double quote and line feed in label values, and the parser reads them back', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = formatPrometheus([{ name: 'x_ratio', help: 'back\\slash\nnewline', type: 'gauge', samples: [{ labels: { service: 'a\\b"c\nd' }, value: 0.5 }] }]);
    expect(text).toBe('# HELP x_ratio back\\\\slash\\nnewline\n# TYPE x_ratio gauge\nx_ratio{service="a\\\\b\\"c\\nd"} 0.5\n');
    expect(parsePrometheusTextFormat(text)[0]!.metrics[0]!.labels).toEqual({ service: 'a\\b"c\nd' });
  });

  it('refuses two samples with the same labels and names that Prometheus would refuse (a bug, not a user error)', () => {
    const twice = { name: 'x', help: 'h', type: 'gauge' as const, samples: [{ labels: { a: '1' }, value: 1 }, { labels: { a: '1' }, value: 2 }] };
    expect(() => formatPrometheus([twice])).toThrow(/same labels/);
    expect(() => formatPrometheus([{ ...twice, name: 'bad-name', samples: [] }])).toThrow(/not valid/);
    expect(() => formatPrometheus([{ ...twice, samples: [{ labels: { 'bad-label': '1' }, value: 1 }] }])).toThrow(/not valid/);
  });
});
