import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/load/decode.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeSource', () => {
  it('decodes UTF-8, dropping a byte order mark', () => {
    expect(decodeSource('a.yaml', bytes('kind: Service\n'))).toEqual({ text: 'kind: Service\n' });
    expect(decodeSource('a.yaml', bytes([0xef, 0xbb, 0xbf], 'kind: Service\n'))).toEqual({ text: 'kind: Service\n' });
    expect(decodeSource('a.yaml', bytes('name: Zoë 😀\n'))).toEqual({ text: 'name: Zoë 😀\n' });
  });

  it('refuses UTF-16 in either byte order', () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const result = decodeSource('a.yaml', bytes(bom, 'k\u0000'));
      expect(result.diagnostic).toMatchObject({ rule: 'unreadable-file', line: 1, column: 1, message: 'file is encoded as UTF-16', hint: 'save it as UTF-8' });
    }
  });

  it('refuses a file with NUL bytes as binary', () => {
    expect(decodeSource('x.yaml', bytes('ab', [0], 'cd')).diagnostic).toMatchObject({
      rule: 'unreadable-file',
      severity: 'error',
      file: 'x.yaml',
      line: 1,
      column: 1,
      message: 'file looks binary (it contains NUL bytes), not YAML text',
    });
  });

  it('gives the line, column and byte offset of the first byte that is not UTF-8', () => {
    // Line 3, after "né: " (4 characters, 5 bytes): the Latin-1 "é" is 0xe9.
    const input = bytes('a: 1\nb: 2\nné: ', [0xe9], '\n');
    expect(decodeSource('latin1.yaml', input).diagnostic).toEqual({
      rule: 'unreadable-file',
      severity: 'error',
      file: 'latin1.yaml',
      line: 3,
      column: 5,
      message: 'file is not valid UTF-8 (invalid byte 0xe9 at byte 15)',
      hint: 'save it as UTF-8 (it may be Latin-1 or Windows-1252)',
    });
  });

  it('reports a multi-byte sequence cut short at its first byte', () => {
    // 0xe2 0x82 starts a three-byte "€" that never ends.
    expect(decodeSource('a.yaml', bytes('x: ', [0xe2, 0x82], '\n')).diagnostic).toMatchObject({ line: 1, column: 4, message: 'file is not valid UTF-8 (invalid byte 0xe2 at byte 3)' });
  });
});
