import { isDeepStrictEqual } from 'node:util';
import type { Entity, Repository } from '../../model/repository.js';

/** The ids of one kind of definition that differ between two revisions: added, removed or edited. */
export type ChangedIds = ReadonlySet<string>;

/**
 * What differs between the definitions of two revisions, by kind. Tickets are data, not definitions, and are never
 * compared here: both sides of an impact are measured on the head's tickets.
 */
export interface DefinitionDifferences {
  /** Nothing but tickets differs: no figure can move. */
  identical: boolean;
  /** The organisation's settings differ (any of them). */
  config: boolean;
  /** The settings every clock is measured with differ (time zone, statuses, priorities): every clock may move. */
  clockSettings: boolean;
  calendars: ChangedIds;
  services: ChangedIds;
  slas: ChangedIds;
  consumers: ChangedIds;
  groups: ChangedIds;
  /** Usage records differ (as a whole: they have no ids). */
  usage: boolean;
}

/**
 * Compares every non-ticket kind document by document, by id, whatever the order of keys or files (a definition moved
 * to another file is the same definition). A calendar whose iCalendar file (`holidaysFrom`) reads differently counts
 * as changed.
 */
export function definitionDifferences(base: Repository, head: Repository): DefinitionDifferences {
  const config = !isDeepStrictEqual(base.config, head.config);
  const clockSettings = config && !isDeepStrictEqual(clockSettingsOf(base), clockSettingsOf(head));
  const calendars = changedIds(base.calendars, head.calendars);
  for (const id of calendarsWithChangedFiles(base, head)) calendars.add(id);
  const services = changedIds(base.services, head.services);
  const slas = changedIds(base.slas, head.slas);
  const consumers = changedIds(base.consumers, head.consumers);
  const groups = changedIds(base.groups, head.groups);
  const usage = !sameUsage(base, head);
  const identical = !config && !usage && [calendars, services, slas, consumers, groups].every((ids) => ids.size === 0);
  return { identical, config, clockSettings, calendars, services, slas, consumers, groups, usage };
}

function clockSettingsOf(repository: Repository): unknown[] {
  const { timeZone, statuses, priorities } = repository.config;
  return [timeZone, statuses, priorities];
}

/** The ids whose first document differs (or exists on one side only); validation reports duplicate ids. */
export function changedIds<D extends { metadata: { id: string } }>(base: readonly Entity<D>[], head: readonly Entity<D>[]): Set<string> {
  const before = firstById(base);
  const after = firstById(head);
  const changed = new Set<string>();
  for (const [id, doc] of after) if (!isDeepStrictEqual(before.get(id), doc)) changed.add(id);
  for (const id of before.keys()) if (!after.has(id)) changed.add(id);
  return changed;
}

export function firstById<D extends { metadata: { id: string } }>(entities: readonly Entity<D>[]): Map<string, D> {
  const map = new Map<string, D>();
  for (const { doc } of entities) if (!map.has(doc.metadata.id)) map.set(doc.metadata.id, doc);
  return map;
}

function calendarsWithChangedFiles(base: Repository, head: Repository): string[] {
  // The loader keys the files by repository path and a calendar names its file relative to itself: when any file read
  // differs, every calendar that reads one is re-measured (they are few).
  if (sameHolidayFiles(base, head)) return [];
  return [...base.calendars, ...head.calendars].filter(({ doc }) => doc.spec.holidaysFrom !== undefined).map(({ doc }) => doc.metadata.id);
}

function sameHolidayFiles(base: Repository, head: Repository): boolean {
  if (base.holidayFiles.size !== head.holidayFiles.size) return false;
  for (const [path, content] of base.holidayFiles) if (!isDeepStrictEqual(head.holidayFiles.get(path), content)) return false;
  return true;
}

function sameUsage(base: Repository, head: Repository): boolean {
  if (base.usage.length !== head.usage.length) return false;
  for (let i = 0; i < base.usage.length; i++) if (!isDeepStrictEqual(base.usage[i]!.doc, head.usage[i]!.doc)) return false;
  return true;
}
