import { iso } from '../../sla/rows.js';
import type { MonthWindow } from './context.js';
import { AGE_BANDS, type BacklogSection, type OldestTicket } from './types.js';

const DAY = 86_400_000;
/** The lower bound of each age band but the first, in calendar milliseconds (each band includes its lower bound). */
const BAND_FLOORS = [DAY, 7 * DAY, 30 * DAY] as const;
export const OLDEST_COUNT = 10;

/** The index in AGE_BANDS of a ticket `ageMs` old. */
export function ageBandOf(ageMs: number): number {
  let band = 0;
  while (band < BAND_FLOORS.length && ageMs >= BAND_FLOORS[band]!) band++;
  return band;
}

/** The fields of an oldest-ticket row that the walk knows, kept until the end of the pass. */
export type OpenTicket = Omit<OldestTicket, 'opened' | 'ageDays'> & { opened: number };

/**
 * Tickets open at each month's end by age band, and the oldest open at the end of the reviewed month
 * (docs/review.md, "Backlog and ageing"). `ends` are the month ends the tickets' facts were read against.
 */
export class BacklogTally {
  private readonly open: Int32Array;
  private readonly bands: Int32Array;
  /** At most OLDEST_COUNT, oldest first (then by ticket id). */
  private readonly oldest: OpenTicket[] = [];

  constructor(
    private readonly months: readonly MonthWindow[],
    private readonly ends: Float64Array,
  ) {
    this.open = new Int32Array(months.length);
    this.bands = new Int32Array(months.length * AGE_BANDS.length);
  }

  /** A ticket opened at `opened` and open at the end of month `m`. */
  addOpen(m: number, opened: number): void {
    this.open[m]!++;
    this.bands[m * AGE_BANDS.length + ageBandOf(this.ends[m]! - opened)]!++;
  }

  /** Whether a ticket opened at `opened` (id `ticket`) would be among the oldest so far: ask before building its row. */
  isOldest(opened: number, ticket: string): boolean {
    if (this.oldest.length < OLDEST_COUNT) return true;
    return olderThan(opened, ticket, this.oldest[this.oldest.length - 1]!);
  }

  /** A ticket open at the end of the reviewed month. */
  addOldest(row: OpenTicket): void {
    let i = this.oldest.length;
    while (i > 0 && olderThan(row.opened, row.ticket, this.oldest[i - 1]!)) i--;
    this.oldest.splice(i, 0, row);
    if (this.oldest.length > OLDEST_COUNT) this.oldest.pop();
  }

  section(): BacklogSection {
    const last = this.ends[this.ends.length - 1] ?? 0;
    return {
      months: this.months.map((month, m) => ({
        month: month.label,
        open: this.open[m]!,
        bands: AGE_BANDS.map((band, b) => ({ band, count: this.bands[m * AGE_BANDS.length + b]! })),
      })),
      oldest: this.oldest.map((row): OldestTicket => ({ ...row, opened: iso(row.opened), ageDays: Math.floor((last - row.opened) / DAY) })),
    };
  }
}

function olderThan(opened: number, ticket: string, than: OpenTicket): boolean {
  return opened < than.opened || (opened === than.opened && ticket < than.ticket);
}
