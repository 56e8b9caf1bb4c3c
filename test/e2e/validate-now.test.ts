import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('itsm validate --now', () => {
  // The organisation is in America/New_York; reporting-phishing.md is due for review on 2027-12-31.
  it('judges review dates as of a date or an instant in the organisation’s zone', () => {
    const onTheDay = runCli(['validate', 'examples/acme', '--now', '2027-12-31']);
    expect([onTheDay.status, onTheDay.stdout]).toEqual([0, '']);
    // 2028-01-01T04:30Z is 23:30 on 31 December in New York (UTC−5): still the day it is due.
    expect(runCli(['validate', 'examples/acme', '--now', '2028-01-01T04:30:00Z']).stdout).toBe('');
    // 2028-01-01T05:30Z is 00:30 on 1 January in New York: overdue.
    const after = runCli(['validate', 'examples/acme', '--now', '2028-01-01T05:30:00Z', '--format', 'json']);
    expect(after.status).toBe(0);
    const rules = (JSON.parse(after.stdout) as { diagnostics: { rule: string; file: string }[] }).diagnostics.map((d) => `${d.rule} ${d.file}`);
    expect(rules).toEqual(['article-review-due examples/acme/knowledge/reporting-phishing.md']);
  });

  it('refuses a --now it cannot read, before reading the repository', () => {
    const r = runCli(['validate', 'examples/acme', '--now', 'yesterday']);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'itsm: --now: expected an instant (2026-10-31T17:00:00Z) or a date (2026-11-01) but found "yesterday"\n']);
  });
});
