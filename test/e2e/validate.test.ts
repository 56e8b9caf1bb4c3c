import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticsJson, JsonDiagnostic } from '../../src/report/diagnostics/json.js';
import { RULES } from '../../src/validate/index.js';
import { E2E_TIMEOUT, REPO_ROOT, runCli, runCliAsync, type CliResult } from '../helpers/cli.js';
import { VALIDATE_CASES, type ExpectedDiagnostic, type ValidateCase } from './validate-cases.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'validate');

/** Fixture folders whose expectations live in their own test below rather than in VALIDATE_CASES. */
const OWN_TESTS: string[] = [];

/** The rule ids the loader and the schema pass emit, besides the phase-2 RULES. */
const LOADER_AND_SCHEMA_RULES = ['schema', 'yaml-syntax', 'missing-config', 'config-location', 'article-location', 'usage-csv', 'unknown-file', 'icalendar-syntax', 'icalendar-timed-event'];

// One CLI run per fixture, shared by the tests that look at it; runs start together (each costs ~0.5 s of start-up).
const runs = new Map<string, Promise<CliResult>>();
function validateJson(fixture: string): Promise<CliResult> {
  let run = runs.get(fixture);
  if (!run) {
    run = runCliAsync(['validate', '--format', 'json'], { cwd: join(FIXTURES, fixture) });
    runs.set(fixture, run);
  }
  return run;
}

/** Parses stdout and checks that it holds the JSON document and nothing else. */
function parseJson(result: CliResult): DiagnosticsJson {
  const parsed = JSON.parse(result.stdout) as DiagnosticsJson;
  expect(result.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  return parsed;
}

type Comparable = Record<string, unknown>;

function actual(d: JsonDiagnostic): Comparable {
  return {
    file: d.file,
    document: d.document,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    path: d.path,
    message: d.message,
    hint: d.hint,
    related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
  };
}

function expected(d: ExpectedDiagnostic): Comparable {
  return {
    file: d.file,
    document: d.document === undefined ? 0 : d.document,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    path: d.path,
    message: d.message,
    hint: d.hint ?? null,
    related: d.related ?? [],
  };
}

function omit(value: Comparable, keys: readonly string[]): Comparable {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

async function checkCase(c: ValidateCase, mode: 'exact' | 'without-bug'): Promise<void> {
  const result = await validateJson(c.fixture);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(c.status);
  const json = parseJson(result);
  expect(json.version).toBe(1);
  const loose = mode === 'without-bug' ? (c.bug?.loose ?? []) : [];
  const got = json.diagnostics.map((d) => omit(actual(d), loose));
  const want = c.diagnostics.map((d) => omit(expected(d), loose));
  if (mode === 'without-bug' && c.bug?.extra) {
    expect(got).toEqual(expect.arrayContaining(want));
    return;
  }
  expect(got).toEqual(want);
  expect(json.summary).toEqual({
    errors: c.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: c.diagnostics.filter((d) => d.severity === 'warning').length,
    files: new Set(c.diagnostics.map((d) => d.file)).size,
  });
}

describe.concurrent('itsm validate --format json on each fixture', { timeout: E2E_TIMEOUT }, () => {
  for (const c of VALIDATE_CASES) {
    const count = `exit ${c.status}, ${c.diagnostics.length} diagnostic(s)`;
    if (c.bug === undefined) {
      it(`${c.fixture}: ${count}`, () => checkCase(c, 'exact'));
    } else {
      const except = c.bug.extra ? 'among others' : `except ${c.bug.loose?.join(', ')}`;
      it(`${c.fixture}: ${count} (${except})`, () => checkCase(c, 'without-bug'));
      it.fails(`${c.fixture}: ${count} exactly [src bug: ${c.bug.what}]`, () => checkCase(c, 'exact'));
    }
  }
});

describe('the fixture set', { timeout: E2E_TIMEOUT }, () => {
  const folders = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('has one case per fixture folder, and a folder per case', () => {
    const cases = VALIDATE_CASES.map((c) => c.fixture);
    expect(new Set(cases).size).toBe(cases.length);
    expect([...cases, ...OWN_TESTS].sort()).toEqual(folders);
  });

  it('shows every rule of both phases and of the loader (unreadable-file is shown in test/load)', () => {
    const shown = new Set(VALIDATE_CASES.flatMap((c) => c.diagnostics.map((d) => d.rule)));
    const missing = [...RULES.map((r) => r.id), ...LOADER_AND_SCHEMA_RULES].filter((id) => !shown.has(id));
    expect(missing).toEqual([]);
  });

  it('names each single-rule fixture after its rule or its scenario', () => {
    for (const c of VALIDATE_CASES) {
      if (c.fixture.startsWith('valid-')) expect(c.diagnostics, c.fixture).toEqual([]);
      else expect(c.diagnostics.length, c.fixture).toBeGreaterThan(0);
    }
  });
});

describe('itsm validate paths', { timeout: E2E_TIMEOUT }, () => {
  it('prints paths relative to where it runs, related locations included', () => {
    const result = runCli(['validate', 'test/fixtures/validate/timeline-out-of-order', '--format', 'json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const [d] = parseJson(result).diagnostics;
    expect(d?.file).toBe('test/fixtures/validate/timeline-out-of-order/tickets/2026/2026-03.yaml');
    expect(d?.related.map((r) => r.file)).toEqual(['test/fixtures/validate/timeline-out-of-order/tickets/2026/2026-03.yaml']);
  });

  it('accepts an absolute path and still prints relative paths', () => {
    const result = runCli(['validate', join(FIXTURES, 'duplicate-id-service'), '--format', 'json'], { cwd: FIXTURES });
    expect(result.status).toBe(1);
    const [d] = parseJson(result).diagnostics;
    expect(d?.file).toBe('duplicate-id-service/services/mail.yaml');
    expect(d?.related[0]?.file).toBe('duplicate-id-service/services/email.yaml');
  });

  // A folder with no itsm.yaml in it or above it is not a repository at all: exit 2 (test/e2e/discovery.test.ts).
});
