import type { Repository } from '../model/repository.js';
import type { Period } from '../sla/period.js';
import { clockDifferences } from './impact/clocks.js';
import { complianceImpact } from './impact/compliance.js';
import { definitionDifferences } from './impact/definitions.js';
import { measureSide } from './impact/measure-sides.js';
import { availabilityImpact, chargebackImpact, monthChargeback } from './impact/money.js';
import { retiredDependencies } from './impact/retired.js';
import { measuredServices } from './impact/scope.js';

/**
 * CONTRACT (issue #13): the g13-impact part fills in `measureImpact`; other parts only read these types. Fields may
 * be added; none may be renamed or removed without the coordinator. Instants are ISO 8601 UTC strings, money is
 * integer minor units (cents) as in chargeback, percentages are numbers rounded as `sla report` rounds them.
 */

export interface ImpactOptions {
  /** The period whose compliance is compared (the CLI's default: the last three full months before `now`). */
  period: Period;
  /** The instant running clocks are measured at (`--now`). */
  now: number;
  /** The month (YYYY-MM) whose chargeback is compared. */
  month: string;
}

/** One compliance figure of a target that moves. */
export interface ComplianceImpact {
  sla: string;
  /** The dated version of the agreement that set the target as it is (its `from`), null while as first written. */
  version: string | null;
  type: string;
  priority: string;
  metric: string;
  /** The target's duration as written ("8h"); null on a side that has no such target. */
  target: { base: string | null; head: string | null };
  objectivePercent: { base: number | null; head: number | null };
  base: { met: number; breached: number; compliancePercent: number | null };
  head: { met: number; breached: number; compliancePercent: number | null };
  /** head − base in percentage points; null when either side measured nothing. */
  deltaPoints: number | null;
}

export type ClockImpactKind = 'newly-breached' | 'no-longer-breached' | 'due-sooner' | 'due-later';

/** A clock running at `now` whose state or due time moves. */
export interface ClockImpact {
  ticket: string;
  sla: string;
  metric: string;
  kind: ClockImpactKind;
  base: { state: string; dueAt: string | null };
  head: { state: string; dueAt: string | null };
}

/** An availability figure (and the credit it earns) that moves. */
export interface AvailabilityImpact {
  service: string;
  sla: string;
  window: string;
  base: { availabilityPercent: number | null; creditMinor: number };
  head: { availabilityPercent: number | null; creditMinor: number };
}

/** A consumer's chargeback total for the month that moves. */
export interface ChargebackImpact {
  consumer: string;
  baseMinor: number;
  headMinor: number;
  deltaMinor: number;
}

/** A service that head retires while others still depend on it (transitively, with the path). */
export interface RetiredDependency {
  service: string;
  dependents: Array<{ service: string; path: string[] }>;
}

/** A month already reported (it ended before `now`) whose clocks the change would measure differently. */
export interface PastRewrite {
  month: string;
  sla: string;
  /** Clocks of that month whose state, target or elapsed time differs. */
  clocks: number;
}

export interface Impact {
  period: { label: string; from: string; to: string };
  asOf: string;
  compliance: ComplianceImpact[];
  clocks: ClockImpact[];
  availability: AvailabilityImpact[];
  chargeback: { month: string; currency: string; consumers: ChargebackImpact[] };
  retired: RetiredDependency[];
  past: PastRewrite[];
}

/**
 * What moves when `base`'s definitions are replaced by `head`'s, both measured on `head`'s tickets (pure). Tickets are
 * data, not definitions: the base side is `{ ...base, tickets: head.tickets }`, so every figure that moves, moves
 * because a definition changed. Each side is measured once by the SLA engine (one report by month over the months the
 * tickets cover up to `now`, on the services the change can reach) and once by the chargeback engine; docs in
 * docs/governance.md ("Impact").
 */
export function measureImpact(base: Repository, head: Repository, options: ImpactOptions): Impact {
  const impact = emptyImpact(head, options);
  const differences = definitionDifferences(base, head);
  if (differences.identical) return impact;
  const before: Repository = { ...base, tickets: head.tickets };
  impact.retired = retiredDependencies(before, head);

  const services = measuredServices(before, head, differences);
  const sideOptions = { period: options.period, now: options.now, services };
  const baseSla = measureSide(before, head, sideOptions);
  const headSla = measureSide(head, head, sideOptions);
  impact.compliance = complianceImpact(baseSla, headSla, options.period, { base: before.config.timeZone, head: head.config.timeZone }, head.config.priorities.map((p) => p.id));
  const { clocks, past } = clockDifferences(baseSla.months, headSla.months, options.now, head.config.timeZone);
  impact.clocks = clocks;
  impact.past = past;

  const baseCharges = monthChargeback(before, options.month);
  const headCharges = monthChargeback(head, options.month);
  impact.availability = availabilityImpact({ rows: baseSla.targets.availability, chargeback: baseCharges }, { rows: headSla.targets.availability, chargeback: headCharges });
  impact.chargeback.consumers = chargebackImpact(baseCharges, headCharges);
  return impact;
}

function emptyImpact(head: Repository, options: ImpactOptions): Impact {
  return {
    period: { label: options.period.label, from: new Date(options.period.from).toISOString(), to: new Date(options.period.to).toISOString() },
    asOf: new Date(options.now).toISOString(),
    compliance: [],
    clocks: [],
    availability: [],
    chargeback: { month: options.month, currency: head.config.currency, consumers: [] },
    retired: [],
    past: [],
  };
}
