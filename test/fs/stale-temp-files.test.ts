import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempFiles, staleTempFilesIn, staleYamlTempFilesBelow } from '../../src/fs/stale-temp-files.js';

const root = mkdtempSync(join(tmpdir(), 'itsm-stale-temp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dead = spawnSync(process.execPath, ['-e', '']).pid!;

function tree(files: readonly string[]): string {
  const dir = mkdtempSync(join(root, 'repo-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

describe('stale temporary files', () => {
  it('below a repository: those of YAML files whose process is gone; not hidden folders, not other names, not running processes', () => {
    const dir = tree([
      `tickets/2016/.2016-03.yaml.${dead}.tmp`,
      `services/.app.yml.${dead}.tmp`,
      `tickets/2016/.2016-04.yaml.${process.pid}.tmp`,
      `.git/.index.yaml.${dead}.tmp`,
      `node_modules/x/.a.yaml.${dead}.tmp`,
      `.CATALOG.md.${dead}.tmp`,
      `tickets/.notes.${dead}.txt`,
      `tickets/2016/2016-03.yaml`,
    ]);
    const found = staleYamlTempFilesBelow(dir).map((f) => [f.path.slice(dir.length + 1), f.pid]);
    expect(found.sort()).toEqual([
      [`services/.app.yml.${dead}.tmp`, dead],
      [`tickets/2016/.2016-03.yaml.${dead}.tmp`, dead],
    ]);
    const { removed, failed } = removeTempFiles(staleYamlTempFilesBelow(dir));
    expect([removed.length, failed]).toEqual([2, []]);
    expect(readdirSync(join(dir, 'tickets/2016')).sort()).toEqual([`.2016-04.yaml.${process.pid}.tmp`, '2016-03.yaml']);
  });

  it('in a folder: only those of the named target', () => {
    const dir = tree([`.report.csv.${dead}.tmp`, `.other.csv.${dead}.tmp`, `.report.csv.${process.pid}.tmp`]);
    expect(staleTempFilesIn(dir, (name) => name === 'report.csv')).toEqual([{ path: join(dir, `.report.csv.${dead}.tmp`), pid: dead }]);
  });
});
