import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_TICKET_FILE, readAuditHistory } from '../../src/cli/audit-history.js';
import { firstParentHistory, parseLog, withoutCredentials } from '../../src/git/log.js';
import { gitCheckoutOf } from '../../src/git/repository.js';
import { GitFixture } from '../helpers/git-fixture.js';
import { scratchFolders } from '../helpers/temp-repo.js';

/** What these tests say git is for, in the errors of gitCheckoutOf. */
const PURPOSE = { command: 'itsm diff', does: 'compares git revisions', needs: 'reads the revisions with it' };

const scratch = scratchFolders('itsm-log-').empty;

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parseLog', () => {
  it('reads the fields of each commit and its raw changes, file names as they are, under the prefix only', () => {
    const text =
      `\x1e${A}\0${B} ${OLD}\0Grace Hopper\0grace@example.org\x002026-11-05T10:00:00+01:00\0Ada\0ada@example.org\x002026-11-05T11:00:00+01:00\0Merge pull request #12 from acme/crm\0` +
      `\n:100644 100644 ${OLD} ${NEW} M\0ops/slas/gold.yaml\0` +
      `:000000 100644 ${ZERO} ${NEW} A\0ops/services/new\nline.yaml\0` +
      `:100644 000000 ${OLD} ${ZERO} D\0ops/services/old.yaml\0` +
      `:100644 100644 ${OLD} ${NEW} M\0README.md\0` +
      `\x1e${B}\0\0Ada Lovelace\0ada@example.org\x002026-11-01T10:00:00Z\0Ada Lovelace\0ada@example.org\x002026-11-01T10:00:00Z\0Start\0`;
    expect(parseLog(text, 'ops/')).toEqual([
      {
        hash: A,
        parents: [B, OLD],
        author: { name: 'Grace Hopper', email: 'grace@example.org' },
        authorDate: '2026-11-05T10:00:00+01:00',
        committer: { name: 'Ada', email: 'ada@example.org' },
        committerDate: '2026-11-05T11:00:00+01:00',
        subject: 'Merge pull request #12 from acme/crm',
        files: [
          { path: 'slas/gold.yaml', status: 'M', mode: '100644', oid: NEW },
          { path: 'services/new\nline.yaml', status: 'A', mode: '100644', oid: NEW },
          { path: 'services/old.yaml', status: 'D', mode: null, oid: null },
        ],
      },
      {
        hash: B,
        parents: [],
        author: { name: 'Ada Lovelace', email: 'ada@example.org' },
        authorDate: '2026-11-01T10:00:00Z',
        committer: { name: 'Ada Lovelace', email: 'ada@example.org' },
        committerDate: '2026-11-01T10:00:00Z',
        subject: 'Start',
        files: [],
      },
    ]);
  });
});

describe('withoutCredentials', () => {
  it.each([
    ['https://ada:ghp_secret@github.com/acme/itsm.git', 'https://github.com/acme/itsm.git'],
    ['https://x-access-token:abc@github.com/acme/itsm', 'https://github.com/acme/itsm'],
    ['https://github.com/acme/itsm.git', 'https://github.com/acme/itsm.git'],
    ['git@github.com:acme/itsm.git', 'git@github.com:acme/itsm.git'],
    ['ssh://git@github.com/acme/itsm.git', 'ssh://github.com/acme/itsm.git'],
  ])('%s → %s', (url, shown) => {
    expect(withoutCredentials(url)).toBe(shown);
  });
});

describe('the history of a real repository', () => {
  const TICKET = (i: number) => `---\napiVersion: itsm/v1\nkind: Ticket\nmetadata: { id: INC${i} }\nspec: { type: incident, service: erp, priority: P2, title: T, opened: 2026-11-01T09:00:00Z }\n`;
  const CONFIG = 'apiVersion: itsm/v1\nkind: Config\nmetadata: { id: lab }\nspec: { currency: USD, timeZone: UTC }\n';
  const SERVICE = (id: string) => `apiVersion: itsm/v1\nkind: Service\nmetadata: { id: ${id} }\nspec: { description: S, category: IT, lifecycle: live, owner: ada }\n`;

  it('lists the first-parent commits that touched the folder, with each blob changed; a merge is one commit, its diff from the first parent', async () => {
    const repo = GitFixture.init(join(scratch(), 'work'));
    repo.write({ 'ops/itsm.yaml': CONFIG, 'other.txt': 'x' });
    const c1 = repo.commit('ada', 'Start');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({ 'ops/services/erp.yaml': SERVICE('erp') });
    repo.commit('ada', 'ERP');
    repo.git('checkout', '--quiet', 'main');
    repo.write({ 'other.txt': 'y' });
    repo.commit('grace', 'Other');
    const merge = repo.merge('grace', 'feature', 'Merge pull request #3 from acme/feature');
    const commits = await firstParentHistory(await gitCheckoutOf(join(repo.dir, 'ops'), PURPOSE), merge);
    expect(commits.map((c) => [c.hash, c.subject, c.files.map((f) => `${f.status} ${f.path}`)])).toEqual([
      [merge, 'Merge pull request #3 from acme/feature', ['A services/erp.yaml']],
      [c1, 'Start', ['A itsm.yaml']],
    ]);
  });

  it(`a large file of tickets (over ${LARGE_TICKET_FILE} bytes) is read once, when first met; its later versions are taken to hold tickets`, async () => {
    const repo = GitFixture.init(join(scratch(), 'large'));
    const many = Array.from({ length: Math.ceil(LARGE_TICKET_FILE / 150) + 100 }, (_, i) => TICKET(i)).join('');
    expect(many.length).toBeGreaterThan(LARGE_TICKET_FILE);
    repo.write({ 'itsm.yaml': CONFIG, 'tickets/big.yaml': many, 'tickets/small.yaml': TICKET(1) });
    repo.commit('ada', 'Start');
    // The documented blind spot of the rule: a definition slipped into the large file later is not seen; in the small
    // file (read at every version) it is.
    repo.write({ 'tickets/big.yaml': `${many}---\n${SERVICE('hidden')}`, 'tickets/small.yaml': `${TICKET(1)}---\n${SERVICE('seen')}` });
    const c2 = repo.commit('grace', 'Both');
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    const history = await readAuditHistory(checkout, repo.dir, c2, { inRange: () => true, throughHead: true });
    expect(history.entries.map((e) => [e.subject, e.changes.map((c) => `${c.action} ${c.id}`), e.files])).toEqual([
      ['Both', ['added seen'], ['tickets/small.yaml']],
      ['Start', ['added lab'], ['itsm.yaml']],
    ]);
    expect(history.definitions?.services.map((s) => s.doc.metadata.id)).toEqual(['seen']);
  });
});
