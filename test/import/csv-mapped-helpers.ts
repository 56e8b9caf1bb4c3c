import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PRIORITIES, DEFAULT_STATUSES } from '../../src/model/config.js';
import type { RepositoryTerms } from '../../src/import/csv-mapped.js';
import type { LoadedMappingFile } from '../../src/import/mapping-file.js';
import type { AdapterItem, ImportedTicket, ImportProblem, InputLines, SeenGroup } from '../../src/import/types.js';
import { REPO_ROOT } from '../helpers/cli.js';

/** A repository with the default statuses and priorities and the services and consumers the fixtures name. */
export function testContext(overrides: Partial<RepositoryTerms> = {}): RepositoryTerms {
  return {
    vocabulary: {
      statuses: new Set(DEFAULT_STATUSES.map((s) => s.id)),
      priorities: new Set(DEFAULT_PRIORITIES.map((p) => p.id)),
      services: new Set(['service-desk', 'email', 'vpn', 'printing', 'workplace']),
      consumers: new Set(['finance', 'sales', 'hr']),
    },
    statuses: DEFAULT_STATUSES,
    timeZone: 'UTC',
    ...overrides,
  };
}

/** A mapping file given inline, as readMappingFile would return it (positions are not under test here). */
export function inlineMapping<T>(value: T): LoadedMappingFile<T> {
  return { file: 'mapping.yaml', value, locate: (path) => `mapping.yaml:${path.join('.')}` };
}

export interface Collected {
  tickets: ImportedTicket[];
  problems: ImportProblem[];
  rows: number;
  lines?: InputLines;
  groups?: SeenGroup[];
}

/** Drains an adapter into its tickets, problems and the number of rows it reported. */
export async function collect(items: Iterable<AdapterItem> | AsyncIterable<AdapterItem>): Promise<Collected> {
  const out: Collected = { tickets: [], problems: [], rows: 0 };
  for await (const item of items) {
    if ('ticket' in item) out.tickets.push(item.ticket);
    else if ('problem' in item) out.problems.push(item.problem);
    else if ('rows' in item) out.rows += item.rows;
    else if ('lines' in item) out.lines = item.lines;
    else out.groups = item.groups;
  }
  return out;
}

/** Rows accounted for: each ticket's rows plus the rows each skipping problem stands for. */
export function rowsAccountedFor(c: Collected): number {
  return c.tickets.reduce((n, t) => n + t.lines.count, 0) + c.problems.filter((p) => p.skipped).reduce((n, p) => n + (p.rows ?? 1), 0);
}

/** Services and consumers that the fixtures' mappings name, as files to add to the output of `itsm init`. */
export function fixtureServicesAndConsumers(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const id of ['email', 'vpn', 'printing', 'workplace']) {
    files[`services/${id}.yaml`] = [
      'apiVersion: itsm/v1',
      'kind: Service',
      'metadata:',
      `  id: ${id}`,
      'spec:',
      `  description: The ${id} service.`,
      '  category: End-user services',
      '  owner: IT',
      '  lifecycle: live',
      '  sla: standard',
      '',
    ].join('\n');
  }
  for (const id of ['finance', 'sales', 'hr']) {
    files[`consumers/${id}.yaml`] = ['apiVersion: itsm/v1', 'kind: Consumer', 'metadata:', `  id: ${id}`, 'spec:', `  costCenter: CC-${id}`, '  headcount: 10', ''].join('\n');
  }
  return files;
}

/** The documentation of the Jira and CSV imports (docs/import.md links to it). */
export function importDocs(): string {
  return readFileSync(join(REPO_ROOT, 'docs/import-jira-csv.md'), 'utf8');
}

/** The first fenced block of `language` after `heading`, without its fences. */
export function blockAfter(text: string, heading: string, language: string): string {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const open = text.indexOf(`\`\`\`${language}\n`, start);
  const close = text.indexOf('\n```\n', open);
  return text.slice(open + language.length + 4, close + 1);
}
