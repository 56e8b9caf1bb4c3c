/**
 * The knowledge a service's catalog entry shows (docs/catalog.md, "Knowledge"): the articles about it and its known
 * errors (ITIL 4 problem management: a problem with a documented workaround), each known error with the articles that
 * document it. Pure over the repository.
 */
import type { StatusCategory } from '../model/config.js';
import type { Article, Repository } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import { compareText } from './compare.js';
import type { Audience, CatalogArticle, CatalogKnownError } from './model.js';
import { lastStatusOf } from '../model/last-status.js';

/** What a Catalog entry of a service holds about knowledge. */
export interface ServiceKnowledge {
  articles: CatalogArticle[];
  knownErrors: CatalogKnownError[];
}

/** A problem stops being a known error when it is resolved or closed (the root cause is removed), or withdrawn. */
const SETTLED: ReadonlySet<StatusCategory> = new Set(['resolved', 'closed', 'cancelled']);

/** The longest excerpt, in characters; cut at a word and marked with an ellipsis. */
export const EXCERPT_LENGTH = 240;

/**
 * The knowledge of every service, by service id. The customer catalog holds only the articles whose audience is
 * `customer`: an internal article is never named there, not even as the documentation of a known error.
 */
export function knowledgeByService(repository: Repository, audience: Audience): (serviceId: string) => ServiceKnowledge {
  const articles = firstById(repository.articles).filter((a) => audience === 'internal' || a.doc.spec.audience === 'customer');
  const shown = articles.map(catalogArticle).sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id));
  const categories = new Map(repository.config.statuses.map((s) => [s.id, s.category]));
  const knownErrors = new Map<string, CatalogKnownError[]>();
  // A known error is shown under every service it affects: its own, and those of the incidents it explains (as
  // `itsm problem report` lists them), so that the users of each find its workaround.
  const incidentServices = new Map<string, Set<string>>();
  for (const { doc } of repository.tickets) {
    const problem = doc.spec.type === 'incident' ? doc.spec.problem : undefined;
    if (problem === undefined) continue;
    const services = incidentServices.get(problem) ?? new Set<string>();
    services.add(doc.spec.service);
    incidentServices.set(problem, services);
  }
  const seen = new Set<string>();
  for (const { doc } of repository.tickets) {
    const spec = doc.spec;
    if (spec.type !== 'problem' || spec.workaround === undefined || seen.has(doc.metadata.id)) continue;
    seen.add(doc.metadata.id);
    const category = lastStatus(doc, categories);
    if (category !== undefined && SETTLED.has(category)) continue;
    const entry: CatalogKnownError = {
      id: doc.metadata.id,
      title: spec.title,
      workaround: spec.workaround.description,
      documented: spec.workaround.documented,
      articles: shown.filter((a) => a.problems.includes(doc.metadata.id)).map((a) => ({ id: a.id, title: a.title })),
    };
    for (const service of new Set([spec.service, ...(incidentServices.get(doc.metadata.id) ?? [])])) {
      const list = knownErrors.get(service) ?? [];
      list.push(entry);
      knownErrors.set(service, list);
    }
  }
  for (const list of knownErrors.values()) list.sort((a, b) => compareText(a.id, b.id));
  return (serviceId) => ({
    articles: shown.filter((a) => a.services.includes(serviceId)),
    knownErrors: knownErrors.get(serviceId) ?? [],
  });
}

function catalogArticle(article: Article): CatalogArticle {
  const spec = article.doc.spec;
  return {
    id: article.doc.metadata.id,
    title: spec.title.replace(/\s+/g, ' ').trim(),
    file: article.source.file,
    audience: spec.audience,
    owner: spec.owner,
    reviewBy: spec.reviewBy,
    services: [...(spec.services ?? [])],
    problems: [...(spec.problems ?? [])],
    excerpt: articleExcerpt(article.body),
  };
}

/** The category of the ticket's status as its timeline leaves it; undefined while it has no status event. */
function lastStatus(ticket: TicketDocument, categories: ReadonlyMap<string, StatusCategory>): StatusCategory | undefined {
  const status = lastStatusOf(ticket.spec.timeline);
  return status === undefined ? undefined : categories.get(status);
}

function firstById(articles: readonly Article[]): Article[] {
  const ids = new Set<string>();
  return articles.filter((a) => !ids.has(a.doc.metadata.id) && ids.add(a.doc.metadata.id) !== undefined);
}

/**
 * The first paragraph of an article's Markdown as plain text: headings, code blocks, HTML comments and tags, tables
 * and images left out, links reduced to their text, emphasis and code marks dropped. Plain text that every format
 * escapes as it escapes any other text, so no HTML written in an article reaches a published page (docs/catalog.md
 * says why the catalog shows excerpts rather than the articles). Null when the article has no such paragraph.
 */
export function articleExcerpt(body: string): string | null {
  const text = body.replace(/<!--[\s\S]*?(-->|$)/g, '');
  const lines: string[] = [];
  let fence: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const opening = /^(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (opening) {
      if (lines.length > 0) break;
      fence = opening[1]!;
      continue;
    }
    if (line === '') {
      if (lines.length > 0) break;
      continue;
    }
    // Headings, tables, rules and block HTML are not prose to quote.
    if (/^(#{1,6}(\s|$)|\||[-*_](\s*[-*_]){2,}\s*$|<)/.test(line)) {
      if (lines.length > 0) break;
      continue;
    }
    lines.push(line.replace(/^(>\s*)+/, '').replace(/^([-*+]|\d+[.)])\s+/, ''));
  }
  const plain = lines
    .join(' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .trim();
  if (plain === '') return null;
  if (plain.length <= EXCERPT_LENGTH) return plain;
  const cut = plain.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
