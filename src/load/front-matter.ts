/**
 * Knowledge articles are Markdown files whose front matter is an itsm document. The loader reads that front matter
 * as YAML with the file's own line numbers: the Markdown is replaced by blank lines rather than cut off, so every
 * position the YAML parser or the position finder reports is the line and column in the Markdown file.
 */

const MARKDOWN_FILE = /\.(md|markdown)$/i;

export function isMarkdownFile(file: string): boolean {
  return MARKDOWN_FILE.test(file);
}

/** The Markdown after the front matter, and the 1-based line of the file where it starts. */
export interface MarkdownBody {
  body: string;
  line: number;
}

export interface FrontMatter {
  /** The file as YAML: the front matter at its own lines, every other line blank. */
  yaml: string;
  body: MarkdownBody;
}

/**
 * Only a front matter that declares `apiVersion: itsm/v1` makes a Markdown file an itsm document: a README, or the
 * front matter of another tool (Jekyll, Hugo, Docusaurus), is not read at all.
 */
const ITSM_FRONT_MATTER = /^apiVersion:[ \t]*["']?itsm\/v1["']?[ \t]*(#.*)?$/m;

/**
 * The front matter of a Markdown file when it is an itsm document: it opens with a line `---` on the first line and
 * closes with the next line `---` (or `...`), as Jekyll, Hugo and GitHub read it. Undefined for any other file.
 */
export function frontMatterOf(text: string): FrontMatter | undefined {
  const lines = text.split(/\r?\n/);
  const first = (lines[0] ?? '').replace(/^\uFEFF/, '');
  if (first.trimEnd() !== '---') return undefined;
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === '---' || line === '...') {
      close = i;
      break;
    }
  }
  if (close === -1) return undefined;
  const matter = lines.slice(1, close);
  if (!ITSM_FRONT_MATTER.test(matter.join('\n'))) return undefined;
  const yaml = ['---', ...matter, ...new Array<string>(lines.length - close).fill('')].join('\n');
  const bodyLines = lines.slice(close + 1);
  return { yaml, body: { body: bodyLines.join('\n'), line: close + 2 } };
}

/** The text the YAML parser and the position finder read for a repository file: Markdown becomes its front matter. */
export function yamlTextOf(file: string, text: string): string {
  if (!isMarkdownFile(file)) return text;
  return frontMatterOf(text)?.yaml ?? '';
}
