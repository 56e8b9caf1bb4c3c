import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldIcsLines } from '../../src/report/ics-fold.js';

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('foldIcsLines', () => {
  it('leaves lines of 75 octets or fewer as they are', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`; // 8 + 67 = 75 octets
    expect(foldIcsLines(`BEGIN:VEVENT\r\n${line}\r\nEND:VEVENT`)).toBe(`BEGIN:VEVENT\r\n${line}\r\nEND:VEVENT`);
  });

  it('folds at 75 octets, the continuation space counted, never inside a UTF-8 character', () => {
    // 8 + 300 = 308 octets of ASCII: 75, then 1 + 74 per line: 75 + 74 + 74 + 74 = 297, and 11 left.
    const ascii = `SUMMARY:${'a'.repeat(300)}`;
    const folded = foldIcsLines(ascii).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 75, 75, 75, 12]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    // "ü" is 2 octets, "界" 3, "🚀" 4: each line stays within 75 octets and every character is whole.
    const mixed = `SUMMARY:${'ü界🚀'.repeat(40)}`;
    const lines = foldIcsLines(mixed).split('\r\n');
    expect(Math.max(...lines.map(octets))).toBeLessThanOrEqual(75);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(mixed);
  });

  it('refolds what ical.js folded (76-octet continuation lines), and a reader gets the same value back', () => {
    const event = new ICAL.Component('vevent');
    const summary = `CHG1: ${'Müller-Lüdenscheidt Straße '.repeat(12)}`;
    event.addPropertyWithValue('summary', summary);
    const text = foldIcsLines(event.toString());
    expect(Math.max(...text.split('\r\n').map(octets))).toBeLessThanOrEqual(75);
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('summary')).toBe(summary);
  });
});
