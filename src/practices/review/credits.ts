import { buildChargeback } from '../../chargeback/build.js';
import { formatMinor } from '../../chargeback/money.js';
import { startOfLocalDay } from '../../time/index.js';
import { shiftMonth, type ReviewContext } from './context.js';
import type { CreditLine, ServiceLevelSection } from './types.js';

/**
 * The service credits owed for the availability windows that end within the review's months, as `itsm chargeback`
 * over those months computes them (docs/chargeback.md), narrowed to the review's services and consumers (credits
 * are owed per consumer and service: the group and priority filters do not apply). A window still open at the
 * review's instant owes nothing yet. Amounts are exact, written as the chargeback JSON writes money.
 */
export function serviceCredits(context: ReviewContext): ServiceLevelSection['credits'] {
  const { repository, months, filters } = context;
  const first = months[0]!.label;
  const last = months[months.length - 1]!.label;
  const from = `${first}-01`;
  const to = `${shiftMonth(last, 1)}-01`;
  const chargeback = buildChargeback(repository, {
    period: { label: first === last ? last : `${first}..${last}`, from, to },
    ...(filters.consumer ? { consumers: filters.consumer } : {}),
    ...(filters.service ? { services: filters.service } : {}),
  });
  const tz = repository.config.timeZone;
  const lines: CreditLine[] = [];
  let total = 0n;
  for (const l of chargeback.lines) {
    if (l.kind !== 'credit' || l.consumer === null || l.sla === null) continue;
    // The line's window is clipped to the period (start, end): whether it has ended is read from its label. The
    // review's instant is at most the end of the months, so a window that ends after them is left out too.
    if (startOfLocalDay(tz, windowEnd(l.period)) > context.asOf) continue;
    lines.push({ consumer: l.consumer, service: l.service, sla: l.sla, window: l.period, amount: formatMinor(l.amount, chargeback.minorDigits) });
    total += l.amount;
  }
  return { currency: chargeback.currency, total: formatMinor(total, chargeback.minorDigits), lines };
}

/** The local date after an availability window's last day: "2026-11" → 2026-12-01, "2026-Q4" → 2027-01-01, "2026" → 2027-01-01. */
export function windowEnd(label: string): string {
  const year = label.slice(0, 4);
  if (label.length === 4) return `${shiftMonth(`${year}-12`, 1)}-01`;
  const quarter = /^\d{4}-Q([1-4])$/.exec(label);
  if (quarter) return `${shiftMonth(`${year}-${String(Number(quarter[1]) * 3).padStart(2, '0')}`, 1)}-01`;
  return `${shiftMonth(label, 1)}-01`;
}
