import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditReport } from '../../../src/governance/audit.js';
import { formatAuditMarkdown } from '../../../src/report/audit/markdown.js';
import { markdownlintFindings } from '../../catalog/lint.js';

const ADA = { name: 'Ada Lovelace', email: 'ada@example.org' };
const GRACE = { name: 'Grace Hopper', email: 'grace@example.org' };

const merge: AuditEntry = {
  hash: '035e529210dcf70905cf264eb492ab713dc49f14',
  parent: '9137f3c090047388c5a87491c55099f4229175c5',
  merge: true,
  author: GRACE,
  date: '2026-11-18T16:00:00+00:00',
  committer: ADA,
  committed: '2026-11-18T16:05:00+00:00',
  subject: 'Merge pull request #12 from acme/email-price | with a pipe and *stars*',
  pullRequest: 12,
  merged: [{ hash: '9dc558b70bf81ea10198bd2713f7bad8557c4956', author: ADA, date: '2026-11-16T10:00:00+00:00', subject: 'Email: 7.00 per mailbox' }],
  changes: [
    {
      kind: 'Service',
      id: 'email',
      action: 'changed',
      file: 'services/email.yaml',
      details: [{ field: 'pricing', before: '6.50 USD per mailbox', after: '7.00 USD per mailbox', text: 'price 6.50 → 7.00 USD per mailbox' }],
    },
  ],
  files: ['services/email.yaml'],
  errors: 2,
};
const reformat: AuditEntry = { ...merge, hash: 'a'.repeat(40), merge: false, merged: [], committer: GRACE, subject: 'Comments', pullRequest: null, changes: [], files: ['slas/gold.yaml'], errors: 0 };

const report: AuditReport = {
  repository: { name: 'ACME Corporation', path: 'acme', origin: 'https://github.com/acme/itsm.git' },
  head: { name: 'main', commit: merge.hash, date: merge.committed },
  range: { since: '2026-11-01', until: '2026-11-30', from: '2026-11-01T04:00:00.000Z', to: '2026-12-01T04:59:59.999Z', timeZone: 'America/New_York' },
  filter: { kinds: {}, for: 'email' },
  cut: { commit: 'b'.repeat(40), date: '2026-11-01T00:00:00+00:00' },
  entries: [merge, reformat],
  inForce: [{ kind: 'Service', id: 'email', file: 'services/email.yaml', since: { hash: merge.hash, date: merge.date, author: GRACE, pullRequest: 12 }, dated: { asOf: '2026-11-20', current: '2026-10-01', next: '2027-01-01' } }],
};

describe('the Markdown of itsm audit', () => {
  const text = formatAuditMarkdown(report);

  it("passes markdownlint's default rules, with every block a report can hold", () => {
    expect(markdownlintFindings(text)).toEqual([]);
  });

  it('says what it covers, where the history is cut, and who committed a merge besides its author', () => {
    expect(text).toContain('|Range|from&nbsp;2026-11-01&nbsp;to&nbsp;2026-11-30,&nbsp;both&nbsp;included&nbsp;(dates&nbsp;in&nbsp;America/New\\_York)|');
    expect(text).toContain('|Left&nbsp;errors|1&nbsp;commit(s)&nbsp;left&nbsp;definitions&nbsp;that&nbsp;do&nbsp;not&nbsp;validate|');
    expect(text).toContain('History cut: this clone is shallow and holds no commit before bbbbbbb');
    expect(text).toContain('- Committed by: Ada Lovelace <ada@example.org>, 2026-11-18T16:05:00+00:00');
    expect(text).toContain('|Repository|acme&nbsp;in&nbsp;`https://github.com/acme/itsm.git`|');
    expect(text).toContain('- Validation: 2 error(s) in the definitions at this commit');
    expect(text).toContain('- slas/gold.yaml: no change in meaning (layout, comments or order only)');
    expect(text).toContain('its terms dated from\n  2026-10-01 are in force on 2026-11-20, the next version from 2027-01-01.');
    // Text from the history is escaped: a pipe cannot break the table, stars cannot make emphasis.
    expect(text).toContain('Merge&nbsp;pull&nbsp;request&nbsp;#12&nbsp;from&nbsp;acme/email-price&nbsp;\\|&nbsp;with&nbsp;a&nbsp;pipe&nbsp;and&nbsp;\\*stars\\*');
  });
});
