import { describe, expect, it } from 'vitest';
import { findCycles } from '../../src/validate/graph.js';

const graph = (edges: Record<string, string[]>) => [Object.keys(edges), (id: string) => edges[id] ?? []] as const;

describe('findCycles', () => {
  it('finds no cycle in a tree, and ignores edges to unknown nodes', () => {
    expect(findCycles(...graph({ a: ['b', 'c'], b: ['c', 'zz'], c: [] }))).toEqual([]);
  });

  it('reports a cycle once, starting at its smallest id, whichever node the search meets first', () => {
    // c → a → b → c, read from any start, is the cycle a → b → c.
    expect(findCycles(...graph({ c: ['a'], a: ['b'], b: ['c'] }))).toEqual([['a', 'b', 'c']]);
    expect(findCycles(...graph({ b: ['c'], c: ['a'], a: ['b'] }))).toEqual([['a', 'b', 'c']]);
  });

  it('reports a self-loop as a cycle of one, and two separate cycles separately', () => {
    expect(findCycles(...graph({ a: ['a'], b: ['c'], c: ['b'], d: [] }))).toEqual([['a'], ['b', 'c']]);
  });
});
