import { join, posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { HolidayFileContent } from '../model/repository.js';
import { readHolidayFile } from '../time/icalendar.js';
import type { RawDocument } from './parse-yaml.js';
import { entryExists } from './read-file.js';

/**
 * The repository-relative path of a calendar's `holidaysFrom`, which is relative to the calendar file's folder; undefined
 * when it leads outside the repository (an absolute path, or one that climbs above the root with `..`).
 */
export function holidayFilePath(calendarFile: string, holidaysFrom: string): string | undefined {
  if (holidaysFrom.startsWith('/') || holidaysFrom.includes('\\') || /^[A-Za-z]:/.test(holidaysFrom)) return undefined;
  const path = posix.normalize(posix.join(posix.dirname(calendarFile), holidaysFrom));
  return path === '..' || path.startsWith('../') ? undefined : path;
}

/** How the loader reads a file of the repository as text (size limit, regular files only, UTF-8). */
export type ReadText = (file: string, diagnostics: Diagnostic[]) => string | undefined;

/**
 * Reads the iCalendar files that the calendars among `documents` take their holidays from. `icsFiles` are the `.ics`
 * files the walk found (so `exclude` and the rule on links apply to them as to every data file). A reference to a
 * file that is not among them is an `unknown-file` error at the calendar's `holidaysFrom`; the file's own problems are
 * diagnostics at its lines (`icalendar-syntax`, `icalendar-timed-event`). Each file is read once however many
 * calendars name it.
 */
export function readHolidayFiles(
  root: string,
  documents: readonly RawDocument[],
  icsFiles: readonly string[],
  readText: ReadText,
): { files: Map<string, HolidayFileContent>; read: string[]; diagnostics: Diagnostic[] } {
  const listed = new Set(icsFiles);
  const files = new Map<string, HolidayFileContent>();
  const read: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const tried = new Set<string>();
  for (const raw of documents) {
    const value = raw.value as { kind?: unknown; spec?: { holidaysFrom?: unknown } } | null;
    const reference = value?.kind === 'Calendar' ? value.spec?.holidaysFrom : undefined;
    if (typeof reference !== 'string') continue;
    const at: Omit<Diagnostic, 'message'> = { rule: 'unknown-file', severity: 'error', file: raw.file, document: raw.index, path: ['spec', 'holidaysFrom'] };
    const path = holidayFilePath(raw.file, reference);
    if (path === undefined) {
      diagnostics.push({
        ...at,
        message: `"holidaysFrom" leads outside the repository: "${reference}"`,
        hint: 'keep the iCalendar file inside the repository; the path is relative to this calendar file’s folder',
      });
      continue;
    }
    if (!listed.has(path)) {
      const exists = entryExists(join(root, path));
      diagnostics.push({
        ...at,
        message: !/\.ics$/i.test(path)
          ? `"holidaysFrom" must name an iCalendar file ending in .ics, not "${path}"`
          : exists
            ? `"${path}" is not read: it is excluded in itsm.yaml, hidden, or a link that leaves the repository`
            : `no file "${path}" in the repository`,
        hint: `the path is relative to this calendar file’s folder (${posix.dirname(raw.file)})`,
      });
      continue;
    }
    if (tried.has(path)) continue;
    tried.add(path);
    read.push(path);
    const text = readText(path, diagnostics);
    if (text === undefined) continue;
    const parsed = readHolidayFile(text);
    for (const problem of parsed.problems) {
      const d: Diagnostic = { rule: problem.rule, severity: problem.severity, file: path, line: problem.line, column: problem.column, message: problem.message };
      if (problem.hint !== undefined) d.hint = problem.hint;
      diagnostics.push(d);
    }
    const content: HolidayFileContent = { holidays: parsed.holidays };
    if (parsed.years) content.years = parsed.years;
    files.set(path, content);
  }
  return { files, read, diagnostics };
}
