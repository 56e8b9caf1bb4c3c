import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseAllDocuments, stringify } from 'yaml';
import { DataError, UsageError } from '../../errors.js';
import { writeFileAtomic } from '../../fs/file-writer.js';
import { importOpenSlo, OpenSloProblem, type SourceDocument } from '../../import/openslo.js';
import { ServiceDocument } from '../../model/service.js';
import { SlaDocument } from '../../model/sla.js';
import { findRepositoryRoot } from '../../load/find-repository.js';
import { openRepository } from '../../open-repository.js';
import { lockForWriting } from '../repository-lock.js';
import { writeStderr } from '../terminal.js';

export interface ImportOpenSloCliOptions {
  repo: string;
  dryRun?: boolean;
  force?: boolean;
}

const HEADER = '# Imported from OpenSLO by `itsm import openslo` (docs/openslo.md).\n';

/**
 * `itsm import openslo FILE...`: OpenSLO Service and SLO documents written as services/<id>.yaml and slas/<id>.yaml.
 * A file that exists with other content is replaced only with --force; an id the repository already has in another
 * file is refused. Exit 0 when written (or nothing to do), 1 when the input cannot be read as itsm objectives or a
 * file would be overwritten, 2 for a usage or I/O error.
 */
export function runImportOpenSlo(files: readonly string[], options: ImportOpenSloCliOptions): number {
  const root = findRepositoryRoot(options.repo, '--repo');
  const sources = files.flatMap(readDocuments);
  let imported;
  try {
    imported = importOpenSlo(sources);
  } catch (error) {
    if (error instanceof OpenSloProblem) {
      writeStderr(`itsm: ${error.message}`);
      return 1;
    }
    throw error;
  }
  // An annotation from another tool may hold a value itsm does not accept (a lifecycle it does not know): refused here,
  // naming the document, rather than written into a file that then fails validation.
  for (const doc of [...imported.services, ...imported.slas]) {
    const result = (doc.kind === 'Service' ? ServiceDocument : SlaDocument).safeParse(doc);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      writeStderr(`itsm: ${doc.kind === 'Service' ? 'service' : 'agreement'} "${doc.metadata.id}" as read from OpenSLO is not valid: "${issue.path.join('.')}" ${issue.message}; fix the itsm.dev/ annotations of its documents`);
      return 1;
    }
  }
  for (const note of imported.notes) writeStderr(`itsm: note: ${note}`);

  // From the read of the repository to the last write, no other writer may work on it (a dry run writes nothing).
  const lock = options.dryRun === true ? undefined : lockForWriting(root, options.repo, 'itsm import openslo');
  try {
    return writeImported(root, imported, files.length, options);
  } finally {
    lock?.release();
  }
}

function writeImported(root: string, imported: ReturnType<typeof importOpenSlo>, fileCount: number, options: ImportOpenSloCliOptions): number {
  const existing = openRepository(root).repository;
  const owners = new Map<string, string>();
  for (const { doc, source } of existing.services) owners.set(`services/${doc.metadata.id}.yaml`, resolve(root, source.file));
  for (const { doc, source } of existing.slas) owners.set(`slas/${doc.metadata.id}.yaml`, resolve(root, source.file));

  const planned = [
    ...imported.services.map((doc) => ({ path: `services/${doc.metadata.id}.yaml`, kind: 'service', id: doc.metadata.id, text: HEADER + stringify(doc, { lineWidth: 0 }) })),
    ...imported.slas.map((doc) => ({ path: `slas/${doc.metadata.id}.yaml`, kind: 'agreement', id: doc.metadata.id, text: HEADER + stringify(doc, { lineWidth: 0 }) })),
  ];
  const refused: string[] = [];
  const actions: { path: string; action: 'create' | 'replace' | 'unchanged'; text: string }[] = [];
  for (const p of planned) {
    const target = join(root, p.path);
    const owner = owners.get(p.path);
    if (owner !== undefined && owner !== target) {
      refused.push(`${p.kind} "${p.id}" is already defined in ${relative(root, owner)}; remove it there, or leave it out of the OpenSLO input`);
      continue;
    }
    if (!existsSync(target)) {
      actions.push({ path: p.path, action: 'create', text: p.text });
      continue;
    }
    if (readFileSync(target, 'utf8') === p.text) {
      actions.push({ path: p.path, action: 'unchanged', text: p.text });
      continue;
    }
    if (!options.force) refused.push(`${p.path} exists with other content; re-run with --force to replace it`);
    else actions.push({ path: p.path, action: 'replace', text: p.text });
  }
  if (refused.length > 0) {
    for (const r of refused) writeStderr(`itsm: ${r}`);
    writeStderr('itsm: nothing was written');
    return 1;
  }
  const verb = options.dryRun ? { create: 'would create', replace: 'would replace', unchanged: 'unchanged' } : { create: 'created', replace: 'replaced', unchanged: 'unchanged' };
  for (const a of actions) {
    if (!options.dryRun && a.action !== 'unchanged') {
      mkdirSync(dirname(join(root, a.path)), { recursive: true });
      writeFileAtomic(join(root, a.path), a.text);
    }
    writeStderr(`itsm: ${verb[a.action]} ${a.path}`);
  }
  writeStderr(
    `itsm: ${count(imported.services.length, 'service')} and ${count(imported.slas.length, 'agreement')} from ${fileCount} file${fileCount === 1 ? '' : 's'}` +
      (options.dryRun ? ' (dry run: nothing written)' : '; run `itsm validate` to check the calendars, groups and statuses they name'),
  );
  return 0;
}

/** Every YAML document of a file with the line it starts on; a syntax error is file:line:column and exit 2. */
function readDocuments(file: string): SourceDocument[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : 'cannot be read'}`);
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.2', uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const sources: SourceDocument[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error !== undefined) {
      const at = lineCounter.linePos(error.pos[0]);
      throw new DataError(`${file}:${at.line}:${at.col}: not valid YAML: ${error.message.split('\n')[0]}`);
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    sources.push({ file, line: lineCounter.linePos(start).line, value: doc.toJS({ maxAliasCount: 100 }) as unknown });
  }
  return sources;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
