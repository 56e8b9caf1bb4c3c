import type { Repository } from '../../model/repository.js';
import type { RetiredDependency } from '../impact.js';
import { firstById } from './definitions.js';
import { byText } from '../changes/words.js';

/**
 * The services that head retires (lifecycle `retired`) while services that are not retired still depend on them
 * through `dependsOn`, directly or through others, each with the shortest path from the dependent to the retired
 * service. Only what the change brings is reported: a dependent that already depended on an already retired service
 * in base is not news.
 */
export function retiredDependencies(base: Repository, head: Repository): RetiredDependency[] {
  const before = dependentsOfRetired(base);
  const result: RetiredDependency[] = [];
  for (const [service, dependents] of dependentsOfRetired(head)) {
    const known = before.get(service);
    const fresh = dependents.filter((d) => !known?.some((k) => k.service === d.service));
    if (fresh.length > 0) result.push({ service, dependents: fresh });
  }
  return result;
}

/** For each retired service with dependents that are not retired: those dependents, nearest first, then by id. */
function dependentsOfRetired(repository: Repository): Map<string, RetiredDependency['dependents']> {
  const services = firstById(repository.services);
  const dependentsOf = new Map<string, string[]>();
  for (const [id, doc] of services) {
    for (const dependency of doc.spec.dependsOn ?? []) {
      const list = dependentsOf.get(dependency) ?? [];
      if (!list.includes(id)) list.push(id);
      dependentsOf.set(dependency, list);
    }
  }
  const result = new Map<string, RetiredDependency['dependents']>();
  for (const [id, doc] of [...services].sort((a, b) => byText(a[0], b[0]))) {
    if (doc.spec.lifecycle !== 'retired') continue;
    // Breadth first from the retired service up its dependents: each is reached first by a shortest path.
    const pathTo = new Map<string, string[]>([[id, [id]]]);
    const queue = [id];
    const dependents: RetiredDependency['dependents'] = [];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i]!;
      for (const dependent of [...(dependentsOf.get(current) ?? [])].sort(byText)) {
        if (pathTo.has(dependent)) continue;
        const path = [dependent, ...pathTo.get(current)!];
        pathTo.set(dependent, path);
        queue.push(dependent);
        if (services.get(dependent)?.spec.lifecycle !== 'retired') dependents.push({ service: dependent, path });
      }
    }
    if (dependents.length > 0) result.set(id, dependents);
  }
  return result;
}
