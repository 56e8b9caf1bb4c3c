/**
 * The cycles of a directed graph met by a depth-first search from each node in sorted order. Each cycle is returned
 * once, rotated to start at its smallest id, so the same cycle always reads the same way whatever order the files
 * were read in. A self-loop is a cycle of one. Edges to unknown nodes are ignored (another rule reports them).
 */
export function findCycles(nodes: Iterable<string>, edgesOf: (id: string) => readonly string[]): string[][] {
  const known = new Set(nodes);
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of edgesOf(id)) {
      if (!known.has(next)) continue;
      const s = state.get(next);
      if (s === undefined) {
        visit(next);
      } else if (s === 'active') {
        const cycle = stack.slice(stack.indexOf(next));
        const smallest = [...cycle].sort()[0]!;
        const start = cycle.indexOf(smallest);
        const ordered = [...cycle.slice(start), ...cycle.slice(0, start)];
        const key = [...cycle].sort().join('\u0000');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(ordered);
        }
      }
    }
    stack.pop();
    state.set(id, 'done');
  };

  for (const id of [...known].sort()) if (!state.has(id)) visit(id);
  return cycles;
}
