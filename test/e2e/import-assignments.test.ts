import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

/** A scratch folder with the assignments fixture (`servicenow.csv`, `mapping.yaml`) and the ServiceNow fixture repository as `repo/`. */
const scratches = scratchFolders('itsm-import-assignments-');
function scratch(): string {
  const dir = scratches.copyOf('test/fixtures/import/assignments');
  cpSync(join(REPO_ROOT, 'test/fixtures/import/servicenow/repo'), join(dir, 'repo'), { recursive: true });
  return dir;
}

const run = (dir: string, ...args: string[]) => runCliAsync(args, { cwd: dir });
const importIt = (dir: string, ...extra: string[]) => run(dir, 'import', 'servicenow', 'servicenow.csv', '--repo', 'repo', '--map', 'mapping.yaml', ...extra);

function files(dir: string, folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else out[`${rel}/${e.name}`] = readFileSync(join(dir, rel, e.name), 'utf8');
    }
  };
  walk(folder);
  return out;
}

describe.concurrent('itsm import: assignment groups and assignees', { timeout: E2E_TIMEOUT }, () => {
  it('writes the group and assignee at opening, reassignments as events, a Group document per new group, and lists the groups', async () => {
    const dir = scratch();
    const result = await importIt(dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Imported servicenow.csv (servicenow) into repo: 7 rows read, 7 used, 0 skipped',
        'Tickets: 2 new, 0 updated, 0 unchanged',
        'Files: 1 created, 0 updated, 0 unchanged',
        '  created tickets/2016/2016-03.yaml (2 tickets)',
        'Groups: 2 (2 created)',
        '  group-70  "Group 70"      1 ticket  created groups/group-70.yaml',
        '  network   "Network Team"  1 ticket  created groups/network.yaml',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    const tickets = readFileSync(join(dir, 'repo/tickets/2016/2016-03.yaml'), 'utf8');
    expect(tickets.slice(tickets.indexOf('  id: INC0000001'), tickets.indexOf('---', tickets.indexOf('  id: INC0000001')))).toBe(
      [
        '  id: INC0000001',
        '  labels:',
        '    itsm/source: servicenow',
        'spec:',
        '  type: incident',
        '  service: category-55',
        '  priority: P3',
        '  title: Category 55',
        '  opened: 2016-03-01T09:00:00Z',
        '  group: group-70',
        '  timeline:',
        '    - { at: 2016-03-01T09:10:00Z, status: in-progress, assignee: Ann Lee, actor: Updated by 2 }',
        '    - { at: 2016-03-01T10:00:00Z, status: awaiting-customer, group: network, assignee: Bob Stone, actor: Updated by 3 }',
        '    - { at: 2016-03-01T11:00:00Z, status: in-progress, group: group-70, assignee: Ann Lee, actor: Updated by 4 }',
        '    - { at: 2016-03-01T12:00:00Z, status: resolved, actor: Updated by 5 }',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'repo/groups/network.yaml'), 'utf8')).toBe(
      [
        "# Written by `itsm import` for an assignment group of the imported tickets. It is yours: add the team's calendar,",
        '# manager and members (docs/format.md); the importer never rewrites it. See docs/import.md, "Assignment groups".',
        '---',
        'apiVersion: itsm/v1',
        'kind: Group',
        'metadata:',
        '  id: network',
        '  name: Network Team',
        '  labels:',
        '    itsm/source: servicenow',
        'spec: {}',
        '',
      ].join('\n'),
    );
    const validate = await run(dir, 'validate', 'repo');
    expect([validate.status, validate.stdout]).toEqual([0, '']);
  });

  it('importing twice gives the same files, and a Group document edited by hand is never rewritten', async () => {
    const dir = scratch();
    expect((await importIt(dir)).status).toBe(0);
    const edited = readFileSync(join(dir, 'repo/groups/group-70.yaml'), 'utf8').replace('spec: {}', 'spec:\n  manager: Ann Lee');
    writeFileSync(join(dir, 'repo/groups/group-70.yaml'), edited);
    const before = { ...files(dir, 'repo/tickets'), ...files(dir, 'repo/groups') };
    const again = await importIt(dir);
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(again.stdout.split('\n').slice(1, 7)).toEqual([
      'Tickets: 0 new, 0 updated, 2 unchanged',
      'Files: 0 created, 0 updated, 1 unchanged',
      'Groups: 2 (2 already in the repository)',
      '  group-70  "Group 70"      1 ticket  in groups/group-70.yaml',
      '  network   "Network Team"  1 ticket  in groups/network.yaml',
      '',
    ]);
    expect({ ...files(dir, 'repo/tickets'), ...files(dir, 'repo/groups') }).toEqual(before);
  });

  it('--format json lists the groups with their source names, ticket counts and documents; --dry-run writes none', async () => {
    const dir = scratch();
    const result = await importIt(dir, '--format', 'json', '--dry-run');
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout).groups).toEqual([
      { id: 'group-70', values: ['Group 70'], tickets: 1, document: 'create', file: 'groups/group-70.yaml' },
      { id: 'network', values: ['Network Team'], tickets: 1, document: 'create', file: 'groups/network.yaml' },
    ]);
    expect(readdirSync(join(dir, 'repo'))).not.toContain('groups');
  });

  it('a group value mapped to an id that is not an id is a usage error at its line (exit 2)', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'bad.yaml'), 'timeZone: UTC\ngroup:\n  values:\n    Network Team: "network team"\n');
    const result = await run(dir, 'import', 'servicenow', 'servicenow.csv', '--repo', 'repo', '--map', 'bad.yaml');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'itsm: the mapping file has a problem:\n  bad.yaml:4:19: "group.values.Network Team" is not valid; expected an id of letters, digits, ".", "_" or "-" (starting and ending with a letter or digit)\n',
    );
  });
});
