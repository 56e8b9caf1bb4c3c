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

describe('findCycles on a deep graph', () => {
  // A chain of 100,000 nodes is 100,000 levels deep; the search used to recurse once per level and overflowed the
  // call stack ("Maximum call stack size exceeded") at a few thousand.
  const chain = (n: number, closed: boolean) => {
    const id = (i: number) => `n${String(i).padStart(6, '0')}`;
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < n; i++) edges[id(i)] = i + 1 < n ? [id(i + 1)] : closed ? [id(0)] : [];
    return { nodes: Object.keys(edges), edgesOf: (node: string) => edges[node] ?? [], id };
  };

  it('finds no cycle in a chain of 100,000 nodes', () => {
    const { nodes, edgesOf } = chain(100_000, false);
    expect(findCycles(nodes, edgesOf)).toEqual([]);
  });

  it('finds the one cycle when the chain closes on itself, every node of it in order', () => {
    const { nodes, edgesOf, id } = chain(100_000, true);
    const cycles = findCycles(nodes, edgesOf);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(100_000);
    expect(cycles[0]!.slice(0, 2)).toEqual([id(0), id(1)]);
    expect(cycles[0]!.at(-1)).toBe(id(99_999));
  });

  it('reports a cycle met below a long chain at the cycle only', () => {
    // a0 → a1 → … → a4999 → b → c → b: the cycle is b → c.
    const edges: Record<string, string[]> = { b: ['c'], c: ['b'] };
    for (let i = 0; i < 5000; i++) edges[`a${i}`] = [i + 1 < 5000 ? `a${i + 1}` : 'b'];
    expect(findCycles(Object.keys(edges), (node) => edges[node] ?? [])).toEqual([['b', 'c']]);
  });
});
