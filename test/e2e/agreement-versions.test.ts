import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlaReport } from '../../src/sla/report.js';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// Issue #11: "Adding a version from date D never changes a figure of a clock started before D." A copy of
// examples/acme gets a version of `silver` from 2026-11-15 that halves every incident resolution target; the year's
// JSON report before and after must agree byte for byte on every clock of a ticket opened before that day.

const scratch = scratchFolders('itsm-agreement-versions-');
const D = '2026-11-15';
// 2026-11-15 00:00 in America/New_York (EST, UTC-5), the repository's zone: where the version's day begins.
const D_START = '2026-11-15T05:00:00.000Z';

const VERSION = `  versions:
    - from: ${D}
      note: A test revision - every incident resolution target halved.
      targets:
        - { type: incident, priority: P1, resolution: { within: 3h, objective: 95 } }
        - { type: incident, priority: P2, resolution: { within: 6h, objective: 90 } }
        - { type: incident, priority: P3, resolution: { within: 15h, objective: 90 } }
        - { type: incident, priority: P4, resolution: { within: 37h30m, objective: 85 } }
`;

async function yearReport(repo: string): Promise<SlaReport> {
  const result = await runCliAsync(['sla', 'report', repo, '--period', '2026', '--now', '2027-01-01T05:00:00Z', '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as SlaReport;
}

describe('a dated version of an agreement', () => {
  it(
    'leaves every clock of a ticket opened before it byte for byte as it was, and measures the later ones under it',
    async () => {
      const before = scratch.copyOf('examples/acme');
      const after = scratch.copyOf('examples/acme');
      appendFileSync(join(after, 'slas', 'silver.yaml'), VERSION);
      const [old, revised] = await Promise.all([yearReport(before), yearReport(after)]);
      const key = (r: SlaReport['tickets'][number]) => `${r.ticket}/${r.sla}/${r.metric}`;
      const oldRows = new Map(old.tickets.map((r) => [key(r), JSON.stringify(r)]));
      // A clock starts when its ticket is opened or later (a new cycle), so one that started before D is of a ticket
      // opened before D; a single-cycle clock that started on or after D is of a ticket opened then.
      const earlier = revised.tickets.filter((r) => r.startedAt < D_START);
      const later = revised.tickets.filter((r) => r.startedAt >= D_START && r.cycles === 1 && r.sla === 'silver' && r.type === 'incident' && r.metric === 'resolution');
      expect(earlier.length).toBeGreaterThan(500);
      for (const row of earlier) expect(JSON.stringify(row), key(row)).toBe(oldRows.get(key(row)));
      expect(later.length).toBeGreaterThan(10);
      for (const row of later) {
        expect(row.slaVersion).toBe(D);
        // Each later incident resolution clock has half the target it had: silver's 6h, 12h, 30h, 75h → 3h, 6h, 15h, 37h30m.
        expect(row.targetMinutes * 2, key(row)).toBe(JSON.parse(oldRows.get(key(row)) ?? '{"targetMinutes":NaN}').targetMinutes);
      }
    },
    E2E_TIMEOUT * 2,
  );
});
