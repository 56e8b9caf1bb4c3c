import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/governance/changes.js';
import { openRepository } from '../../src/open-repository.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';
import { linesOf } from './changes-helpers.js';

const scratch = scratchFolders('itsm-changes-acme-');

/** Replaces `from` (which must occur) by `to` in a file of the copy. */
function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

describe('describeChanges on examples/acme', () => {
  const base = openRepository(join(REPO_ROOT, 'examples/acme')).repository;

  it('finds nothing between examples/acme and itself', () => {
    expect(describeChanges(base, base)).toEqual({ definitions: [], tickets: { added: 0, changed: 0, removed: 0 } });
    const copy = openRepository(scratch.copyOf('examples/acme')).repository;
    expect(describeChanges(base, copy)).toEqual({ definitions: [], tickets: { added: 0, changed: 0, removed: 0 } });
  });

  it('names exactly the hand edits of a copy, in the words of the issue', () => {
    const root = scratch.copyOf('examples/acme');
    edit(root, 'slas/gold.yaml', 'priority: P2, response: { within: 30m, objective: 95 }, resolution: { within: 8h, objective: 95 }', 'priority: P2, response: { within: 30m, objective: 95 }, resolution: { within: 4h, objective: 95 }');
    edit(root, 'slas/gold-finance.yaml', 'resolution: { within: 4h, objective: 95 } }', 'resolution: { within: 3h, objective: 95 } }');
    edit(root, 'services/storage.yaml', 'lifecycle: live', 'lifecycle: retired');
    edit(root, 'calendars/us-business-hours.yaml', '    - { date: 2026-12-25, name: Christmas Day }', '    - { date: 2026-12-24, name: Christmas Eve }\n    - { date: 2026-12-25, name: Christmas Day }');
    edit(root, 'services/email.yaml', '  links:', '  versions:\n    - { from: 2027-01-01, pricing: { model: per-unit, unit: mailbox, rate: 7.00 } }\n  links:');
    edit(root, 'consumers/finance.yaml', 'headcount: 85', 'headcount: 90');
    edit(root, 'consumers/finance.yaml', '{ service: email, units: 85, from: 2024-01-01 }', '{ service: email, units: 90, from: 2024-01-01 }');
    edit(root, 'usage/2026-07.usage.csv', '2026-07-01,finance,hosting,vcpu-hours,1098', '2026-07-01,finance,hosting,vcpu-hours,1100');
    edit(root, 'tickets/2026/2026-07.yaml', 'title: Enrol devices in the new MDM profile', 'title: Enrol every device in the new MDM profile');
    mkdirSync(join(root, 'teams'));
    renameSync(join(root, 'groups/network.yaml'), join(root, 'teams/network.yaml'));

    // The usage line: finance's July vCPU hours were 32,798 in all; the edit adds 1,100 − 1,098 = 2.
    const changes = describeChanges(base, openRepository(root).repository);
    expect(linesOf(changes)).toEqual([
      'calendars/us-business-hours.yaml  us-business-hours: holiday 2026-12-24 added',
      'consumers/finance.yaml  finance: headcount 85 → 90',
      'consumers/finance.yaml  finance: subscription to email units 85 → 90',
      'services/email.yaml  email: price 6.50 → 7.00 USD per mailbox from 2027-01-01',
      'services/storage.yaml  storage: lifecycle live → retired; 3 services depend on it (backup, erp, hosting)',
      'slas/gold-finance.yaml  gold-finance: incident P2 resolution 4h → 3h in version from 2026-10-01 (objective 95% unchanged)',
      'slas/gold.yaml  gold: incident P2 resolution 8h → 4h (objective 95% unchanged)',
      'teams/network.yaml  network: moved from groups/network.yaml',
      'usage/2026-07.usage.csv  usage/2026-07.usage.csv: hosting vcpu-hours of finance in 2026-07: 32,798 → 32,800',
    ]);
    expect(changes.tickets).toEqual({ added: 0, changed: 1, removed: 0 });
  });
});
