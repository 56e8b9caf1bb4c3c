import { API_VERSION } from '../model/envelope.js';
import { isMissing } from './dates.js';
import { slugOf } from './mapping-file.js';
import type { SeenGroup, UnmappedValue } from './types.js';

/**
 * Assignment groups as sources name them ("Group 70", "Network Team", a Jira component) and as the repository
 * knows them: Group documents with ids (docs/import.md, "Assignment groups"). Pure.
 *
 * A source value becomes a group id by, in order: the mapping file's `group.values`; the value itself when it is a
 * group id of the repository; its slug — lower case, accents dropped, every run of other characters than a–z and
 * 0–9 one `-`, no `-` at either end, cut to 128 characters (the longest id) — so "Group 70" is `group-70` and
 * "Service Desk / EMEA" is `service-desk-emea`. The rule is the one services use (mapping-file.ts's slugOf), and it
 * is deterministic: the same value is the same id in every import, so a re-import finds the groups it made. A value
 * with no letter or digit has no slug and is reported as a value that maps to nothing.
 *
 * Values that say nothing (`?`, empty, `NULL`, `N/A`, `-`: dates.ts's isMissing) are no group: adapters read them as
 * "no change", because the format has no event that takes a ticket away from every group or every person.
 */

/** The longest id the format allows (src/model/primitives.ts). */
const MAX_ID = 128;

/** The id the slug rule gives a group name, or undefined when the name has no letter or digit. */
export function groupIdOf(value: string): string | undefined {
  const slug = slugOf(value).slice(0, MAX_ID).replace(/-+$/, '');
  return slug === '' ? undefined : slug;
}

/** What one source value resolved to: a group id, nothing to say (a missing value), or a value with no id. */
export type GroupResolution = { id: string } | { missing: true } | { unmapped: UnmappedValue };

/** Resolves a source's group values to ids and remembers which values gave which id, for the summary. */
export class GroupResolver {
  private readonly cache = new Map<string, GroupResolution>();
  private readonly seenValues = new Map<string, Set<string>>();

  /**
   * @param values the mapping file's `group.values` (source value → id)
   * @param known the group ids the repository defines
   * @param column the source column or field, for the values that map to nothing
   */
  constructor(
    private readonly values: Readonly<Record<string, string>>,
    private readonly known: ReadonlySet<string>,
    private readonly column: string,
  ) {}

  resolve(raw: string | undefined): GroupResolution {
    const value = raw?.trim() ?? '';
    if (isMissing(value)) return { missing: true };
    let resolution = this.cache.get(value);
    if (resolution === undefined) {
      const id = this.values[value] ?? (this.known.has(value) ? value : groupIdOf(value));
      resolution = id === undefined ? { unmapped: { field: 'group', column: this.column, value } } : { id };
      this.cache.set(value, resolution);
    }
    if ('id' in resolution) {
      let names = this.seenValues.get(resolution.id);
      if (names === undefined) this.seenValues.set(resolution.id, (names = new Set()));
      names.add(value);
    }
    return resolution;
  }

  /** The groups resolved so far, by id, each with its source values sorted. */
  seen(): SeenGroup[] {
    return [...this.seenValues]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, names]) => ({ id, values: [...names].sort() }));
  }
}

/** The message of a group value that has no id, for an adapter's problem (the row is used without it). */
export function unmappedGroupMessage(unmapped: UnmappedValue): string {
  return `${unmapped.column} ${JSON.stringify(unmapped.value)} gives no group id (it has no letter or digit); map it under group.values in a --map file; the assignment is left out`;
}

/** Where the importer writes the Group document of a group the repository does not define. */
export function groupFileOf(id: string): string {
  return `groups/${id}.yaml`;
}

/**
 * The Group document the importer writes for a group it found in the tickets: its id, the source's name for it as
 * `metadata.name`, the source as a label, and an empty spec for the team to fill in (calendar, members, manager).
 */
export function groupDocumentOf(group: SeenGroup, source: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = { id: group.id };
  const name = group.values[0];
  if (name !== undefined && name !== group.id) metadata.name = name;
  metadata.labels = { 'itsm/source': source };
  return { apiVersion: API_VERSION, kind: 'Group', metadata, spec: {} };
}
