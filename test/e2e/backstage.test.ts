import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// Backstage both ways (#16): catalog-info.yaml beside the itsm documents, the round trip of the export.

const scratch = scratchFolders('itsm-backstage-');

describe('Backstage entities beside the itsm documents', () => {
  it(
    'the acme export written into acme as catalog-info.yaml: validate passes and sla report keeps every figure',
    async () => {
      const acme = scratch.copyOf('examples/acme');
      const [exported, before] = await Promise.all([
        runCliAsync(['catalog', 'export', '--format', 'backstage'], { cwd: acme }),
        runCliAsync(['sla', 'report', '--period', '2026', '--now', '2026-12-01T00:00:00Z', '--format', 'json'], { cwd: acme }),
      ]);
      expect(exported.status).toBe(0);
      expect(before.status).toBe(0);
      writeFileSync(join(acme, 'catalog-info.yaml'), exported.stdout);

      const [validated, after] = await Promise.all([
        runCliAsync(['validate'], { cwd: acme }),
        runCliAsync(['sla', 'report', '--period', '2026', '--now', '2026-12-01T00:00:00Z', '--format', 'json'], { cwd: acme }),
      ]);
      expect(validated.stdout).toBe('');
      expect(validated.stderr).toMatch(/^✔ \.: 71 files valid \(18 services, .*, 4 improvements, \d+ Backstage entities\)\n$/);
      expect(validated.status).toBe(0);
      expect(after.stderr).toBe(before.stderr);
      expect(after.stdout).toBe(before.stdout);
      expect(after.status).toBe(0);
    },
    E2E_TIMEOUT,
  );
});
