import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/validate/index.js';
import { REPO_ROOT } from '../helpers/cli.js';

const RULES_MD = readFileSync(join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');

/** Every `rule: '…'` literal in src/: the ids that the loader and the schema pass emit directly. */
function ruleLiteralsInSource(dir = join(REPO_ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ruleLiteralsInSource(path);
    if (!entry.name.endsWith('.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/\brule: '([a-z-]+)'/g)].map((m) => m[1]!);
  });
}

const ALL_IDS = [...new Set([...RULES.map((r) => r.id), ...ruleLiteralsInSource()])].sort();
const HEADINGS = [...RULES_MD.matchAll(/^### `([a-z-]+)`/gm)].map((m) => m[1]!);
const TABLE_ROWS = [...RULES_MD.matchAll(/^\| \[`([a-z-]+)`\]\(#\1\) \|/gm)].map((m) => m[1]!);

describe('docs/rules.md', () => {
  it('finds the rule ids in src (a sanity check of the scan)', () => {
    expect(ALL_IDS).toEqual(expect.arrayContaining(['schema', 'yaml-syntax', 'unreadable-file', 'missing-config', 'config-location', 'usage-csv', 'unknown-reference']));
  });

  it('has a section for every rule id, and none for an id that no longer exists', () => {
    expect([...HEADINGS].sort()).toEqual(ALL_IDS);
  });

  it('lists every rule once in the summary table, linked to its section', () => {
    expect([...TABLE_ROWS].sort()).toEqual(ALL_IDS);
  });

  it('documents the phase-2 rules in the order they run', () => {
    const phase2 = HEADINGS.filter((id) => RULES.some((r) => r.id === id));
    expect(phase2).toEqual(RULES.map((r) => r.id));
  });

  it('gives every rule section an example, a "Why" and a "Fix"', () => {
    const sections = RULES_MD.split(/^### /m).slice(1);
    for (const section of sections) {
      const id = section.slice(0, section.indexOf('\n'));
      expect(section, id).toContain('**Checks**');
      expect(section, id).toContain('**Why.**');
      expect(section, id).toContain('**Example');
      expect(section, id).toMatch(/\*\*Fix\.\*\*|\| Fix \|/);
    }
  });
});
