import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ServiceDocument } from '../../model/service.js';
import type { Entity } from '../../model/repository.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';
import { changeRecords, type ChangeRecord } from './change-records.js';

/**
 * For each service, the services it depends on through `dependsOn`, transitively (itself excluded unless a cycle leads
 * back to it). Found on demand and kept: a repository's changes touch a few dozen services, each searched once. The
 * search keeps its own stack (a chain of thousands of services would overflow the call stack) and ignores ids that
 * are not services (unknown-reference reports them) and cycles (dependency-cycle does).
 */
export class DependencyClosure {
  private readonly below = new Map<string, ReadonlySet<string>>();

  constructor(private readonly services: ReadonlyMap<string, Entity<ServiceDocument>>) {}

  /** Every service that `id` depends on, directly or through others. */
  dependenciesOf(id: string): ReadonlySet<string> {
    let found = this.below.get(id);
    if (found === undefined) {
      const reached = new Set<string>();
      const stack = [...(this.services.get(id)?.doc.spec.dependsOn ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (reached.has(next) || !this.services.has(next)) continue;
        reached.add(next);
        for (const further of this.services.get(next)!.doc.spec.dependsOn ?? []) if (!reached.has(further)) stack.push(further);
      }
      this.below.set(id, (found = reached));
    }
    return found;
  }

  /**
   * How two sets of services are linked: a service of `a` and one of `b` that are the same, or of which one depends on
   * the other (transitively), with the words for it; undefined when none is.
   */
  link(a: readonly string[], b: readonly string[]): string | undefined {
    for (const x of a) {
      for (const y of b) {
        if (x === y) return `service "${x}", which both affect`;
        if (this.dependenciesOf(x).has(y)) return `"${x}", which depends on "${y}"`;
        if (this.dependenciesOf(y).has(x)) return `"${y}", which depends on "${x}"`;
      }
    }
    return undefined;
  }
}

/**
 * Two changes whose windows overlap on services that depend on each other (or on the same service) interfere: a
 * failure cannot be told apart, a back-out of one undoes the other's premise. Windows are half-open, [start, end): a
 * window that ends at the instant the next starts does not overlap it.
 *
 * The windows are sorted by start and swept once, keeping the windows still open at each start: the cost is the sort
 * plus, per window, the windows it overlaps in time, so a year of changes costs little more than reading them. Each pair
 * is reported once, on the change that starts later (the later in file order when both start together), pointing at
 * the other.
 */
export const changeConflict: Rule = {
  id: 'change-conflict',
  description: 'Two changes whose windows overlap on the same service, or on services that depend on each other through dependsOn (transitively).',
  check(context) {
    const diagnostics: Diagnostic[] = [];
    const order: Array<{ record: ChangeRecord; position: number }> = [];
    changeRecords(context).forEach((record, position) => {
      if (record.window !== undefined) order.push({ record, position });
    });
    order.sort((a, b) => a.record.window!.start - b.record.window!.start || a.position - b.position);
    const closure = new DependencyClosure(context.services);
    let open: ChangeRecord[] = [];
    for (const { record } of order) {
      const window = record.window!;
      open = open.filter((other) => other.window!.end > window.start);
      for (const other of open) {
        if (record.imported && other.imported) continue;
        const link = closure.link(record.services, other.services);
        if (link === undefined) continue;
        const mine = record.entity.doc.spec.maintenance!;
        const theirs = other.entity.doc.spec.maintenance!;
        diagnostics.push(
          diagnosticAt(
            record.entity.source,
            ['spec', 'maintenance', 'start'],
            'change-conflict',
            'error',
            `window (${mine.start} to ${mine.end}) overlaps the window of change "${other.id}" (${theirs.start} to ${theirs.end}) on ${link}`,
            {
              hint: 'move one of the windows, or make the two changes one',
              related: [relatedAt(other.entity.source, ['spec', 'maintenance', 'start'], `change ${other.id}'s window`)],
            },
          ),
        );
      }
      open.push(record);
    }
    return diagnostics;
  },
};
