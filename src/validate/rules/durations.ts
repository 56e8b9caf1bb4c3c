import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { BUILTIN_24X7_ID, parseDuration } from '../../model/index.js';
import type { SourceRef } from '../../model/repository.js';
import { diagnosticAt, type Rule } from '../context.js';
import { hasUniformDaysInEveryVersion } from '../../time/index.js';

/**
 * A target in business days (`2bd`) means "this many of the calendar's working days", measured as hours of the
 * calendar's working day. That is only unambiguous when every working weekday has the same length; otherwise the
 * target must be written in hours. With dated versions of the hours (`spec.versions`) each version must have days of one length. (ServiceNow's trap, where "1 day" is 24 business hours, is refused by the schema.)
 *
 * An agreement's versions carry its targets forward and may change its calendar, so each target is checked against
 * every calendar it is in force on: the agreement's (or, for one scoped to a group, the group's), then each version's.
 */
export const ambiguousBusinessDays: Rule = {
  id: 'ambiguous-business-days',
  description: 'A duration in business days is used with a calendar whose working days differ in length.',
  check({ repository, calendars, slas, groups }) {
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    const check = (duration: string, calendarId: string, source: SourceRef, path: (string | number)[]) => {
      if (parseDuration(duration)?.kind !== 'businessDays') return;
      const calendar = calendars.get(calendarId);
      if (!calendar || hasUniformDaysInEveryVersion(calendar.doc.spec)) return;
      const key = `${source.file}\u0000${source.document}\u0000${path.join('.')}\u0000${calendarId}`;
      if (reported.has(key)) return;
      reported.add(key);
      diagnostics.push(
        diagnosticAt(source, path, 'ambiguous-business-days', 'error', `"${duration}" is ambiguous: the working days of calendar "${calendarId}" differ in length`, {
          hint: 'write the target in hours (e.g. "16h")',
        }),
      );
    };
    for (const { source, doc } of repository.slas) {
      const groupCalendar = doc.spec.group === undefined ? undefined : groups.get(doc.spec.group)?.doc.spec.calendar;
      let calendarId = doc.spec.calendar ?? groupCalendar ?? BUILTIN_24X7_ID;
      /** The targets in force, by type, priority and metric: their duration and where it is written. */
      const inForce = new Map<string, { within: string; path: (string | number)[] }>();
      const take = (targets: typeof doc.spec.targets, path: (string | number)[]) =>
        targets.forEach((target, i) => {
          for (const metric of ['response', 'resolution'] as const) {
            const objective = target[metric];
            if (!objective) continue;
            const written = { within: objective.within, path: [...path, i, metric, 'within'] };
            inForce.set(`${target.type}\u0000${target.priority}\u0000${metric}`, written);
            check(written.within, calendarId, source, written.path);
          }
        });
      take(doc.spec.targets, ['spec', 'targets']);
      (doc.spec.versions ?? []).forEach((version, v) => {
        if (version.calendar !== undefined && version.calendar !== calendarId) {
          calendarId = version.calendar;
          for (const { within, path } of inForce.values()) check(within, calendarId, source, path);
        }
        take(version.targets ?? [], ['spec', 'versions', v, 'targets']);
      });
    }
    for (const { source, doc } of repository.services) {
      const calendarId = doc.spec.supportHours ?? slas.get(doc.spec.sla ?? '')?.doc.spec.calendar ?? BUILTIN_24X7_ID;
      doc.spec.offerings?.forEach((offering, i) => check(offering.fulfilment, calendarId, source, ['spec', 'offerings', i, 'fulfilment']));
    }
    return diagnostics;
  },
};
