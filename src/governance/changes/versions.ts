import type { VersionRef } from '../changes.js';
import { byText } from './words.js';

/**
 * Dated versions, the same way for agreements, prices and calendar hours: terms as layers of named values (the
 * undated terms, then each version by its `from`), compared so that each change is said once, in the version it is
 * in. A new version is a change of the future ("from 2027-01-01"); an edit inside an existing version, or to the
 * undated terms, changes figures already computed (docs/sla.md, "Agreements that change").
 */

/** The values one layer names, by key ("calendar", "incident.P2.resolution", "monday"). */
export type Layer<V> = ReadonlyMap<string, V>;

export interface Versioned<V> {
  undated: Layer<V>;
  /** By `from`; of two with the same `from` the later one wins, as the engines read them. */
  versions: ReadonlyArray<{ from: string; layer: Layer<V> }>;
}

export interface TermChange<V> {
  key: string;
  before: V | undefined;
  after: V | undefined;
  version: VersionRef;
}

/** The terms in force just before the local date `from`: the undated ones with every earlier version laid over. */
function inForceBefore<V>(terms: Versioned<V>, from: string): Map<string, V> {
  const result = new Map(terms.undated);
  for (const v of sortedVersions(terms)) {
    if (v.from >= from) break;
    for (const [key, value] of v.layer) result.set(key, value);
  }
  return result;
}

function sortedVersions<V>(terms: Versioned<V>): Array<{ from: string; layer: Layer<V> }> {
  return terms.versions.map((v, i) => ({ v, i })).sort((a, b) => byText(a.v.from, b.v.from) || a.i - b.i).map(({ v }) => v);
}

function byFrom<V>(terms: Versioned<V>): Map<string, Layer<V>> {
  const map = new Map<string, Layer<V>>();
  for (const v of sortedVersions(terms)) map.set(v.from, v.layer);
  return map;
}

/**
 * Every term that differs, with the version it is in:
 * - undated terms: compared key by key;
 * - a version in both revisions: the keys either names, each side falling back on what it inherits;
 * - a version only in head (added): what it changes from the terms in force before it;
 * - a version only in base (removed): what it changed, now undone (before: its value; after: what it covered).
 * A version that changes nothing gives one change with key "" (so "version from D added" is still said). Undated
 * changes come first, then the versions by date.
 */
export function versionedChanges<V>(
  base: Versioned<V>,
  head: Versioned<V>,
  same: (a: V, b: V) => boolean,
  /** Where a key's changes go among a layer's (lower first); keys of one rank keep the order they are written in. */
  rank: (key: string) => number = () => 0,
): Array<TermChange<V>> {
  const changes: Array<TermChange<V>> = [];
  const differ = (a: V | undefined, b: V | undefined) => (a === undefined || b === undefined ? a !== b : !same(a, b));
  const keysOf = (...layers: Array<Layer<V> | undefined>) => {
    const keys: string[] = [];
    for (const layer of layers) for (const key of layer?.keys() ?? []) if (!keys.includes(key)) keys.push(key);
    return keys.map((key, i) => ({ key, i })).sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i).map(({ key }) => key);
  };

  const undated: VersionRef = { from: null, change: 'edited' };
  for (const key of keysOf(base.undated, head.undated)) {
    const before = base.undated.get(key);
    const after = head.undated.get(key);
    if (differ(before, after)) changes.push({ key, before, after, version: undated });
  }

  const baseVersions = byFrom(base);
  const headVersions = byFrom(head);
  const dates = [...new Set([...baseVersions.keys(), ...headVersions.keys()])].sort(byText);
  for (const from of dates) {
    const was = baseVersions.get(from);
    const now = headVersions.get(from);
    if (was && now) {
      const version: VersionRef = { from, change: 'edited' };
      const baseBefore = inForceBefore(base, from);
      const headBefore = inForceBefore(head, from);
      for (const key of keysOf(was, now)) {
        const before = was.get(key) ?? baseBefore.get(key);
        const after = now.get(key) ?? headBefore.get(key);
        if (differ(before, after)) changes.push({ key, before, after, version });
      }
    } else {
      const layer = (now ?? was)!;
      const version: VersionRef = { from, change: now ? 'added' : 'removed' };
      const inherited = inForceBefore(now ? head : base, from);
      const found: Array<TermChange<V>> = [];
      for (const key of keysOf(layer)) {
        const value = layer.get(key);
        const previous = inherited.get(key);
        if (!differ(previous, value)) continue;
        found.push(now ? { key, before: previous, after: value, version } : { key, before: value, after: previous, version });
      }
      changes.push(...(found.length > 0 ? found : [{ key: '', before: undefined, after: undefined, version }]));
    }
  }
  return changes;
}

/**
 * A change of versioned terms in words: the change, where it is (nothing for the undated terms, " from D" for a new
 * version, " in version from D" for an edit inside one, " from D" with "version removed"), then the notes in one
 * parenthesis: "incident P2 resolution 6h → 4h from 2026-10-01 (objective 95% unchanged)".
 */
export function withVersion(text: string, version: VersionRef | undefined, notes: readonly string[] = []): string {
  let where = '';
  const all = [...notes];
  if (version && version.from !== null) {
    where = version.change === 'edited' ? ` in version from ${version.from}` : ` from ${version.from}`;
    if (version.change === 'removed') all.unshift('version removed');
  }
  return `${text}${where}${all.length > 0 ? ` (${all.join('; ')})` : ''}`;
}

/** The words of a version that changes nothing (an empty or redundant version added or removed). */
export function emptyVersionWords(version: VersionRef): string {
  return `version from ${version.from ?? ''} ${version.change === 'removed' ? 'removed' : 'added'} (changes nothing)`;
}
