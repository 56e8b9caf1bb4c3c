import { createHash } from 'node:crypto';

/**
 * How the importer tells its own files from files edited by hand: every file it writes starts with a comment that
 * carries the SHA-256 of the rest of the file. When the next import finds the header and the hash still matches, the
 * file is exactly as the importer left it and may be rewritten; when the hash differs, someone edited it since, and
 * the importer refuses to overwrite it without --force. A file with no header was never written by the importer.
 *
 * The hash is over the text after the header line, with CRLF line ends read as LF, so that git's `core.autocrlf` on
 * Windows does not make every file look edited. Comments above the hash line are not covered: they are ours, and
 * editing them changes nothing.
 */

export const HEADER_PREFIX = '# itsm-import-sha256: ';

const HEADER_TEXT = [
  '# Written by `itsm import`. Re-importing updates this file; the importer will not overwrite it once edited by hand',
  '# (it checks the hash below, of everything after that line) unless you pass --force. See docs/import.md.',
];

const HASH_LINE = /^# itsm-import-sha256: ([0-9a-f]{64})\r?$/m;

/** How a file stands with respect to the importer. */
export type FileOwnership =
  /** Written by the importer and not changed since. */
  | 'pristine'
  /** Written by the importer, then changed by hand. */
  | 'edited'
  /** Not written by the importer. */
  | 'foreign';

export function hashOf(body: string): string {
  return createHash('sha256').update(body.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** The file to write: the header, with the hash of `body`, then `body`. */
export function withHeader(body: string): string {
  return `${HEADER_TEXT.join('\n')}\n${HEADER_PREFIX}${hashOf(body)}\n${body}`;
}

/** Whether `text` (a whole file) was written by the importer, and changed since. */
export function ownershipOf(text: string): FileOwnership {
  // The hash line is among the first lines; do not search a large hand-written file for it.
  const head = text.slice(0, 1024);
  const m = HASH_LINE.exec(head);
  if (!m) return 'foreign';
  const end = text.indexOf('\n', m.index);
  const body = end < 0 ? '' : text.slice(end + 1);
  return hashOf(body) === m[1] ? 'pristine' : 'edited';
}
