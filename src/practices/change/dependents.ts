import type { Repository } from '../../model/repository.js';

/** A service that depends on an affected one, and the path that links them: itself first, the affected service last. */
export interface Dependent {
  service: string;
  path: string[];
}

/**
 * The services that depend on any of `affected` through `dependsOn`, directly or through others. Breadth first from
 * the affected services, in sorted order, so each dependent comes with a shortest path, and the same one every run.
 * A service lists what it depends on: `web` with `dependsOn: [db]` depends on `db`, so a change to `db` reaches `web`
 * with the path [web, db]. Affected services are never their own dependents (a cycle is reported by validation).
 */
export function dependentsOf(repository: Pick<Repository, 'services'>, affected: readonly string[]): Dependent[] {
  const dependentsOfService = new Map<string, string[]>();
  for (const { doc } of repository.services) {
    for (const dependency of doc.spec.dependsOn ?? []) {
      const list = dependentsOfService.get(dependency) ?? [];
      if (!list.includes(doc.metadata.id)) list.push(doc.metadata.id);
      dependentsOfService.set(dependency, list);
    }
  }
  const pathTo = new Map<string, string[]>();
  const queue = [...new Set(affected)].sort();
  for (const id of queue) pathTo.set(id, [id]);
  const found: Dependent[] = [];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    for (const dependent of [...(dependentsOfService.get(current) ?? [])].sort()) {
      if (pathTo.has(dependent)) continue;
      const path = [dependent, ...pathTo.get(current)!];
      pathTo.set(dependent, path);
      found.push({ service: dependent, path });
      queue.push(dependent);
    }
  }
  return found;
}
