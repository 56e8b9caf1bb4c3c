#!/usr/bin/env node
// The step of the GitHub Action (action.yml): runs one itsm command on a repository, annotates the pull request
// with workflow commands on stdout, and writes a Markdown job summary. A plain script, so that a test runs exactly
// what the action's step runs (test/ci/action.test.ts).
//
//   node scripts/action.js
//
// Its inputs are environment variables. A composite action does not export its inputs itself, so action.yml's step
// passes them explicitly: INPUT_COMMAND (validate | sla-gate | catalog-check | diff), INPUT_PATH (the repository
// folder, default "."), INPUT_ARGS (more options, split like a shell's words), INPUT_CATALOG (catalog-check: the file
// to compare, default <path>/CATALOG.md) and INPUT_BASE (diff: the base revision, default origin/$GITHUB_BASE_REF).
// From the runner it reads GITHUB_WORKSPACE (where it runs), GITHUB_STEP_SUMMARY (the Markdown is appended there),
// GITHUB_OUTPUT (it sets `exit-code` and `report`) and RUNNER_TEMP (where the report file goes).
// It exits with itsm's exit code: 0 passed, 1 the data fails, 2 usage or I/O error.
// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions

import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ITSM = fileURLToPath(new URL('../bin/itsm.js', import.meta.url));

export const COMMANDS = ['validate', 'sla-gate', 'catalog-check', 'diff'];

/** The most problems listed in the summary: the job summary holds at most 1 MiB per step. */
const MAX_ROWS = 200;
/** The most lines of itsm's own messages (a catalog's diff) quoted in the summary. */
const MAX_LINES = 200;

/** An input the action's user got wrong: reported as one annotation, exit 2. */
export class ActionInputError extends Error {}

/**
 * Splits `args` into words as a POSIX shell would, without expanding anything: blanks separate words, '…' is
 * literal, "…" keeps its text with \" and \\ escaped, and a backslash outside quotes escapes the next character.
 */
export function splitWords(text) {
  const words = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ActionInputError(`args: a ' is not closed: ${text}`);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) j++;
        word += text[j];
      }
      if (j >= text.length) throw new ActionInputError(`args: a " is not closed: ${text}`);
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Options the step sets itself: given again in `args`, they would change what it reads from itsm's output. */
const OWNED_OPTIONS = ['-f', '--format', '-o', '--out'];

/**
 * The itsm command line for the inputs, and what its output is. Pure: `env` is the step's environment.
 * @returns {{ command: string, path: string, argv: string[], title: string, catalog?: string }}
 */
export function commandLine(env) {
  const command = (env.INPUT_COMMAND ?? '').trim() || 'validate';
  const path = (env.INPUT_PATH ?? '').trim() || '.';
  const extra = splitWords(env.INPUT_ARGS ?? '');
  const owned = extra.find((word) => OWNED_OPTIONS.includes(word) || /^--(format|out)=/.test(word));
  if (owned !== undefined) throw new ActionInputError(`args: ${owned} is set by the action (it reads itsm's output); leave it out`);
  switch (command) {
    case 'validate':
      return { command, path, title: 'itsm validate', argv: ['validate', path, '--format', 'json', ...extra] };
    case 'sla-gate':
      // --fail-under first, so that `args` may give it a percentage (the last value of an option counts).
      return { command, path, title: 'itsm SLA gate', argv: ['sla', 'report', path, '--format', 'markdown', '--fail-under', ...extra] };
    case 'catalog-check': {
      const catalog = (env.INPUT_CATALOG ?? '').trim() || (path === '.' ? 'CATALOG.md' : `${path.replace(/\/+$/, '')}/CATALOG.md`);
      return { command, path, catalog, title: 'itsm catalog check', argv: ['catalog', 'export', path, '--check', catalog, ...extra] };
    }
    case 'diff': {
      const base = (env.INPUT_BASE ?? '').trim() || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : '');
      if (base === '') throw new ActionInputError('diff needs a base revision: run it on pull_request, or set the base input');
      return { command, path, title: 'itsm diff', argv: ['diff', `${base}...HEAD`, path, '--format', 'markdown', ...extra] };
    }
    default:
      throw new ActionInputError(`command: "${command}" is not one of ${COMMANDS.join(', ')}`);
  }
}

// The encoding of workflow command values that the runner decodes (@actions/core's command.ts).
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error …::message` workflow command. */
export function annotation(message, properties = {}) {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::error${props === '' ? '' : ` ${props}`}::${escapeData(message)}\n`;
}

/** The conclusion itsm printed on stderr: its last `itsm: …` line, without the prefix. */
function conclusion(stderr) {
  const lines = stderr.split('\n').filter((line) => line.startsWith('itsm: '));
  return lines.at(-1)?.slice('itsm: '.length);
}

/** A fenced block of text, its fence longer than any run of backticks inside (CommonMark 4.5). */
function fenced(info, text) {
  const lines = text.replace(/\n+$/, '').split('\n');
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`] : lines;
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${shown.join('\n')}\n${fence}`;
}

/** The diagnostics of `itsm validate --format json` (a versioned contract, docs/rules.md) as itsm's own Diagnostic. */
function fromJson(d) {
  const position = (l) => ({
    file: l.file,
    ...(l.line === null ? {} : { line: l.line }),
    ...(l.column === null ? {} : { column: l.column }),
    ...(l.endLine === null ? {} : { endLine: l.endLine }),
    ...(l.endColumn === null ? {} : { endColumn: l.endColumn }),
  });
  return {
    ...position(d),
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    ...(d.hint === null ? {} : { hint: d.hint }),
    related: d.related.map((r) => ({ ...position(r), message: r.message })),
  };
}

/** What a run produced: annotations for stdout, the summary's Markdown, and the exit code. */
async function outcome(line, result) {
  const { title } = line;
  const status = result.status ?? 2;
  const failed = (text) => `## ${title}: ${text} ❌`;
  if (status === 2 || (line.command === 'validate' && result.stdout === '')) {
    const message = conclusion(result.stderr) ?? `itsm stopped (exit ${status})`;
    return {
      annotations: annotation(message, { title }),
      markdown: `${failed('could not run')}\n\n${fenced('text', result.stderr || message)}\n`,
      status: status === 0 ? 2 : status,
    };
  }
  if (line.command === 'validate') return validateOutcome(line, result, status);
  const gate = conclusion(result.stderr);
  const passed = { 'sla-gate': 'passed', 'catalog-check': 'up to date', diff: 'reported' }[line.command];
  const outOfDate = line.command === 'catalog-check' && /^--- .*\n\+\+\+ /m.test(result.stderr);
  const failure = { 'sla-gate': 'failed', 'catalog-check': outOfDate ? 'out of date' : 'failed', diff: 'a --fail-on condition is met' }[line.command];
  const head = status === 0 ? `## ${title}: ${passed} ✅` : failed(failure);
  const parts = [head];
  if (status !== 0 && gate !== undefined) parts.push(gate.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`));
  // What itsm printed besides its conclusion: the catalog's diff, or the problems that stopped it.
  const details = result.stderr.split('\n').filter((l) => !l.startsWith('itsm: ')).join('\n').trim();
  if (status !== 0 && details !== '') parts.push(fenced(outOfDate ? 'diff' : 'text', details));
  // The report's own headings go one level down, under this step's.
  if (result.stdout !== '') parts.push(result.stdout.replace(/\n+$/, '').replace(/^(#{1,5}) /gm, '#$1 '));
  const properties = outOfDate ? { file: line.catalog, title } : { title };
  return {
    annotations: status === 0 || gate === undefined ? '' : annotation(gate, properties),
    markdown: `${parts.join('\n\n')}\n`,
    status,
  };
}

async function validateOutcome(line, result, status) {
  const json = JSON.parse(result.stdout);
  // The built package's own formatters: the annotations are what `itsm validate --format github` prints.
  const { formatDiagnostics } = await import('../dist/index.js');
  const { escapeText } = await import('../dist/report/markdown-blocks.js');
  const diagnostics = json.diagnostics.map(fromJson);
  const { errors, warnings } = json.summary;
  const counted = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const head = status === 0 ? `## ${line.title}: ${errors + warnings === 0 ? 'valid' : counted} ✅` : `## ${line.title}: ${counted} ❌`;
  const parts = [head];
  const why = conclusion(result.stderr);
  if (why !== undefined) parts.push(escapeText(why));
  if (diagnostics.length === 0) parts.push(`No problems in ${escapeText(line.path)}.`);
  else {
    const rows = json.diagnostics.slice(0, MAX_ROWS).map((d) => {
      const where = d.line === null ? '' : d.column === null ? `${d.line}` : `${d.line}:${d.column}`;
      return [d.file, where, d.severity, d.rule, d.hint === null ? d.message : `${d.message} (hint: ${d.hint})`];
    });
    const tableRow = (cells) => `| ${cells.map(escapeText).join(' | ')} |`;
    parts.push([tableRow(['file', 'line', 'severity', 'rule', 'problem']), '| --- | ---: | --- | --- | --- |', ...rows.map(tableRow)].join('\n'));
    if (json.diagnostics.length > MAX_ROWS) parts.push(`… and ${json.diagnostics.length - MAX_ROWS} more: \`itsm validate ${line.path}\` lists them all.`);
  }
  const conclusionAnnotation = status !== 0 && why !== undefined ? annotation(why, { title: line.title }) : '';
  return { annotations: formatDiagnostics('github', diagnostics) + conclusionAnnotation, markdown: `${parts.join('\n\n')}\n`, status };
}

/** Runs the step: the whole of what action.yml's step does, given its environment. Returns the exit code. */
export async function runStep(env, io = { stdout: process.stdout, stderr: process.stderr }) {
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  let result;
  try {
    const line = commandLine(env);
    const run = spawnSync(process.execPath, [ITSM, ...line.argv], {
      cwd,
      env: { ...env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    // itsm's own messages stay in the log, as it printed them.
    io.stderr.write(run.stderr);
    result = { line, ...(await outcome(line, run)) };
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    result = { line: { command: 'action' }, annotations: annotation(error.message, { title: 'itsm action' }), markdown: `## itsm: the action's inputs are wrong ❌\n\n${error.message}\n`, status: 2 };
  }
  io.stdout.write(result.annotations);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, result.markdown);
  const report = join(env.RUNNER_TEMP || cwd, `itsm-${result.line.command}.md`);
  writeFileSync(report, result.markdown);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${result.status}\nreport=${report}\n`);
  return result.status;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runStep(process.env);
}
