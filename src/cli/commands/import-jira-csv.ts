import { UsageError } from '../../errors.js';
import { CsvMappingFile, JiraMappingFile } from '../../import/csv-mapped-schema.js';
import { readMappedCsv, type RepositoryTerms } from '../../import/csv-mapped.js';
import { readJira } from '../../import/jira.js';
import type { AdapterItem } from '../../import/types.js';
import { writeStderr } from '../terminal.js';
import { runImport, type ImportCliOptions, type ImportContext } from './import.js';

/**
 * `itsm import jira FILE` and `itsm import csv FILE --map MAPPING.yaml`, on the shared runner (import.ts). What the
 * adapters say about the import as a whole (a CSV export has no history) is printed to stderr after the summary, as
 * a note: it is not a problem with any row.
 */

function terms(context: ImportContext) {
  const repositoryZone = context.repository.config.timeZone;
  const out: RepositoryTerms = { vocabulary: context.vocabulary, statuses: context.repository.config.statuses, timeZone: repositoryZone };
  if (context.options.timeZone !== undefined) out.timeZoneOverride = context.options.timeZone;
  if (context.options.defaultService !== undefined) out.serviceFallback = context.options.defaultService;
  return out;
}

async function runWithNotes(source: string, file: string, options: ImportCliOptions, adapter: (context: ImportContext, notice: (m: string) => void) => AsyncIterable<AdapterItem>): Promise<number> {
  const notes: string[] = [];
  const code = await runImport((context) => adapter(context, (message) => notes.push(message)), { ...options, source, file });
  for (const note of notes) writeStderr(`itsm: note: ${note}`);
  return code;
}

/** Jira Service Management: the REST API's JSON with changelogs, or the CSV export. */
export async function runImportJira(file: string, options: ImportCliOptions): Promise<number> {
  return runWithNotes('jira', file, options, (context, notice) => {
    const mappingFile = context.readMapping(JiraMappingFile);
    return readJira({
      ...terms(context),
      file: context.file,
      displayFile: context.displayFile,
      ...(mappingFile ? { mappingFile } : {}),
      onProgress: (bytes, label) => context.progress(bytes, label),
      notice,
    });
  });
}

/** Any tool's CSV export, through a mapping file. */
export async function runImportCsv(file: string, options: ImportCliOptions): Promise<number> {
  if (options.map === undefined) {
    throw new UsageError('itsm import csv needs --map MAPPING.yaml to say which columns hold what (see docs/import-jira-csv.md, "Any CSV")');
  }
  return runWithNotes('csv', file, options, (context, notice) => {
    const mappingFile = context.readMapping(CsvMappingFile)!;
    return readMappedCsv({
      ...terms(context),
      file: context.file,
      displayFile: context.displayFile,
      mappingFile,
      onProgress: (bytes, label) => context.progress(bytes, label),
      notice,
    });
  });
}
