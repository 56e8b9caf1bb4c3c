import { describe, expect, it } from 'vitest';
import { safeLines, safeText } from '../../../src/report/text-safe.js';

// The hostile characters of the issue: ESC starting a colour sequence, BEL, CR (which returns to the start of the
// line, so what follows overwrites it) and U+202E RIGHT-TO-LEFT OVERRIDE (which reverses what follows on screen).
const HOSTILE = 'INC\u001b[31mRED\u0007\rX\u202eevil';

describe('safeText', () => {
  it('writes ESC, BEL, CR and U+202E as visible escapes', () => {
    expect(safeText(HOSTILE)).toBe('INC\\x1b[31mRED\\x07\\rX\\u202eevil');
  });

  it('escapes every C0 control, DEL and every C1 control, with \\n \\r \\t by name', () => {
    expect(safeText('\u0000\u0001\u001f')).toBe('\\x00\\x01\\x1f');
    expect(safeText('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(safeText('\u007f')).toBe('\\x7f');
    // C1: 0x9B is the one-byte CSI that some terminals obey like ESC [.
    expect(safeText('\u0080\u009b\u009f')).toBe('\\x80\\x9b\\x9f');
  });

  it('escapes the bidirectional embeddings, overrides and isolates (Trojan Source), and only those', () => {
    expect(safeText('\u202a\u202b\u202c\u202d\u202e')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e');
    expect(safeText('\u2066\u2067\u2068\u2069')).toBe('\\u2066\\u2067\\u2068\\u2069');
    expect(safeText('\u2065\u206a\u2029')).toBe('\u2065\u206a\u2029');
  });

  it('leaves ordinary text alone: accents, CJK, emoji, arrows, non-breaking spaces and backslashes', () => {
    for (const text of ['Café — Zürich', '東京オフィス', 'Laptop 💻 ok', '↳ ✓ ✗ …', 'a\u00a0b', 'C:\\Users\\ops', '']) {
      expect(safeText(text)).toBe(text);
    }
  });

  it('is the same on every call (no state kept between calls)', () => {
    expect(safeText(HOSTILE)).toBe(safeText(HOSTILE));
    expect(safeText('plain')).toBe('plain');
    expect(safeText(HOSTILE)).toBe('INC\\x1b[31mRED\\x07\\rX\\u202eevil');
  });
});

describe('safeLines', () => {
  it('keeps the line breaks of a message, LF or CRLF, and escapes the rest of each line', () => {
    expect(safeLines('first \u001b[2J\nsecond\r\nthird\rover')).toBe('first \\x1b[2J\nsecond\r\nthird\\rover');
  });
});
