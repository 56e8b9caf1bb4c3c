import { isDeepStrictEqual } from 'node:util';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepository, countsOf, dependsOnDay } from '../../src/check-repository.js';
import { FileCache } from '../../src/load/cache.js';
import { loadFiles } from '../../src/load/load-repository.js';
import { ResultsCache } from '../../src/load/results-cache.js';
import { openRepository } from '../../src/open-repository.js';
import { isTicketFile } from '../../src/ticket-file-facts.js';
import { checkRules, TICKET_RULES, validateDocuments } from '../../src/validate/index.js';
import { buildContext } from '../../src/validate/context.js';
import { definitionsContext } from '../../src/validate/ticket-rule.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const folders = scratchFolders('itsm-ticket-facts-');

function setUp(): { root: string; cacheDir: string } {
  return { root: folders.copyOf('examples/acme'), cacheDir: join(folders.empty(), 'cache') };
}

function check(root: string, cacheDir: string) {
  return checkRepository(root, { cache: new FileCache(cacheDir, 'code'), results: new ResultsCache(cacheDir, 'code'), workers: 1 });
}

/** The check of the repository loaded without any cache: what a run that kept facts must equal. */
function uncached(root: string) {
  const opened = openRepository(root);
  return { files: opened.files.length, counts: countsOf(opened.repository), diagnostics: opened.diagnostics, ...(dependsOnDay(opened.repository) ? { dependsOnDay: true } : {}) };
}

const AUGUST = 'tickets/2026/2026-08.yaml';
const SEPTEMBER = 'tickets/2026/2026-09.yaml';

function edit(root: string, file: string, change: (text: string) => string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const changed = change(text);
  expect(changed).not.toBe(text);
  writeFileSync(path, changed);
}

describe('the facts of ticket files', () => {
  it('survive a JSON round trip, and the rules over the read-back facts find what they found', () => {
    const loaded = loadFiles('examples/acme');
    const validated = validateDocuments(loaded.documents, loaded.usageCsv, loaded.rejected, loaded.holidayFiles, { markdownFiles: loaded.markdownFiles }, { files: loaded.files });
    expect(validated.ticketFacts.size).toBe(readdirSync('examples/acme/tickets/2026').length);
    const roundTripped = JSON.parse(JSON.stringify([...validated.ticketFacts])) as [string, unknown[]][];
    expect(isDeepStrictEqual(roundTripped, [...validated.ticketFacts])).toBe(true);
    for (const [, facts] of roundTripped) expect(facts).toHaveLength(TICKET_RULES.length);
    // The ticket rules' findings from the read-back facts, with no ticket in the repository, are those of the full run.
    const context = buildContext({ ...validated.repository, tickets: [] }, loaded.rejected, { markdownFiles: loaded.markdownFiles });
    const fromFacts = checkRules(definitionsContext(context), roundTripped.map(([, facts]) => facts));
    const ticketRuleIds = new Set(TICKET_RULES.map((r) => r.id));
    const expected = validated.diagnostics.filter((d) => ticketRuleIds.has(d.rule));
    expect(fromFacts.filter((d) => ticketRuleIds.has(d.rule)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      expected.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('are of files that hold tickets only', () => {
    const ticket = { file: 'a.yaml', index: 0, value: { apiVersion: 'itsm/v1', kind: 'Ticket' } };
    const service = { file: 'a.yaml', index: 1, value: { apiVersion: 'itsm/v1', kind: 'Service' } };
    expect(isTicketFile('a.yaml', [ticket], [])).toBe(true);
    expect(isTicketFile('a.yaml', [ticket, service], [])).toBe(false);
    expect(isTicketFile('a.yaml', [ticket], [{ kind: 'Service', id: 's', source: { file: 'a.yaml', document: 1 } }])).toBe(false);
    expect(isTicketFile('a.yaml', [], [{ kind: 'Ticket', id: 't', source: { file: 'a.yaml', document: 0 } }])).toBe(true);
    expect(isTicketFile('a.yaml', [], [])).toBe(false);
    expect(isTicketFile('itsm.yaml', [ticket], [])).toBe(false);
    expect(isTicketFile('a.md', [ticket], [])).toBe(false);
    expect(isTicketFile('a.yaml', [{ ...ticket, value: { apiVersion: 'backstage.io/v1alpha1', kind: 'Ticket' } }], [])).toBe(false);
  });
});

describe('validate --cache after a ticket file changed', () => {
  it('reads only the changed file, and says what a run without the cache says', async () => {
    const { root, cacheDir } = setUp();
    expect((await check(root, cacheDir)).source).toBe('loaded');
    appendFileSync(join(root, AUGUST), '# a comment\n');
    const after = await check(root, cacheDir);
    expect(after.source).toBe('kept');
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
    expect((await check(root, cacheDir)).source).toBe('recorded');
  });

  it('finds a problem within the changed file (an event before the ticket was opened)', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    edit(root, AUGUST, (text) => text.replace('- { at: 2026-08-05T21:21:00Z', '- { at: 2026-08-04T21:21:00Z'));
    const after = await check(root, cacheDir);
    expect(after.source).toBe('kept');
    expect(after.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`)).toContain(`timeline-order ${AUGUST}:16`);
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
  });

  it('finds a problem across files: a ticket id of another file, and a link to a ticket of another file that is gone', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const september = readFileSync(join(root, SEPTEMBER), 'utf8');
    const otherId = /id: (\S+)/.exec(september)![1]!;
    edit(root, AUGUST, (text) => text.replace('id: CHG0001020', `id: ${otherId}`));
    const duplicated = await check(root, cacheDir);
    expect(duplicated.source).toBe('kept');
    expect(duplicated.diagnostics.filter((d) => d.rule === 'duplicate-id').map((d) => d.message)).toEqual([`Ticket id "${otherId}" is already used`]);
    expect(duplicated).toEqual({ ...uncached(root), source: 'kept' });
    // Then the first of the two is removed from its file: nothing is left to say about the other.
    edit(root, AUGUST, (text) => text.replace(`id: ${otherId}`, 'id: CHG0001020'));
    const mended = await check(root, cacheDir);
    expect(mended.diagnostics.filter((d) => d.rule === 'duplicate-id')).toEqual([]);
    expect(mended).toEqual({ ...uncached(root), source: 'kept' });
  });

  it('reads an unchanged file again when a year far from the rest is in it (implausible-date needs its instants)', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    edit(root, AUGUST, (text) => text.replace('- { at: 2026-08-05T22:18:00Z', '- { at: 2062-08-05T22:18:00Z'));
    const typo = await check(root, cacheDir);
    // The edited file is read, so its instants are at hand.
    expect(typo.source).toBe('kept');
    expect(typo.diagnostics.filter((d) => d.rule === 'implausible-date').map((d) => `${d.file}:${d.line}`)).toEqual([`${AUGUST}:18`]);
    expect(typo).toEqual({ ...uncached(root), source: 'kept' });
    // Another file changes: the facts of August say that it has an instant beyond the bulk's reach, so it is read again.
    appendFileSync(join(root, SEPTEMBER), '# a comment\n');
    const other = await check(root, cacheDir);
    expect(other.source).toBe('loaded');
    expect(other).toEqual({ ...uncached(root), source: 'loaded' });
  });

  it('keeps what an unchanged file says of a ticket that fails its schema, and a link to it from a changed file', async () => {
    const { root, cacheDir } = setUp();
    // A ticket of September with a priority that is not text fails its schema; August links to it.
    edit(root, SEPTEMBER, (text) => text.replace(/(id: INC0001227\n(?:.*\n)*?  priority:) P\d/, '$1 [P1]'));
    edit(root, AUGUST, (text) => text.replace('related: [PRB0001011]', 'related: [INC0001227]'));
    const first = await check(root, cacheDir);
    expect(first.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(['schema', 'reference-to-invalid']));
    appendFileSync(join(root, AUGUST), '# a comment\n');
    const after = await check(root, cacheDir);
    expect(after.source).toBe('kept');
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
    // The failing ticket's own file changes (it is mended): August's kept link now names a valid ticket.
    edit(root, SEPTEMBER, (text) => text.replace('priority: [P1]', 'priority: P1'));
    const mended = await check(root, cacheDir);
    expect(mended.source).toBe('kept');
    expect(mended.diagnostics.map((d) => d.rule)).not.toContain('reference-to-invalid');
    expect(mended).toEqual({ ...uncached(root), source: 'kept' });
  });

  it('reads every file again after a definition changes, and still says what a run without the cache says', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    edit(root, 'services/dns.yaml', (text) => text.replace('  owner: Network Operations\n', ''));
    const after = await check(root, cacheDir);
    expect(after.source).toBe('loaded');
    expect(after).toEqual({ ...uncached(root), source: 'loaded' });
    // The facts are kept again under the new definitions.
    appendFileSync(join(root, AUGUST), '# a comment\n');
    expect(await check(root, cacheDir)).toEqual({ ...uncached(root), source: 'kept' });
  });

  it('reads a ticket file that now holds a definition as one, and a new ticket file', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const dns = readFileSync(join(root, 'services', 'dns.yaml'), 'utf8').replace('id: dns', 'id: dns-two');
    appendFileSync(join(root, AUGUST), `---\n${dns}`);
    const mixed = await check(root, cacheDir);
    expect(mixed).toEqual({ ...uncached(root), source: 'loaded' });
    writeFileSync(join(root, 'tickets', '2026', 'extra.yaml'), readFileSync(join(root, SEPTEMBER), 'utf8').replaceAll(/id: (INC|CHG|REQ|PRB)/g, 'id: X$1'));
    const added = await check(root, cacheDir);
    expect(added).toEqual({ ...uncached(root), source: 'kept' });
  });
});
