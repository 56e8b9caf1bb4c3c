import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { BUILTIN_24X7_ID, parseDuration } from '../../model/index.js';
import type { SourceRef } from '../../model/repository.js';
import { diagnosticAt, type Rule } from '../context.js';
import { hasUniformDaysInEveryVersion } from '../../time/index.js';

/**
 * A target in business days (`2bd`) means "this many of the calendar's working days", measured as hours of the
 * calendar's working day. That is only unambiguous when every working weekday has the same length; otherwise the
 * target must be written in hours. With dated versions of the hours (`spec.versions`) each version must have days of
 * one length. (ServiceNow's trap, where "1 day" is 24 business hours, is refused by the schema.)
 */
export const ambiguousBusinessDays: Rule = {
  id: 'ambiguous-business-days',
  description: 'A duration in business days is used with a calendar whose working days differ in length.',
  check({ repository, calendars, slas }) {
    const diagnostics: Diagnostic[] = [];
    const check = (duration: string, calendarId: string, source: SourceRef, path: (string | number)[]) => {
      if (parseDuration(duration)?.kind !== 'businessDays') return;
      const calendar = calendars.get(calendarId);
      if (!calendar || hasUniformDaysInEveryVersion(calendar.doc.spec)) return;
      diagnostics.push(
        diagnosticAt(source, path, 'ambiguous-business-days', 'error', `"${duration}" is ambiguous: the working days of calendar "${calendarId}" differ in length`, {
          hint: 'write the target in hours (e.g. "16h")',
        }),
      );
    };
    for (const { source, doc } of repository.slas) {
      const calendarId = doc.spec.calendar ?? BUILTIN_24X7_ID;
      doc.spec.targets.forEach((target, i) => {
        if (target.response) check(target.response.within, calendarId, source, ['spec', 'targets', i, 'response', 'within']);
        if (target.resolution) check(target.resolution.within, calendarId, source, ['spec', 'targets', i, 'resolution', 'within']);
      });
    }
    for (const { source, doc } of repository.services) {
      const calendarId = doc.spec.supportHours ?? slas.get(doc.spec.sla ?? '')?.doc.spec.calendar ?? BUILTIN_24X7_ID;
      doc.spec.offerings?.forEach((offering, i) => check(offering.fulfilment, calendarId, source, ['spec', 'offerings', i, 'fulfilment']));
    }
    return diagnostics;
  },
};
