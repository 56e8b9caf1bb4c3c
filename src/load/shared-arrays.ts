/**
 * Large lists that a JSON value holds more than once, written once. The kept facts of a ticket file hold its ticket
 * ids four times (four rules keep them), which is most of what a run after an edit parses of the unchanged files.
 * `shareArrays` moves every large list of strings or numbers into a table, equal lists once, and leaves a marker in
 * its place; `unshareArrays` puts them back, each place with a list of its own. The value must be JSON: plain
 * objects, arrays and primitives.
 */

/** The key of a marker: `{ [MARKER]: i }` stands for the i-th list of the table. */
const MARKER = 'itsm:shared';
/** Lists shorter than this stay where they are: a marker would save little. */
const SHORTEST = 32;

export interface SharedArrays {
  value: unknown;
  arrays: (string | number)[][];
}

/** `value` with its large lists of strings or numbers in `arrays`; undefined when it holds a marker's key already. */
export function shareArrays(value: unknown): SharedArrays | undefined {
  const arrays: (string | number)[][] = [];
  const byEnds = new Map<string, number[]>();
  let clash = false;
  const indexOf = (list: (string | number)[]): number => {
    const ends = `${list.length}\u0000${typeof list[0]}${String(list[0])}\u0000${String(list[list.length - 1])}`;
    const candidates = byEnds.get(ends) ?? [];
    for (const i of candidates) if (sameItems(arrays[i]!, list)) return i;
    candidates.push(arrays.length);
    byEnds.set(ends, candidates);
    arrays.push(list);
    return arrays.length - 1;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length >= SHORTEST && isFlat(v)) return { [MARKER]: indexOf(v) };
      return v.map(walk);
    }
    if (typeof v === 'object' && v !== null) {
      if (Object.hasOwn(v, MARKER)) clash = true;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) setOwn(out, k, walk(item));
      return out;
    }
    return v;
  };
  const shared = walk(value);
  return clash ? undefined : { value: shared, arrays };
}

/** The value that shareArrays was given; undefined when a marker points at no list of `arrays`. */
export function unshareArrays(shared: SharedArrays): unknown {
  let broken = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      const index = (v as Record<string, unknown>)[MARKER];
      if (index !== undefined) {
        const list = typeof index === 'number' ? shared.arrays[index] : undefined;
        if (list === undefined || !Array.isArray(list)) {
          broken = true;
          return v;
        }
        // Each place gets its own copy: no reader of one can change another.
        return list.slice();
      }
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) setOwn(out, k, walk(item));
      return out;
    }
    return v;
  };
  const value = walk(shared.value);
  return broken ? undefined : value;
}

/** Sets a key of `out` as its own property: `__proto__` (which JSON.parse makes an own key) is no prototype here. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether every item is a string, or every item a number. */
function isFlat(list: readonly unknown[]): list is (string | number)[] {
  const kind = typeof list[0];
  if (kind !== 'string' && kind !== 'number') return false;
  for (let i = 1; i < list.length; i++) if (typeof list[i] !== kind) return false;
  return true;
}

function sameItems(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
