import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareArrays, unshareArrays } from '../../src/load/shared-arrays.js';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `INC${String(from + i).padStart(7, '0')}`);

describe('shareArrays', () => {
  it('writes equal large lists once, and gives each place its own list back', () => {
    const facts = [{ file: 'a.yaml', ids: ids(40) }, { file: 'a.yaml', diagnostics: [], ids: ids(40) }, [], null, { opened: [1, 2, 3], at: ids(40, 1) }];
    const shared = shareArrays(facts)!;
    // ids(40) twice and ids(40, 1) once: two lists; [1, 2, 3] is shorter than 32 items and stays in place.
    expect(shared.arrays).toEqual([ids(40), ids(40, 1)]);
    expect(JSON.stringify(shared.value)).toContain('{"opened":[1,2,3],"at":{"itsm:shared":1}}');
    const back = unshareArrays(JSON.parse(JSON.stringify(shared)) as typeof shared) as typeof facts;
    expect(back).toEqual(facts);
    const [first, second] = back as unknown as [{ ids: string[] }, { ids: string[] }];
    expect(first.ids).not.toBe(second.ids);
  });

  it('leaves a value that holds the marker\'s key as it is, and refuses a marker that points at nothing', () => {
    expect(shareArrays([{ 'itsm:shared': 0 }])).toBeUndefined();
    expect(unshareArrays({ value: [{ 'itsm:shared': 3 }], arrays: [] })).toBeUndefined();
    expect(unshareArrays({ value: [{ 'itsm:shared': 'x' }], arrays: [[1]] })).toBeUndefined();
  });

  it('keeps a "__proto__" key as a key', () => {
    const value = JSON.parse('{"__proto__": {"ids": ' + JSON.stringify(ids(33)) + '}}') as unknown;
    const back = unshareArrays(JSON.parse(JSON.stringify(shareArrays(value))) as NonNullable<ReturnType<typeof shareArrays>>);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('gives back any JSON value through JSON, with lists long enough to be shared', () => {
    const list = fc.oneof(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 30, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 40 }));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), list, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const plain = JSON.parse(JSON.stringify(value)) as unknown;
        const shared = shareArrays(plain);
        if (shared === undefined) return JSON.stringify(plain).includes('itsm:shared');
        return JSON.stringify(unshareArrays(JSON.parse(JSON.stringify(shared)) as typeof shared)) === JSON.stringify(plain);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
