import type { Outage } from '../../model/ticket.js';

/** Loss of service on one service: time down, and time degraded but not down, in milliseconds. */
export interface Downtime {
  downMs: number;
  degradedMs: number;
}

/** One outage of an incident, on the incident's service. */
export interface ServiceOutage {
  service: string;
  outage: Outage;
}

/**
 * The downtime a set of outages caused, as of `asOf`, per service and in total. Outages on one service are merged
 * first, so that two incidents down at the same time count that time once; outages on different services add up
 * (each service was down). An outage without an end runs to `asOf`; one that starts after `asOf` counts nothing.
 * `degradedMs` is the time degraded while not also down (a degraded outage inside a down one adds nothing).
 */
export function downtimeOf(outages: readonly ServiceOutage[], asOf: number): { total: Downtime; services: Map<string, Downtime> } {
  const byService = new Map<string, { all: Array<[number, number]>; down: Array<[number, number]> }>();
  for (const { service, outage } of outages) {
    const start = Date.parse(outage.start);
    const end = Math.min(outage.end === undefined ? asOf : Date.parse(outage.end), asOf);
    if (end <= start) continue;
    let lists = byService.get(service);
    if (!lists) byService.set(service, (lists = { all: [], down: [] }));
    lists.all.push([start, end]);
    if (outage.impact === 'down') lists.down.push([start, end]);
  }
  const total: Downtime = { downMs: 0, degradedMs: 0 };
  const services = new Map<string, Downtime>();
  for (const [service, { all, down }] of byService) {
    const downMs = unionLength(down);
    const degradedMs = unionLength(all) - downMs;
    services.set(service, { downMs, degradedMs });
    total.downMs += downMs;
    total.degradedMs += degradedMs;
  }
  return { total, services };
}

/** The length of the union of half-open intervals [start, end): sorted by start, overlapping ones merged. */
export function unionLength(intervals: ReadonlyArray<readonly [number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let length = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const [start, end] of sorted) {
    if (start > to) {
      if (to > from) length += to - from;
      from = start;
      to = end;
    } else if (end > to) {
      to = end;
    }
  }
  if (to > from) length += to - from;
  return length;
}
