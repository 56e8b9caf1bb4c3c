import { TicketType } from '../model/ticket-type.js';
import { slugOf } from './mapping-file.js';
import type { ProblemKind, UnmappedValue } from './types.js';

/**
 * Value tables: how a source's words ("In Bearbeitung", "2 - High", "Email & Calendar") become the repository's ids.
 * Shared by the mapped-CSV and Jira importers. Pure.
 */

/** A table of source value → repository id, with an optional id for every value the table does not name. */
export interface ValueTable<T extends string = string> {
  values: Readonly<Record<string, T>>;
  fallback?: T | undefined;
}

/** How a value was found: named in the table, already a repository id, or the table's fallback. */
export type Match<T extends string> = { value: T; via: 'table' | 'identity' | 'fallback' };

/**
 * Spreadsheets and ticketing tools disagree on case and spacing ("In progress", "In Progress ", "IN PROGRESS"), so a
 * value is looked up as written first, then by its folded form (trimmed, inner whitespace collapsed, lower case).
 */
export function foldValue(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export class ValueMap<T extends string = string> {
  private readonly exact: ReadonlyMap<string, T>;
  private readonly folded: ReadonlyMap<string, T>;
  private readonly known: ReadonlyMap<string, T>;
  readonly fallback: T | undefined;

  /**
   * @param known repository ids that a source value may name directly (a CSV whose priority column already says "P2");
   *   matched by folded form, so "p2" is P2, and by slug, so "Service Desk" is service-desk (as mapping-file.ts's
   *   resolveReference does for ServiceNow).
   */
  constructor(table: ValueTable<T>, known: Iterable<T> = []) {
    this.exact = new Map(Object.entries(table.values));
    const folded = new Map<string, T>();
    for (const [key, value] of Object.entries(table.values)) {
      const k = foldValue(key);
      if (!folded.has(k)) folded.set(k, value);
    }
    this.folded = folded;
    const ids = new Map<string, T>();
    for (const id of known) {
      ids.set(foldValue(id), id);
      ids.set(`slug:${slugOf(id)}`, id);
    }
    this.known = ids;
    this.fallback = table.fallback;
  }

  /** The id for `raw`, or undefined when the table does not name it, it is no known id, and there is no fallback. */
  get(raw: string | undefined): Match<T> | undefined {
    if (raw !== undefined && raw.trim() !== '') {
      const hit = this.exact.get(raw) ?? this.folded.get(foldValue(raw));
      if (hit !== undefined) return { value: hit, via: 'table' };
      const id = this.known.get(foldValue(raw)) ?? this.known.get(`slug:${slugOf(raw)}`);
      if (id !== undefined) return { value: id, via: 'identity' };
    }
    return this.fallback === undefined ? undefined : { value: this.fallback, via: 'fallback' };
  }

  /**
   * The id for the first of several values (Jira's Component/s, repeated CSV columns) that the table names or that is a
   * known id; else the fallback. Order matters: the first component listed is the one the reporter chose first.
   */
  first(raws: readonly string[]): Match<T> | undefined {
    for (const raw of raws) {
      const match = this.get(raw);
      if (match && match.via !== 'fallback') return match;
    }
    return this.fallback === undefined ? undefined : { value: this.fallback, via: 'fallback' };
  }
}

/** The value tables of one import: what each source word means. */
export interface MappingTables {
  types: ValueTable<TicketType>;
  statuses: ValueTable;
  priorities: ValueTable;
  services: ValueTable;
  consumers: ValueTable;
}

/** Repository ids a source value may name directly; services and consumers only when the caller knows the repository's. */
export interface KnownIds {
  statuses: readonly string[];
  priorities: readonly string[];
  services?: readonly string[];
  consumers?: readonly string[];
}

export interface ValueMaps {
  types: ValueMap<TicketType>;
  statuses: ValueMap;
  priorities: ValueMap;
  services: ValueMap;
  consumers: ValueMap;
}

export function buildValueMaps(tables: MappingTables, known: KnownIds): ValueMaps {
  return {
    types: new ValueMap(tables.types, TicketType.options),
    statuses: new ValueMap(tables.statuses, known.statuses),
    priorities: new ValueMap(tables.priorities, known.priorities),
    services: new ValueMap(tables.services, known.services ?? []),
    consumers: new ValueMap(tables.consumers, known.consumers ?? []),
  };
}

/** A value resolved for a ticket, or why it could not be. `skip` means the ticket cannot be valid without it. */
export type Resolved<T> = { value: T; note?: Omit<Complaint, 'skip'> } | { complaint: Complaint };
export interface Complaint {
  kind: ProblemKind;
  message: string;
  skip: boolean;
  /** The value that maps to nothing, when that is the complaint (for the summary's list of unmapped values). */
  unmapped?: UnmappedValue;
}

const quote = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** The ticket type: required, so an unmapped type skips the ticket unless the table has a fallback. */
export function resolveType(maps: ValueMaps, raw: string | undefined, column: string): Resolved<TicketType> {
  const match = maps.types.get(raw);
  if (match) return { value: match.value };
  const found = raw === undefined || raw.trim() === '' ? `${column} is empty` : `${column} "${raw}" is not mapped to incident, request, problem or change`;
  const unmapped: UnmappedValue = { field: 'type', column, value: raw?.trim() ?? '' };
  return { complaint: { kind: 'invalid-ticket', skip: true, message: `${found} and the mapping has no fallback type; the ticket is skipped`, unmapped } };
}

/** The service: required; the first of the column's values that is mapped, else the fallback. */
export function resolveService(maps: ValueMaps, raws: readonly string[], column: string): Resolved<string> {
  const match = maps.services.first(raws);
  if (match) return { value: match.value };
  const values = raws.filter((v) => v.trim() !== '');
  const found = values.length === 0 ? `${column} is empty` : `${column} ${quote(values)} names no mapped service`;
  // Of several values (Jira's Component/s), the first is the one a mapping entry would be written for.
  const unmapped: UnmappedValue = { field: 'service', column, value: values[0]?.trim() ?? '' };
  return { complaint: { kind: 'invalid-ticket', skip: true, message: `${found} and the mapping has no fallback service; the ticket is skipped`, unmapped } };
}

/** The consumer: optional, so an unmapped value is reported and the ticket imported without one. */
export function resolveConsumer(maps: ValueMaps, raws: readonly string[], column: string): Resolved<string | undefined> {
  const match = maps.consumers.first(raws);
  if (match) return { value: match.value };
  const values = raws.filter((v) => v.trim() !== '');
  if (values.length === 0) return { value: undefined };
  return { value: undefined, note: { kind: 'missing-field', message: `${column} ${quote(values)} names no mapped consumer; imported without a consumer` } };
}

/** A priority: the opening priority is required (skip), a later one is dropped from its change (no skip). */
export function resolvePriority(maps: ValueMaps, raw: string | undefined, column: string, required: boolean): Resolved<string | undefined> {
  const match = maps.priorities.get(raw);
  if (match) return { value: match.value };
  if (raw === undefined || raw.trim() === '') {
    if (!required) return { value: undefined };
    return { complaint: { kind: 'missing-field', skip: true, message: `${column} is empty and the mapping has no fallback priority; the ticket is skipped` } };
  }
  const consequence = required ? 'the ticket is skipped' : 'the change is left out';
  const unmapped: UnmappedValue = { field: 'priority', column, value: raw.trim() };
  return { complaint: { kind: 'unknown-priority', skip: required, message: `${column} "${raw}" is not mapped to a priority; ${consequence}`, unmapped } };
}

/** A status: never required (a ticket starts "new"); an unmapped one is left out of the timeline. */
export function resolveStatus(maps: ValueMaps, raw: string | undefined, column: string): Resolved<string | undefined> {
  const match = maps.statuses.get(raw);
  if (match) return { value: match.value };
  if (raw === undefined || raw.trim() === '') return { value: undefined };
  const unmapped: UnmappedValue = { field: 'status', column, value: raw.trim() };
  return { complaint: { kind: 'unknown-state', skip: false, message: `${column} "${raw}" is not mapped to a status; it is left out of the timeline`, unmapped } };
}
