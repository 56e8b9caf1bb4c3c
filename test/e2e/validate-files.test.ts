import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, runCli } from '../helpers/cli.js';

// `itsm validate FILE...` (what pre-commit runs): only the files given are reported, but they are checked against the
// whole repository. In this fixture the ticket file names a service that does not exist (services/service-desk.yaml
// is the service it meant): the broken reference is the ticket file's problem, not the service file's.
const BROKEN = 'test/fixtures/validate/unknown-reference-ticket-service';
const TICKETS = `${BROKEN}/tickets/2026/2026-03.yaml`;
const SERVICE = `${BROKEN}/services/service-desk.yaml`;
// One warning (implausible-date) in its ticket file, none elsewhere.
const WARNED = 'test/fixtures/validate/implausible-date';

describe('itsm validate FILE...', { timeout: E2E_TIMEOUT }, () => {
  it('reports the problems of the file given, found with the whole repository (the service is in another file)', () => {
    const result = runCli(['validate', TICKETS]);
    expect(result.stdout).toBe(
      [
        TICKETS,
        '  8:12  error  service "servicedesk" does not exist  unknown-reference',
        '               hint: did you mean "service-desk"?',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe("reported 1 file given, of the repository's 6 files\n");
    expect(result.status).toBe(1);
  });

  it('does not report the problems of other files, and exits 0 when the files given are valid; it says what it left out', () => {
    const result = runCli(['validate', SERVICE, `${BROKEN}/itsm.yaml`]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `✔ ${BROKEN}: 2 files given, valid (of the repository's 6 files: 1 services, 1 SLAs, 1 calendars, 1 consumers, 1 tickets, 0 usage records); ` +
        `1 problem in other files, not reported (\`itsm validate ${BROKEN}\` shows them)\n`,
    );
    expect(result.status).toBe(0);
  });

  it('reports each file given once, in every format: JSON and GitHub annotations hold only theirs', () => {
    const json = runCli(['validate', SERVICE, TICKETS, TICKETS, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout) as { summary: unknown; diagnostics: { file: string; rule: string }[] };
    expect(parsed.summary).toEqual({ errors: 1, warnings: 0, files: 1 });
    expect(parsed.diagnostics.map((d) => [d.file, d.rule])).toEqual([[TICKETS, 'unknown-reference']]);

    const github = runCli(['validate', SERVICE, '--format', 'github']);
    expect([github.stdout, github.stderr, github.status]).toEqual(['', '', 0]);
  });

  it('reads paths relative to the current folder, and prints them so', () => {
    const result = runCli(['validate', '2026/2026-03.yaml', '--format', 'github'], { cwd: `${BROKEN}/tickets` });
    expect(result.stdout).toMatch(/^::error file=\.\.\/tickets\/2026\/2026-03\.yaml,line=8,col=12,/);
    expect(result.status).toBe(1);
  });

  it('counts only the warnings of the files given towards --max-warnings', () => {
    const others = runCli(['validate', `${WARNED}/services/service-desk.yaml`, '--max-warnings', '0']);
    expect(others.status).toBe(0);
    expect(others.stderr).toMatch(/1 problem in other files, not reported/);

    const own = runCli(['validate', `${WARNED}/tickets/2026/2026-03.yaml`, '--max-warnings', '0']);
    expect(own.stdout).toMatch(/implausible-date\n/);
    expect(own.stderr).toBe(
      `✔ ${WARNED}: 1 file given, valid (of the repository's 6 files: 1 services, 1 SLAs, 1 calendars, 1 consumers, 4 tickets, 0 usage records), 1 warning(s)\n` +
        'itsm: too many warnings (1); the maximum allowed is 0\n',
    );
    expect(own.status).toBe(1);
  });

  it('still takes one folder, or none, and checks and reports the whole repository', () => {
    const folder = runCli(['validate', `${BROKEN}/tickets`, '--format', 'json']);
    expect(folder.status).toBe(1);
    expect((JSON.parse(folder.stdout) as { summary: { errors: number } }).summary.errors).toBe(1);
    const none = runCli(['validate'], { cwd: `${BROKEN}/services` });
    expect(none.stdout).toMatch(/unknown-reference/);
    expect(none.status).toBe(1);
  });

  it.each([
    [[`${BROKEN}/nope.yaml`], `itsm: no such file or folder: ${BROKEN}/nope.yaml`],
    [['package.json'], 'itsm: package.json is not inside an itsm repository: no itsm.yaml in its folder or any folder above it'],
    [[SERVICE, `${BROKEN}/services`], `itsm: ${BROKEN}/services is a folder: give one folder (the whole repository is checked), or files of one repository`],
    [[SERVICE, 'examples/acme/itsm.yaml'], `itsm: ${SERVICE} and examples/acme/itsm.yaml are in different repositories (${BROKEN} and examples/acme); validate one repository at a time`],
  ])('refuses %j with one line and exit 2', (paths, line) => {
    const result = runCli(['validate', ...paths]);
    expect([result.stdout, result.stderr, result.status]).toEqual(['', `${line}\n`, 2]);
  });
});
