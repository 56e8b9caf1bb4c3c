import { parseAllDocuments } from 'yaml';
import { describeChanges, type DefinitionChanges } from '../../src/governance/changes.js';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import type { HolidayFileContent, Repository } from '../../src/model/repository.js';
import { validateDocuments } from '../../src/validate/index.js';

/** Repository-relative path → YAML text (one or more documents). itsm.yaml is added when absent. */
export type Files = Record<string, string>;

export const CONFIG = `apiVersion: itsm/v1
kind: Config
metadata: { id: lab }
spec: { currency: USD, timeZone: UTC }
`;

/**
 * A repository from YAML texts, through the product's own schema pass, so that every test describes data the loader
 * accepts (a schema error fails the test at once, naming it). Cross-document rules are not asked for: a removed
 * service that is still named is exactly what some tests describe.
 */
export function repositoryOf(files: Files, holidayFiles: ReadonlyMap<string, HolidayFileContent> = new Map()): Repository {
  const documents: RawDocument[] = [];
  for (const [file, text] of Object.entries({ 'itsm.yaml': CONFIG, ...files })) {
    parseAllDocuments(text).forEach((doc, index) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      documents.push({ file, index, value: doc.toJS() });
    });
  }
  const { repository, diagnostics } = validateDocuments(documents, [], [], holidayFiles);
  const schema = diagnostics.filter((d) => d.rule === 'schema');
  if (schema.length > 0) throw new Error(schema.map((d) => `${d.file}: ${d.message}`).join('\n'));
  return repository;
}

/** The changes as the lines a reviewer reads: "file  id: text", or "file  id: added" when a change has no detail. */
export function linesOf(changes: DefinitionChanges): string[] {
  return changes.definitions.flatMap((c) =>
    c.details.length === 0 ? [`${c.file}  ${c.id}: ${c.action}`] : c.details.map((d) => `${c.file}  ${c.id}: ${d.text}`),
  );
}

export function diffLines(base: Files, head: Files): string[] {
  return linesOf(describeChanges(repositoryOf(base), repositoryOf(head)));
}

/** A Service document with the given spec lines (indented by two), live and described unless the lines say otherwise. */
export function serviceYaml(id: string, lines: string[] = []): string {
  const has = (key: string) => lines.some((l) => l.startsWith(`${key}:`));
  const spec = [...(has('description') ? [] : ['description: A service']), ...(has('category') ? [] : ['category: IT']), ...(has('lifecycle') ? [] : ['lifecycle: live']), ...lines];
  return `apiVersion: itsm/v1\nkind: Service\nmetadata: { id: ${id} }\nspec:\n${spec.map((l) => `  ${l}`).join('\n')}\n`;
}

/** An SLA document with the given spec lines; type sla unless the lines say otherwise. */
export function slaYaml(id: string, lines: string[]): string {
  const spec = [...(lines.some((l) => l.startsWith('type:')) ? [] : ['type: sla']), ...lines];
  return `apiVersion: itsm/v1\nkind: SLA\nmetadata: { id: ${id} }\nspec:\n${spec.map((l) => `  ${l}`).join('\n')}\n`;
}

export function docYaml(kind: string, id: string, lines: string[]): string {
  return `apiVersion: itsm/v1\nkind: ${kind}\nmetadata: { id: ${id} }\nspec:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
