import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialiseCommit } from '../../src/git/materialise.js';
import { gitCheckoutOf } from '../../src/git/repository.js';
import { ticketOnlyBase } from '../../src/git/ticket-only-base.js';
import type { OpenedRepository } from '../../src/open-repository.js';
import { openRepository } from '../../src/open-repository.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { GitFixture } from '../helpers/git-fixture.js';
import { scratchFolders } from '../helpers/temp-repo.js';

/** What these tests say git is for, in the errors of gitCheckoutOf. */
const PURPOSE = { command: 'itsm diff', does: 'compares git revisions', needs: 'reads the revisions with it' };

// When base and head differ only in files of tickets, `itsm diff` builds the base from the loaded head instead of
// writing it out and validating it whole (docs/performance.md). It must be the base a full load gives: the same tickets
// (file, document, data) and the same problems, at the same lines.

const scratch = scratchFolders('itsm-ticket-only-base-');
const NOVEMBER = 'tickets/2026/2026-11.yaml';

/** What a comparison reads of a revision: its tickets in a stable order, its problems, its definitions. */
function seen(opened: OpenedRepository) {
  const tickets = opened.repository.tickets.map((t) => ({ id: t.doc.metadata.id, source: t.source, doc: t.doc })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.source.file < b.source.file ? -1 : 1));
  return { tickets, diagnostics: opened.diagnostics, services: opened.repository.services, slas: opened.repository.slas };
}

describe('ticketOnlyBase', () => {
  // c1: examples/acme with a November ticket naming a service that does not exist (an error of c1 only);
  // c2: that ticket fixed, another retitled, one removed, and a new file with one more ticket.
  const repo = GitFixture.init(join(scratch.empty(), 'acme')).copy(join(REPO_ROOT, 'examples', 'acme'));
  const november = readFileSync(join(repo.dir, NOVEMBER), 'utf8');
  const withTypo = november.replace('  service: email\n  priority: P3\n  title: Tighten DMARC policy to reject', '  service: e-mail\n  priority: P3\n  title: Tighten DMARC policy to reject');
  repo.write({ [NOVEMBER]: withTypo });
  const c1 = repo.commit('ada', 'ACME, with a typo');
  const removed = /---\napiVersion: itsm\/v1\nkind: Ticket\nmetadata:\n {2}id: CHG0001068\n[\s\S]*?(?=---\n)/.exec(november)![0];
  repo.write({
    [NOVEMBER]: november.replace('title: Deploy Windows', 'title: Roll out Windows').replace(removed, ''),
    'tickets/extra.yaml': 'apiVersion: itsm/v1\nkind: Ticket\nmetadata:\n  id: INC7777777\nspec:\n  type: incident\n  service: email\n  priority: P3\n  title: Mail is slow\n  opened: 2026-11-20T09:00:00Z\n',
  });
  const c2 = repo.commit('grace', 'Tickets fixed and added');

  it('gives the base a full load gives: the same tickets and the same problems', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    const head = openRepository(repo.dir);
    const swapped = await ticketOnlyBase(checkout, { name: 'HEAD~1', commit: c1 }, { name: 'HEAD', commit: c2 }, head);
    expect(swapped).toBeDefined();
    const folder = scratch.empty();
    await materialiseCommit(checkout, c1, folder);
    const full = openRepository(folder);
    expect(seen(swapped!)).toEqual(seen(full));
    // In the full load's order too: the first definition of an id is the same one, and unchanged tickets are shared.
    const order = (opened: OpenedRepository) => opened.repository.tickets.map((t) => `${t.source.file}#${t.doc.metadata.id}`);
    expect(order(swapped!)).toEqual(order(full));
    // The typo is c1's error, in the changed file, at its line; head has none.
    expect(swapped!.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([`${NOVEMBER}:${withTypo.split('\n').indexOf('  service: e-mail') + 1} service "e-mail" does not exist`]);
    expect(head.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The working tree as head (it is c2): the same.
    expect(seen((await ticketOnlyBase(checkout, { name: 'HEAD~1', commit: c1 }, null, head))!)).toEqual(seen(full));
  });

  it('is not used when a definition, itsm.yaml or a file with errors changed (the base is then loaded in full)', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    repo.write({ 'services/dns.yaml': readFileSync(join(repo.dir, 'services/dns.yaml'), 'utf8').replace('lifecycle: live', 'lifecycle: retired') });
    const c3 = repo.commit('ada', 'dns retired');
    expect(await ticketOnlyBase(checkout, { name: 'c2', commit: c2 }, { name: 'c3', commit: c3 }, openRepository(repo.dir))).toBeUndefined();
    repo.write({ 'itsm.yaml': `${readFileSync(join(repo.dir, 'itsm.yaml'), 'utf8')}# a comment\n` });
    const c4 = repo.commit('ada', 'A comment in itsm.yaml');
    expect(await ticketOnlyBase(checkout, { name: 'c3', commit: c3 }, { name: 'c4', commit: c4 }, openRepository(repo.dir))).toBeUndefined();
    repo.write({ 'tickets/extra.yaml': 'apiVersion: itsm/v1\nkind: Ticket\nmetadata: [\n' });
    const c5 = repo.commit('ada', 'A broken tickets file');
    expect(await ticketOnlyBase(checkout, { name: 'c4', commit: c4 }, { name: 'c5', commit: c5 }, openRepository(repo.dir))).toBeUndefined();
  });

  it('is not used when a file of change templates changed: a template is a definition, not a ticket', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    const template = (risk: string) =>
      `apiVersion: itsm/v1\nkind: ChangeTemplate\nmetadata:\n  id: patch\nspec:\n  services: [email]\n  risk: ${risk}\n  implementation: Apply.\n  backout: Remove.\n`;
    repo.write({ 'changes/templates.yaml': template('low') });
    const c6 = repo.commit('ada', 'A change template');
    repo.write({ 'changes/templates.yaml': template('moderate') });
    const c7 = repo.commit('ada', 'The template allows moderate risk');
    expect(await ticketOnlyBase(checkout, { name: 'c6', commit: c6 }, { name: 'c7', commit: c7 }, openRepository(repo.dir))).toBeUndefined();
  });
});
