import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/diagnostics/github.js';
import { SAMPLE } from './sample.js';

describe('github', () => {
  it('writes one workflow command per diagnostic, in file and position order', () => {
    expect(formatGithub(SAMPLE, { root: 'examples/acme/' })).toBe(
      [
        '::error file=examples/acme/calendars/broken.yaml,title=itsm(yaml-syntax)::the file cannot be read',
        '::warning file=examples/acme/services/email.yaml,line=3,col=8,title=itsm(unknown-reference)::SLA "gold" does not exist',
        '::error file=examples/acme/services/email.yaml,line=20,col=7,title=itsm(duplicate-id)::Service "email" is defined twice%0A↳ examples/acme/services/mail.yaml:4:7 first defined here',
        '::error file=examples/acme/tickets/INC-7.yaml,line=12,col=11,endLine=12,endColumn=30,title=itsm(schema)::"spec.timeline[2].at" is not valid; expected an ISO 8601 instant but found "2026-10-05 14:02"%0Ahint: add an offset or Z, e.g. "2026-10-05T14:02:00Z"',
        '',
      ].join('\n'),
    );
  });

  it('escapes data and properties as @actions/core does', () => {
    const d: Diagnostic = {
      file: 'odd, name: here.yaml',
      line: 1,
      column: 2,
      severity: 'error',
      rule: 'a:b,c',
      message: '100% wrong\r\nsecond line',
    };
    expect(formatGithub([d])).toBe(
      '::error file=odd%2C name%3A here.yaml,line=1,col=2,title=itsm(a%3Ab%2Cc)::100%25 wrong%0D%0Asecond line\n',
    );
    expect(escapeData('a:b,c%')).toBe('a:b,c%25');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('returns an empty string when there is nothing to report', () => {
    expect(formatGithub([])).toBe('');
  });
});
