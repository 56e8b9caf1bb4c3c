import type {
  BreakdownRow,
  ChangeSection,
  Comparison,
  ImprovementRow,
  ProblemSection,
  RecurrenceRow,
  Review,
  TargetMonth,
} from '../../practices/review/types.js';
import { AGE_BANDS } from '../../practices/review/types.js';
import type { Metric } from '../../sla/clock.js';
import { escapeText, heading, LINE_LENGTH, table, wrap } from '../markdown-blocks.js';
import { safeText } from '../text-safe.js';
import {
  AGE_BAND_LABELS,
  AVAILABILITY_LEAD,
  availabilityPivots,
  changeOf,
  countText,
  formatAvailability,
  formatObjective,
  localInstant,
  plural,
  recordsFromNote,
  targetListing,
  targetListingLead,
  WINDOW_KIND_TITLES,
  IMPROVEMENT_METRIC_LABELS,
  improvementValue,
  marked,
  minutesOrNone,
  money,
  NONE,
  overallCompliance,
  percentText,
  SECTION_TITLES,
  signedPercent,
  signedPoints,
  SMALL_SAMPLE_MARK,
  smallSampleNote,
  SPEED_METRIC_LABELS,
  SPEED_METRIC_SHORT,
  speedFigure,
  TREND_LABELS,
  VERDICT_LABELS,
  yearAgoLabel,
  beforeRecords,
} from './shared.js';

type Align = 'left' | 'right' | 'center';

/**
 * `itsm review --format markdown`: the monthly service review as one document, sections in the order of
 * docs/review.md ("Markdown" describes the layout). Written, like `sla report --format markdown`, to pass
 * markdownlint's default rules as a standalone file: one H1 first, unique headings one level apart, blank lines around
 * blocks, prose wrapped at 80 columns, tight tables with `&nbsp;` inside cells (src/report/markdown-blocks.ts), and
 * Mermaid lines with no whitespace past column 80. Charts are Mermaid `xychart-beta` and `pie`, which GitHub renders;
 * every chart and table has a lead sentence, and its figures are in a table as well (a chart has no legend).
 */
export function reviewMarkdown(review: Review): string {
  const blocks: string[] = [heading('#', `Service review — ${review.organisation}, ${review.period.label}`), prose(introduction(review))];
  blocks.push(...glance(review), ...volume(review), ...backlog(review), ...speed(review), ...serviceLevels(review), ...recurrence(review));
  if (review.changes !== null) blocks.push(...changes(review.changes));
  if (review.problems !== null) blocks.push(...problems(review.problems, review.period.label));
  blocks.push(...worst(review), ...breakdown(review), ...improvements(review));
  return `${blocks.join('\n\n')}\n`;
}

/** A paragraph of plain text: escaped, then wrapped at 80 columns. */
function prose(text: string): string {
  return wrap(escapeText(text));
}

function h2(text: string): string {
  return heading('##', text);
}

function h3(text: string): string {
  return heading('###', text);
}

/** The table, followed by the note on small samples when one of its cells carries the mark. */
function tableWithNote(review: Review, head: readonly string[], align: readonly Align[], rows: readonly (readonly string[])[]): string[] {
  const out = [table(head, align, rows)];
  if (rows.some((r) => r.some((c) => c.endsWith(SMALL_SAMPLE_MARK)))) out.push(prose(smallSampleNote(review.minimumSample)));
  return out;
}

function introduction(review: Review): string {
  const first = review.months[0]!.label;
  const span = review.months.length === 1 ? `the month ${first}` : `the ${review.months.length} months ${first} to ${review.period.label}`;
  const records = recordsFromNote(review);
  const scope = [
    review.scope.services && `services ${review.scope.services.join(', ')}`,
    review.scope.consumers && `consumers ${review.scope.consumers.join(', ')}`,
    review.scope.groups && `groups ${review.scope.groups.join(', ')}`,
    review.scope.priorities && `priorities ${review.scope.priorities.join(', ')}`,
  ].filter((s): s is string => typeof s === 'string');
  return [
    `The monthly service review of ${review.organisation} for ${review.period.label}, as of ${localInstant(review.timeZone, review.asOf)} (${review.timeZone}), with trends over ${span}${records === null ? '' : ` (${records})`}.`,
    scope.length === 0 ? 'Scope: every service, consumer, group and priority.' : `Scope: ${scope.join('; ')}.`,
    `Business times are in hours and minutes of the agreements' calendars (27h15m: 27 business hours and 15 minutes, never days); ${NONE} marks a figure that cannot be computed.`,
  ].join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// At a glance

function glance(review: Review): string[] {
  const months = review.months.map((m) => m.label);
  const current = review.period.label;
  const previous = months.length >= 2 ? months[months.length - 2]! : null;
  const yearAgo = yearAgoLabel(current);
  const hasYearAgo = months.includes(yearAgo);
  const rows: string[][] = [];

  // A month before the repository's first ticket has no records to compare with: no figure, not a 0.
  const noPrevious = previous === null || beforeRecords(review, previous);
  const noYearAgo = beforeRecords(review, yearAgo);
  const comparison = (name: string, c: Comparison): string[] => [
    name,
    countText(c.value),
    noPrevious ? NONE : countText(c.previousMonth),
    noPrevious ? NONE : signedPercent(c.monthOverMonthPercent),
    noYearAgo ? NONE : countText(c.yearAgo),
    noYearAgo ? NONE : signedPercent(c.yearOverYearPercent),
  ];
  rows.push(comparison('Tickets opened', review.volume.opened), comparison('Tickets resolved', review.volume.resolved));

  const openAt = (month: string | null) => (month === null ? undefined : review.backlog.months.find((m) => m.month === month)?.open);
  const openText = (n: number | undefined) => (n === undefined ? NONE : countText(n));
  rows.push([
    'Open at month end',
    openText(openAt(current)),
    openText(openAt(previous)),
    signedPercent(changeOf(openAt(current), openAt(previous))),
    openText(hasYearAgo ? openAt(yearAgo) : undefined),
    signedPercent(hasYearAgo ? changeOf(openAt(current), openAt(yearAgo)) : null),
  ]);

  for (const metric of ['response', 'resolution'] as const) {
    const median = (month: string | null) => (month === null ? null : (speedFigure(review, month, metric, null)?.medianMinutes ?? null));
    const yearAgoMedian = hasYearAgo ? median(yearAgo) : null;
    rows.push([
      `${SPEED_METRIC_SHORT[metric]} median`,
      minutesOrNone(median(current)),
      minutesOrNone(median(previous)),
      signedPercent(changeOf(median(current), median(previous))),
      minutesOrNone(yearAgoMedian),
      signedPercent(changeOf(median(current), yearAgoMedian)),
    ]);
  }

  const compliance = (month: string | null) => (month === null ? null : overallCompliance(review.serviceLevels.targets, month).percent);
  const points = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 10) / 10);
  const yearAgoCompliance = hasYearAgo ? compliance(yearAgo) : null;
  rows.push([
    'SLA compliance',
    percentText(compliance(current)),
    percentText(compliance(previous)),
    signedPoints(points(compliance(current), compliance(previous))),
    percentText(yearAgoCompliance),
    signedPoints(points(compliance(current), yearAgoCompliance)),
  ]);

  const availabilityMet = (month: string | null) => {
    const range = review.months.find((m) => m.label === month);
    if (range === undefined) return NONE;
    const windows = review.serviceLevels.availability.flatMap((a) => a.windows.filter((w) => w.from < range.to && w.to > range.from));
    return windows.length === 0 ? NONE : `${windows.filter((w) => w.ok).length} of ${windows.length}`;
  };
  rows.push(['Availability targets met', availabilityMet(current), availabilityMet(previous), NONE, availabilityMet(hasYearAgo ? yearAgo : null), NONE]);

  const head = ['figure', current, previous ?? 'previous month', 'MoM', yearAgo, 'YoY'];
  const credits = review.serviceLevels.credits;
  return [
    h2(SECTION_TITLES.glance),
    prose(
      `The reviewed month beside the month before (MoM: the change in percent, or in percentage points for compliance) and the same month a year earlier (YoY). Medians are of all priorities; SLA compliance is over every target's clocks; availability counts the agreements' windows that overlap the month.`,
    ),
    table(head, ['left', 'right', 'right', 'right', 'right', 'right'], rows),
    prose(
      credits.lines.length === 0
        ? `No service credit is owed for the availability windows that end within the months.`
        : `Service credits owed for the availability windows that end within the months: ${money(credits.currency, credits.total)} (${plural(credits.lines.length, 'line')}, under "${SECTION_TITLES.serviceLevels}").`,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Volume

function volume(review: Review): string[] {
  const v = review.volume;
  const labels = v.months.map((m) => m.month);
  const out = [
    h2(SECTION_TITLES.volume),
    prose(
      `${review.period.label}: ${v.opened.value} tickets opened (${signedPercent(v.opened.monthOverMonthPercent)} month over month, ${signedPercent(v.opened.yearOverYearPercent)} year over year) and ${v.resolved.value} resolved (${signedPercent(v.resolved.monthOverMonthPercent)}, ${signedPercent(v.resolved.yearOverYearPercent)}). The chart shows the tickets opened per month as bars and those resolved as a line.`,
    ),
    xyChart('Tickets opened (bars) and resolved (line)', labels, 'Tickets', [
      { kind: 'bar', values: v.months.map((m) => m.opened) },
      { kind: 'line', values: v.months.map((m) => m.resolved) },
    ]),
    prose('Tickets opened and resolved per month, of every type.'),
    table(['month', 'opened', 'resolved'], ['left', 'right', 'right'], v.months.map((m) => [m.month, countText(m.opened), countText(m.resolved)])),
  ];
  if (v.types.length > 0) {
    out.push(
      prose('Per ticket type, each cell as opened / resolved.'),
      table(
        ['month', ...v.types],
        ['left', ...v.types.map(() => 'right' as const)],
        v.months.map((m) => [m.month, ...v.types.map((t) => `${countOf(m.openedByType, t)} / ${countOf(m.resolvedByType, t)}`)]),
      ),
    );
  }
  if (v.priorities.length > 0) {
    out.push(
      prose('Per priority (as of the review), each cell as opened / resolved.'),
      table(
        ['month', ...v.priorities],
        ['left', ...v.priorities.map(() => 'right' as const)],
        v.months.map((m) => [m.month, ...v.priorities.map((p) => `${countOf(m.openedByPriority, p)} / ${countOf(m.resolvedByPriority, p)}`)]),
      ),
    );
  }
  const reviewed = v.months[v.months.length - 1];
  if (reviewed === undefined || reviewed.opened === 0) out.push(prose(`No ticket was opened in ${review.period.label}.`));
  else {
    const pies = [pieChart(`Opened in ${review.period.label} by type`, reviewed.openedByType), pieChart(`Opened in ${review.period.label} by priority`, reviewed.openedByPriority)];
    const drawn = pies.filter((p): p is string => p !== null);
    if (drawn.length > 0) out.push(prose(`The tickets opened in ${review.period.label}, by type and by priority.`), ...drawn);
  }
  return out;
}

function countOf(counts: ReadonlyArray<{ key: string; count: number }>, key: string): number {
  return counts.find((c) => c.key === key)?.count ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Backlog and ageing

function backlog(review: Review): string[] {
  const b = review.backlog;
  const out = [
    h2(SECTION_TITLES.backlog),
    prose('Tickets open at the end of each month (new, active or waiting), as bars.'),
    xyChart('Open at month end', b.months.map((m) => m.month), 'Tickets', [{ kind: 'bar', values: b.months.map((m) => m.open) }]),
    prose('The same tickets by their age at the month end, in calendar days since they were opened.'),
    table(
      ['month', 'open', ...AGE_BANDS.map((band) => AGE_BAND_LABELS[band])],
      ['left', 'right', ...AGE_BANDS.map(() => 'right' as const)],
      b.months.map((m) => [m.month, countText(m.open), ...AGE_BANDS.map((band) => countText(m.bands.find((x) => x.band === band)?.count ?? 0))]),
    ),
    h3('Oldest open tickets'),
  ];
  if (b.oldest.length === 0) out.push(prose(`No ticket was open at the end of ${review.period.label}.`));
  else {
    out.push(
      prose(`The ${plural(b.oldest.length, 'ticket')} open longest at the end of ${review.period.label}, oldest first; age in whole days.`),
      table(
        ['ticket', 'title', 'type', 'service', 'priority', 'status', 'group', 'opened', 'age'],
        ['left', 'left', 'left', 'left', 'left', 'left', 'left', 'left', 'right'],
        b.oldest.map((t) => [t.ticket, t.title, t.type, t.service, t.priority, t.status, t.group ?? NONE, localInstant(review.timeZone, t.opened), `${t.ageDays} d`]),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Speed

function speed(review: Review): string[] {
  const labels = review.months.map((m) => m.label);
  const out = [
    h2(SECTION_TITLES.speed),
    prose(
      `The business time until first response (MTTA) and until resolution (MTTR), per month in which the clock stopped, one clock per ticket (docs/review.md). Medians and 90th percentiles (nearest rank) first: a few tickets that waited for weeks pull a mean far from what most customers saw.`,
    ),
  ];
  for (const metric of ['response', 'resolution'] as const) out.push(...speedChart(review, metric));

  const allHead = ['month'];
  for (const metric of ['response', 'resolution'] as const) {
    const s = SPEED_METRIC_SHORT[metric];
    allHead.push(`${s} n`, `${s} median`, `${s} p90`, `${s} mean`);
  }
  const allRows = labels.map((month) => [
    month,
    ...(['response', 'resolution'] as const).flatMap((metric) => {
      const f = speedFigure(review, month, metric, null);
      if (f === undefined) return [NONE, NONE, NONE, NONE];
      return [countText(f.count), marked(minutesOrNone(f.medianMinutes), f.fewerThanMinimum), marked(minutesOrNone(f.p90Minutes), f.fewerThanMinimum), marked(minutesOrNone(f.meanMinutes), f.fewerThanMinimum)];
    }),
  ]);
  out.push(prose('All priorities: the number of clocks (n), the median, the 90th percentile and the mean.'));
  out.push(...tableWithNote(review, allHead, ['left', ...allHead.slice(1).map(() => 'right' as const)], allRows));

  if (review.speed.priorities.length > 0) {
    for (const metric of ['response', 'resolution'] as const) {
      const rows = labels.map((month) => [
        month,
        ...review.speed.priorities.map((priority) => {
          const f = speedFigure(review, month, metric, priority);
          if (f === undefined || f.count === 0) return NONE;
          return marked(`${minutesOrNone(f.medianMinutes)} / ${minutesOrNone(f.p90Minutes)} (${f.count})`, f.fewerThanMinimum);
        }),
      ]);
      out.push(prose(`Per priority, the ${SPEED_METRIC_LABELS[metric]}: median / 90th percentile (number of clocks).`));
      out.push(...tableWithNote(review, ['month', ...review.speed.priorities], ['left', ...review.speed.priorities.map(() => 'right' as const)], rows));
    }
  }

  out.push(
    h3('Reopen and first-contact resolution'),
    prose(
      'Of the tickets first resolved in each month, those reopened since (reopen rate), and of the incidents and requests among them, those resolved with no hand-off and never reopened (first-contact resolution).',
    ),
  );
  const rateRows = labels.map((month) => {
    const reopen = review.speed.reopen.find((r) => r.month === month);
    const first = review.speed.firstContact.find((r) => r.month === month);
    return [
      month,
      reopen === undefined ? NONE : countText(reopen.resolved),
      reopen === undefined ? NONE : countText(reopen.count),
      reopen === undefined ? NONE : marked(percentText(reopen.ratePercent), reopen.fewerThanMinimum),
      first === undefined ? NONE : countText(first.resolved),
      first === undefined ? NONE : countText(first.count),
      first === undefined ? NONE : marked(percentText(first.ratePercent), first.fewerThanMinimum),
    ];
  });
  out.push(
    ...tableWithNote(
      review,
      ['month', 'resolved', 'reopened', 'reopen rate', 'incidents and requests resolved', 'at first contact', 'first-contact rate'],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rateRows,
    ),
  );
  return out;
}

/** A line of the month's median (all priorities), over the months in which something was measured. */
function speedChart(review: Review, metric: Metric): string[] {
  const points = review.months
    .map((m) => ({ month: m.label, median: speedFigure(review, m.label, metric, null)?.medianMinutes ?? null }))
    .filter((p): p is { month: string; median: number } => p.median !== null);
  const name = SPEED_METRIC_LABELS[metric];
  if (points.length < 2) return [prose(`No chart of the median ${name}: it was measured in fewer than two months (the tables below have the figures).`)];
  // Resolution times run to days of business hours: in hours they read better on an axis.
  const hours = metric === 'resolution';
  const values = points.map((p) => (hours ? Math.round((p.median / 60) * 100) / 100 : p.median));
  const skipped = review.months.length - points.length;
  return [
    prose(
      `The median ${name} per month, in business ${hours ? 'hours' : 'minutes'}, all priorities.${skipped > 0 ? ` ${plural(skipped, 'month')} with no clock stopped ${skipped === 1 ? 'is' : 'are'} left out of the axis rather than drawn as 0.` : ''}`,
    ),
    xyChart(`Median ${SPEED_METRIC_SHORT[metric]} (${hours ? 'hours' : 'minutes'})`, points.map((p) => p.month), hours ? 'Hours' : 'Minutes', [{ kind: 'line', values }]),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Service levels

function serviceLevels(review: Review): string[] {
  const s = review.serviceLevels;
  const labels = review.months.map((m) => m.label);
  const out = [h2(SECTION_TITLES.serviceLevels), h3('Compliance per target')];
  const listing = targetListing(review);
  if (listing.listed.length === 0) out.push(prose('No SLA target measured a clock in the months.'));
  else {
    out.push(
      prose(
        `${targetListingLead(review, listing, review.period.label)} Compliance is met ÷ measured clocks of each target per month, against its objective, as sla report gives it; ✅ met the objective, ❌ did not.`,
      ),
    );
    const rows = listing.listed.map((t) => [
      t.sla,
      t.metric,
      t.type,
      t.priority,
      t.slaVersion === null ? t.target : `${t.target} from ${t.slaVersion}`,
      formatObjective(t.objectivePercent),
      ...labels.map((month) => targetMonthText(t.months.find((m) => m.month === month))),
    ]);
    out.push(...tableWithNote(review, ['SLA', 'metric', 'type', 'priority', 'target', 'objective', ...labels], ['left', 'left', 'left', 'left', 'right', 'right', ...labels.map(() => 'right' as const)], rows));
    const charts: string[] = [];
    for (const t of listing.listed) {
      const measured = t.months.filter((m): m is TargetMonth & { compliancePercent: number } => m.compliancePercent !== null);
      if (measured.length < 2) continue;
      charts.push(
        prose(`Compliance of ${t.sla}, ${t.metric} of ${t.type} ${t.priority} (objective ${formatObjective(t.objectivePercent)}), per month in which a clock was measured.`),
        xyChart(`${t.metric} ${t.type} ${t.priority} · ${t.sla}`, measured.map((m) => m.month), 'Compliance %', [{ kind: 'line', values: measured.map((m) => m.compliancePercent) }], 100),
      );
    }
    if (charts.length > 0) out.push(...charts);
  }

  out.push(h3('Availability and error budget'));
  const pivots = availabilityPivots(s.availability);
  if (pivots.length === 0) out.push(prose('No availability agreement has a window in the months.'));
  else {
    out.push(prose(`${AVAILABILITY_LEAD} Each cell: the availability, ✅ or ❌ against the target, and the budget spent.`));
    for (const pivot of pivots) {
      out.push(
        prose(`Availability ${WINDOW_KIND_TITLES[pivot.kind]}.`),
        table(
          ['service', 'SLA', 'target', ...pivot.windows],
          ['left', 'left', 'right', ...pivot.windows.map(() => 'right' as const)],
          pivot.rows.map(({ trend, cells }) => [
            trend.service,
            trend.sla,
            formatObjective(trend.targetPercent),
            ...cells.map((w) => (w === undefined || w.availabilityPercent === null ? NONE : `${formatAvailability(w.availabilityPercent, trend.targetPercent)} ${okMark(w.ok)} (budget ${percentText(w.budgetBurnPercent)})`)),
          ]),
        ),
      );
    }
  }

  out.push(h3('Service credits'));
  if (s.credits.lines.length === 0) out.push(prose('No service credit is owed for the availability windows that end within the months.'));
  else {
    out.push(
      prose(`The service credits owed for the availability windows that end within the months, as itsm chargeback computes them (negative: returned to the consumer); in all ${money(s.credits.currency, s.credits.total)}.`),
      table(
        ['consumer', 'service', 'SLA', 'window', 'amount'],
        ['left', 'left', 'left', 'left', 'right'],
        s.credits.lines.map((l) => [l.consumer, l.service, l.sla, l.window, money(s.credits.currency, l.amount)]),
      ),
    );
  }
  return out;
}

function targetMonthText(m: TargetMonth | undefined): string {
  if (m === undefined || m.compliancePercent === null) return NONE;
  return marked(`${percentText(m.compliancePercent)} ${m.ok === null ? '' : okMark(m.ok)}`.trim(), m.fewerThanMinimum);
}

/** ✅ / ❌ render as coloured marks on GitHub and stay readable as text elsewhere (as in `sla report`). */
function okMark(ok: boolean): string {
  return ok ? '✅' : '❌';
}

// ---------------------------------------------------------------------------------------------------------------
// Recurrence

function recurrence(review: Review): string[] {
  const r = review.recurrence;
  const labels = review.months.map((m) => m.label);
  const out = [h2(SECTION_TITLES.recurrence)];
  if (r.services.length === 0 && r.categories.length === 0) {
    out.push(prose('No incident was opened in the months.'));
    return out;
  }
  out.push(
    prose(
      'Where incidents recur: the services, and the service and category pairs, with the most incidents opened over the months, and their trend (the last three months against the three before; rising is worse).',
    ),
  );
  const rows = (list: readonly RecurrenceRow[], withCategory: boolean) =>
    list.map((row) => [row.service, ...(withCategory ? [row.category ?? NONE] : []), countText(row.incidents), ...labels.map((_, i) => countText(row.months[i] ?? 0)), trendText(row.trend)]);
  const monthAlign = labels.map(() => 'right' as const);
  out.push(
    h3('Services with the most incidents'),
    prose('Incidents opened per service and month.'),
    table(['service', 'incidents', ...labels, 'trend'], ['left', 'right', ...monthAlign, 'left'], rows(r.services, false)),
    h3('Categories with the most incidents'),
    prose('Incidents opened per service and category (the category label, or else the normalised title) and month.'),
    table(['service', 'category', 'incidents', ...labels, 'trend'], ['left', 'left', 'right', ...monthAlign, 'left'], rows(r.categories, true)),
  );
  return out;
}

function trendText(trend: RecurrenceRow['trend']): string {
  const arrow = trend === 'rising' ? '↑' : trend === 'falling' ? '↓' : '→';
  return `${arrow} ${TREND_LABELS[trend]}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Changes and problems (left out when the repository has none)

function changes(section: ChangeSection): string[] {
  return [
    h2(SECTION_TITLES.changes),
    prose(
      'Changes completed per month, as itsm change report counts them: successful, failed (failed, backed out or partial), emergency, and those that caused an incident; the success rate and the change failure rate.',
    ),
    table(
      ['month', 'completed', 'successful', 'failed', 'caused incidents', 'emergency', 'success rate', 'failure rate'],
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      section.months.map((m) => [
        m.month,
        countText(m.completed),
        countText(m.successful),
        countText(m.failed),
        countText(m.causedIncidents),
        countText(m.emergency),
        percentText(m.successRatePercent),
        percentText(m.failureRatePercent),
      ]),
    ),
  ];
}

function problems(section: ProblemSection, period: string): string[] {
  return [
    h2(SECTION_TITLES.problems),
    prose(
      `At the end of ${period}, ${plural(section.openAtEnd, 'problem')} open, of which ${plural(section.knownErrorsAtEnd, 'known error')}. Per month: problems opened, resolved, and known errors added (a workaround documented).`,
    ),
    table(
      ['month', 'opened', 'resolved', 'known errors added'],
      ['left', 'right', 'right', 'right'],
      section.months.map((m) => [m.month, countText(m.opened), countText(m.resolved), countText(m.knownErrorsAdded)]),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// The worst five and the most improved

function worst(review: Review): string[] {
  const w = review.worst;
  const month = review.period.label;
  const out = [h2(SECTION_TITLES.worst), h3('Most breaches')];
  if (w.byBreaches.length === 0) out.push(prose(`No clock was breached in ${month}.`));
  else {
    out.push(
      prose(`The services with the most breached clocks in ${month}.`),
      table(
        ['service', 'name', 'breached', 'measured', 'compliance'],
        ['left', 'left', 'right', 'right', 'right'],
        w.byBreaches.map((r) => [r.service, r.name, countText(r.breached), countText(r.measured), percentText(r.compliancePercent)]),
      ),
    );
  }
  out.push(h3('Most downtime'));
  if (w.byDowntime.length === 0) out.push(prose(`No service was down or degraded in ${month}.`));
  else {
    out.push(
      prose(`The services down longest in ${month}, then degraded longest (calendar time of their outages), and the outages that took them down in the month.`),
      table(
        ['service', 'name', 'down', 'degraded', 'failures'],
        ['left', 'left', 'right', 'right', 'right'],
        w.byDowntime.map((r) => [r.service, r.name, minutesOrNone(r.downtimeMinutes), minutesOrNone(r.degradedMinutes), countText(r.failures)]),
      ),
    );
  }
  out.push(h3('Most improved'));
  if (w.mostImproved.length === 0) out.push(prose(`No service with at least ${review.minimumSample} clocks in both ${month} and the month before improved its compliance.`));
  else {
    out.push(
      prose(`The services whose compliance rose most from the month before, in percentage points (at least ${review.minimumSample} clocks in both months).`),
      table(
        ['service', 'name', 'before', month, 'change'],
        ['left', 'left', 'right', 'right', 'right'],
        w.mostImproved.map((r) => [r.service, r.name, percentText(r.previousPercent), percentText(r.compliancePercent), signedPoints(r.changePoints)]),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Breakdown

function breakdown(review: Review): string[] {
  const b = review.breakdown;
  const out = [h2(SECTION_TITLES.breakdown), prose(`The figures of ${review.period.label} per service, per consumer and per assignment group; backlog is what was open at the month end.`)];
  const parts: Array<[string, string, readonly BreakdownRow[] | null, boolean]> = [
    ['Per service', 'service', b.services, true],
    ['Per consumer', 'consumer', b.consumers, false],
    ['Per assignment group', 'group', b.groups, false],
  ];
  for (const [title, noun, rows, downtime] of parts) {
    if (rows === null) continue;
    out.push(h3(title));
    if (rows.length === 0) {
      out.push(prose(`No ${noun} has tickets in ${review.period.label}.`));
      continue;
    }
    const head = [noun, 'name', 'opened', 'resolved', 'backlog', 'measured', 'breached', 'compliance', 'MTTR median', ...(downtime ? ['downtime'] : [])];
    const body = rows.map((r) => [
      r.id,
      r.name ?? NONE,
      countText(r.opened),
      countText(r.resolved),
      countText(r.backlog),
      countText(r.measured),
      countText(r.breached),
      marked(percentText(r.compliancePercent), r.fewerThanMinimum),
      marked(minutesOrNone(r.resolutionMedianMinutes), r.fewerThanMinimum),
      ...(downtime ? [minutesOrNone(r.downtimeMinutes)] : []),
    ]);
    out.push(prose(`Per ${noun}: tickets, clocks measured and breached, compliance and median time to resolution.`));
    out.push(...tableWithNote(review, head, ['left', 'left', ...head.slice(2).map(() => 'right' as const)], body));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Improvement register

function improvements(review: Review): string[] {
  const list = review.improvements;
  const out = [h2(SECTION_TITLES.improvements)];
  if (list.length === 0) {
    out.push(prose('The register is empty: an Improvement document (docs/format.md) names a figure to move, its baseline, target and due date.'));
    return out;
  }
  const counts = (['achieved', 'on-track', 'overdue', 'missed', 'no-data'] as const)
    .map((verdict) => ({ verdict, n: list.filter((i) => i.verdict === verdict).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${VERDICT_LABELS[c.verdict]}`);
  out.push(
    prose(
      `The improvement register measured over ${review.period.label}: ${plural(list.length, 'improvement')}, ${counts.join(', ')}. Progress is how much of the way from baseline to target the figure has come.`,
    ),
    ...tableWithNote(
      review,
      ['id', 'title', 'owner', 'scope', 'metric', 'baseline', 'target', 'current', 'progress', 'due', 'status', 'verdict'],
      ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left'],
      list.map((i) => [
        i.improvement,
        i.title,
        i.owner,
        scopeText(i),
        IMPROVEMENT_METRIC_LABELS[i.metric],
        improvementValue(i.baseline, i.unit),
        improvementValue(i.target, i.unit),
        marked(improvementValue(i.current, i.unit), i.fewerThanMinimum),
        percentText(i.progressPercent),
        i.due,
        i.status,
        verdictText(i),
      ]),
    ),
  );
  return out;
}

function scopeText(i: ImprovementRow): string {
  const who = i.service ?? 'organisation';
  return i.priority === null ? who : `${who}, ${i.priority}`;
}

function verdictText(i: ImprovementRow): string {
  const mark = { achieved: '✅', 'on-track': '🟢', missed: '❌', overdue: '⚠️', 'no-data': '❔' }[i.verdict];
  return `${mark} ${VERDICT_LABELS[i.verdict]}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Mermaid

interface Series {
  kind: 'bar' | 'line';
  values: readonly number[];
}

/**
 * A Mermaid `xychart-beta` block. Every month of `labels` is on the x-axis (a month with no tickets is a 0 bar, never
 * missing), the y-axis starts at 0 and ends at `yMax` or the largest value (at least 1, so that an all-zero chart still
 * has a range). Lists are written without spaces, so that twelve months keep MD013 quiet inside the fence.
 */
function xyChart(title: string, labels: readonly string[], yTitle: string, series: readonly Series[], yMax?: number): string {
  const top = yMax ?? Math.max(1, Math.ceil(Math.max(0, ...series.flatMap((s) => s.values))));
  return [
    '```mermaid',
    'xychart-beta',
    fit(`  title "${mermaidText(title)}"`),
    `  x-axis [${labels.map((l) => `"${mermaidText(l)}"`).join(',')}]`,
    `  y-axis "${mermaidText(yTitle)}" 0 --> ${top}`,
    ...series.map((s) => `  ${s.kind} [${s.values.join(',')}]`),
    '```',
  ].join('\n');
}

/**
 * A Mermaid `pie` of the non-zero counts (a slice of 0 draws nothing but would still take a legend line); null when
 * there is none (a pie without slices does not render).
 */
function pieChart(title: string, counts: ReadonlyArray<{ key: string; count: number }>): string | null {
  const slices = counts.filter((c) => c.count > 0);
  if (slices.length === 0) return null;
  return ['```mermaid', fit(`pie title ${mermaidText(title)}`), ...slices.map((c) => fit(`  "${mermaidText(c.key)}" : ${c.count}`)), '```'].join('\n');
}

/** Text inside a Mermaid label: Mermaid's entity codes for what would end the quotes or read as markup. */
function mermaidText(text: string): string {
  return safeText(text.replace(/\s+/g, ' ')).replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** A Mermaid line whose spaces past column 80 become `#32;` (MD013 counts code blocks too). */
function fit(line: string): string {
  if (line.length <= LINE_LENGTH) return line;
  return line.slice(0, LINE_LENGTH) + line.slice(LINE_LENGTH).replace(/ /g, '#32;');
}
