import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'validate');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const validate = (fixture: string, ...args: string[]) => runCliAsync(['validate', ...args], { cwd: join(FIXTURES, fixture) });

// The whole output of a few representative fixtures, read line by line: an error with a hint and a related location,
// a cycle whose related locations are in other files, a warning, and a file-level problem.
describe.concurrent('stylish (the default format)', { timeout: E2E_TIMEOUT }, () => {
  it('an error with a hint and a related location', async () => {
    const result = await validate('timeline-out-of-order');
    expect(result).toEqual({
      status: 1,
      stderr: '',
      stdout: [
        'tickets/2026/2026-03.yaml',
        '  15:13  error  event at 2026-03-02T09:40:00Z is earlier than the event before it  timeline-order',
        '                hint: list timeline events in the order they happened',
        '                ↳ tickets/2026/2026-03.yaml:14:13 previous event',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    });
  });

  it('a dependency cycle across three files', async () => {
    const result = await validate('dependency-cycle', '--format', 'stylish');
    expect(result).toEqual({
      status: 1,
      stderr: '',
      stdout: [
        'services/app.yaml',
        '  10:15  error  dependency cycle: app → database → storage → app  dependency-cycle',
        '                hint: remove one of these dependsOn entries',
        '                ↳ services/database.yaml:10:15 database depends on storage',
        '                ↳ services/storage.yaml:11:15 storage depends on app',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    });
  });

  it('a warning only: exit 0, and the success line on stderr', async () => {
    const result = await validate('service-without-owner');
    expect(result).toEqual({
      status: 0,
      stdout: [
        'services/service-desk.yaml',
        '  7:1  warning  live service has no owner  service-without-owner',
        '                hint: add "owner: <team>" naming the team accountable for the service',
        '',
        '✖ 1 problem (0 errors, 1 warning)',
        '',
      ].join('\n'),
      stderr: '✔ .: 4 files valid (1 services, 1 SLAs, 1 calendars, 0 consumers, 0 tickets, 0 usage records), 1 warning(s)\n',
    });
  });

  it('a valid repository: nothing on stdout, the counts on stderr', async () => {
    const result = await validate('valid-scaffold');
    expect(result).toEqual({
      status: 0,
      stdout: '',
      stderr: '✔ .: 6 files valid (1 services, 1 SLAs, 1 calendars, 1 consumers, 1 tickets, 0 usage records)\n',
    });
  });

  it('prefixes paths with the folder given on the command line', async () => {
    const result = await runCliAsync(['validate', 'test/fixtures/validate/missing-config-empty-itsm-yaml']);
    expect(result).toEqual({
      status: 1,
      stderr: '',
      stdout: [
        'test/fixtures/validate/missing-config-empty-itsm-yaml/itsm.yaml',
        '  1:1  error  itsm.yaml holds no Config document  missing-config',
        '              hint: start it with apiVersion: itsm/v1, kind: Config, metadata.id and spec.currency / spec.timeZone (see docs/format.md)',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    });
  });

  it('has no colour codes with NO_COLOR, and has them when colour is forced', async () => {
    const [plain, forced] = await Promise.all([
      validate('timeline-out-of-order'),
      runCliAsync(['validate'], { cwd: join(FIXTURES, 'timeline-out-of-order'), env: { NO_COLOR: '', FORCE_COLOR: '1' } }),
    ]);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(forced.stdout).toContain('\u001b[');
    expect(forced.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);
  });

  it('never colours JSON, even when colour is forced', async () => {
    const forced = await runCliAsync(['validate', '--format', 'json'], {
      cwd: join(FIXTURES, 'timeline-out-of-order'),
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(forced.stdout).not.toContain('\u001b[');
    expect(() => JSON.parse(forced.stdout) as unknown).not.toThrow();
  });
});

describe.concurrent('github (workflow commands)', { timeout: E2E_TIMEOUT }, () => {
  it('one command per problem, hint and related locations escaped into the message', async () => {
    const result = await validate('timeline-out-of-order', '--format', 'github');
    expect(result).toEqual({
      status: 1,
      stderr: '',
      stdout:
        '::error file=tickets/2026/2026-03.yaml,line=15,col=13,endLine=15,endColumn=33,title=itsm(timeline-order)::' +
        'event at 2026-03-02T09:40:00Z is earlier than the event before it' +
        '%0Ahint: list timeline events in the order they happened' +
        '%0A↳ tickets/2026/2026-03.yaml:14:13 previous event\n',
    });
  });

  it('a warning is a ::warning command and the exit status stays 0', async () => {
    const result = await validate('service-without-owner', '--format', 'github');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      '::warning file=services/service-desk.yaml,line=7,col=1,endLine=7,endColumn=5,title=itsm(service-without-owner)::' +
        'live service has no owner%0Ahint: add "owner: <team>" naming the team accountable for the service\n',
    );
  });

  it('prints nothing for a valid repository', async () => {
    const result = await validate('valid-minimal', '--format', 'github');
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}
interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion };
  logicalLocations?: { fullyQualifiedName: string; kind: string }[];
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; rules: { id: string; shortDescription: { text: string } }[] } };
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      relatedLocations?: (SarifLocation & { id: number; message: { text: string } })[];
    }[];
  }[];
}

describe.concurrent('sarif', { timeout: E2E_TIMEOUT }, () => {
  it('parses, and names the rule, the level and the region of the problem', async () => {
    const result = await validate('timeline-out-of-order', '--format', 'sarif');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('itsm');
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.tool.driver.rules).toEqual([
      { id: 'timeline-order', shortDescription: { text: 'A ticket event is earlier than the ticket was opened, or than the event before it.' } },
    ]);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results).toHaveLength(1);
    const r = run.results[0]!;
    expect(r.ruleId).toBe('timeline-order');
    expect(r.ruleIndex).toBe(0);
    expect(r.level).toBe('error');
    expect(r.message.text).toBe('event at 2026-03-02T09:40:00Z is earlier than the event before it\nlist timeline events in the order they happened');
    expect(r.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'tickets/2026/2026-03.yaml' },
          region: { startLine: 15, startColumn: 13, endLine: 15, endColumn: 33 },
        },
        logicalLocations: [{ fullyQualifiedName: 'spec.timeline[1].at', kind: 'member' }],
      },
    ]);
    expect(r.relatedLocations?.map((l) => [l.physicalLocation.region?.startLine, l.physicalLocation.region?.startColumn, l.message.text])).toEqual([
      [14, 13, 'previous event'],
    ]);
  });

  it('describes loader rules too, and gives a warning the level "warning"', async () => {
    const [missingRun, warningRun] = await Promise.all([
      validate('missing-config-empty-itsm-yaml', '--format', 'sarif'),
      validate('service-without-owner', '--format', 'sarif'),
    ]);
    const missing = JSON.parse(missingRun.stdout) as SarifLog;
    expect(missing.runs[0]?.tool.driver.rules).toEqual([{ id: 'missing-config', shortDescription: { text: 'The repository has no Config: itsm.yaml is missing or holds no Config document.' } }]);
    expect(missing.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'itsm.yaml' },
      region: { startLine: 1, startColumn: 1 },
    });
    const warning = JSON.parse(warningRun.stdout) as SarifLog;
    expect(warning.runs[0]?.results.map((r) => [r.ruleId, r.level])).toEqual([['service-without-owner', 'warning']]);
  });

  it('is an empty run for a valid repository', async () => {
    const result = await validate('valid-minimal', '--format', 'sarif');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
  });
});
