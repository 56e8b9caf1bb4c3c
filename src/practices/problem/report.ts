import type { Repository } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { ticketHistory } from '../../sla/clock.js';
import { downtimeOf, type ServiceOutage } from './downtime.js';
import { OPEN_STATES, PROBLEM_STATES, problemFacts, statusContext, type ProblemFacts, type ProblemState, type StatusContext } from './state.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The age bands of open problems, in whole elapsed days (24 hours each) since the problem was opened. */
export const AGE_BANDS: ReadonlyArray<{ band: string; fromDays: number; toDays: number | null }> = [
  { band: 'under 7 days', fromDays: 0, toDays: 7 },
  { band: '7 to 30 days', fromDays: 7, toDays: 30 },
  { band: '30 to 90 days', fromDays: 30, toDays: 90 },
  { band: '90 days or more', fromDays: 90, toDays: null },
];

/** One problem as of the report's instant. */
export interface ProblemRow {
  problem: string;
  title: string;
  service: string;
  state: ProblemState;
  status: string;
  /** ISO 8601 UTC. */
  opened: string;
  /** Whole days (24 hours) from `opened` to the report's instant, rounded down. */
  ageDays: number;
  owner: string | null;
  group: string | null;
}

export interface KnownErrorRow {
  problem: string;
  title: string;
  /** When the workaround was documented (ISO 8601 UTC): a known error from then on. */
  documented: string;
  workaround: string;
  rootCause: string | null;
  /** The problem's service, then the other services of the incidents it explains, by id. */
  services: string[];
  /** The knowledge articles whose `problems` list it, by file path. */
  articles: Array<{ article: string; title: string; file: string }>;
}

export interface ProblemImpactRow {
  problem: string;
  title: string;
  state: ProblemState;
  /** The incidents naming the problem (`problem:`), opened by the report's instant and not cancelled, oldest first. */
  incidents: string[];
  /** Time down (milliseconds) from those incidents' outages, merged per service, summed over services. */
  downMs: number;
  /** Time degraded but not down (milliseconds), merged the same way. */
  degradedMs: number;
  services: Array<{ service: string; downMs: number; degradedMs: number }>;
}

/** The result of `itsm problem report`, which is also its JSON (docs/problem.md describes every field). */
export interface ProblemReport {
  version: 1;
  /** The instant the report is as of (ISO 8601 UTC). */
  asOf: string;
  timeZone: string;
  /** How many problems are in each state (cancelled ones are left out everywhere). */
  states: Array<{ state: ProblemState; count: number }>;
  /** The open problems (logged, under investigation, known error) per age band. */
  ageBands: Array<{ band: string; fromDays: number; toDays: number | null; count: number }>;
  /** The open problems, oldest first. */
  open: ProblemRow[];
  /** The open problems with a documented workaround, by id. */
  knownErrors: KnownErrorRow[];
  /** Every problem that explains at least one incident, with those incidents and their downtime, most downtime first. */
  impact: ProblemImpactRow[];
  /** How many problems (cancelled ones left out) explain no incident, and so are not in `impact`. */
  withoutIncidents: number;
  /** The open problems assigned to nobody (a group alone is not an owner), oldest first. */
  withoutOwner: ProblemRow[];
}

interface Problem {
  ticket: TicketDocument;
  facts: ProblemFacts;
  incidents: TicketDocument[];
}

/** `itsm problem report` as of `asOf`: pure over the repository. */
export function buildProblemReport(repository: Repository, asOf: number): ProblemReport {
  const context = statusContext(repository.config.statuses);
  const problems = new Map<string, Problem>();
  for (const { doc } of repository.tickets) {
    if (problems.has(doc.metadata.id)) continue; // the first definition of an id is the one every command uses
    const facts = problemFacts(doc, context, asOf);
    if (facts) problems.set(doc.metadata.id, { ticket: doc, facts, incidents: [] });
  }
  for (const { doc } of repository.tickets) {
    if (doc.spec.type !== 'incident' || doc.spec.problem === undefined) continue;
    const problem = problems.get(doc.spec.problem);
    if (problem && counts(doc, context, asOf)) problem.incidents.push(doc);
  }

  const all = [...problems.values()];
  for (const p of all) p.incidents.sort((a, b) => Date.parse(a.spec.opened) - Date.parse(b.spec.opened) || cmp(a.metadata.id, b.metadata.id));
  const open = all.filter((p) => OPEN_STATES.has(p.facts.state)).sort((a, b) => a.facts.opened - b.facts.opened || cmp(a.ticket.metadata.id, b.ticket.metadata.id));
  const rows = open.map((p) => rowOf(p, asOf));

  return {
    version: 1,
    asOf: new Date(asOf).toISOString(),
    timeZone: repository.config.timeZone,
    states: PROBLEM_STATES.map((state) => ({ state, count: all.filter((p) => p.facts.state === state).length })),
    ageBands: AGE_BANDS.map((b) => ({ ...b, count: rows.filter((r) => r.ageDays >= b.fromDays && (b.toDays === null || r.ageDays < b.toDays)).length })),
    open: rows,
    knownErrors: open
      .filter((p) => p.facts.state === 'known-error')
      .sort((a, b) => cmp(a.ticket.metadata.id, b.ticket.metadata.id))
      .map((p) => knownErrorOf(p, repository)),
    impact: all
      .filter((p) => p.incidents.length > 0)
      .map((p) => impactOf(p, asOf))
      .sort((a, b) => b.downMs - a.downMs || b.incidents.length - a.incidents.length || cmp(a.problem, b.problem)),
    withoutIncidents: all.filter((p) => p.incidents.length === 0).length,
    withoutOwner: rows.filter((r) => r.owner === null),
  };
}

/** An incident counts for its problem once opened, unless it was withdrawn (cancelled) by then. */
function counts(incident: TicketDocument, context: StatusContext, asOf: number): boolean {
  const history = ticketHistory(incident, context.initialStatus);
  if (history.opened > asOf) return false;
  let status = history.statuses[0]!.status;
  for (const change of history.statuses) {
    if (change.at > asOf) break;
    status = change.status;
  }
  return context.categoryOf(status) !== 'cancelled';
}

function rowOf({ ticket, facts }: Problem, asOf: number): ProblemRow {
  return {
    problem: ticket.metadata.id,
    title: ticket.spec.title,
    service: ticket.spec.service,
    state: facts.state,
    status: facts.status,
    opened: new Date(facts.opened).toISOString(),
    ageDays: Math.floor((asOf - facts.opened) / DAY_MS),
    owner: facts.owner,
    group: facts.group,
  };
}

function knownErrorOf({ ticket, incidents }: Problem, repository: Repository): KnownErrorRow {
  const id = ticket.metadata.id;
  const others = [...new Set(incidents.map((i) => i.spec.service))].filter((s) => s !== ticket.spec.service).sort(cmp);
  const workaround = ticket.spec.workaround!;
  return {
    problem: id,
    title: ticket.spec.title,
    documented: new Date(Date.parse(workaround.documented)).toISOString(),
    workaround: workaround.description,
    rootCause: ticket.spec.rootCause ?? null,
    services: [ticket.spec.service, ...others],
    articles: repository.articles
      .filter((a) => a.doc.spec.problems?.includes(id) === true)
      .map((a) => ({ article: a.doc.metadata.id, title: a.doc.spec.title, file: a.source.file }))
      .sort((a, b) => cmp(a.file, b.file) || cmp(a.article, b.article)),
  };
}

function impactOf({ ticket, facts, incidents }: Problem, asOf: number): ProblemImpactRow {
  const outages: ServiceOutage[] = incidents.flatMap((i) => (i.spec.outage ? [{ service: i.spec.service, outage: i.spec.outage }] : []));
  const { total, services } = downtimeOf(outages, asOf);
  return {
    problem: ticket.metadata.id,
    title: ticket.spec.title,
    state: facts.state,
    incidents: incidents.map((i) => i.metadata.id),
    downMs: total.downMs,
    degradedMs: total.degradedMs,
    services: [...services].sort(([a], [b]) => cmp(a, b)).map(([service, d]) => ({ service, ...d })),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
