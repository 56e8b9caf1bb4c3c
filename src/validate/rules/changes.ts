import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import { ChangeRisk, type Approval, type ChangeType } from '../../model/change.js';
import type { ApprovalPolicy } from '../../model/config.js';
import { parseDuration } from '../../model/primitives.js';
import { isDateInRange } from '../../time/range.js';
import { localDateOf } from '../../time/zone.js';
import { overlaps, wholeLocalDays } from '../../time/interval.js';
import { diagnosticAt, relatedAt } from '../context.js';
import { perTicketRule, type FactsContext, type TicketRule } from '../ticket-rule.js';
import { changeRecordsKeptInGit, formatLength, isDone, type ChangeRecord } from './change-records.js';

/**
 * The approval policy of a change: the Config entry for its type and risk, else the entry for its type without a risk
 * (the first of each, in the order written), else none.
 */
export function approvalPolicyFor(policies: readonly ApprovalPolicy[], type: ChangeType, risk: ChangeRisk): { policy: ApprovalPolicy; index: number } | undefined {
  let general: { policy: ApprovalPolicy; index: number } | undefined;
  for (let index = 0; index < policies.length; index++) {
    const policy = policies[index]!;
    if (policy.type !== type) continue;
    if (policy.risk === risk) return { policy, index };
    if (policy.risk === undefined && general === undefined) general = { policy, index };
  }
  return general;
}

/** Each approver's last decision (the later of two at one instant being the one written later), with its index. */
function lastDecisions(approvals: readonly Approval[]): Map<string, { approval: Approval; index: number; at: number }> {
  const last = new Map<string, { approval: Approval; index: number; at: number }>();
  approvals.forEach((approval, index) => {
    const at = Date.parse(approval.at);
    const previous = last.get(approval.by);
    if (previous === undefined || at >= previous.at) last.set(approval.by, { approval, index, at });
  });
  return last;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A finding of change-approval on one change. `dueFrom`, when present, is the local day its window starts on: a finding
 * that holds only once the change is due, which a change that is done already is (then it has no `dueFrom`).
 */
interface ApprovalFinding {
  diagnostic: Diagnostic;
  dueFrom?: string;
}

/**
 * Change authorisation (ITIL 4 change enablement). A change with a window needs the approvals its policy demands
 * (none given: a normal change needs one, standard and emergency changes none), counted once per approver by their
 * last decision, and only from members of the policy's group when it names one (from approvals that name the group,
 * when the group lists no members). A normal change is approved when the approval that completes the count is given:
 * its window must not start before. A rejection by any approver rejects the change (ServiceNow's default), which must
 * then be cancelled. A change without a window is change-window-missing's.
 */
export const changeApproval: TicketRule<ApprovalFinding[]> = {
  id: 'change-approval',
  description: 'A change with a window has fewer approvals than its policy demands, was rejected, or (normal) starts before it was approved.',
  facts(context, file) {
    const findings: ApprovalFinding[] = [];
    const { repository, groups } = context;
    const policies = repository.config.change.approvals;
    const configSource = repository.configSource;
    for (const record of changeRecordsKeptInGit(context, file)) {
      const { change, window, entity } = record;
      if (window === undefined) continue;
      const source = entity.source;
      const approvals = change.approvals ?? [];
      const decisions = lastDecisions(approvals);
      const rejection = [...decisions.values()].find((d) => d.approval.decision === 'rejected');
      if (rejection !== undefined) {
        const diagnostic = diagnosticAt(
          source,
          ['spec', 'change', 'approvals', rejection.index, 'decision'],
          'change-approval',
          'error',
          `change was rejected by "${rejection.approval.by}" (${rejection.approval.at}) but is not cancelled`,
          { hint: 'cancel the change (a status of category cancelled), or record the approver\'s later approval' },
        );
        findings.push(onceDue(record, repository.config.timeZone, diagnostic));
        continue;
      }
      const found = approvalPolicyFor(policies, change.type, change.risk);
      const required = found?.policy.approvals ?? (change.type === 'normal' ? 1 : 0);
      if (required === 0) continue;
      const group = found?.policy.group;
      const members = group === undefined ? undefined : groups.get(group)?.doc.spec.members;
      const counts = (approval: Approval): boolean =>
        group === undefined || (members !== undefined && members.length > 0 ? members.some((m) => m.name === approval.by) : approval.group === group);
      const counted = [...decisions.values()].filter((d) => counts(d.approval)).sort((a, b) => a.at - b.at || a.index - b.index);
      const related: RelatedLocation[] = [];
      if (found !== undefined && configSource !== undefined) {
        related.push(relatedAt(configSource, ['spec', 'change', 'approvals', found.index], `the approval policy for ${policyScope(found.policy)}`));
      }
      if (counted.length < required) {
        const from = group === undefined ? '' : ` from group "${group}"`;
        const message =
          found === undefined
            ? 'normal change has no approval'
            : `${change.type} change of ${change.risk} risk has ${plural(counted.length, 'approval')}${from}, but its approval policy demands ${required}`;
        const at = approvals.length === 0 ? ['spec', 'change', 'type'] : ['spec', 'change', 'approvals'];
        const diagnostic = diagnosticAt(source, at, 'change-approval', 'error', message, {
          hint: found === undefined ? 'record the approval (by, decision: approved, at) before the window starts' : `record the approvals${from} before the window starts`,
          related,
        });
        findings.push(onceDue(record, repository.config.timeZone, diagnostic));
        continue;
      }
      const completing = counted[required - 1]!;
      if (change.type === 'normal' && window.start < completing.at) {
        findings.push({
          diagnostic: diagnosticAt(source, ['spec', 'maintenance', 'start'], 'change-approval', 'error', `window starts (${entity.doc.spec.maintenance!.start}) before the change was approved (${completing.approval.at})`, {
            hint: 'a normal change is approved before its window; move the window, or make it an emergency change',
            related: [relatedAt(source, ['spec', 'change', 'approvals', completing.index, 'at'], required === 1 ? 'the approval' : `approval ${required} of ${required}`), ...related],
          }),
        });
      }
    }
    return findings;
  },
  check({ today }, facts) {
    const diagnostics: Diagnostic[] = [];
    for (const findings of facts) {
      for (const { diagnostic, dueFrom } of findings) {
        if (dueFrom === undefined || (today !== undefined && dueFrom <= today)) diagnostics.push(diagnostic);
      }
    }
    return diagnostics;
  },
};

/**
 * A missing or rejected approval of a change still waiting for its CAB is the normal state of the forward schedule: a
 * finding once the change is due (its window's local day has come) or done, not while it is being planned. Which day it
 * is is the check's to know (facts are kept across days), so a change not done carries the day it becomes due.
 */
function onceDue(record: ChangeRecord, zone: string, diagnostic: Diagnostic): ApprovalFinding {
  return isDone(record) ? { diagnostic } : { diagnostic, dueFrom: localDateOf(zone, record.window!.start) };
}

function policyScope(policy: ApprovalPolicy): string {
  return `${policy.type} changes${policy.risk === undefined ? '' : ` of ${policy.risk} risk`}`;
}

/** A freeze as a half-open range of instants: from the start of its first local day to the start of the day after its last. */
export function freezeSpan(zone: string, from: string, to: string): { start: number; end: number } | undefined {
  if (!isDateInRange(from) || !isDateInRange(to)) return undefined;
  return wholeLocalDays(zone, from, to);
}

/**
 * Change freezes (blackout periods): no change but an emergency one may have its window in a freeze that covers one of
 * its services (a freeze that names no services covers every service). Freeze days are whole local days in the
 * Config's time zone, both ends included; a window that ends at the instant the freeze starts does not overlap it.
 */
export const changeFreeze: TicketRule<Diagnostic[]> = {
  id: 'change-freeze',
  description: 'A change that is not an emergency has its window in a freeze period that covers one of its services.',
  facts(context, file) {
    const diagnostics: Diagnostic[] = [];
    const { repository } = context;
    const configSource = repository.configSource;
    const freezes = repository.config.change.freezes;
    if (freezes.length === 0 || configSource === undefined) return diagnostics;
    const zone = repository.config.timeZone;
    // Placed only for a file with a change to hold against them.
    let spans: ReturnType<typeof freezeSpans> | undefined;
    for (const record of changeRecordsKeptInGit(context, file)) {
      const { window, change, entity } = record;
      if (window === undefined || change.type === 'emergency') continue;
      spans ??= freezeSpans(zone, freezes);
      for (const span of spans) {
        if (span === undefined || !overlaps(window, span)) continue;
        const covered = span.services === undefined ? undefined : record.services.find((s) => span.services!.has(s));
        if (span.services !== undefined && covered === undefined) continue;
        const { freeze } = span;
        const scope = covered === undefined ? 'every service' : `service "${covered}"`;
        const { start, end } = entity.doc.spec.maintenance!;
        diagnostics.push(
          diagnosticAt(entity.source, ['spec', 'maintenance', 'start'], 'change-freeze', 'error', `window (${start} to ${end}) is in change freeze "${freeze.id}" (${freeze.from} to ${freeze.to}), which covers ${scope}`, {
            hint: 'move the window out of the freeze; only an emergency change may be made in one',
            related: [relatedAt(configSource, ['spec', 'change', 'freezes', span.index], `freeze "${freeze.id}", whole days in ${zone}`)],
          }),
        );
      }
    }
    return diagnostics;
  },
  check({ repository }, facts) {
    const diagnostics: Diagnostic[] = [];
    const configSource = repository.configSource;
    const freezes = repository.config.change.freezes;
    if (freezes.length === 0 || configSource === undefined) return diagnostics;
    freezes.forEach((freeze, index) => {
      if (freeze.to < freeze.from) {
        diagnostics.push(
          diagnosticAt(configSource, ['spec', 'change', 'freezes', index, 'to'], 'change-freeze', 'error', `freeze "${freeze.id}" ends (${freeze.to}) before it starts (${freeze.from})`),
        );
      }
    });
    for (const found of facts) for (const diagnostic of found) diagnostics.push(diagnostic);
    return diagnostics;
  },
};

/** The span of each freeze, with the services it covers (none: every service); undefined for one that cannot be placed. */
function freezeSpans(zone: string, freezes: FactsContext['repository']['config']['change']['freezes']) {
  return freezes.map((freeze, index) => {
    // A freeze that ends before it starts is reported by change-freeze's check.
    if (freeze.to < freeze.from) return undefined;
    const span = freezeSpan(zone, freeze.from, freeze.to);
    return span === undefined ? undefined : { ...span, freeze, index, services: freeze.services === undefined ? undefined : new Set(freeze.services) };
  });
}

/**
 * The post-implementation review (ITIL): an emergency change skipped the assessment before, so once done it is reviewed
 * after its window; a failed or backed-out change is reviewed to learn why (and often opens a problem).
 */
export const changeReview = perTicketRule(
  'change-review',
  'A done emergency change, or a failed or backed-out change, without a review; an emergency change reviewed before its window ends.',
  (context, file) => {
    const diagnostics: Diagnostic[] = [];
    for (const record of changeRecordsKeptInGit(context, file)) {
      const { change, entity, window } = record;
      const source = entity.source;
      const review = change.review;
      if (review === undefined) {
        if (change.outcome === 'failed' || change.outcome === 'backed-out') {
          const what = change.outcome === 'failed' ? 'failed' : 'was backed out';
          diagnostics.push(
            diagnosticAt(source, ['spec', 'change', 'outcome'], 'change-review', 'error', `change ${what} but has no review`, {
              hint: 'add change.review (at, summary), and the problem it opens when the cause is not known',
            }),
          );
        } else if (change.type === 'emergency' && isDone(record)) {
          diagnostics.push(
            diagnosticAt(source, ['spec', 'change', 'type'], 'change-review', 'error', 'emergency change is done but has no review', {
              hint: 'add change.review (at, summary), dated after the window ends',
            }),
          );
        }
        continue;
      }
      if (change.type === 'emergency' && window !== undefined && Date.parse(review.at) < window.end) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'change', 'review', 'at'], 'change-review', 'error', `review (${review.at}) is dated before the window ends (${entity.doc.spec.maintenance!.end})`, {
            hint: 'an emergency change is reviewed after it was made',
            related: [relatedAt(source, ['spec', 'maintenance', 'end'], 'the window ends here')],
          }),
        );
      }
    }
    return diagnostics;
  },
);

const RISK_ORDER: readonly ChangeRisk[] = ChangeRisk.options;

/**
 * A standard change is pre-approved through its template (ITIL), so it must stay within it: name one, affect only its
 * services, be of no higher risk, and keep its window within `maxDuration` (wall-clock time: a window is a stretch of
 * real time). A `maxDuration` in business days has no fixed length and is reported on the template.
 */
export const changeTemplate: TicketRule<Diagnostic[]> = {
  id: 'change-template',
  description: 'A standard change without a template, or outside it (services, risk, window length); a template whose maxDuration is in business days.',
  facts(context, file) {
    const diagnostics: Diagnostic[] = [];
    const { changeTemplates, repository } = context;
    // Read only for a file with a standard change to hold against them.
    let limits: Map<string, number> | undefined;
    for (const record of changeRecordsKeptInGit(context, file)) {
      const { change, entity, window } = record;
      if (change.type !== 'standard') continue;
      limits ??= windowLimits(repository.changeTemplates);
      const source = entity.source;
      if (change.template === undefined) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'change', 'type'], 'change-template', 'error', 'standard change names no template', {
            hint: 'name the ChangeTemplate it follows (change.template), or make it a normal change',
          }),
        );
        continue;
      }
      const template = changeTemplates.get(change.template);
      if (template === undefined) continue; // unknown-reference
      const id = change.template;
      const spec = template.doc.spec;
      const templateAt = (path: (string | number)[], message: string) => [relatedAt(template.source, path, message)];
      record.services.forEach((service, k) => {
        if (spec.services.includes(service)) return;
        const path = k === 0 ? ['spec', 'service'] : ['spec', 'change', 'services', (change.services ?? []).indexOf(service)];
        diagnostics.push(
          diagnosticAt(source, path, 'change-template', 'error', `service "${service}" is not among the services of template "${id}" (${spec.services.join(', ')})`, {
            related: templateAt(['spec', 'services'], `the services of template ${id}`),
          }),
        );
      });
      if (RISK_ORDER.indexOf(change.risk) > RISK_ORDER.indexOf(spec.risk)) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'change', 'risk'], 'change-template', 'error', `risk "${change.risk}" is above the highest that template "${id}" allows ("${spec.risk}")`, {
            hint: 'a riskier change is assessed as a normal change',
            related: templateAt(['spec', 'risk'], `the risk of template ${id}`),
          }),
        );
      }
      const limit = limits.get(id);
      if (window !== undefined && limit !== undefined && window.end - window.start > limit) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'maintenance', 'end'], 'change-template', 'error', `window lasts ${formatLength(window.end - window.start)}, longer than the ${spec.maxDuration} that template "${id}" allows`, {
            related: templateAt(['spec', 'maxDuration'], `the longest window of template ${id}`),
          }),
        );
      }
    }
    return diagnostics;
  },
  check({ repository }, facts) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.changeTemplates) {
      const text = doc.spec.maxDuration;
      const parsed = text === undefined ? undefined : parseDuration(text);
      if (parsed?.kind === 'businessDays') {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'maxDuration'], 'change-template', 'error', `maxDuration "${text}" is in business days, which a change window cannot be measured in`, {
            hint: `write the longest window in wall-clock hours, e.g. "${parsed.days * 8}h"`,
          }),
        );
      }
    }
    for (const found of facts) for (const diagnostic of found) diagnostics.push(diagnostic);
    return diagnostics;
  },
};

/**
 * The longest window of each template with a maxDuration in wall-clock time, in milliseconds. Of two templates with one
 * id, the later's limit applies (while the first is the template: see duplicate-id).
 */
function windowLimits(templates: FactsContext['repository']['changeTemplates']): Map<string, number> {
  const limits = new Map<string, number>();
  for (const { doc } of templates) {
    const text = doc.spec.maxDuration;
    const parsed = text === undefined ? undefined : parseDuration(text);
    if (parsed?.kind === 'fixed') limits.set(doc.metadata.id, parsed.minutes * 60_000);
  }
  return limits;
}

/**
 * A normal or standard change is planned: without a window (`maintenance`) its approvals, freezes and conflicts cannot
 * be checked. A warning: a change being prepared may not have its window yet. An emergency change is recorded after
 * the fact and is not asked for one.
 */
export const changeWindowMissing = perTicketRule(
  'change-window-missing',
  'A normal or standard change without a window (maintenance), so that the window rules cannot check it (warning).',
  (context, file) => {
    const diagnostics: Diagnostic[] = [];
    for (const { change, entity } of changeRecordsKeptInGit(context, file)) {
      if (change.type === 'emergency' || entity.doc.spec.maintenance !== undefined) continue;
      diagnostics.push(
        diagnosticAt(entity.source, ['spec', 'change'], 'change-window-missing', 'warning', `${change.type} change has no window, so its approvals, freezes and conflicts cannot be checked`, {
          hint: 'add maintenance: { start, end } once the change is scheduled',
          target: 'key',
        }),
      );
    }
    return diagnostics;
  },
);

export type { ChangeRecord };
