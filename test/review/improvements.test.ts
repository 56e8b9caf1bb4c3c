import { describe, expect, it } from 'vitest';
import type { ImprovementSpec } from '../../src/model/improvement.js';
import type { Repository } from '../../src/model/repository.js';
import { reviewContext } from '../../src/practices/review/context.js';
import { judge, locateImprovements, measureImprovements, metricValue, narrowFilters, type ReviewFigures } from '../../src/practices/review/improvements.js';
import type { Review, TargetTrend } from '../../src/practices/review/types.js';
import type { SlaReport } from '../../src/sla/report.js';
import { validateDocuments } from '../../src/validate/index.js';
import { at } from '../sla/helpers.js';

/** A target trend with one figure for November 2026 (and an October one, which must not be read). */
function trend(sla: string, met: number, breached: number): TargetTrend {
  const month = (label: string, m: number, b: number) => ({
    month: label,
    measured: m + b,
    met: m,
    breached: b,
    compliancePercent: null,
    ok: null,
    fewerThanMinimum: false,
  });
  return {
    sla,
    slaName: sla,
    slaType: 'sla',
    metric: 'resolution',
    type: 'incident',
    priority: 'P3',
    target: '2bd',
    objectivePercent: 90,
    slaVersion: null,
    months: [month('2026-10', 100, 100), month('2026-11', met, breached)],
  };
}

/**
 * November 2026 reviewed (October the month before). Each figure differs between the months, so that reading the
 * wrong month shows.
 */
const NOVEMBER: ReviewFigures = {
  period: { label: '2026-11', from: '2026-11-01T04:00:00.000Z', to: '2026-12-01T05:00:00.000Z' },
  volume: {
    months: [
      { month: '2026-10', opened: 99, resolved: 0, openedByType: [{ key: 'incident', count: 77 }], openedByPriority: [], resolvedByType: [], resolvedByPriority: [] },
      {
        month: '2026-11',
        opened: 42,
        resolved: 30,
        openedByType: [
          { key: 'incident', count: 31 },
          { key: 'request', count: 11 },
        ],
        openedByPriority: [],
        resolvedByType: [],
        resolvedByPriority: [],
      },
    ],
  },
  backlog: {
    months: [
      { month: '2026-10', open: 50, bands: [] },
      { month: '2026-11', open: 17, bands: [] },
    ],
  },
  speed: {
    figures: [
      { month: '2026-10', metric: 'resolution', priority: null, count: 9, medianMinutes: 1, p90Minutes: 2, meanMinutes: 1, fewerThanMinimum: false },
      { month: '2026-11', metric: 'resolution', priority: 'P3', count: 4, medianMinutes: 5, p90Minutes: 6, meanMinutes: 5, fewerThanMinimum: true },
      { month: '2026-11', metric: 'resolution', priority: null, count: 12, medianMinutes: 240.5, p90Minutes: 960, meanMinutes: 300, fewerThanMinimum: false },
      { month: '2026-11', metric: 'response', priority: null, count: 3, medianMinutes: 20, p90Minutes: 45, meanMinutes: 25, fewerThanMinimum: true },
    ],
    reopen: [
      { month: '2026-10', resolved: 10, count: 5, ratePercent: 50, fewerThanMinimum: false },
      { month: '2026-11', resolved: 30, count: 3, ratePercent: 10, fewerThanMinimum: false },
    ],
    firstContact: [
      { month: '2026-10', resolved: 10, count: 1, ratePercent: 10, fewerThanMinimum: false },
      { month: '2026-11', resolved: 25, count: 20, ratePercent: 80, fewerThanMinimum: false },
    ],
  },
  serviceLevels: {
    targets: [trend('desk', 45, 5), trend('ola', 2, 3)],
    availability: [
      {
        service: 'web',
        sla: 'web-sla',
        targetPercent: 99.9,
        windows: [
          windowOf('2026-10', '2026-10-01T04:00:00.000Z', '2026-11-01T04:00:00.000Z', 90),
          windowOf('2026-11', '2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z', 99.95),
        ],
      },
      // A second agreement on web, by quarter: its Q4 window holds November.
      { service: 'web', sla: 'web-ola', targetPercent: 99.5, windows: [windowOf('2026-Q4', '2026-10-01T04:00:00.000Z', '2027-01-01T05:00:00.000Z', 99.7)] },
      { service: 'mail', sla: 'mail-sla', targetPercent: 99, windows: [windowOf('2026-11', '2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z', null)] },
    ],
  },
  breakdown: {
    services: [
      { id: 'web', downtimeMinutes: 95.5 },
      { id: 'desk', downtimeMinutes: null },
    ],
  },
  changes: {
    months: [
      { month: '2026-10', completed: 1, successful: 1, failed: 0, causedIncidents: 0, emergency: 0, successRatePercent: 100, failureRatePercent: 0 },
      { month: '2026-11', completed: 8, successful: 6, failed: 1, causedIncidents: 2, emergency: 1, successRatePercent: 85.7, failureRatePercent: 25 },
    ],
  },
};

function windowOf(window: string, from: string, to: string, availabilityPercent: number | null) {
  return {
    window,
    from,
    to,
    availabilityPercent,
    agreedMinutes: 0,
    downtimeMinutes: 0,
    errorBudgetMinutes: 0,
    errorBudgetRemainingMinutes: 0,
    budgetBurnPercent: null,
    ok: true,
  };
}

describe('metricValue: each metric read from the reviewed month', () => {
  it('counts: opened, incidents, backlog and breaches are figures, not samples', () => {
    expect(metricValue(NOVEMBER, 'opened')).toEqual({ value: 42, sample: null });
    expect(metricValue(NOVEMBER, 'incidents')).toEqual({ value: 31, sample: null });
    expect(metricValue(NOVEMBER, 'backlog')).toEqual({ value: 17, sample: null });
    // Σ breached over the targets' November rows: 5 + 3 = 8.
    expect(metricValue(NOVEMBER, 'breaches')).toEqual({ value: 8, sample: null });
  });

  it('speed: the figures over every priority (priority null), with their clock count', () => {
    expect(metricValue(NOVEMBER, 'resolution-median')).toEqual({ value: 240.5, sample: 12 });
    expect(metricValue(NOVEMBER, 'resolution-p90')).toEqual({ value: 960, sample: 12 });
    expect(metricValue(NOVEMBER, 'response-median')).toEqual({ value: 20, sample: 3 });
    expect(metricValue(NOVEMBER, 'response-p90')).toEqual({ value: 45, sample: 3 });
  });

  it('rates: reopen and first contact over the tickets first resolved in the month', () => {
    expect(metricValue(NOVEMBER, 'reopen-rate')).toEqual({ value: 10, sample: 30 });
    expect(metricValue(NOVEMBER, 'first-contact-rate')).toEqual({ value: 80, sample: 25 });
  });

  it('compliance: Σ met ÷ Σ (met + breached) over every target', () => {
    // (45 + 2) ÷ (45 + 5 + 2 + 3) = 47 ÷ 55 = 85.4545… → 85.5
    expect(metricValue(NOVEMBER, 'compliance')).toEqual({ value: 85.5, sample: 55 });
  });

  it('availability: the lowest of the service’s windows that hold the month', () => {
    // web: the monthly window 99.95 and the quarterly 99.7 both hold November; the October window (90) does not.
    expect(metricValue(NOVEMBER, 'availability', 'web')).toEqual({ value: 99.7, sample: null });
    // mail's window measured nothing: no data.
    expect(metricValue(NOVEMBER, 'availability', 'mail')).toEqual({ value: null, sample: null });
    expect(metricValue(NOVEMBER, 'availability', 'none')).toEqual({ value: null, sample: null });
  });

  it('downtime: the service’s row, 0 when the service has no row', () => {
    expect(metricValue(NOVEMBER, 'downtime', 'web')).toEqual({ value: 95.5, sample: null });
    expect(metricValue(NOVEMBER, 'downtime', 'mail')).toEqual({ value: 0, sample: null });
  });

  it('changes: success rate over the changes with an outcome, failure rate over those completed', () => {
    // 6 successful + 1 failed = 7 with an outcome; 8 completed.
    expect(metricValue(NOVEMBER, 'change-success-rate')).toEqual({ value: 85.7, sample: 7 });
    expect(metricValue(NOVEMBER, 'change-failure-rate')).toEqual({ value: 25, sample: 8 });
  });

  it('no data: no figure for the month, no changes section, no rate', () => {
    const empty: ReviewFigures = {
      ...NOVEMBER,
      speed: { figures: [], reopen: [{ month: '2026-11', resolved: 0, count: 0, ratePercent: null, fewerThanMinimum: true }], firstContact: [] },
      serviceLevels: { targets: [], availability: [] },
      changes: null,
    };
    expect(metricValue(empty, 'resolution-median')).toEqual({ value: null, sample: 0 });
    expect(metricValue(empty, 'reopen-rate')).toEqual({ value: null, sample: 0 });
    expect(metricValue(empty, 'first-contact-rate')).toEqual({ value: null, sample: 0 });
    expect(metricValue(empty, 'compliance')).toEqual({ value: null, sample: 0 });
    expect(metricValue(empty, 'change-success-rate')).toEqual({ value: null, sample: 0 });
  });
});

describe('judge: verdicts and progress', () => {
  const NY = 'America/New_York';
  // 2026-11-30 12:00 in New York (EST, UTC−5).
  const noonNov30 = at('2026-11-30T12:00:00-05:00');
  const base = { status: 'open' as const, due: '2027-03-31', asOf: noonNov30, timeZone: NY };

  it('lower is better: achieved at the target, on track short of it, progress as a share of the way', () => {
    // baseline 600, target 400: at 400, (600 − 400) ÷ (600 − 400) = 100 %.
    expect(judge({ ...base, baseline: 600, target: 400, current: 400 })).toEqual({ verdict: 'achieved', progressPercent: 100 });
    // at 550: (600 − 550) ÷ 200 = 25 %.
    expect(judge({ ...base, baseline: 600, target: 400, current: 550 })).toEqual({ verdict: 'on-track', progressPercent: 25 });
    // past the target, at 350: (600 − 350) ÷ 200 = 125 %.
    expect(judge({ ...base, baseline: 600, target: 400, current: 350 })).toEqual({ verdict: 'achieved', progressPercent: 125 });
    // worse than the baseline, at 650: (600 − 650) ÷ 200 = −25 %.
    expect(judge({ ...base, baseline: 600, target: 400, current: 650 })).toEqual({ verdict: 'on-track', progressPercent: -25 });
  });

  it('higher is better: achieved at or above the target', () => {
    // baseline 60, target 75: at 70, (60 − 70) ÷ (60 − 75) = 10 ÷ 15 = 66.67 → 66.7 %.
    expect(judge({ ...base, baseline: 60, target: 75, current: 70 })).toEqual({ verdict: 'on-track', progressPercent: 66.7 });
    // at 75.0: 100 %; at 80: 20 ÷ 15 = 133.33 → 133.3 %.
    expect(judge({ ...base, baseline: 60, target: 75, current: 75 })).toEqual({ verdict: 'achieved', progressPercent: 100 });
    expect(judge({ ...base, baseline: 60, target: 75, current: 80 })).toEqual({ verdict: 'achieved', progressPercent: 133.3 });
    // at 55, below the baseline: −5 ÷ 15 = −33.33 → −33.3 %.
    expect(judge({ ...base, baseline: 60, target: 75, current: 55 })).toEqual({ verdict: 'on-track', progressPercent: -33.3 });
    // exactly at the baseline: 0 %, not −0.
    expect(Object.is(judge({ ...base, baseline: 60, target: 75, current: 60 }).progressPercent, 0)).toBe(true);
  });

  it('past the due date: overdue while open, missed when done or abandoned; achieved whatever the date', () => {
    const late = { ...base, due: '2026-10-31', baseline: 600, target: 400, current: 500 };
    expect(judge(late)).toEqual({ verdict: 'overdue', progressPercent: 50 });
    expect(judge({ ...late, status: 'done' })).toEqual({ verdict: 'missed', progressPercent: 50 });
    expect(judge({ ...late, status: 'abandoned' })).toEqual({ verdict: 'missed', progressPercent: 50 });
    expect(judge({ ...late, current: 390 }).verdict).toBe('achieved');
    // Not yet due, done: still on track (the figure may still move).
    expect(judge({ ...late, due: '2026-12-15', status: 'done' }).verdict).toBe('on-track');
  });

  it('the due date is a whole local day: due today is not yet past, due yesterday is', () => {
    const figures = { baseline: 10, target: 5, current: 8 };
    // At noon on 30 November in New York, a due date of 30 November is today: on track.
    expect(judge({ ...base, ...figures, due: '2026-11-30' }).verdict).toBe('on-track');
    // Due 29 November: its next day began at 2026-11-30T00:00−05:00 = 05:00Z, before noon: overdue.
    expect(judge({ ...base, ...figures, due: '2026-11-29' }).verdict).toBe('overdue');
    // Due 30 November and the review as of 23:59 local (04:59Z on 1 December in UTC terms): still on track, though
    // the UTC date is already the 1st.
    expect(judge({ ...base, ...figures, due: '2026-11-30', asOf: at('2026-11-30T23:59:00-05:00') }).verdict).toBe('on-track');
    // At local midnight of 1 December (05:00Z), the day after the due date has begun: overdue.
    expect(judge({ ...base, ...figures, due: '2026-11-30', asOf: at('2026-12-01T00:00:00-05:00') }).verdict).toBe('overdue');
  });

  it('no data: no verdict on the figure and no progress', () => {
    expect(judge({ ...base, baseline: 10, target: 5, current: null, due: '2020-01-01' })).toEqual({ verdict: 'no-data', progressPercent: null });
  });
});

describe('narrowFilters', () => {
  it('replaces the service and priority, keeps the rest', () => {
    expect(narrowFilters({ service: ['a', 'b'], consumer: ['c'] }, 'web', undefined)).toEqual({ service: ['web'], consumer: ['c'] });
    expect(narrowFilters({ service: ['a'] }, undefined, 'P3')).toEqual({ service: ['a'], priority: ['P3'] });
  });
});

function register(specs: Record<string, Partial<ImprovementSpec> & Pick<ImprovementSpec, 'metric' | 'baseline' | 'target'>>): Repository {
  const documents = [
    { file: 'itsm.yaml', index: 0, value: { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'org' }, spec: { currency: 'USD', timeZone: 'America/New_York' } } },
    ...Object.entries(specs).map(([id, spec], i) => ({
      file: 'improvements/register.yaml',
      index: i,
      value: { apiVersion: 'itsm/v1', kind: 'Improvement', metadata: { id }, spec: { title: `Improve ${id}`, owner: 'Service desk', raised: '2026-07-01', due: '2026-12-31', ...spec } },
    })),
  ];
  const { repository, diagnostics } = validateDocuments(documents);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return repository;
}

describe('measureImprovements: the register over a review of the organisation', () => {
  const repository = register({
    // Listed out of order: the rows come by id.
    'reopen-down': { metric: 'reopen-rate', baseline: 15, target: 8, due: '2026-10-31', status: 'done' },
    'fcr-up': { metric: 'first-contact-rate', baseline: 60, target: 75 },
    'median-down': { metric: 'response-median', baseline: 30, target: 25 },
    'backlog-down': { metric: 'backlog', baseline: 30, target: 20, due: '2026-11-15' },
  });
  const context = reviewContext(repository, { month: '2026-11', months: 2, now: at('2027-01-15T00:00:00Z') });
  const review = { ...NOVEMBER } as unknown as Omit<Review, 'improvements'>;
  const rows = measureImprovements(review, {} as SlaReport, context);

  it('one row per improvement, by id, each judged', () => {
    expect(rows.map((r) => [r.improvement, r.current, r.verdict, r.progressPercent, r.fewerThanMinimum])).toEqual([
      // backlog 17 against 30 → 20: (30 − 17) ÷ 10 = 130 %, achieved.
      ['backlog-down', 17, 'achieved', 130, false],
      // first contact 80 against 60 → 75: 20 ÷ 15 = 133.3 %, achieved.
      ['fcr-up', 80, 'achieved', 133.3, false],
      // response median 20 on 3 clocks (fewer than 5) against 30 → 25: (30 − 20) ÷ 5 = 200 %, achieved.
      ['median-down', 20, 'achieved', 200, true],
      // reopen 10 against 15 → 8, due 31 October, done: (15 − 10) ÷ 7 = 71.4 %, missed.
      ['reopen-down', 10, 'missed', 71.4, false],
    ]);
  });

  it('carries the register’s fields', () => {
    expect(rows[1]).toMatchObject({
      title: 'Improve fcr-up',
      owner: 'Service desk',
      service: null,
      priority: null,
      metric: 'first-contact-rate',
      unit: 'percent',
      direction: 'higher',
      raised: '2026-07-01',
      due: '2026-12-31',
      status: 'open',
      file: 'improvements/register.yaml',
    });
    expect(rows[2]).toMatchObject({ unit: 'minutes', direction: 'lower' });
  });

  it('locateImprovements fills in the line of each document', () => {
    const text = ['# the register', 'apiVersion: itsm/v1', 'kind: Improvement', '---', 'apiVersion: itsm/v1', 'kind: Improvement', '---', 'apiVersion: itsm/v1', '---', 'a: 1', ''].join('\n');
    const located = locateImprovements(rows, repository.improvements, () => text);
    // Documents 0..3: reopen-down (index 0: its first line after the comment, 2), fcr-up (index 1, line 5), median-down (2, line 8), backlog-down (3, line 10).
    expect(located.map((r) => [r.improvement, r.line])).toEqual([
      ['backlog-down', 10],
      ['fcr-up', 5],
      ['median-down', 8],
      ['reopen-down', 2],
    ]);
  });
});
