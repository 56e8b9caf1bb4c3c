import type { RawDocument } from '../../src/load/parse-yaml.js';
import type { CalendarSpec, ConsumerSpec, GroupSpec, SlaSpec, TicketSpec } from '../../src/model/index.js';
import type { Repository } from '../../src/model/repository.js';
import type { Metric } from '../../src/sla/clock.js';
import { measureContext, measureTicket, type ClockRecord } from '../../src/sla/measure.js';
import { validateDocuments } from '../../src/validate/index.js';

/** Minutes and hours in milliseconds, so that expected values read like the arithmetic in their comments. */
export const M = 60_000;
export const H = 60 * M;

/** An instant written as ISO 8601 with its offset: every instant in these tests says its own offset. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`bad instant in test: ${iso}`);
  return ms;
}

/** Milliseconds as business minutes (exact: every instant in these tests is on a whole minute). */
export const minutesOf = (ms: number): number => ms / M;

const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const ALL_WEEK = [...WEEK, 'saturday', 'sunday'] as const;

export function weekdays(hours: string[]): CalendarSpec['hours'] {
  return Object.fromEntries(WEEK.map((day) => [day, hours]));
}

export function everyDay(hours: string[]): CalendarSpec['hours'] {
  return Object.fromEntries(ALL_WEEK.map((day) => [day, hours]));
}

/**
 * The calendars the SLA tests share. `us-office` is the one most tests use:
 * New York, Monday–Friday 09:00–17:00 (one business day = 8h), Thanksgiving (Thu 2026-11-26) and Christmas Day
 * (Fri 2026-12-25) off, Christmas Eve (Thu 2026-12-24) a half day 09:00–13:00.
 */
export const CALENDARS: Record<string, CalendarSpec> = {
  'us-office': {
    timeZone: 'America/New_York',
    hours: weekdays(['09:00-17:00']),
    holidays: [
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ],
    specialDays: [{ date: '2026-12-24', name: 'Christmas Eve', hours: ['09:00-13:00'] }],
  },
  // Berlin office with a lunch break: 08:00–12:00 and 13:00–17:00, still 8h a day.
  'de-office': { timeZone: 'Europe/Berlin', hours: weekdays(['08:00-12:00', '13:00-17:00']) },
  // Every instant, but in a zone that changes its clocks: a local day lasts 23h or 25h on change days.
  'us-24x7': { timeZone: 'America/New_York', hours: everyDay(['00:00-24:00']) },
  'de-24x7': { timeZone: 'Europe/Berlin', hours: everyDay(['00:00-24:00']) },
  // A support desk whose Sunday shift 00:00–08:00 covers the hour the clocks change (weekdays 09–17).
  'us-ops': { timeZone: 'America/New_York', hours: { ...weekdays(['09:00-17:00']), sunday: ['00:00-08:00'] } },
  'de-ops': { timeZone: 'Europe/Berlin', hours: { ...weekdays(['09:00-17:00']), sunday: ['00:00-08:00'] } },
};

/** A target row written compactly: [type, priority, response within, resolution within]; objectives 90 / 80. */
export type TargetRow = [TicketSpec['type'], string, string | null, string | null];

export function targets(rows: TargetRow[], objectives: { response?: number; resolution?: number } = {}): SlaSpec['targets'] {
  return rows.map(([type, priority, response, resolution]) => ({
    type,
    priority,
    ...(response !== null ? { response: { within: response, objective: objectives.response ?? 90 } } : {}),
    ...(resolution !== null ? { resolution: { within: resolution, objective: objectives.resolution ?? 80 } } : {}),
  }));
}

/**
 * The incident targets of the service desk SLA in these tests (on `us-office`, 8h a business day):
 * P1 30m / 4h, P2 1h / 8h, P3 4h / 2bd (= 16h), P4 1bd (= 8h) / 5bd (= 40h); requests P3 —/3bd.
 */
export const DESK_TARGETS: TargetRow[] = [
  ['incident', 'P1', '30m', '4h'],
  ['incident', 'P2', '1h', '8h'],
  ['incident', 'P3', '4h', '2bd'],
  ['incident', 'P4', '1bd', '5bd'],
  ['request', 'P3', null, '3bd'],
];

export interface TicketInput {
  id: string;
  service: string;
  priority: string;
  opened: string;
  type?: TicketSpec['type'];
  consumer?: string;
  /** [at, status] pairs, or full events. */
  timeline?: Array<[string, string] | NonNullable<TicketSpec['timeline']>[number]>;
  outage?: TicketSpec['outage'];
  maintenance?: TicketSpec['maintenance'];
  /** The assignment group and assignee at opening. */
  group?: string;
  assignee?: string;
}

export interface ServiceInput {
  sla?: string;
  agreements?: string[];
}

export interface RepositoryInput {
  /** The organisation's zone (periods are read in it); default America/New_York. */
  timeZone?: string;
  calendars?: Record<string, CalendarSpec>;
  slas: Record<string, Partial<SlaSpec> & { targets: SlaSpec['targets'] }>;
  services: Record<string, ServiceInput>;
  /** Consumer ids, or consumers with their calendar, default agreements and subscriptions. */
  consumers?: Array<string | ({ id: string } & Partial<ConsumerSpec>)>;
  groups?: Record<string, Partial<GroupSpec>>;
  tickets?: TicketInput[];
}

/**
 * Builds a repository from plain objects and runs it through `validateDocuments`, so that every test works on a
 * repository the product would accept: any validation error fails the test at once, naming the problem.
 */
export function buildRepository(input: RepositoryInput): Repository {
  const documents: RawDocument[] = [];
  const add = (file: string, value: unknown) => documents.push({ file, index: 0, value });
  const meta = (id: string) => ({ apiVersion: 'itsm/v1', metadata: { id } });
  add('itsm.yaml', { ...meta('test-org'), kind: 'Config', spec: { currency: 'USD', timeZone: input.timeZone ?? 'America/New_York' } });
  const calendars = input.calendars ?? CALENDARS;
  for (const [id, spec] of Object.entries(calendars)) add(`calendars/${id}.yaml`, { ...meta(id), kind: 'Calendar', spec });
  for (const [id, spec] of Object.entries(input.slas)) add(`slas/${id}.yaml`, { ...meta(id), kind: 'SLA', spec: { type: 'sla', ...spec } });
  for (const [id, s] of Object.entries(input.services)) {
    add(`services/${id}.yaml`, {
      ...meta(id),
      kind: 'Service',
      spec: { description: `The ${id} service.`, category: 'Test', owner: 'Test team', lifecycle: 'live', ...s },
    });
  }
  for (const consumer of input.consumers ?? []) {
    const { id, ...spec } = typeof consumer === 'string' ? { id: consumer } : consumer;
    add(`consumers/${id}.yaml`, { ...meta(id), kind: 'Consumer', spec: { costCenter: `CC-${id}`, headcount: 10, ...spec } });
  }
  for (const [id, spec] of Object.entries(input.groups ?? {})) add(`groups/${id}.yaml`, { ...meta(id), kind: 'Group', spec });
  for (const t of input.tickets ?? []) {
    const timeline = (t.timeline ?? []).map((e) => (Array.isArray(e) ? { at: e[0], status: e[1] } : e));
    const spec: Record<string, unknown> = {
      type: t.type ?? 'incident',
      service: t.service,
      priority: t.priority,
      title: `Ticket ${t.id}`,
      opened: t.opened,
      timeline,
    };
    if (t.consumer !== undefined) spec.consumer = t.consumer;
    if (t.outage !== undefined) spec.outage = t.outage;
    if (t.maintenance !== undefined) spec.maintenance = t.maintenance;
    if (t.group !== undefined) spec.group = t.group;
    if (t.assignee !== undefined) spec.assignee = t.assignee;
    add(`tickets/${t.id}.yaml`, { ...meta(t.id), kind: 'Ticket', spec });
  }
  const { repository, diagnostics } = validateDocuments(documents);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`test repository is not valid:\n${errors.map((d) => `${d.file} ${JSON.stringify(d.path)}: ${d.message}`).join('\n')}`);
  }
  return repository;
}

/** Every clock of one ticket as of `asOf`, as `measureTicket` gives them. */
export function clocksOf(repository: Repository, ticketId: string, asOf: number): ClockRecord[] {
  const ticket = repository.tickets.find((t) => t.doc.metadata.id === ticketId)?.doc;
  if (!ticket) throw new Error(`no ticket ${ticketId}`);
  const context = measureContext(repository);
  return measureTicket(ticket, context, asOf);
}

/** The one clock of a ticket for a metric (and an agreement, when the service has several). */
export function clockOf(repository: Repository, ticketId: string, asOf: number, metric: Metric, sla?: string): ClockRecord {
  const found = clocksOf(repository, ticketId, asOf).filter((c) => c.metric === metric && (sla === undefined || c.sla === sla));
  if (found.length !== 1) throw new Error(`expected one ${metric} clock for ${ticketId}${sla ? ` under ${sla}` : ''} but found ${found.length}`);
  return found[0]!;
}

/** A repository with one service `desk` under the service desk SLA on `us-office`, and the given tickets. */
export function deskRepository(tickets: TicketInput[], sla: Partial<SlaSpec> = {}): Repository {
  return buildRepository({
    slas: {
      desk: {
        calendar: 'us-office',
        pauseOn: ['awaiting-customer', 'awaiting-vendor'],
        reopen: 'resume',
        targets: targets(DESK_TARGETS),
        ...sla,
      },
    },
    services: { desk: { sla: 'desk' } },
    tickets,
  });
}
