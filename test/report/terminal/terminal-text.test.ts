import { describe, expect, it } from 'vitest';
import { displayWidth, keepTogether, pad, prose, truncate, wrapText } from '../../../src/report/terminal-text.js';

describe('displayWidth', () => {
  it('counts terminal columns, not UTF-16 code units', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('')).toBe(0);
    // CJK ideographs and kana are two columns each ("東京" is 2 code units, 4 columns).
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('ｱｲ')).toBe(2); // halfwidth katakana are one column
    // An emoji outside the BMP is 2 code units and 2 columns; a ZWJ family is one grapheme of 2 columns.
    expect(displayWidth('💻')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
    // A combining accent takes no column: "é" written e + U+0301 is 2 code units, 1 column.
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('—…✓✗↳')).toBe(5);
  });

  it('ignores the colour escapes the formatters paint with', () => {
    expect(displayWidth('\u001b[31mbreached\u001b[39m')).toBe(8);
    expect(displayWidth('\u001b[1m\u001b[32m✓\u001b[39m\u001b[22m')).toBe(1);
  });
});

describe('truncate', () => {
  it('leaves text that fits, and cuts what does not with "…" within the width', () => {
    expect(truncate('in-progress', 11)).toBe('in-progress');
    expect(truncate('in-progress', 10)).toBe('in-progre…');
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never cuts a wide character in half, and drops a space before the "…"', () => {
    expect(truncate('東京オフィス', 5)).toBe('東京…');
    expect(displayWidth(truncate('東京オフィス', 6))).toBeLessThanOrEqual(6);
    expect(truncate('VPN drops every 10 minutes', 10)).toBe('VPN drops…');
  });
});

describe('pad', () => {
  it('pads to a display width, left, right or centred (odd room to the right, as cli-table3 does)', () => {
    expect(pad('東', 4, 'left')).toBe('東  ');
    expect(pad('7', 3, 'right')).toBe('  7');
    expect(pad('✓', 2, 'center')).toBe('✓ ');
  });
});

describe('wrapText and prose', () => {
  it('wraps at spaces within the width, with an indent and a hanging indent', () => {
    expect(wrapText('met — 5h25m of 8h used, 2h15m paused', 20, '  ', '    ')).toEqual(['  met — 5h25m of 8h', '    used, 2h15m', '    paused']);
    for (const line of wrapText('a b c d e f g h i j k l m n o p', 7)) expect(displayWidth(line)).toBeLessThanOrEqual(7);
  });

  it('cuts a word longer than a line, by display width', () => {
    expect(wrapText('東京東京東京', 5)).toEqual(['東京', '東京', '東京']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('is one line without a width', () => {
    expect(wrapText('a long line that is never wrapped', undefined, '  ')).toEqual(['  a long line that is never wrapped']);
  });

  it('prose keeps `keepTogether` runs on one line, prints them with spaces, makes data safe and paints each line', () => {
    const text = `due ${keepTogether('2026-12-01 08:15 -05:00')}; stopped ${keepTogether('2026-11-30 14:40 -05:00')}`;
    expect(prose(text, 31)).toBe('due 2026-12-01 08:15 -05:00;\nstopped 2026-11-30 14:40 -05:00');
    expect(prose('a\u001b[2Jb c', 80)).toBe('a\\x1b[2Jb c');
    expect(prose('one two', 4, (l) => `<${l}>`)).toBe('<one>\n<two>');
  });
});
