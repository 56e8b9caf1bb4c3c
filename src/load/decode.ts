import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Files above this size are refused: they are not hand-written configuration, and parsing them would exhaust memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export type DecodeResult = { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Turns the bytes of a file into text, or says why the file is not a UTF-8 text file. YAML 1.2 allows UTF-16/32, but
 * git diffs, editors and our positions all assume UTF-8, so the other encodings are refused with a fix. */
export function decodeSource(file: string, bytes: Uint8Array): DecodeResult {
  const refuse = (message: string, hint: string): DecodeResult => ({
    diagnostic: { rule: 'unreadable-file', severity: 'error', file, line: 1, column: 1, message, hint },
  });
  if (bytes.length > MAX_FILE_BYTES) {
    return refuse(
      `file is ${Math.round(bytes.length / 2 ** 20)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`,
      'split it into smaller files, e.g. one file of tickets per month',
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse('file is encoded as UTF-16', 'save it as UTF-8');
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    return refuse('file looks binary (it contains NUL bytes), not YAML text', 'remove it or add its path to "exclude" in itsm.yaml');
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, offset));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return {
      diagnostic: {
        rule: 'unreadable-file',
        severity: 'error',
        file,
        line,
        column,
        message: `file is not valid UTF-8 (invalid byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte ${offset})`,
        hint: 'save it as UTF-8 (it may be Latin-1 or Windows-1252)',
      },
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
