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

      const [validated, after, again] = await Promise.all([
        runCliAsync(['validate'], { cwd: acme }),
        runCliAsync(['sla', 'report', '--period', '2026', '--now', '2026-12-01T00:00:00Z', '--format', 'json'], { cwd: acme }),
        runCliAsync(['catalog', 'export', '--format', 'backstage'], { cwd: acme }),
      ]);
      // The exported Components are copies (itsm/generated-by): reading them back changes no service, so a second
      // export is the first.
      expect(again.stdout).toBe(exported.stdout);
      expect(again.status).toBe(0);
      expect(validated.stdout).toBe('');
      expect(validated.stderr).toMatch(/^✔ \.: 71 files valid \(18 services, .*, 4 improvements, \d+ Backstage entities\)\n$/);
      expect(validated.status).toBe(0);
      expect(after.stderr).toBe(before.stderr);
      expect(after.stdout).toBe(before.stdout);
      expect(after.status).toBe(0);
    },
    E2E_TIMEOUT,
  );

  it(
    'a Service that leaves its description, lifecycle and dependencies out takes them from its Component',
    async () => {
      const repo = scratch.copyOf('test/fixtures/validate/backstage-dependency');
      const result = await runCliAsync(['catalog', 'export', '--format', 'json'], { cwd: repo });
      // The fixture's one finding is a warning (a dependency on "component:dns"), which export mentions on stderr.
      expect(result.stderr).toBe('itsm: 1 warning(s) in the repository; run `itsm validate` to see them\n');
      expect(result.status).toBe(0);
      const email = (JSON.parse(result.stdout) as { services: { id: string; description: string; lifecycle: string; owner: string; dependsOn: { id: string }[] }[] }).services.find(
        (s) => s.id === 'email',
      );
      expect(email).toMatchObject({ description: 'Email for every employee.', lifecycle: 'live', owner: 'Platform team', dependsOn: [{ id: 'network' }] });
    },
    E2E_TIMEOUT,
  );
});

describe('a Service without its lifecycle, refused for another problem too', () => {
  const CONFIG = 'apiVersion: itsm/v1\nkind: Config\nmetadata:\n  id: x\nspec:\n  currency: EUR\n  timeZone: UTC\n';
  const SERVICE = 'apiVersion: itsm/v1\nkind: Service\nmetadata: { id: broken }\nspec: { description: x }\n';

  it('is told both at once: the missing category and the missing lifecycle (no Component could give it)', async () => {
    const repo = scratch.empty();
    writeFileSync(join(repo, 'itsm.yaml'), CONFIG);
    writeFileSync(join(repo, 'broken.yaml'), SERVICE);
    const result = await runCliAsync(['validate', repo, '--format', 'json']);
    expect(result.status).toBe(1);
    const problems = (JSON.parse(result.stdout) as { diagnostics: Array<{ message: string }> }).diagnostics.map((d) => d.message);
    expect(problems).toEqual(['"spec.category" is required (a string)', '"spec.lifecycle" is required (one of pipeline, live, retired)']);
  }, E2E_TIMEOUT);

  it('is told only the category when a Backstage Component of its name may give the lifecycle', async () => {
    const repo = scratch.empty();
    writeFileSync(join(repo, 'itsm.yaml'), CONFIG);
    writeFileSync(join(repo, 'broken.yaml'), SERVICE);
    writeFileSync(join(repo, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: broken\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n');
    const result = await runCliAsync(['validate', repo, '--format', 'json']);
    expect(result.status).toBe(1);
    const problems = (JSON.parse(result.stdout) as { diagnostics: Array<{ message: string }> }).diagnostics.map((d) => d.message);
    expect(problems).toEqual(['"spec.category" is required (a string)']);
  }, E2E_TIMEOUT);
});
