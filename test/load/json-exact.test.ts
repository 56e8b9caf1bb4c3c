import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isJsonExact } from '../../src/json-exact.js';

/** The definition isJsonExact stands for: the value survives a JSON round trip unchanged. */
function survivesJson(value: unknown): boolean {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return false;
  }
  return text !== undefined && isDeepStrictEqual(JSON.parse(text), value);
}

describe('isJsonExact', () => {
  it.each<[string, unknown, boolean]>([
    ['plain data', { a: [1, 'x', true, null, { b: 2.5 }] }, true],
    ['a property holding undefined (dropped)', { a: undefined }, false],
    ['NaN (becomes null)', [Number.NaN], false],
    ['Infinity (becomes null)', { a: Number.POSITIVE_INFINITY }, false],
    ['-0 (becomes 0)', [-0], false],
    ['a Date (becomes a string)', { at: new Date(0) }, false],
    ['a Map (becomes {})', new Map([['a', 1]]), false],
    ['a sparse array (holes become null)', [1, , 3], false], // eslint-disable-line no-sparse-arrays
    ['an object without a prototype (read back with one)', Object.assign(Object.create(null) as object, { a: 1 }), false],
  ])('%s', (_name, value, exact) => {
    expect(isJsonExact(value)).toBe(exact);
    expect(survivesJson(value)).toBe(exact);
  });

  it('says what a JSON round trip says, for any value (property)', () => {
    const value = fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true, maxDepth: 4 });
    fc.assert(fc.property(value, (v) => isJsonExact(v) === survivesJson(v)), { numRuns: 5000 });
  });
});
