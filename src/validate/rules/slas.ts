import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SlaDocument, SlaTarget } from '../../model/sla.js';
import type { TicketDocument, TimelineEvent } from '../../model/ticket.js';
import type { SourceRef } from '../../model/repository.js';
import { agreementSelector } from '../../sla/selection.js';
import { isInstantInRange } from '../../time/range.js';
import { localDayOf } from '../local-day.js';
import { ticketColumns } from '../../load/ticket-columns.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';
import type { TicketRule } from '../ticket-rule.js';

/** One target per ticket type and priority: two would make the figures depend on which one was read first. */
export const duplicateTargets: Rule = {
  id: 'duplicate-target',
  description: 'An SLA has two targets for the same ticket type and priority.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    const duplicates = (source: SourceRef, targets: readonly SlaTarget[], path: (string | number)[], where: string) => {
      const seen = new Map<string, number>();
      targets.forEach((target, i) => {
        const key = `${target.type}/${target.priority}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, i);
          return;
        }
        diagnostics.push(
          diagnosticAt(source, [...path, i], 'duplicate-target', 'error', `a target for ${target.type} ${target.priority} is already defined${where}`, {
            related: [relatedAt(source, [...path, first], 'first target')],
          }),
        );
      });
    };
    for (const { source, doc } of repository.slas) {
      duplicates(source, doc.spec.targets, ['spec', 'targets'], '');
      // Within a version, as in the agreement: versions merge their targets into the earlier ones, which is no duplicate.
      doc.spec.versions?.forEach((version, v) => duplicates(source, version.targets ?? [], ['spec', 'versions', v, 'targets'], ' in this version'));
      if (doc.spec.targets.every((t) => !t.response && !t.resolution) && doc.spec.targets.length > 0) {
        diagnostics.push(diagnosticAt(source, ['spec', 'targets'], 'duplicate-target', 'error', 'no target has a response or a resolution objective'));
      }
    }
    return diagnostics;
  },
};

/** The ticket types and priorities an agreement has targets for on a local day: its own, and those of the versions in force. */
function coverageOn(doc: SlaDocument): (type: string, priority: string, day: string) => boolean {
  const key = (type: string, priority: string) => `${type}\u0000${priority}`;
  const base = new Set(doc.spec.targets.map((t) => key(t.type, t.priority)));
  const versions = (doc.spec.versions ?? []).map((v) => ({ from: v.from, keys: new Set((v.targets ?? []).map((t) => key(t.type, t.priority))) }));
  return (type, priority, day) => {
    const k = key(type, priority);
    return base.has(k) || versions.some((v) => v.from <= day && v.keys.has(k));
  };
}

function hadPriorityBefore(timeline: readonly TimelineEvent[], end: number, priority: string): boolean {
  for (let i = 0; i < end; i++) if (timeline[i]!.priority === priority) return true;
  return false;
}

/** The tickets of an agreement's type and priority that it has no target for: how many, and the first. */
interface Uncovered {
  count: number;
  example: string;
  sla: string;
  type: string;
  priority: string;
}

/** A file's uncovered types and priorities, in the order its tickets met them. */
type UncoveredFacts = Uncovered[];

/**
 * A warning, not an error: tickets of a type and priority that their agreement does not cover are simply not
 * measured, which is allowed but usually an oversight. The agreement is the one src/sla/selection.ts chooses for the
 * ticket's consumer (its subscription's, else its default, else the service's SLA; the service's further OLAs and
 * SLOs cover only what they choose to), with the targets of the versions in force on the day the ticket was opened.
 * A ticket opened before the agreement's `from` is not measured under it, by design.
 */
export const missingTargets: TicketRule<UncoveredFacts> = {
  id: 'sla-missing-target',
  description: 'Tickets use a type and priority that the agreement chosen for them has no target for (warning).',
  facts({ repository, slas, priorities: known }, { tickets }) {
    const select = agreementSelector({ ...repository, tickets: [] });
    const dayOf = localDayOf(repository.config.timeZone);
    const coverage = new Map<string, ReturnType<typeof coverageOn>>();
    const uncovered = new Map<string, Uncovered>();
    const see = (sla: SlaDocument, covers: ReturnType<typeof coverageOn>, ticket: TicketDocument, priority: string, day: string) => {
      if (!known.has(priority)) return; // unknown-priority reports it; a target for it would be an error too
      if (covers(ticket.spec.type, priority, day)) return;
      const key = `${sla.metadata.id}\u0000${ticket.spec.type}\u0000${priority}`;
      const entry = uncovered.get(key);
      if (entry) entry.count++;
      else uncovered.set(key, { count: 1, example: ticket.metadata.id, sla: sla.metadata.id, type: ticket.spec.type, priority });
    };
    const openedAt = ticketColumns(tickets).opened;
    for (let t = 0; t < tickets.length; t++) {
      const doc = tickets[t]!.doc;
      const opened = openedAt[t]!;
      if (!isInstantInRange(opened)) continue; // date-range reports it
      const day = dayOf(opened);
      for (const choice of select(doc.spec.service, doc.spec.consumer, day)) {
        if (choice.rule === 'service-agreement') continue;
        const sla = slas.get(choice.agreement)?.doc;
        if (!sla || (sla.spec.from !== undefined && day < sla.spec.from)) continue;
        let covers = coverage.get(choice.agreement);
        if (!covers) coverage.set(choice.agreement, (covers = coverageOn(sla)));
        // Each priority the ticket had once: a ticket that goes back to its first priority is one ticket, not two.
        see(sla, covers, doc, doc.spec.priority, day);
        const timeline = doc.spec.timeline ?? [];
        for (let i = 0; i < timeline.length; i++) {
          const priority = timeline[i]!.priority;
          if (priority !== undefined && priority !== doc.spec.priority && !hadPriorityBefore(timeline, i, priority)) see(sla, covers, doc, priority, day);
        }
      }
    }
    return [...uncovered.values()];
  },
  check({ slas }, facts) {
    const diagnostics: Diagnostic[] = [];
    // Merged in the order the tickets met them (files in the repository's order): the example is the first ticket, and
    // the sort below, which orders entries with the same concatenation by where they stand, sees the order it always did.
    const uncovered = new Map<string, Uncovered>();
    for (const entries of facts) {
      for (const { count, example, sla, type, priority } of entries) {
        const key = `${sla}\u0000${type}\u0000${priority}`;
        const entry = uncovered.get(key);
        if (entry) entry.count += count;
        else uncovered.set(key, { count, example, sla, type, priority });
      }
    }
    for (const entry of [...uncovered.values()].sort((a, b) => (a.sla + a.type + a.priority < b.sla + b.type + b.priority ? -1 : 1))) {
      const sla = slas.get(entry.sla);
      if (!sla) continue; // facts kept from other definitions; those read against these always find it
      diagnostics.push(
        diagnosticAt(
          sla.source,
          ['spec', 'targets'],
          'sla-missing-target',
          'warning',
          `no target for ${entry.type} ${entry.priority}, which ${entry.count} ticket(s) use (e.g. ${entry.example}); they are not measured`,
          { hint: `add a target with type: ${entry.type} and priority: ${entry.priority}` },
        ),
      );
    }
    return diagnostics;
  },
};
