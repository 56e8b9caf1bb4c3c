import { compareDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';

/** What every diagnostic formatter may be told. All fields are optional so that library callers can omit them. */
export interface DiagnosticFormatOptions {
  /**
   * Whether to colour the output. The CLI decides (a TTY and no `NO_COLOR`); only `stylish` uses it, because
   * JSON, workflow commands and SARIF are read by programs.
   */
  color?: boolean;
  /**
   * Prefix put before every repository-relative file path so that printed paths are relative to where the user
   * ran the command, e.g. `"examples/acme/"` for `itsm validate examples/acme`. Forward slashes; a missing
   * trailing slash is added.
   */
  root?: string;
  /** Version of `itsm`, reported as the SARIF tool driver's version. */
  version?: string;
  /** One-line descriptions of rule ids, used for SARIF `rules[].shortDescription`; the id itself is the fallback. */
  ruleDescriptions?: Readonly<Record<string, string>>;
}

export type DiagnosticFormatter = (diagnostics: readonly Diagnostic[], options?: DiagnosticFormatOptions) => string;

/** A sorted copy: formatters never reorder the caller's array. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/**
 * The path to print for a repository-relative file: the display root joined with it by a single slash. A name in
 * parentheses, such as "(built-in)" for the built-in 24x7 calendar, is not a path and is printed as it is.
 */
export function displayPath(file: string, root: string | undefined): string {
  if (file.startsWith('(') && file.endsWith(')')) return file;
  const prefix = root === undefined || root === '' || root === '.' || root === './' ? '' : root.replace(/\/*$/, '/');
  if (file === '') return prefix === '' ? '.' : prefix.replace(/\/$/, '');
  return prefix + file;
}

const BARE_KEY_RE = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * A value path as people write it: `spec.timeline[2].at`. Keys that are not plain names (label keys such as
 * `app.kubernetes.io/name`) are written `["…"]` with JSON string quoting so the result can be read back unambiguously.
 */
export function formatValuePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (BARE_KEY_RE.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function pluralize(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
