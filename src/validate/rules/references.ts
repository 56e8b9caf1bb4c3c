import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceRef } from '../../model/repository.js';
import { didYouMean, diagnosticAt, type Rule, type RuleContext } from '../context.js';

/** Every id that a document names must exist: a broken reference would silently drop data from every report. */
export const unknownReferences: Rule = {
  id: 'unknown-reference',
  description: 'A document refers to a service, SLA, calendar, consumer, ticket or offering that does not exist.',
  check(context) {
    const { repository, calendars, services, slas, consumers, tickets } = context;
    const diagnostics: Diagnostic[] = [];
    const expect = (exists: boolean, source: SourceRef, path: (string | number)[], kind: string, id: string, ids: Iterable<string>, of = '') => {
      if (exists) return;
      const hint = didYouMean(id, ids);
      diagnostics.push(diagnosticAt(source, path, 'unknown-reference', 'error', `${kind} "${id}"${of} does not exist`, hint ? { hint } : {}));
    };

    for (const { source, doc } of repository.services) {
      const spec = doc.spec;
      if (spec.sla !== undefined) expect(slas.has(spec.sla), source, ['spec', 'sla'], 'SLA', spec.sla, slas.keys());
      spec.agreements?.forEach((id, i) => expect(slas.has(id), source, ['spec', 'agreements', i], 'SLA', id, slas.keys()));
      if (spec.supportHours !== undefined) {
        expect(calendars.has(spec.supportHours), source, ['spec', 'supportHours'], 'calendar', spec.supportHours, calendars.keys());
      }
      spec.dependsOn?.forEach((id, i) => expect(services.has(id), source, ['spec', 'dependsOn', i], 'service', id, services.keys()));
      spec.costShares?.forEach((share, i) =>
        expect(services.has(share.service), source, ['spec', 'costShares', i, 'service'], 'service', share.service, services.keys()),
      );
    }
    for (const { source, doc } of repository.slas) {
      if (doc.spec.calendar !== undefined) {
        expect(calendars.has(doc.spec.calendar), source, ['spec', 'calendar'], 'calendar', doc.spec.calendar, calendars.keys());
      }
    }
    for (const { source, doc } of repository.consumers) {
      doc.spec.subscriptions?.forEach((sub, i) =>
        expect(services.has(sub.service), source, ['spec', 'subscriptions', i, 'service'], 'service', sub.service, services.keys()),
      );
    }
    for (const { source, doc } of repository.usage) {
      expect(consumers.has(doc.consumer), source, ['consumer'], 'consumer', doc.consumer, consumers.keys());
      expect(services.has(doc.service), source, ['service'], 'service', doc.service, services.keys());
    }
    for (const { source, doc } of repository.tickets) {
      const spec = doc.spec;
      const service = services.get(spec.service);
      expect(service !== undefined, source, ['spec', 'service'], 'service', spec.service, services.keys());
      if (spec.consumer !== undefined) expect(consumers.has(spec.consumer), source, ['spec', 'consumer'], 'consumer', spec.consumer, consumers.keys());
      spec.related?.forEach((id, i) => expect(tickets.has(id), source, ['spec', 'related', i], 'ticket', id, []));
      if (spec.offering !== undefined && service) {
        const offerings = (service.doc.spec.offerings ?? []).map((o) => o.id);
        expect(offerings.includes(spec.offering), source, ['spec', 'offering'], 'offering', spec.offering, offerings, ` of service "${spec.service}"`);
      }
    }
    return diagnostics;
  },
};

/** Statuses and priorities are the organisation's vocabulary (itsm.yaml or the defaults); anything else is a typo. */
export const unknownStatuses: Rule = {
  id: 'unknown-status',
  description: 'A ticket event or an SLA names a status that itsm.yaml does not define.',
  check({ repository, statuses }) {
    const diagnostics: Diagnostic[] = [];
    const known = [...statuses.keys()];
    const report = (source: SourceRef, path: (string | number)[], status: string) => {
      const hint = didYouMean(status, known) ?? `known statuses: ${known.join(', ')}`;
      diagnostics.push(diagnosticAt(source, path, 'unknown-status', 'error', `status "${status}" is not defined`, { hint }));
    };
    for (const { source, doc } of repository.slas) {
      doc.spec.pauseOn?.forEach((s, i) => {
        if (!statuses.has(s)) report(source, ['spec', 'pauseOn', i], s);
      });
    }
    for (const { source, doc } of repository.tickets) {
      doc.spec.timeline?.forEach((event, i) => {
        if (event.status !== undefined && !statuses.has(event.status)) report(source, ['spec', 'timeline', i, 'status'], event.status);
      });
    }
    return diagnostics;
  },
};

export const unknownPriorities: Rule = {
  id: 'unknown-priority',
  description: 'A ticket or an SLA target names a priority that itsm.yaml does not define.',
  check({ repository, priorities }) {
    const diagnostics: Diagnostic[] = [];
    const report = (source: SourceRef, path: (string | number)[], priority: string) => {
      const hint = didYouMean(priority, priorities) ?? `known priorities: ${[...priorities].join(', ')}`;
      diagnostics.push(diagnosticAt(source, path, 'unknown-priority', 'error', `priority "${priority}" is not defined`, { hint }));
    };
    for (const { source, doc } of repository.slas) {
      doc.spec.targets.forEach((t, i) => {
        if (!priorities.has(t.priority)) report(source, ['spec', 'targets', i, 'priority'], t.priority);
      });
    }
    for (const { source, doc } of repository.tickets) {
      if (!priorities.has(doc.spec.priority)) report(source, ['spec', 'priority'], doc.spec.priority);
      doc.spec.timeline?.forEach((event, i) => {
        if (event.priority !== undefined && !priorities.has(event.priority)) report(source, ['spec', 'timeline', i, 'priority'], event.priority);
      });
    }
    return diagnostics;
  },
};

export type { RuleContext };
