import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportedTicket } from '../../src/import/types.js';
import { FileChangedError } from '../../src/fs/file-writer.js';
import { applyPlan, compareReadOrder, ImportPathError, ImportWriteError, planImport, readSnapshot, type ImportPlan } from '../../src/import/writer.js';
import { openRepository } from '../../src/open-repository.js';
import { configYaml, createTempTree, type TempTree } from '../helpers/temp-repo.js';

const SERVICES = ['email', 'network']
  .map((id) => `apiVersion: itsm/v1\nkind: Service\nmetadata: { id: ${id} }\nspec: { description: ${id}, category: IT, owner: IT, lifecycle: live }\n`)
  .join('---\n');

const trees: TempTree[] = [];
function repo(extra: Record<string, string> = {}, config = configYaml()): TempTree {
  const tree = createTempTree({ 'itsm.yaml': config, 'services/services.yaml': SERVICES, ...extra }, 'itsm-writer-');
  trees.push(tree);
  return tree;
}
afterAll(() => {
  for (const t of trees) t.remove();
});

let nextLine = 2;
function ticket(id: string, opened: string, over: Partial<ImportedTicket> = {}): ImportedTicket {
  const first = nextLine;
  nextLine += 3;
  return {
    id,
    type: 'incident',
    service: 'email',
    priority: 'P3',
    title: `Ticket ${id}`,
    opened,
    timeline: [{ at: opened.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`), status: 'resolved' }],
    labels: { 'itsm/source': 'test' },
    lines: { first, last: first + 2, count: 3 },
    ...over,
  };
}

/** Plans and writes, as `itsm import` does. */
async function importInto(root: string, tickets: ImportedTicket[], force = false): Promise<ImportPlan> {
  const snapshot = readSnapshot(root);
  const plan = planImport(snapshot, tickets, { force });
  if (plan.blocked.length === 0) await applyPlan(snapshot, plan);
  return plan;
}

function files(root: string, dir = 'tickets'): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else out[path] = readFileSync(join(root, path), 'utf8');
    }
  };
  if (existsSync(join(root, dir))) walk(dir);
  return out;
}

function expectValid(root: string): void {
  const errors = openRepository(root).diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
}

const MARCH = [ticket('INC3', '2016-03-10T10:00:00Z'), ticket('INC1', '2016-03-01T10:00:00Z'), ticket('INC2', '2016-04-02T10:00:00Z')];

describe('the repository writer', () => {
  it('writes tickets sharded by month of opening, sorted by id, and the repository validates', async () => {
    const { root } = repo();
    const plan = await importInto(root, MARCH);
    expect(plan).toMatchObject({ new: 3, updated: 0, unchanged: 0, rowsUsed: 9, problems: [], blocked: [] });
    expect(plan.files.map((f) => [f.file, f.action, f.tickets])).toEqual([
      ['tickets/2016/2016-03.yaml', 'create', 2],
      ['tickets/2016/2016-04.yaml', 'create', 1],
    ]);
    const march = files(root)['tickets/2016/2016-03.yaml']!;
    expect(march.indexOf('id: INC1')).toBeLessThan(march.indexOf('id: INC3'));
    expectValid(root);
  });

  it('is deterministic: the order of the input does not matter, to the byte', async () => {
    const a = repo();
    const b = repo();
    await importInto(a.root, MARCH);
    await importInto(b.root, [...MARCH].reverse());
    expect(files(a.root)).toEqual(files(b.root));
  });

  it('is idempotent: importing the same tickets again changes nothing, not even the files’ times', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    const before = files(root);
    const mtime = statSync(join(root, 'tickets/2016/2016-03.yaml')).mtimeMs;
    const again = await importInto(root, MARCH);
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    expect(again.files.every((f) => f.action === 'unchanged')).toBe(true);
    expect(files(root)).toEqual(before);
    expect(statSync(join(root, 'tickets/2016/2016-03.yaml')).mtimeMs).toBe(mtime);
  });

  it('updates tickets in place and adds new ones; a ticket missing from the newer export is never deleted', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    // The newer export: INC1 was reopened, INC4 is new, INC2 and INC3 are not in it at all.
    const inc1 = ticket('INC1', '2016-03-01T10:00:00Z', {
      timeline: [
        { at: '2016-03-01T11:00:00Z', status: 'resolved' },
        { at: '2016-03-02T09:00:00Z', status: 'in-progress' },
      ],
    });
    const plan = await importInto(root, [inc1, ticket('INC4', '2016-03-20T10:00:00Z')]);
    expect(plan).toMatchObject({ new: 1, updated: 1, unchanged: 0 });
    expect(plan.files.map((f) => [f.file, f.action, f.new, f.updated])).toEqual([['tickets/2016/2016-03.yaml', 'update', 1, 1]]);
    const march = files(root)['tickets/2016/2016-03.yaml']!;
    expect(march).toContain('id: INC3');
    expect(march).toContain('- { at: 2016-03-02T09:00:00Z, status: in-progress }');
    expect(files(root)['tickets/2016/2016-04.yaml']).toContain('id: INC2');
    expect(openRepository(root).repository.tickets.map((t) => t.doc.metadata.id).sort()).toEqual(['INC1', 'INC2', 'INC3', 'INC4']);
    expectValid(root);
  });

  it('keeps an updated ticket in the file that holds it, even when its opening moved to another month', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    // Opened a day earlier, in February; its event is where it was (an import that moved it would drop it: timeline-merge.ts).
    const plan = await importInto(root, [ticket('INC1', '2016-02-29T10:00:00Z', { timeline: [{ at: '2016-03-01T11:00:00Z', status: 'resolved' }] })]);
    expect(plan.files.map((f) => [f.file, f.action])).toEqual([['tickets/2016/2016-03.yaml', 'update']]);
    expect(existsSync(join(root, 'tickets/2016/2016-02.yaml'))).toBe(false);
  });

  it('keeps a ticket whose update would drop timeline events, with its rows skipped (timeline-would-lose-events), unless replaceTimelines', async () => {
    const { root } = repo();
    const events = [
      { at: '2016-03-01T10:30:00Z', status: 'in-progress' },
      { at: '2016-03-01T11:00:00Z', status: 'resolved' },
      { at: '2016-03-02T09:00:00Z', status: 'closed' },
    ];
    await importInto(root, [ticket('INC1', '2016-03-01T10:00:00Z', { timeline: events })]);
    const before = files(root);
    // The rows of the resolution are missing from this export; INC2 is new.
    const partial = [ticket('INC1', '2016-03-01T10:00:00Z', { timeline: [events[0]!, events[2]!], lines: { first: 7, last: 9, count: 2 } }), ticket('INC2', '2016-03-05T10:00:00Z')];
    const snapshot = readSnapshot(root);
    const plan = planImport(snapshot, partial);
    expect(plan).toMatchObject({ new: 1, updated: 0, unchanged: 0, rowsUsed: 3, kept: new Set(['INC1']), skipped: new Set() });
    expect(plan.problems).toEqual([
      {
        line: 7,
        kind: 'timeline-would-lose-events',
        skipped: true,
        ticket: 'INC1',
        message:
          'INC1: the import would drop 1 of the 3 timeline events the repository has from 2016-03-01T10:30:00Z to 2016-03-02T09:00:00Z (2016-03-01T11:00:00Z resolved); ' +
          'the ticket is kept as it is. Are rows of it missing from the export (a quote that swallowed lines)? If the export is complete, re-run with --replace-timelines',
        rows: 2,
      },
    ]);
    await applyPlan(snapshot, plan);
    expect(files(root)['tickets/2016/2016-03.yaml']).toContain(before['tickets/2016/2016-03.yaml']!.split('---\n')[1]);
    expect(files(root)['tickets/2016/2016-03.yaml']).toContain('id: INC2');

    const replaced = planImport(readSnapshot(root), partial, { replaceTimelines: true });
    expect(replaced).toMatchObject({ new: 0, updated: 1, unchanged: 1, problems: [], kept: new Set() });
    expect(replaced.files[0]!.content).not.toContain('2016-03-01T11:00:00Z');
  });

  it('refuses to overwrite a file edited by hand, unless forced; forced, it keeps what was added by hand', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    const path = join(root, 'tickets/2016/2016-03.yaml');
    const edited = readFileSync(path, 'utf8').replace('  title: Ticket INC1\n', '  title: Ticket INC1\n  outage: { start: "2016-03-01T09:00:00Z", impact: down }\n');
    writeFileSync(path, edited);
    expectValid(root);

    // Unchanged tickets do not need the file rewritten: no --force needed.
    expect(await importInto(root, MARCH)).toMatchObject({ unchanged: 3, blocked: [] });

    const newer = [...MARCH, ticket('INC5', '2016-03-25T10:00:00Z')];
    const blocked = await importInto(root, newer);
    expect(blocked.blocked.map((f) => [f.file, f.blocked])).toEqual([['tickets/2016/2016-03.yaml', 'edited']]);
    expect(readFileSync(path, 'utf8')).toBe(edited);

    const forced = await importInto(root, newer, true);
    expect(forced).toMatchObject({ new: 1, blocked: [] });
    const after = readFileSync(path, 'utf8');
    expect(after).toContain('  outage: { start: 2016-03-01T09:00:00Z, impact: down }');
    expect(after).toContain('id: INC5');
    // Forced once, the file is the importer's again.
    expect(await importInto(root, [...newer, ticket('INC6', '2016-03-26T10:00:00Z')])).toMatchObject({ new: 1, blocked: [] });
    expectValid(root);
  });

  it('treats a file it did not write as hand-made: an existing month file, or a ticket’s own file', async () => {
    const own = [
      'apiVersion: itsm/v1',
      'kind: Ticket',
      'metadata: { id: OWN1 }',
      'spec: { type: incident, service: network, priority: P2, title: Typed by hand, opened: 2016-03-15T10:00:00Z }',
      '',
    ].join('\n');
    const { root } = repo({ 'tickets/2016/2016-03.yaml': `# my own tickets\n${own}`, 'tickets/manual.yaml': own.replace(/OWN1/, 'INC2').replace('2016-03-15', '2016-01-15') });
    const plan = await importInto(root, MARCH);
    expect(plan.blocked.map((f) => [f.file, f.blocked]).sort()).toEqual([
      ['tickets/2016/2016-03.yaml', 'foreign'],
      ['tickets/manual.yaml', 'foreign'],
    ]);
    expect(files(root)['tickets/2016/2016-04.yaml']).toBeUndefined(); // all or nothing

    const forced = await importInto(root, MARCH, true);
    expect(forced).toMatchObject({ new: 2, updated: 1, blocked: [] });
    expect(files(root)['tickets/2016/2016-03.yaml']).toMatch(/id: INC1[\s\S]*id: INC3[\s\S]*id: OWN1/);
    expect(files(root)['tickets/manual.yaml']).toContain('title: Ticket INC2');
    expectValid(root);
  });

  it('leaves out, and reports with its lines, a ticket the repository could not hold; the rest is written', async () => {
    const { root } = repo();
    const bad = [
      ticket('BAD-SERVICE', '2016-03-02T10:00:00Z', { service: 'e-mail' }),
      ticket('BAD-STATUS', '2016-03-03T10:00:00Z', { timeline: [{ at: '2016-03-03T11:00:00Z', status: 'waiting' }] }),
      ticket('BAD-ORDER', '2016-03-04T10:00:00Z', { timeline: [{ at: '2016-03-04T09:00:00Z', status: 'resolved' }] }),
      ticket('BAD-PRIORITY', '2016-03-05T10:00:00Z', { priority: 'P9' }),
    ];
    const plan = await importInto(root, [...MARCH, ...bad]);
    expect(plan).toMatchObject({ new: 3, rowsUsed: 9 });
    expect([...plan.skipped].sort()).toEqual(['BAD-ORDER', 'BAD-PRIORITY', 'BAD-SERVICE', 'BAD-STATUS']);
    const byTicket = Object.fromEntries(plan.problems.map((p) => [p.ticket, p]));
    expect(byTicket['BAD-SERVICE']).toEqual({
      line: bad[0]!.lines.first,
      kind: 'invalid-ticket',
      skipped: true,
      ticket: 'BAD-SERVICE',
      rows: 3,
      message: 'BAD-SERVICE would not be valid (unknown-reference at spec.service: service "e-mail" does not exist); not imported',
    });
    expect(byTicket['BAD-STATUS']!.message).toMatch(/unknown-status at spec\.timeline\[0\]\.status/);
    expect(byTicket['BAD-ORDER']!.message).toMatch(/timeline-order/);
    expect(byTicket['BAD-PRIORITY']!.message).toMatch(/unknown-priority/);
    expect(files(root)['tickets/2016/2016-03.yaml']).not.toContain('BAD-');
    expectValid(root);
  });

  it('an update that would be invalid keeps the version already in the repository', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    const before = files(root);
    const plan = await importInto(root, [ticket('INC1', '2016-03-01T10:00:00Z', { service: 'nowhere' })]);
    expect(plan).toMatchObject({ new: 0, updated: 0, unchanged: 0 });
    expect(plan.problems.map((p) => p.ticket)).toEqual(['INC1']);
    expect(files(root)).toEqual(before);
  });

  it('shards by the organisation’s time zone', async () => {
    const { root } = repo({}, configYaml().replace('timeZone: UTC', 'timeZone: America/Sao_Paulo'));
    const plan = await importInto(root, [ticket('INC1', '2016-03-01T01:30:00Z')]);
    expect(plan.files.map((f) => f.file)).toEqual(['tickets/2016/2016-02.yaml']);
  });

  it('will not write to a shard path that the repository excludes, whether the file exists or not', () => {
    const { root } = repo({ 'tickets/2016/2016-03.yaml': 'not read\n' }, configYaml(['  exclude: ["tickets/2016/2016-03.yaml"]']));
    expect(() => planImport(readSnapshot(root), MARCH)).toThrow(ImportPathError);
    const other = repo({}, configYaml(['  exclude: ["tickets/2016"]']));
    expect(() => planImport(readSnapshot(other.root), MARCH)).toThrow(
      new ImportPathError('tickets/2016/2016-03.yaml'),
    );
  });

  it('reads a snapshot with the repository’s errors, so that the command can refuse to import into it', () => {
    const { root } = repo({ 'services/broken.yaml': 'apiVersion: itsm/v1\nkind: Service\nmetadata: { id: x }\nspec: {}\n' });
    expect(readSnapshot(root).errors.length).toBeGreaterThan(0);
  });
});

describe('writing only over what was read', () => {
  it('stops at a file written by someone else after the snapshot, before the first write: nothing is written', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    const snapshot = readSnapshot(root);
    const plan = planImport(snapshot, [ticket('INC1', '2016-03-01T10:00:00Z', { title: 'Renamed' }), ticket('INC2', '2016-04-02T10:00:00Z', { title: 'Renamed' })]);
    // Someone rewrites April between the read and the write; March comes first but must not be written either.
    const april = join(root, 'tickets/2016/2016-04.yaml');
    writeFileSync(april, `${readFileSync(april, 'utf8')}# theirs\n`);
    const before = files(root);
    const error = await applyPlan(snapshot, plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportWriteError);
    expect((error as ImportWriteError).failure).toEqual(new FileChangedError(april, 'changed'));
    expect((error as ImportWriteError).written).toEqual([]);
    expect(files(root)).toEqual(before);
  });

  it('a file written by someone else during the write: the files before it are complete, it is left as they wrote it', async () => {
    const { root } = repo();
    await importInto(root, MARCH);
    const snapshot = readSnapshot(root);
    const plan = planImport(snapshot, [ticket('INC1', '2016-03-01T10:00:00Z', { title: 'Renamed' }), ticket('INC2', '2016-04-02T10:00:00Z', { title: 'Renamed' })]);
    const april = join(root, 'tickets/2016/2016-04.yaml');
    const theirs = `${readFileSync(april, 'utf8')}# theirs\n`;
    const error = await applyPlan(snapshot, plan, {
      // While April's new content is in its temporary file (March is already in place), April is rewritten.
      afterTempWritten: async (file) => {
        if (file === 'tickets/2016/2016-04.yaml') writeFileSync(april, theirs);
      },
    }).catch((e: unknown) => e);
    expect((error as ImportWriteError).failure).toEqual(new FileChangedError(april, 'changed'));
    expect((error as ImportWriteError).written).toEqual(['tickets/2016/2016-03.yaml']);
    expect(files(root)['tickets/2016/2016-03.yaml']).toContain('title: Renamed');
    expect(files(root)['tickets/2016/2016-04.yaml']).toBe(theirs);
    expect(readdirSync(join(root, 'tickets/2016')).sort()).toEqual(['2016-03.yaml', '2016-04.yaml']);
  });
});

describe('compareReadOrder', () => {
  it('is the loader’s order: itsm.yaml, then folder by folder by name', () => {
    const files = ['tickets/2016/2016-10.yaml', 'services/a.yaml', 'itsm.yaml', 'tickets/2016/2016-02.yaml', 'tickets/2017/2017-01.yaml', 'tickets.yaml', 'a.yaml'];
    expect(files.sort(compareReadOrder)).toEqual([
      'itsm.yaml',
      'a.yaml',
      'services/a.yaml',
      'tickets/2016/2016-02.yaml',
      'tickets/2016/2016-10.yaml',
      'tickets/2017/2017-01.yaml',
      'tickets.yaml',
    ]);
  });
});
