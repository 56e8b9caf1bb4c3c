import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Article } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { didYouMean, diagnosticAt, rejectedKey, type DefinitionsContext, type Rule } from '../context.js';
import type { AnyRule, FactsContext, TicketRule } from '../ticket-rule.js';

/**
 * Knowledge articles (docs/format.md, "Article"): what they name must exist, their links must lead to articles, and
 * an article past its review date is flagged, because knowledge that nobody keeps true misleads the people it serves
 * (ITIL 4, knowledge management: "the right information, at the right time").
 */

/**
 * The tickets of one file that articles name as problems: each as its id, type and document (in document order), and
 * the ids of those that failed their schema.
 */
export interface ProblemTickets {
  file: string;
  tickets: Array<[id: string, type: TicketDocument['spec']['type'], document: number]>;
  rejected: string[];
}

/** The ids that articles name as problems, once per list of articles. */
const problemIdsOf = new WeakMap<FactsContext['repository']['articles'], Set<string>>();

function problemIds(articles: FactsContext['repository']['articles']): Set<string> {
  let ids = problemIdsOf.get(articles);
  if (ids === undefined) {
    ids = new Set();
    for (const { doc } of articles) for (const id of doc.spec.problems ?? []) ids.add(id);
    problemIdsOf.set(articles, ids);
  }
  return ids;
}

/** An article names the services it is about and the problems whose workaround it documents. */
export const articleReferences: TicketRule<ProblemTickets | null> = {
  id: 'article-reference',
  description: 'An article names a service or a problem ticket that does not exist, or a ticket that is not a problem.',
  facts(context, file) {
    const named = problemIds(context.repository.articles);
    // Nearly every repository: no article names a problem, or no ticket of this file is one of those named.
    if (named.size === 0) return null;
    const found: ProblemTickets = { file: file.file, tickets: [], rejected: [] };
    for (const { source, doc } of file.tickets) if (named.has(doc.metadata.id)) found.tickets.push([doc.metadata.id, doc.spec.type, source.document]);
    for (const { kind, id } of file.rejected) if (kind === 'Ticket' && id !== undefined && named.has(id)) found.rejected.push(id);
    return found.tickets.length === 0 && found.rejected.length === 0 ? null : found;
  },
  check(context, facts) {
    const diagnostics: Diagnostic[] = [];
    if (context.repository.articles.length === 0) return diagnostics;
    // The first ticket of each id, in the repository's order, as the index of tickets by id keeps it.
    const tickets = new Map<string, { file: string; type: TicketDocument['spec']['type']; document: number }>();
    const rejected = new Set<string>();
    for (const found of facts) {
      if (found === null) continue;
      for (const [id, type, document] of found.tickets) if (!tickets.has(id)) tickets.set(id, { file: found.file, type, document });
      for (const id of found.rejected) rejected.add(id);
    }
    for (const { source, doc } of context.repository.articles) {
      (doc.spec.services ?? []).forEach((id, i) => {
        // A service that fails its schema exists: its schema errors are the problem to fix.
        if (context.services.has(id) || context.rejected.has(rejectedKey('Service', id))) return;
        const hint = didYouMean(id, context.services.keys());
        diagnostics.push(diagnosticAt(source, ['spec', 'services', i], 'article-reference', 'error', `service "${id}" does not exist`, hint ? { hint } : {}));
      });
      (doc.spec.problems ?? []).forEach((id, i) => {
        const ticket = tickets.get(id);
        if (ticket === undefined) {
          if (rejected.has(id)) return;
          diagnostics.push(
            diagnosticAt(source, ['spec', 'problems', i], 'article-reference', 'error', `problem "${id}" does not exist`, {
              hint: 'name the id of a ticket of type problem',
            }),
          );
          return;
        }
        const type = ticket.type;
        if (type === 'problem') return;
        diagnostics.push(
          diagnosticAt(source, ['spec', 'problems', i], 'article-reference', 'error', `ticket "${id}" is ${article(type)} ${type}, not a problem`, {
            hint: 'an article documents the workaround of a problem: name the problem ticket, or list the services instead',
            related: [{ file: ticket.file, document: ticket.document, path: ['spec', 'type'], message: `ticket "${id}" is here` }],
          }),
        );
      });
    }
    return diagnostics;
  },
};

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** A link of an article's body: its destination as written and where it starts, 1-based, in the Markdown file. */
export interface MarkdownLink {
  destination: string;
  line: number;
  column: number;
}

/** The opening of a fenced code block (CommonMark): three or more backticks or tildes, indented at most three spaces. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** An inline link or image, `[text](destination "title")`: the destination is the second group, at its own offset. */
const INLINE_LINK = /(!?\[(?:[^\]\\]|\\.)*\]\(\s*)(<[^>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)/g;
/** A link reference definition, `[label]: destination`. */
const REFERENCE_DEFINITION = /^( {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*)(<[^>\n]*>|\S+)/;
/** A code span, blanked out before links are looked for: `[a](b.md)` inside backticks is text, not a link. */
const CODE_SPAN = /(`+)[^`]*?\1/g;

/**
 * The links of a Markdown body (inline links, images and reference definitions), outside code blocks and code spans.
 * `firstLine` is the line of the file where the body starts, so that each link's line is the file's.
 */
export function markdownLinks(body: string, firstLine: number): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  let fence: string | undefined;
  body.split(/\r?\n/).forEach((raw, index) => {
    const opening = FENCE.exec(raw);
    if (fence !== undefined) {
      if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length && raw.trim() === opening[1]) fence = undefined;
      return;
    }
    if (opening) {
      fence = opening[1]!;
      return;
    }
    // Indented code (four spaces) is left alone too, unless it continues a list item: too rare in articles to tell apart.
    const line = raw.replace(CODE_SPAN, (span) => ' '.repeat(span.length));
    const at = (offset: number, destination: string) => links.push({ destination, line: firstLine + index, column: offset + 1 });
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition) at(definition[1]!.length, definition[2]!);
    for (const match of line.matchAll(INLINE_LINK)) at(match.index + match[1]!.length, match[2]!);
  });
  return links;
}

/** What a link leads to, for the repository's check: undefined when itsm does not check it. */
export function linkedMarkdownFile(articleFile: string, destination: string): string | undefined {
  let target = destination.startsWith('<') ? destination.slice(1, -1) : destination;
  // Another scheme (https:, mailto:) or a protocol-relative URL is outside the repository; a bare #anchor is this file.
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#')) return undefined;
  // A path from the root means the root of the git repository on GitHub and GitLab, which itsm does not know.
  if (target.startsWith('/')) return undefined;
  target = target.replace(/[?#].*$/s, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: read as written.
  }
  if (!/\.(md|markdown)$/i.test(target)) return undefined;
  const parts = articleFile.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Out of the repository: a file there is none of itsm's, and whether it exists is not for a pure check to ask.
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

/**
 * A relative link from one article to a Markdown file must lead to an article of the repository: a renamed or deleted
 * article otherwise leaves readers at a dead end. Links elsewhere (https, mailto, other kinds of file) are not checked.
 */
export const articleLinks: Rule = {
  id: 'article-link',
  description: 'A relative link in an article to a Markdown file that does not exist in the repository, or is not an article.',
  check(context) {
    const diagnostics: Diagnostic[] = [];
    if (context.repository.articles.length === 0) return diagnostics;
    const articleFiles = new Set(context.repository.articles.map((a) => a.source.file));
    for (const r of context.rejected.values()) if (r.kind === 'Article') articleFiles.add(r.source.file);
    for (const entry of context.repository.articles) {
      for (const link of markdownLinks(entry.body, entry.bodyLine)) {
        const target = linkedMarkdownFile(entry.source.file, link.destination);
        if (target === undefined || articleFiles.has(target)) continue;
        diagnostics.push(linkDiagnostic(context, entry, link, target));
      }
    }
    return diagnostics;
  },
};

function linkDiagnostic(context: DefinitionsContext, entry: Article, link: MarkdownLink, target: string): Diagnostic {
  const exists = context.markdownFiles.has(target);
  const hint = exists
    ? 'an article links to other articles: give that file a front matter with apiVersion: itsm/v1 and kind: Article, or link to it with its full https address'
    : didYouMean(target, [...context.markdownFiles].filter((f) => f !== entry.source.file)) ?? 'correct the path (relative to this file), or remove the link; files excluded by itsm.yaml do not count';
  return {
    rule: 'article-link',
    severity: 'error',
    message: exists ? `link to ${target}, which is not an article` : `link to ${target}, which does not exist in the repository`,
    hint,
    file: entry.source.file,
    document: entry.source.document,
    line: link.line,
    column: link.column,
  };
}

/** An article past its `reviewBy` date may no longer be true; only a warning, because it may well still be. */
export const articleReviewDue: Rule = {
  id: 'article-review-due',
  description: 'An article whose reviewBy date has passed (needs the current time; skipped without it).',
  check(context) {
    const { today } = context;
    if (today === undefined) return [];
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of context.repository.articles) {
      const due = doc.spec.reviewBy;
      // LocalDate strings are YYYY-MM-DD: they compare as the dates do. Due on the day itself is not yet overdue.
      if (due >= today) continue;
      diagnostics.push(
        diagnosticAt(source, ['spec', 'reviewBy'], 'article-review-due', 'warning', `the article was due for review on ${due}`, {
          hint: `${doc.spec.owner} reviews it: correct what is no longer true, then set reviewBy to the next review date`,
        }),
      );
    }
    return diagnostics;
  },
};

export const ARTICLE_RULES: readonly AnyRule[] = [articleReferences, articleLinks, articleReviewDue];
