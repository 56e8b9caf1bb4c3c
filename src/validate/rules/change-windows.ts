import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ServiceDocument } from '../../model/service.js';
import type { Entity, SourceRef } from '../../model/repository.js';
import { diagnosticAt, relatedAt } from '../context.js';
import type { TicketRule } from '../ticket-rule.js';
import { changeRecords } from './change-records.js';

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

/** What change-conflict keeps of a change with a window: enough to pair it with the changes of other files. */
interface ChangeWindow {
  document: number;
  id: string;
  /** ChangeRecord.services. */
  services: string[];
  /** The window in epoch milliseconds (ChangeRecord.window). */
  start: number;
  end: number;
  /** The window's start and end as written, for messages. */
  written: [string, string];
  imported: boolean;
}

/** The changes with a window of one ticket file; null when it has none (most files of most repositories). */
type ChangeWindows = { file: string; windows: ChangeWindow[] } | null;

/**
 * Two changes whose windows overlap on services that depend on each other (or on the same service) interfere: a
 * failure cannot be told apart, a back-out of one undoes the other's premise. Windows are half-open, [start, end): a
 * window that ends at the instant the next starts does not overlap it.
 *
 * The windows are sorted by start and swept once, keeping the windows still open at each start: the cost is the sort
 * plus, per window, the windows it overlaps in time, so a year of changes costs little more than reading them. Each pair
 * is reported once, on the change that starts later (the later in file order when both start together), pointing at
 * the other. The pairs cross files, so a file's facts are its windows, and the sweep is the check's.
 */
export const changeConflict: TicketRule<ChangeWindows> = {
  id: 'change-conflict',
  description: 'Two changes whose windows overlap on the same service, or on services that depend on each other through dependsOn (transitively).',
  facts(context, file) {
    const windows: ChangeWindow[] = [];
    for (const { entity, id, services, window, imported } of changeRecords(context, file)) {
      if (window === undefined) continue;
      const { start, end } = entity.doc.spec.maintenance!;
      windows.push({ document: entity.source.document, id, services, start: window.start, end: window.end, written: [start, end], imported });
    }
    return windows.length === 0 ? null : { file: file.file, windows };
  },
  check(context, facts) {
    const diagnostics: Diagnostic[] = [];
    // In the repository's order (files, then documents), which the stable sort keeps for windows that start together.
    const order: Array<{ window: ChangeWindow; source: SourceRef }> = [];
    for (const windows of facts) {
      if (windows === null) continue;
      for (const window of windows.windows) order.push({ window, source: { file: windows.file, document: window.document } });
    }
    if (order.length < 2) return diagnostics;
    order.sort((a, b) => a.window.start - b.window.start);
    const closure = new DependencyClosure(context.services);
    let open: typeof order = [];
    for (const change of order) {
      const { window: record, source } = change;
      open = open.filter((other) => other.window.end > record.start);
      for (const { window: other, source: otherSource } of open) {
        if (record.imported && other.imported) continue;
        const link = closure.link(record.services, other.services);
        if (link === undefined) continue;
        const [start, end] = record.written;
        const [otherStart, otherEnd] = other.written;
        diagnostics.push(
          diagnosticAt(
            source,
            ['spec', 'maintenance', 'start'],
            'change-conflict',
            'error',
            `window (${start} to ${end}) overlaps the window of change "${other.id}" (${otherStart} to ${otherEnd}) on ${link}`,
            {
              hint: 'move one of the windows, or make the two changes one',
              related: [relatedAt(otherSource, ['spec', 'maintenance', 'start'], `change ${other.id}'s window`)],
            },
          ),
        );
      }
      open.push(change);
    }
    return diagnostics;
  },
};
