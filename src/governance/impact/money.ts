import { buildChargeback, type Chargeback } from '../../chargeback/index.js';
import type { Repository } from '../../model/repository.js';
import type { AvailabilityRow } from '../../sla/report.js';
import type { AvailabilityImpact, ChargebackImpact } from '../impact.js';
import { nextMonth } from './months.js';
import { byText } from '../changes/words.js';

/** The chargeback of `month` (YYYY-MM), computed by the chargeback engine as `itsm chargeback --period MONTH` does. */
export function monthChargeback(repository: Repository, month: string): Chargeback {
  return buildChargeback(repository, { period: { label: month, from: `${month}-01`, to: `${nextMonth(month)}-01` } });
}

/** Each consumer whose total for the month (charges plus credits, exact minor units) differs between the sides. */
export function chargebackImpact(base: Chargeback, head: Chargeback): ChargebackImpact[] {
  const before = new Map(base.consumers.map((c) => [c.consumer, c.total]));
  const after = new Map(head.consumers.map((c) => [c.consumer, c.total]));
  const impacts: ChargebackImpact[] = [];
  for (const consumer of [...new Set([...after.keys(), ...before.keys()])].sort()) {
    const b = before.get(consumer) ?? 0n;
    const h = after.get(consumer) ?? 0n;
    if (b === h) continue;
    impacts.push({ consumer, baseMinor: Number(b), headMinor: Number(h), deltaMinor: Number(h - b) });
  }
  return impacts;
}

/**
 * The service credits of the month's chargeback per service, agreement and availability window, as positive minor
 * units (what consumers are owed; the statement shows them as negative lines).
 */
function creditsOf(chargeback: Chargeback): Map<string, bigint> {
  const credits = new Map<string, bigint>();
  for (const line of chargeback.lines) {
    if (line.kind !== 'credit' || line.sla === null) continue;
    const key = availabilityKey(line.service, line.sla, line.period);
    credits.set(key, (credits.get(key) ?? 0n) - line.amount);
  }
  return credits;
}

function availabilityKey(service: string, sla: string, window: string): string {
  return `${service}\u0000${sla}\u0000${window}`;
}

/**
 * Each availability window whose availability (over the compared period, as the SLA report rounds it) or service
 * credit (in the month's chargeback) differs between the sides. A window of the period outside the month has no credit
 * in the month's statement (0); one of the month outside the period has no availability figure (null).
 */
export function availabilityImpact(base: { rows: readonly AvailabilityRow[]; chargeback: Chargeback }, head: { rows: readonly AvailabilityRow[]; chargeback: Chargeback }): AvailabilityImpact[] {
  type Figures = { service: string; sla: string; window: string; availabilityPercent: number | null; creditMinor: bigint };
  const figuresOf = (side: typeof base): Map<string, Figures> => {
    const figures = new Map<string, Figures>();
    for (const row of side.rows) figures.set(availabilityKey(row.service, row.sla, row.window), { service: row.service, sla: row.sla, window: row.window, availabilityPercent: row.availabilityPercent, creditMinor: 0n });
    for (const [key, credit] of creditsOf(side.chargeback)) {
      const known = figures.get(key);
      if (known) known.creditMinor = credit;
      else {
        const [service, sla, window] = key.split('\u0000') as [string, string, string];
        figures.set(key, { service, sla, window, availabilityPercent: null, creditMinor: credit });
      }
    }
    return figures;
  };
  const before = figuresOf(base);
  const after = figuresOf(head);
  const impacts: AvailabilityImpact[] = [];
  for (const key of new Set([...after.keys(), ...before.keys()])) {
    const b = before.get(key);
    const h = after.get(key);
    const any = (h ?? b)!;
    const side = (f: Figures | undefined) => ({ availabilityPercent: f?.availabilityPercent ?? null, creditMinor: Number(f?.creditMinor ?? 0n) });
    const impact = { service: any.service, sla: any.sla, window: any.window, base: side(b), head: side(h) };
    if (impact.base.availabilityPercent === impact.head.availabilityPercent && impact.base.creditMinor === impact.head.creditMinor) continue;
    impacts.push(impact);
  }
  return impacts.sort((x, y) => byText(x.service, y.service) || byText(x.sla, y.sla) || byText(x.window, y.window));
}
