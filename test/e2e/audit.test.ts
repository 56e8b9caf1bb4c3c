import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GitFixture } from '../helpers/git-fixture.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const scratch = scratchFolders('itsm-audit-').empty;

const CONFIG = 'apiVersion: itsm/v1\nkind: Config\nmetadata: { id: lab, name: Lab }\nspec: { currency: USD, timeZone: UTC }\n';
const service = (id: string, lifecycle = 'live') =>
  `apiVersion: itsm/v1\nkind: Service\nmetadata: { id: ${id} }\nspec:\n  description: The ${id} service\n  category: Business\n  lifecycle: ${lifecycle}\n  owner: ada\n  sla: gold\n`;
const gold = (p2: string) =>
  `apiVersion: itsm/v1\nkind: SLA\nmetadata: { id: gold }\nspec:\n  type: sla\n  calendar: 24x7\n  targets:\n    - { type: incident, priority: P2, resolution: { within: ${p2}, objective: 95 } }\n`;
const tickets = (n: number) =>
  Array.from({ length: n }, (_, i) => `---\napiVersion: itsm/v1\nkind: Ticket\nmetadata: { id: INC${1000 + i} }\nspec:\n  type: incident\n  service: erp\n  priority: P2\n  title: Ticket ${i}\n  opened: 2026-11-0${1 + (i % 5)}T09:00:00Z\n`).join('');

/**
 * The history every case reads: the itsm repository in the subfolder ops/ of the work tree.
 *   c1 ada    2026-11-01  Start the catalogue              erp and gold added, tickets
 *   c2 grace  2026-11-02  Gold: P2 in 4h (#34)             a squash merge's subject
 *   c3 ada    2026-11-03  CRM                              on the branch acme/crm
 *   c4 grace  2026-11-04  Tickets of November              tickets only: never listed
 *   c5 grace  2026-11-05  Merge pull request #12 from …    the merge of acme/crm (crm added)
 *   c6 ada    2026-11-06  Readme                           outside ops/: never listed
 */
function history() {
  const repo = GitFixture.init(join(scratch(), 'work'));
  repo.write({ 'ops/itsm.yaml': CONFIG, 'ops/services/erp.yaml': service('erp'), 'ops/slas/gold.yaml': gold('8h'), 'ops/tickets/2026-11.yaml': tickets(2) });
  const c1 = repo.commit('ada', 'Start the catalogue');
  repo.write({ 'ops/slas/gold.yaml': gold('4h') });
  const c2 = repo.commit('grace', 'Gold: P2 in 4h (#34)');
  repo.git('checkout', '--quiet', '-b', 'acme/crm');
  repo.write({ 'ops/services/crm.yaml': service('crm') });
  const c3 = repo.commit('ada', 'CRM');
  repo.git('checkout', '--quiet', 'main');
  repo.write({ 'ops/tickets/2026-11.yaml': tickets(3) });
  const c4 = repo.commit('grace', 'Tickets of November');
  const c5 = repo.merge('grace', 'acme/crm', 'Merge pull request #12 from acme/crm');
  repo.write({ 'README.md': 'About ops\n' });
  const c6 = repo.commit('ada', 'Readme');
  return { repo, ops: join(repo.dir, 'ops'), hashes: { c1, c2, c3, c4, c5, c6 } };
}

const { repo, ops, hashes } = history();

/** Hashes replaced by the names of the commits, full and abbreviated, so that a change of git cannot move the text. */
function named(text: string): string {
  let out = text;
  for (const [name, hash] of Object.entries(hashes)) out = out.replaceAll(hash, `<${name}>`).replaceAll(hash.slice(0, 7), `<${name}>`);
  return out;
}

describe('itsm audit', () => {
  it('markdown (the default): what it covers, one row per commit of definitions, each change in words; tickets and files outside the repository never listed', () => {
    const result = runCli(['audit', ops]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(named(result.stdout)).toBe(`# Change audit of Lab

The changes made to the definitions of this itsm repository (services,
agreements, calendars, consumers, groups, pricing, usage and settings; tickets
are not listed), one entry per commit of the branch history, newest first. A
merged pull request is one entry: its merge commit, compared with the branch
before the merge. For each entry: who made it, when, the pull request it was
reviewed in, and what changed. Evidence for ISO/IEC 27001:2022 control 8.32
(change management) and SOC 2 CC8.1 (changes are authorised, documented and
approved).

|Report||
|---|---|
|Repository|ops|
|Generated&nbsp;from|<c6>&nbsp;(main,&nbsp;2026-11-06T10:00:00+00:00)|
|Range|the&nbsp;whole&nbsp;history|
|Commits&nbsp;listed|3&nbsp;(2&nbsp;through&nbsp;a&nbsp;pull&nbsp;request)|
|Authors|Grace&nbsp;Hopper,&nbsp;Ada&nbsp;Lovelace|

## Summary

|Date|Commit|Author|Pull&nbsp;request|Subject|Definitions&nbsp;changed|
|---|---|---|---:|---|---:|
|2026-11-05|<c5>|Grace&nbsp;Hopper|#12|Merge&nbsp;pull&nbsp;request&nbsp;#12&nbsp;from&nbsp;acme/crm|1|
|2026-11-02|<c2>|Grace&nbsp;Hopper|#34|Gold:&nbsp;P2&nbsp;in&nbsp;4h&nbsp;(#34)|1|
|2026-11-01|<c1>|Ada&nbsp;Lovelace||Start&nbsp;the&nbsp;catalogue|3|

## Changes

### 2026-11-05 <c5> Merge pull request #12 from acme/crm

- Commit: <c5>
- Author: Grace Hopper <grace@example.org>, 2026-11-05T10:00:00+00:00
- Pull request: #12 (merge commit: the changes of the whole merged branch)
- Commits merged: 1
  - <c3> Ada Lovelace <ada@example.org>, 2026-11-03T10:00:00+00:00: CRM

- services/crm.yaml (Service) crm: added (live, SLA gold)

### 2026-11-02 <c2> Gold: P2 in 4h (#34)

- Commit: <c2>
- Author: Grace Hopper <grace@example.org>, 2026-11-02T10:00:00+00:00
- Pull request: #34

- slas/gold.yaml (SLA) gold: incident P2 resolution 8h → 4h (objective 95%
  unchanged)

### 2026-11-01 <c1> Start the catalogue

- Commit: <c1>
- Author: Ada Lovelace <ada@example.org>, 2026-11-01T10:00:00+00:00
- Pull request: none named

- itsm.yaml (Config) lab: added (currency USD, time zone UTC)
- services/erp.yaml (Service) erp: added (live, SLA gold)
- slas/gold.yaml (SLA) gold: added (sla, 1 target, calendar 24x7)
`);
  });

  it('json: every commit with author, dates, pull request, files and the changes of describeChanges', () => {
    const result = runCli(['audit', ops, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.format).toBe('itsm-audit');
    expect(report.version).toBe(1);
    expect(report.repository).toEqual({ name: 'Lab', path: 'ops', origin: null });
    expect(report.head).toEqual({ name: 'main', commit: hashes.c6, date: '2026-11-06T10:00:00+00:00' });
    expect(report.range).toEqual({ since: null, until: null, from: null, to: null, timeZone: 'UTC' });
    expect(report.cut).toBeNull();
    expect(report.entries.map((e: { hash: string }) => e.hash)).toEqual([hashes.c5, hashes.c2, hashes.c1]);
    const [merge, squash, first] = report.entries;
    expect(merge).toMatchObject({
      parent: hashes.c4,
      merge: true,
      author: { name: 'Grace Hopper', email: 'grace@example.org' },
      date: '2026-11-05T10:00:00+00:00',
      subject: 'Merge pull request #12 from acme/crm',
      pullRequest: 12,
      files: ['services/crm.yaml'],
      errors: 0,
      merged: [{ hash: hashes.c3, author: { name: 'Ada Lovelace', email: 'ada@example.org' }, date: '2026-11-03T10:00:00+00:00', subject: 'CRM' }],
    });
    expect(merge.changes).toEqual([
      { kind: 'Service', id: 'crm', action: 'added', file: 'services/crm.yaml', document: 0, details: [{ field: '', before: null, after: 'crm', text: 'added (live, SLA gold)' }] },
    ]);
    expect(squash).toMatchObject({ parent: hashes.c1, merge: false, pullRequest: 34, files: ['slas/gold.yaml'], merged: [] });
    expect(squash.changes[0].details[0]).toMatchObject({ field: 'incident.P2.resolution', before: '95% within 8h', after: '95% within 4h', version: { from: null, change: 'edited' } });
    expect(first).toMatchObject({ parent: null, pullRequest: null, files: ['itsm.yaml', 'services/erp.yaml', 'slas/gold.yaml'] });
    expect(first.changes.map((c: { id: string }) => c.id)).toEqual(['lab', 'erp', 'gold']);
  });

  it('csv: one row per change, RFC 4180 quoting', () => {
    const result = runCli(['audit', ops, '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(named(result.stdout)).toBe(
      [
        'date,commit,author,author_email,pull_request,merge,subject,merged_authors,file,kind,id,action,field,before,after,change,version_from,version_change',
        '2026-11-05T10:00:00+00:00,<c5>,Grace Hopper,grace@example.org,12,true,Merge pull request #12 from acme/crm,Ada Lovelace,services/crm.yaml,Service,crm,added,,,crm,"added (live, SLA gold)",,',
        '2026-11-02T10:00:00+00:00,<c2>,Grace Hopper,grace@example.org,34,false,Gold: P2 in 4h (#34),,slas/gold.yaml,SLA,gold,changed,incident.P2.resolution,95% within 8h,95% within 4h,incident P2 resolution 8h → 4h (objective 95% unchanged),,edited',
        '2026-11-01T10:00:00+00:00,<c1>,Ada Lovelace,ada@example.org,,false,Start the catalogue,,itsm.yaml,Config,lab,added,,,lab,"added (currency USD, time zone UTC)",,',
        '2026-11-01T10:00:00+00:00,<c1>,Ada Lovelace,ada@example.org,,false,Start the catalogue,,services/erp.yaml,Service,erp,added,,,erp,"added (live, SLA gold)",,',
        '2026-11-01T10:00:00+00:00,<c1>,Ada Lovelace,ada@example.org,,false,Start the catalogue,,slas/gold.yaml,SLA,gold,added,,,gold,"added (sla, 1 target, calendar 24x7)",,',
        '',
      ].join('\n'),
    );
  });

  it('--sla gold and --service narrow the report to those definitions; --service alone takes every service', () => {
    const gold = runCli(['audit', ops, '--sla', 'gold', '--format', 'csv']);
    expect(gold.stderr).toBe('');
    expect(gold.status).toBe(0);
    expect(named(gold.stdout).split('\n').slice(1, -1).map((l) => l.split(',').slice(1, 2).concat(l.split(',').slice(9, 11)).join(' '))).toEqual([
      '<c2> SLA gold',
      '<c1> SLA gold',
    ]);
    const services = runCli(['audit', ops, '--service', '--format', 'json']);
    expect(services.status).toBe(0);
    expect(JSON.parse(services.stdout).entries.map((e: { hash: string; changes: { id: string }[] }) => [e.hash, e.changes.map((c) => c.id)])).toEqual([
      [hashes.c5, ['crm']],
      [hashes.c1, ['erp']],
    ]);
    const erp = runCli(['audit', ops, '--service', 'erp', '--format', 'json']);
    expect(JSON.parse(erp.stdout).entries.map((e: { hash: string }) => e.hash)).toEqual([hashes.c1]);
    expect(JSON.parse(erp.stdout).filter).toEqual({ kinds: { Service: ['erp'] } });
  });

  it('--since and --until take dates (whole days, both included) or instants', () => {
    const days = runCli(['audit', ops, '--since', '2026-11-02', '--until', '2026-11-04', '--format', 'json']);
    expect(days.stderr).toBe('');
    expect(days.status).toBe(0);
    const report = JSON.parse(days.stdout);
    expect(report.entries.map((e: { hash: string }) => e.hash)).toEqual([hashes.c2]);
    // 2026-11-04 to its last millisecond: the day is included.
    expect(report.range).toEqual({ since: '2026-11-02', until: '2026-11-04', from: '2026-11-02T00:00:00.000Z', to: '2026-11-04T23:59:59.999Z', timeZone: 'UTC' });
    const instants = runCli(['audit', ops, '--since', '2026-11-05T10:00:00Z', '--format', 'json']);
    expect(JSON.parse(instants.stdout).entries.map((e: { hash: string }) => e.hash)).toEqual([hashes.c5]);
    const markdown = runCli(['audit', ops, '--since', '2026-12-01']);
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain('|Range|from&nbsp;2026-12-01&nbsp;on&nbsp;(dates&nbsp;in&nbsp;UTC)|');
    expect(markdown.stdout).toContain('No commit in the range changed the definitions asked about.');
  });

  it('--for ID: the history of one definition, newest first, and the version in force', () => {
    const result = runCli(['audit', ops, '--for', 'gold']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const text = named(result.stdout);
    expect(text.startsWith('# Change history of gold\n')).toBe(true);
    expect(text).toContain(`## In force

- SLA gold: defined in slas/gold.yaml, as last changed by <c2> on 2026-11-02
  by Grace Hopper in pull request #34.
`);
    expect(text.match(/^### .*$/gm)).toEqual(['### 2026-11-02 <c2> Gold: P2 in 4h (#34)', '### 2026-11-01 <c1> Start the catalogue']);
    const json = JSON.parse(runCli(['audit', ops, '--for', 'gold', '--format', 'json']).stdout);
    expect(json.inForce).toEqual([{ kind: 'SLA', id: 'gold', file: 'slas/gold.yaml', since: { hash: hashes.c2, date: '2026-11-02T10:00:00+00:00', author: { name: 'Grace Hopper', email: 'grace@example.org' }, pullRequest: 34 }, dated: null }]);
  });

  it('--for an id that no definition has is a usage error', () => {
    const result = runCli(['audit', ops, '--for', 'nope']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`itsm: --for nope: no definition with that id in the history of ${ops} (ids are metadata.id, e.g. a service's or an agreement's)\n`);
    expect(result.status).toBe(2);
  });

  it('bad dates, a range that ends before it starts, and --delimiter with another format are usage errors (exit 2)', () => {
    const bad = runCli(['audit', ops, '--since', 'yesterday']);
    expect(bad).toEqual({ stdout: '', stderr: 'itsm: --since: expected a date (2026-11-01) or an instant (2026-11-01T09:00:00Z) but found "yesterday"\n', status: 2 });
    const month = runCli(['audit', ops, '--until', '2026-13-01']);
    expect(month.stdout).toBe('');
    expect(month.stderr).toMatch(/^itsm: --until: .*"2026-13-01"\n$/);
    expect(month.status).toBe(2);
    const reversed = runCli(['audit', ops, '--since', '2026-11-05', '--until', '2026-11-01']);
    expect(reversed).toEqual({ stdout: '', stderr: 'itsm: --until 2026-11-01 is before --since 2026-11-05\n', status: 2 });
    const now = runCli(['audit', ops, '--for', 'gold', '--now', 'yesterday']);
    expect(now).toEqual({ stdout: '', stderr: 'itsm: --now: expected an instant (2026-10-31T17:00:00Z) or a date (2026-11-01) but found "yesterday"\n', status: 2 });
    const delimiter = runCli(['audit', ops, '--delimiter', ';']);
    expect(delimiter).toEqual({ stdout: '', stderr: 'itsm: --delimiter applies to --format csv\n', status: 2 });
  });

  it('--out writes the report to a file, and replaces one only with --force', () => {
    const out = join(scratch(), 'audit.csv');
    const first = runCli(['audit', ops, '--format', 'csv', '--out', out]);
    expect(first).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(readFileSync(out, 'utf8')).toBe(runCli(['audit', ops, '--format', 'csv']).stdout);
    const again = runCli(['audit', ops, '--format', 'csv', '--out', out]);
    expect(again).toEqual({ stdout: '', stderr: `itsm: ${out} already exists; use --force to replace it\n`, status: 2 });
    expect(runCli(['audit', ops, '--format', 'csv', '--out', out, '--force']).status).toBe(0);
  });

  it('a folder outside any git repository is a one-line usage error', () => {
    const plain = scratch();
    writeFileSync(join(plain, 'itsm.yaml'), CONFIG);
    const result = runCli(['audit', plain]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`itsm: ${plain} is not in a git repository; itsm audit reads its git history (run \`git init\` and commit the repository first)\n`);
    expect(result.status).toBe(2);
  });

  it('git missing from the PATH is a one-line usage error', () => {
    const result = runCli(['audit', ops], { env: { PATH: join(scratch(), 'no-git-here') } });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('itsm: git is not installed or not on the PATH; itsm audit reads the history with it (install git, https://git-scm.com/downloads)\n');
    expect(result.status).toBe(2);
  });

  it('a repository without a commit yet is a one-line usage error', () => {
    const fresh = GitFixture.init(join(scratch(), 'fresh'));
    fresh.write({ 'itsm.yaml': CONFIG });
    const result = runCli(['audit', fresh.dir]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('itsm: unknown revision "HEAD": the git repository has no commit yet; commit the repository first\n');
    expect(result.status).toBe(2);
  });

  it('a shallow clone: the report says where the history stops, stderr says how to fetch the rest, exit 0', () => {
    const clone = repo.shallowClone(join(scratch(), 'clone'));
    const result = runCli(['audit', join(clone.dir, 'ops'), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'itsm: warning: the history stops at commit ' +
        `${hashes.c6.slice(0, 7)} (2026-11-06T10:00:00+00:00): changes before it are not listed; this is a shallow clone, which leaves out older history: fetch it with \`git fetch --unshallow\` (in GitHub Actions: actions/checkout with \`fetch-depth: 0\`)\n`,
    );
    const report = JSON.parse(result.stdout);
    expect(report.cut).toEqual({ commit: hashes.c6, date: '2026-11-06T10:00:00+00:00' });
    // The last commit held is where the history starts: what it changed is not known, so it is not an entry.
    expect(report.entries).toEqual([]);
    const markdown = runCli(['audit', join(clone.dir, 'ops')]);
    expect(markdown.stdout).toContain('History cut: this clone is shallow and holds no commit before');
  });

  it('a commit that only reformats a definition is listed, saying that nothing changed in meaning', () => {
    const work = GitFixture.init(join(scratch(), 'format'));
    work.write({ 'itsm.yaml': CONFIG, 'slas/gold.yaml': gold('8h') });
    work.commit('ada', 'Start');
    work.write({ 'slas/gold.yaml': `# The gold agreement\n${gold('8h')}` });
    const c2 = work.commit('grace', 'Comment gold');
    const result = runCli(['audit', work.dir, '--format', 'csv']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe(
      `2026-11-02T10:00:00+00:00,${c2},Grace Hopper,grace@example.org,,false,Comment gold,,slas/gold.yaml,,,,,,,"no change in meaning (layout, comments or order only)",,`,
    );
    // Narrowed to gold, a commit without a change in meaning has nothing to say about gold.
    const gold2 = runCli(['audit', work.dir, '--sla', 'gold', '--format', 'json']);
    expect(JSON.parse(gold2.stdout).entries).toHaveLength(1);
  });
});
