import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/**
 * A small hand-made list, deliberately out of order, that exercises every field: a file-level problem with no
 * position, a warning, related locations, a hint, an end position and a path with an index.
 */
export const SAMPLE: readonly Diagnostic[] = [
  {
    file: 'tickets/INC-7.yaml',
    document: 0,
    path: ['spec', 'timeline', 2, 'at'],
    line: 12,
    column: 11,
    endLine: 12,
    endColumn: 30,
    severity: 'error',
    rule: 'schema',
    message: '"spec.timeline[2].at" is not valid; expected an ISO 8601 instant but found "2026-10-05 14:02"',
    hint: 'add an offset or Z, e.g. "2026-10-05T14:02:00Z"',
  },
  {
    file: 'services/email.yaml',
    document: 0,
    path: ['metadata', 'id'],
    line: 20,
    column: 7,
    severity: 'error',
    rule: 'duplicate-id',
    message: 'Service "email" is defined twice',
    related: [{ file: 'services/mail.yaml', line: 4, column: 7, message: 'first defined here' }],
  },
  {
    file: 'services/email.yaml',
    document: 0,
    path: ['spec', 'sla'],
    line: 3,
    column: 8,
    severity: 'warning',
    rule: 'unknown-reference',
    message: 'SLA "gold" does not exist',
  },
  {
    file: 'calendars/broken.yaml',
    severity: 'error',
    rule: 'yaml-syntax',
    message: 'the file cannot be read',
  },
];
