/**
 * The cycles of a directed graph met by a depth-first search from each node in sorted order. Each cycle is returned
 * once, rotated to start at its smallest id, so the same cycle always reads the same way whatever order the files
 * were read in. A self-loop is a cycle of one. Edges to unknown nodes are ignored (another rule reports them).
 *
 * The search keeps its own stack instead of recursing: a chain of thousands of services (`dependsOn`, `costShares`)
 * is as deep as it is long, and would overflow the call stack.
 */
export function findCycles(nodes: Iterable<string>, edgesOf: (id: string) => readonly string[]): string[][] {
  const known = new Set(nodes);
  const state = new Map<string, 'active' | 'done'>();
  /** The path from the search's root to the node being visited, with the position in each node's edges. */
  const path: string[] = [];
  const frames: Array<{ edges: readonly string[]; next: number }> = [];
  const positionOnPath = new Map<string, number>();
  const seen = new Set<string>();
  const cycles: string[][] = [];

  const enter = (id: string): void => {
    state.set(id, 'active');
    positionOnPath.set(id, path.length);
    path.push(id);
    frames.push({ edges: edgesOf(id), next: 0 });
  };

  for (const root of [...known].sort()) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next === frame.edges.length) {
        const id = path.pop()!;
        frames.pop();
        positionOnPath.delete(id);
        state.set(id, 'done');
        continue;
      }
      const next = frame.edges[frame.next++]!;
      if (!known.has(next)) continue;
      const s = state.get(next);
      if (s === undefined) {
        enter(next);
      } else if (s === 'active') {
        const cycle = path.slice(positionOnPath.get(next)!);
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
  }
  return cycles;
}
