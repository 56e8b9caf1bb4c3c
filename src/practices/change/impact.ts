import type { Repository } from '../../model/repository.js';
import { compileAgreements } from '../../sla/agreements.js';
import { outagesAndMaintenanceOf } from '../../sla/availability.js';
import { iso } from '../../sla/rows.js';
import { localDateOf } from '../../time/index.js';
import { didYouMean } from '../../validate/context.js';
import { errorBudgets, type AgreementBudget } from './budget.js';
import { dependentsOf, type Dependent } from './dependents.js';
import { freezeIntervals, freezesCrossed, type FreezeInterval } from './freezes.js';
import { overlaps, type Interval } from '../../time/interval.js';
import { bySchedule, changeRecords, type ChangeRecord } from './records.js';

/** A change as the reports show it: instants in ISO 8601 UTC. */
export interface ChangeSummary {
  id: string;
  title: string;
  type: ChangeRecord['type'];
  risk: ChangeRecord['risk'];
  services: string[];
  start: string | null;
  end: string | null;
  outcome: ChangeRecord['outcome'];
  status: string;
  /** When the ticket was last revised (its last timeline event, or its opening). */
  revised: string;
}

export interface FreezeSummary {
  id: string;
  name: string;
  /** First and last local day, inclusive. */
  from: string;
  to: string;
  start: string;
  end: string;
  /** The services it covers; null for every service. */
  services: string[] | null;
}

export interface ChangeImpact {
  version: 1;
  /** What was asked about: a change, or a service (the impact of any change to it). */
  subject: { kind: 'change' | 'service'; id: string };
  /** The change, when the subject is one. */
  change: ChangeSummary | null;
  asOf: string;
  timeZone: string;
  /** The services the change affects (or the one asked about). */
  affected: string[];
  /** The services that depend on them, each with its path (dependent first, affected service last). */
  dependents: Dependent[];
  /** Consumers subscribed to any affected or dependent service, with the services they use of them. */
  consumers: Array<{ consumer: string; name: string; headcount: number; services: string[] }>;
  /** The consumers' headcount, each consumer counted once. */
  headcount: number;
  agreements: AgreementBudget[];
  /** Other changes in the window (for a service: its scheduled changes from `asOf` on), with the services they share. */
  changes: Array<ChangeSummary & { shared: string[] }>;
  /** Freezes the window crosses (for a service: those ahead of `asOf`), with the affected services each covers. */
  freezes: Array<FreezeSummary & { covered: string[] }>;
}

export type ImpactSubject = { kind: 'change'; change: ChangeRecord } | { kind: 'service'; service: string };

/**
 * Reads `<change-id | service-id>`: a change ticket first (ticket and service ids may coincide; a change is the more
 * specific question), then a service. Otherwise an error message with a did-you-mean hint over both kinds of id.
 */
export function impactSubject(repository: Pick<Repository, 'tickets' | 'services' | 'config'>, id: string): ImpactSubject | { error: string } {
  const change = changeRecords(repository).find((c) => c.id === id);
  if (change) return { kind: 'change', change };
  if (repository.services.some((s) => s.doc.metadata.id === id)) return { kind: 'service', service: id };
  const ticket = repository.tickets.find((t) => t.doc.metadata.id === id);
  if (ticket) return { error: `"${id}" is a ticket of type ${ticket.doc.spec.type}, not a change; give a change id or a service id` };
  const candidates = [...changeRecords(repository).map((c) => c.id), ...repository.services.map((s) => s.doc.metadata.id)];
  const hint = didYouMean(id, candidates);
  return { error: `no change or service "${id}" in the repository${hint ? `; ${hint}` : ''}` };
}

export function changeSummary(c: ChangeRecord): ChangeSummary {
  return {
    id: c.id,
    title: c.title,
    type: c.type,
    risk: c.risk,
    services: c.services,
    start: c.window ? iso(c.window.start) : null,
    end: c.window ? iso(c.window.end) : null,
    outcome: c.outcome,
    status: c.status,
    revised: iso(c.revised),
  };
}

export function freezeSummary(f: FreezeInterval): FreezeSummary {
  return { id: f.id, name: f.name, from: f.from, to: f.to, start: iso(f.start), end: iso(f.end), services: f.services };
}

/**
 * What a change touches (ITIL change assessment): the affected services and those that depend on them, their
 * consumers and headcount, the customer agreements and their error budgets, the other changes in the window and the
 * freezes it crosses. For a service, the same for any change to it as of `asOf`: the budget of the current window,
 * the changes scheduled on the service or its dependents from `asOf` on, the freezes ahead.
 */
export function buildChangeImpact(repository: Repository, subject: ImpactSubject, asOf: number): ChangeImpact {
  const timeZone = repository.config.timeZone;
  const change = subject.kind === 'change' ? subject.change : null;
  const affected = change ? change.services : [subject.kind === 'service' ? subject.service : ''];
  const window: Interval | null = change?.window ?? null;
  const dependents = dependentsOf(repository, affected);
  const reached = [...affected, ...dependents.map((d) => d.service)];

  // Subscriptions in force on any local day the window touches (for a service, on the day of asOf).
  const firstDay = localDateOf(timeZone, window?.start ?? asOf);
  const lastDay = localDateOf(timeZone, window ? Math.max(window.start, window.end - 1) : asOf);
  const consumers: ChangeImpact['consumers'] = [];
  for (const { doc } of [...repository.consumers].sort((a, b) => (a.doc.metadata.id < b.doc.metadata.id ? -1 : 1))) {
    const services = reached.filter((service) =>
      (doc.spec.subscriptions ?? []).some((s) => s.service === service && s.from <= lastDay && (s.to === undefined || s.to >= firstDay)),
    );
    if (services.length > 0) consumers.push({ consumer: doc.metadata.id, name: doc.metadata.name ?? doc.metadata.id, headcount: doc.spec.headcount, services });
  }

  const agreements = errorBudgets(repository, compileAgreements(repository), outagesAndMaintenanceOf(repository), reached, window?.start ?? asOf, window, asOf);

  const others = changeRecords(repository)
    .filter((c) => !c.cancelled && c.window !== null && c.id !== change?.id)
    .filter((c) => (window ? overlaps(c.window!, window) : c.window!.end > asOf && c.services.some((s) => reached.includes(s))))
    .sort(bySchedule)
    .map((c) => ({ ...changeSummary(c), shared: c.services.filter((s) => reached.includes(s)) }));

  const freezes = freezeIntervals(repository.config.change.freezes, timeZone);
  const crossed = window
    ? freezesCrossed(freezes, window, affected)
    : freezesCrossed(freezes, { start: asOf, end: Number.POSITIVE_INFINITY }, affected).sort((a, b) => a.freeze.start - b.freeze.start);

  return {
    version: 1,
    subject: { kind: subject.kind, id: change ? change.id : affected[0]! },
    change: change ? changeSummary(change) : null,
    asOf: iso(asOf),
    timeZone,
    affected,
    dependents,
    consumers,
    headcount: consumers.reduce((sum, c) => sum + c.headcount, 0),
    agreements,
    changes: others,
    freezes: crossed.map((x) => ({ ...freezeSummary(x.freeze), covered: x.services })),
  };
}
