import { BUILTIN_24X7, BUILTIN_24X7_ID, parseDuration, type CalendarDocument, type SlaDocument, type TicketType } from '../model/index.js';
import type { Repository } from '../model/repository.js';
import { compileCalendar, uniformDayLength, MS_PER_MINUTE, type BusinessCalendar } from '../time/index.js';
import type { ClockPolicy, Metric } from './clock.js';

/** A target ready for measurement: its duration in business milliseconds and its objective. */
export interface CompiledTarget {
  metric: Metric;
  type: TicketType;
  priority: string;
  /** What the SLA says, e.g. "4h" or "3bd". */
  within: string;
  targetMs: number;
  /** Percent of clocks that must meet the target, e.g. 95. */
  objective: number;
}

export interface CompiledAgreement {
  id: string;
  name: string;
  type: SlaDocument['spec']['type'];
  calendarId: string;
  policy: ClockPolicy;
  /** Fraction of the target at which a running clock is flagged (0.75 by default). */
  warningFraction: number;
  targets: CompiledTarget[];
  doc: SlaDocument;
}

export const DEFAULT_WARNING_THRESHOLD = 75;

/**
 * Compiles every SLA once: its calendar, pause statuses and targets in milliseconds. A business day (`bd`) is the
 * length of the calendar's working day (validation guarantees that every working weekday has the same length);
 * on the 24x7 calendar it is 24 hours.
 */
export function compileAgreements(repository: Repository): Map<string, CompiledAgreement> {
  const calendarDocs = new Map<string, CalendarDocument>([[BUILTIN_24X7_ID, BUILTIN_24X7]]);
  for (const { doc } of repository.calendars) if (!calendarDocs.has(doc.metadata.id)) calendarDocs.set(doc.metadata.id, doc);
  const compiled = new Map<string, BusinessCalendar>();
  const calendarOf = (id: string): { cal: BusinessCalendar; doc: CalendarDocument } => {
    const doc = calendarDocs.get(id) ?? BUILTIN_24X7;
    let cal = compiled.get(doc.metadata.id);
    if (!cal) {
      cal = compileCalendar(doc.spec);
      compiled.set(doc.metadata.id, cal);
    }
    return { cal, doc };
  };
  const agreements = new Map<string, CompiledAgreement>();
  for (const { doc } of repository.slas) {
    if (agreements.has(doc.metadata.id)) continue;
    const calendarId = doc.spec.calendar ?? BUILTIN_24X7_ID;
    const { cal, doc: calendarDoc } = calendarOf(calendarId);
    const dayMinutes = uniformDayLength(calendarDoc.spec) ?? 24 * 60;
    const toMs = (within: string): number => {
      const d = parseDuration(within);
      if (!d) return NaN;
      return (d.kind === 'fixed' ? d.minutes : d.days * dayMinutes) * MS_PER_MINUTE;
    };
    const targets: CompiledTarget[] = [];
    for (const t of doc.spec.targets) {
      for (const metric of ['response', 'resolution'] as const) {
        const objective = t[metric];
        if (!objective) continue;
        targets.push({ metric, type: t.type, priority: t.priority, within: objective.within, targetMs: toMs(objective.within), objective: objective.objective });
      }
    }
    agreements.set(doc.metadata.id, {
      id: doc.metadata.id,
      name: doc.metadata.name ?? doc.metadata.id,
      type: doc.spec.type,
      calendarId,
      policy: { calendar: cal, pauseOn: new Set(doc.spec.pauseOn ?? []), reopen: doc.spec.reopen ?? 'resume' },
      warningFraction: (doc.spec.warningThreshold ?? DEFAULT_WARNING_THRESHOLD) / 100,
      targets,
      doc,
    });
  }
  return agreements;
}

export function findTarget(agreement: CompiledAgreement, metric: Metric, type: TicketType, priority: string): CompiledTarget | undefined {
  return agreement.targets.find((t) => t.metric === metric && t.type === type && t.priority === priority);
}
