/**
 * The status a ticket's timeline leaves it in: the status of its last event that sets one (at or before `asOf`, when
 * given), or undefined when none does — the ticket is then in the status it was opened with (the Config's first status
 * of category `new`). Timelines are in time order (the timeline-order rule), so the last such event is the latest.
 * Zod-free, for the engines and the practices alike.
 */
export function lastStatusOf(timeline: ReadonlyArray<{ at: string; status?: string }> | undefined, asOf?: number): string | undefined {
  if (timeline === undefined) return undefined;
  for (let i = timeline.length - 1; i >= 0; i--) {
    const { status, at } = timeline[i]!;
    if (status !== undefined && (asOf === undefined || Date.parse(at) <= asOf)) return status;
  }
  return undefined;
}
