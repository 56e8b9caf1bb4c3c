import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatStylish } from '../../src/report/diagnostics/stylish.js';
import { SAMPLE } from './sample.js';

describe('stylish', () => {
  it('groups by file, aligns the columns, and ends with a summary', () => {
    expect(formatStylish(SAMPLE, { color: false })).toBe(
      [
        'calendars/broken.yaml',
        '  -  error  the file cannot be read  yaml-syntax',
        '',
        'services/email.yaml',
        '   3:8  warning  SLA "gold" does not exist         unknown-reference',
        '  20:7  error    Service "email" is defined twice  duplicate-id',
        '                 ↳ services/mail.yaml:4:7 first defined here',
        '',
        'tickets/INC-7.yaml',
        '  12:11  error  "spec.timeline[2].at" is not valid; expected an ISO 8601 instant but found "2026-10-05 14:02"  schema',
        '                hint: add an offset or Z, e.g. "2026-10-05T14:02:00Z"',
        '',
        '✖ 4 problems (3 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('prefixes every path, related ones included, with the display root', () => {
    const out = formatStylish(SAMPLE.slice(1, 2), { root: 'examples/acme' });
    expect(out).toBe(
      [
        'examples/acme/services/email.yaml',
        '  20:7  error  Service "email" is defined twice  duplicate-id',
        '               ↳ examples/acme/services/mail.yaml:4:7 first defined here',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('puts further lines of a message under the message column', () => {
    const d: Diagnostic = { file: 'a.yaml', line: 1, column: 1, severity: 'warning', rule: 'r', message: 'first\nsecond' };
    expect(formatStylish([d])).toBe(
      ['a.yaml', '  1:1  warning  first  r', '                second', '', '✖ 1 problem (0 errors, 1 warning)', ''].join('\n'),
    );
  });

  it('colours heading, position, severity, rule, hint and summary only when asked', () => {
    const d: Diagnostic = {
      file: 'a.yaml',
      line: 2,
      column: 3,
      severity: 'error',
      rule: 'schema',
      message: 'bad',
      hint: 'fix it',
    };
    expect(formatStylish([d], { color: true })).toBe(
      [
        '\u001b[4ma.yaml\u001b[24m',
        '  \u001b[2m2:3\u001b[22m  \u001b[31merror\u001b[39m  bad  \u001b[2mschema\u001b[22m',
        '              \u001b[36mhint:\u001b[39m fix it',
        '',
        '\u001b[31m\u001b[1m✖ 1 problem (1 error, 0 warnings)\u001b[22m\u001b[39m',
        '',
      ].join('\n'),
    );
    expect(formatStylish([d], { color: false })).not.toContain('\u001b[');
  });

  it('paints a warnings-only summary yellow', () => {
    const d: Diagnostic = { file: 'a.yaml', severity: 'warning', rule: 'r', message: 'm' };
    expect(formatStylish([d], { color: true }).split('\n').at(-2)).toBe(
      '\u001b[33m\u001b[1m✖ 1 problem (0 errors, 1 warning)\u001b[22m\u001b[39m',
    );
  });

  it('returns an empty string when there is nothing to report', () => {
    expect(formatStylish([], { color: true })).toBe('');
  });

  it('does not reorder the caller’s array', () => {
    const input = [...SAMPLE];
    formatStylish(input);
    expect(input).toEqual(SAMPLE);
  });

  it('formats 150,000 problems of one file (a year of tickets with the wrong year) without overflowing the stack', () => {
    // The column widths were Math.max(...rows), and spreading that many arguments overflows the call stack.
    const many: Diagnostic[] = Array.from({ length: 150_000 }, (_, i) => ({
      file: 'tickets/2026.yaml',
      document: i,
      path: ['spec', 'opened'],
      line: 12 + 11 * i,
      column: 11,
      severity: 'error',
      rule: 'date-range',
      message: '0206-10-05T17:39:00Z is before 1970-01-01T00:00:00Z, the first instant itsm computes',
    }));
    const lines = formatStylish(many, { color: false }).split('\n');
    expect(lines[1]).toBe('       12:11  error  0206-10-05T17:39:00Z is before 1970-01-01T00:00:00Z, the first instant itsm computes  date-range');
    expect(lines.at(-2)).toBe('✖ 150000 problems (150000 errors, 0 warnings)');
  });
});
