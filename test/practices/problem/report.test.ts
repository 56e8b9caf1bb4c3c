import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../../src/open-repository.js';
import { buildProblemReport } from '../../../src/practices/problem/report.js';
import { REPO_ROOT } from '../../helpers/cli.js';

// test/fixtures/problem/kedb, as of 2026-06-30T00:00:00Z. Ages are whole days of 24 hours, rounded down.
const opened = openRepository(join(REPO_ROOT, 'test', 'fixtures', 'problem', 'kedb'));
const report = buildProblemReport(opened.repository, Date.parse('2026-06-30T00:00:00Z'));

describe('buildProblemReport on test/fixtures/problem/kedb', () => {
  it('loads without diagnostics', () => {
    expect(opened.diagnostics).toEqual([]);
  });

  it('counts the states, the cancelled problem left out', () => {
    expect(report.states).toEqual([
      { state: 'logged', count: 2 },
      { state: 'under-investigation', count: 1 },
      { state: 'known-error', count: 1 },
      { state: 'resolved', count: 1 },
      { state: 'closed', count: 0 },
    ]);
  });

  it('lists the open problems oldest first, with their age in whole days', () => {
    // PRB0001 2026-03-01T09:00: 30 + 31 + 30 + 29 days and 15 hours = 120 days; PRB0003 2026-05-20T12:00: 40d12h;
    // PRB0002 2026-06-10T08:00: 19d16h; PRB0006 2026-06-28T07:00: 1d17h.
    expect(report.open.map((r) => [r.problem, r.state, r.ageDays, r.owner, r.group])).toEqual([
      ['PRB0001', 'known-error', 120, 'alice', 'messaging'],
      ['PRB0003', 'under-investigation', 40, null, null],
      ['PRB0002', 'logged', 19, null, 'network'],
      ['PRB0006', 'logged', 1, 'bob', 'messaging'],
    ]);
    expect(report.ageBands.map((b) => b.count)).toEqual([1, 1, 1, 1]);
  });

  it('gives a known error its workaround, the services of its incidents and its articles', () => {
    expect(report.knownErrors).toEqual([
      {
        problem: 'PRB0001',
        title: 'Mail queue stalls after certificate rotation',
        documented: '2026-03-05T10:00:00.000Z',
        workaround: 'Restart the relay on both nodes, one after the other.',
        rootCause: "The relay keeps the old certificate's session cache until it restarts.",
        services: ['mail', 'crm'],
        articles: [{ article: 'KB0001', title: 'Restart the mail relay after a certificate rotation', file: 'knowledge/mail-queue-restart.md' }],
      },
    ]);
  });

  it('merges the outages per service: overlapping mail outages count once', () => {
    // mail 08:00-10:00 and 09:00-11:30 down: 3h30m = 12,600,000 ms; crm degraded 09:00-12:00: 3h = 10,800,000 ms.
    expect(report.impact).toEqual([
      {
        problem: 'PRB0001',
        title: 'Mail queue stalls after certificate rotation',
        state: 'known-error',
        incidents: ['INC0101', 'INC0102', 'INC0103'],
        downMs: 12_600_000,
        degradedMs: 10_800_000,
        services: [
          { service: 'crm', downMs: 0, degradedMs: 10_800_000 },
          { service: 'mail', downMs: 12_600_000, degradedMs: 0 },
        ],
      },
      // 10:00-10:45 down = 2,700,000 ms.
      { problem: 'PRB0002', title: 'VPN tunnels drop every few hours', state: 'logged', incidents: ['INC0104'], downMs: 2_700_000, degradedMs: 0, services: [{ service: 'vpn', downMs: 2_700_000, degradedMs: 0 }] },
      { problem: 'PRB0003', title: 'CRM search is slow after the upgrade', state: 'under-investigation', incidents: ['INC0105'], downMs: 0, degradedMs: 0, services: [] },
    ]);
    expect(report.withoutIncidents).toBe(2); // PRB0004, PRB0006
  });

  it('lists the open problems without an owner: a group alone does not own one', () => {
    expect(report.withoutOwner.map((r) => r.problem)).toEqual(['PRB0003', 'PRB0002']);
  });

  it('as of an earlier instant: PRB0001 before its workaround was documented, later problems not yet opened', () => {
    const early = buildProblemReport(opened.repository, Date.parse('2026-03-04T00:00:00Z'));
    expect(early.open.map((r) => [r.problem, r.state])).toEqual([['PRB0004', 'under-investigation'], ['PRB0001', 'under-investigation']]);
    expect(early.knownErrors).toEqual([]);
  });
});
