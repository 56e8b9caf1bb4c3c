import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { documentSchemaDiagnostics, rejectedDocument, type RejectedDocument } from '../validate/schema.js';
import { parseYamlFile, type DocumentStrings, type RawDocument } from './parse-yaml.js';
import { resolvePositions } from './positions.js';
import { frontMatterOf, isMarkdownFile } from './front-matter.js';

/** What one YAML file contributes, independent of every other file: so it can be cached by the file's content. */
export interface FileResult {
  /** Documents that passed the schema of their kind (marked `checked`). */
  documents: RawDocument[];
  /** Syntax and schema problems, with line and column. */
  diagnostics: Diagnostic[];
  /** Documents that failed their schema, by kind and id, so that references to them can say so. */
  rejected: RejectedDocument[];
}

/**
 * Parses a YAML file (or the front matter of a Markdown file, see front-matter.ts) and checks each document against the schema of its kind. Positions are resolved here, while the
 * text is at hand, and only for the documents that have problems.
 */
export function processYamlFile(file: string, source: string, strings?: DocumentStrings): FileResult {
  let text = source;
  let markdown;
  if (isMarkdownFile(file)) {
    const matter = frontMatterOf(source);
    if (matter === undefined) return { documents: [], diagnostics: [], rejected: [] };
    text = matter.yaml;
    markdown = matter.body;
  }
  const parsed = parseYamlFile(file, text, strings);
  if (markdown) for (const doc of parsed.documents) doc.markdown = markdown;
  const diagnostics: Diagnostic[] = parsed.diagnostics;
  const documents: RawDocument[] = [];
  const rejected: RejectedDocument[] = [];
  for (const doc of parsed.documents) {
    const problems = documentSchemaDiagnostics(doc);
    if (problems.length === 0) {
      doc.checked = true;
      documents.push(doc);
    } else {
      for (const p of problems) diagnostics.push(p);
      const stub = rejectedDocument(doc);
      if (stub) rejected.push(stub);
    }
  }
  return { documents, diagnostics: diagnostics.length > 0 ? resolvePositions(diagnostics, () => text) : diagnostics, rejected };
}
