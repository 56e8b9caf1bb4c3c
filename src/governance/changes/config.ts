import type { Repository } from '../../model/repository.js';
import type { ChangeDetail, DefinitionChange } from '../changes.js';
import { listChanges, scalarChange, textChange } from './words.js';

/**
 * The organisation's settings (itsm.yaml), compared after defaults are applied: writing out a default (the standard
 * priorities, UTC) is not a change, and a Config whose id changed is still the one Config.
 */
export function configChanges(base: Repository, head: Repository): DefinitionChange[] {
  const b = base.config;
  const a = head.config;
  const details: ChangeDetail[] = [
    ...scalarChange('id', 'id', b.id, a.id),
    ...scalarChange('name', 'name', b.name, a.name),
    ...scalarChange('currency', 'currency', b.currency, a.currency),
    ...scalarChange('timeZone', 'time zone', b.timeZone, a.timeZone),
    ...listChanges('exclude', 'exclude pattern', b.exclude, a.exclude),
    ...byIdChanges('priorities', 'priority', b.priorities, a.priorities, (p) => p.name ?? p.id, () => []),
    ...byIdChanges('statuses', 'status', b.statuses, a.statuses, (s) => `${s.category}${s.name ? `, ${s.name}` : ''}`, (was, now, label, field) =>
      scalarChange(`${field}.category`, `${label} category`, was.category, now.category),
    ),
    ...byIdChanges('change.freezes', 'freeze', b.change.freezes, a.change.freezes, freezeWords, (was, now, label, field) => [
      ...scalarChange(`${field}.from`, `${label} from`, was.from, now.from),
      ...scalarChange(`${field}.to`, `${label} to`, was.to, now.to),
      ...scalarChange(`${field}.services`, `${label} services`, was.services?.join(', ') ?? 'every service', now.services?.join(', ') ?? 'every service'),
      ...textChange(`${field}.note`, `${label} note`, was.note, now.note),
    ]),
    ...byIdChanges('change.approvals', 'approval policy', b.change.approvals.map(approvalItem), a.change.approvals.map(approvalItem), approvalWords, (was, now, label, field) => [
      ...scalarChange(`${field}.approvals`, `${label} approvals`, String(was.approvals), String(now.approvals)),
      ...scalarChange(`${field}.group`, `${label} group`, was.group, now.group),
    ]),
  ];
  if (details.length === 0) return [];
  const source = head.configSource ?? base.configSource;
  return [{ kind: 'Config', id: a.id, action: 'changed', file: source?.file ?? 'itsm.yaml', document: source?.document ?? 0, details }];
}

type Freeze = Repository['config']['change']['freezes'][number];
type Approval = Repository['config']['change']['approvals'][number];

/** "2026-12-20 to 2027-01-03, email, erp" or "… every service". */
function freezeWords(freeze: Freeze): string {
  return `${freeze.from} to ${freeze.to}, ${freeze.services === undefined ? 'every service' : freeze.services.join(', ')}`;
}

/** An approval policy is identified by the change type and risk it applies to ("normal/high", "emergency"). */
function approvalItem(policy: Approval): Approval & { id: string } {
  return { ...policy, id: policy.risk === undefined ? policy.type : `${policy.type}/${policy.risk}` };
}

function approvalWords(policy: Approval): string {
  return `${policy.approvals} approval${policy.approvals === 1 ? '' : 's'}${policy.group === undefined ? '' : ` from ${policy.group}`}`;
}

function byIdChanges<T extends { id: string; name?: string | undefined }>(
  field: string,
  label: string,
  before: readonly T[],
  after: readonly T[],
  words: (item: T) => string,
  more: (was: T, now: T, label: string, field: string) => ChangeDetail[],
): ChangeDetail[] {
  const was = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const details: ChangeDetail[] = [];
  for (const [id, a] of now) {
    const b = was.get(id);
    const path = `${field}.${id}`;
    if (!b) {
      details.push({ field: path, before: null, after: words(a), text: `${label} ${id} added (${words(a)})` });
      continue;
    }
    details.push(...more(b, a, `${label} ${id}`, path));
    details.push(...scalarChange(`${path}.name`, `${label} ${id} name`, b.name, a.name));
  }
  for (const [id, b] of was) if (!now.has(id)) details.push({ field: `${field}.${id}`, before: words(b), after: null, text: `${label} ${id} removed` });
  return details;
}
