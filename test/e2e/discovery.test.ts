import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

/**
 * Every command that takes a repository finds it like git finds .git: from the folder given (default: the current
 * one) up to the nearest folder that holds itsm.yaml. Run on temporary copies, so that no folder above them is an
 * itsm repository by accident of where the tests run.
 */
const scratches = scratchFolders('itsm-discovery-');
const scratch = (fixture: string): string => scratches.copyOf(fixture);

/** The repository `itsm init` writes: a service, an SLA, a calendar, a consumer and a ticket that refer to each other. */
const SCAFFOLD = 'test/fixtures/validate/valid-scaffold';

describe.concurrent('finding the repository from a folder inside it', { timeout: E2E_TIMEOUT }, () => {
  it('itsm validate in services/ checks the whole repository (it used to report every reference as missing)', async () => {
    const repo = scratch(SCAFFOLD);
    const result = await runCliAsync(['validate'], { cwd: join(repo, 'services') });
    expect(result).toEqual({
      status: 0,
      stdout: '',
      stderr: '✔ ..: 6 files valid (1 services, 1 SLAs, 1 calendars, 1 consumers, 1 tickets, 0 usage records)\n',
    });
  });

  it('prints paths relative to the current folder, as git does from a subfolder', async () => {
    const repo = scratch(SCAFFOLD);
    const service = join(repo, 'services', 'service-desk.yaml');
    writeFileSync(service, readFileSync(service, 'utf8').replace('sla: standard', 'sla: standrd'));
    const result = await runCliAsync(['validate', '--format', 'json', '--quiet'], { cwd: join(repo, 'tickets', '2026') });
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; message: string }> };
    expect(json.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([['../../services/service-desk.yaml', 15, 'SLA "standrd" does not exist']]);
  });

  it('a path argument below the root is walked up from too', async () => {
    const repo = scratch(SCAFFOLD);
    const result = await runCliAsync(['validate', 'slas'], { cwd: repo });
    expect(result).toEqual({
      status: 0,
      stdout: '',
      stderr: '✔ .: 6 files valid (1 services, 1 SLAs, 1 calendars, 1 consumers, 1 tickets, 0 usage records)\n',
    });
  });

  it('sla report, sla status, sla explain, chargeback, catalog export and export tickets print the same from a subfolder', async () => {
    const repo = scratch(SCAFFOLD);
    const commands = [
      ['sla', 'report', '--period', '2026-03', '--format', 'json'],
      ['sla', 'status', '--now', '2026-03-03T12:00:00Z', '--format', 'json'],
      ['chargeback', '--period', '2026-03', '--format', 'json'],
      ['catalog', 'export', '--format', 'json'],
      ['export', 'tickets', '--now', '2026-04-01T00:00:00Z'],
    ];
    const fromRoot = await Promise.all(commands.map((args) => runCliAsync(args, { cwd: repo })));
    const fromInside = await Promise.all(commands.map((args) => runCliAsync(args, { cwd: join(repo, 'consumers') })));
    const withPath = await Promise.all(commands.map((args) => runCliAsync([...args, 'tickets/2026'], { cwd: repo })));
    commands.forEach((args, i) => {
      expect(fromRoot[i]!.status, args.join(' ')).toBe(0);
      expect(fromRoot[i]!.stdout, args.join(' ')).not.toBe('');
      expect(fromInside[i], args.join(' ')).toEqual(fromRoot[i]);
      expect(withPath[i], args.join(' ')).toEqual(fromRoot[i]);
    });
    const ticket = (await runCliAsync(['sla', 'explain', 'INC0000001', '--now', '2026-04-01T00:00:00Z'], { cwd: repo })).stdout;
    expect(ticket).not.toBe('');
    expect(await runCliAsync(['sla', 'explain', 'INC0000001', '--now', '2026-04-01T00:00:00Z'], { cwd: join(repo, 'slas') })).toEqual({ status: 0, stdout: ticket, stderr: '' });
  });

  it('itsm import finds the repository from the folder --repo names (default: the current one)', async () => {
    const dir = scratch('test/fixtures/import/servicenow');
    const result = await runCliAsync(['import', 'servicenow', '../../uci-sample.csv', '--map', '../../mapping.yaml'], { cwd: join(dir, 'repo', 'services') });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Imported ../../uci-sample.csv (servicenow) into ..: 57 rows read, 48 used, 9 skipped');
    // Written into the repository's own tickets/ folder, not below services/.
    expect(existsSync(join(dir, 'repo', 'tickets', '2016', '2016-02.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'repo', 'services', 'tickets'))).toBe(false);
  });

  it('the nearest itsm.yaml wins, like the nearest .git', async () => {
    const repo = scratch(SCAFFOLD);
    mkdirSync(join(repo, 'lab', 'deeper'), { recursive: true });
    writeFileSync(join(repo, 'lab', 'itsm.yaml'), 'apiVersion: itsm/v1\nkind: Config\nmetadata: { id: lab }\nspec: { currency: EUR, timeZone: UTC }\n');
    const result = await runCliAsync(['validate'], { cwd: join(repo, 'lab', 'deeper') });
    expect(result).toEqual({ status: 0, stdout: '', stderr: '✔ ..: 1 file valid (0 services, 0 SLAs, 0 calendars, 0 consumers, 0 tickets, 0 usage records)\n' });
  });
});

describe.concurrent('no repository, or an itsm.yaml that cannot be read', { timeout: E2E_TIMEOUT }, () => {
  it('no itsm.yaml in the folder or any folder above it: exit 2, one line, for every command', async () => {
    const dir = scratches.empty();
    mkdirSync(join(dir, 'services'));
    const line = 'itsm: no itsm.yaml in services or any folder above it, so it is not inside an itsm repository; create one with `itsm init services`\n';
    const runs = await Promise.all([
      runCliAsync(['validate', 'services', '--format', 'json'], { cwd: dir }),
      runCliAsync(['sla', 'report', 'services'], { cwd: dir }),
      runCliAsync(['chargeback', 'services'], { cwd: dir }),
      runCliAsync(['catalog', 'export', 'services'], { cwd: dir }),
      runCliAsync(['export', 'tickets', 'services'], { cwd: dir }),
    ]);
    for (const result of runs) expect(result).toEqual({ status: 2, stdout: '', stderr: line });
    const here = await runCliAsync(['validate'], { cwd: join(dir, 'services') });
    expect(here).toEqual({ status: 2, stdout: '', stderr: 'itsm: no itsm.yaml in . or any folder above it, so it is not inside an itsm repository; create one with `itsm init .`\n' });
  });

  it.skipIf(process.platform === 'win32')('an itsm.yaml that is a FIFO is reported at once, never opened', async () => {
    const repo = scratch(SCAFFOLD);
    rmSync(join(repo, 'itsm.yaml'));
    execFileSync('mkfifo', [join(repo, 'itsm.yaml')]);
    // Opening a FIFO for reading waits for a writer: before the fix this run never ended (killed after 30 s).
    const result = await runCliAsync(['validate', '--format', 'json'], { cwd: join(repo, 'services') });
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; severity: string; rule: string; message: string }> };
    expect(json.diagnostics).toEqual([
      expect.objectContaining({ file: '../itsm.yaml', severity: 'error', rule: 'unreadable-file', message: 'not a regular file (it is a named pipe (FIFO)); skipped' }),
    ]);
  });

  it('itsm init does not walk up: it creates a repository in the folder it is given, even inside another', async () => {
    const repo = scratch(SCAFFOLD);
    const result = await runCliAsync(['init', 'lab'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(existsSync(join(repo, 'lab', 'itsm.yaml'))).toBe(true);
  });
});
