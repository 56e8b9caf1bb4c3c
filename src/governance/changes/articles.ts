import type { ArticleDocument } from '../../model/article.js';
import type { Article, Entity } from '../../model/repository.js';
import type { ChangeDetail } from '../changes.js';
import type { KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { listChanges, scalarChange } from './words.js';

/** An article as the describer compares it: its front matter and its Markdown text. */
export type ArticleText = ArticleDocument & { body: string };

/** The articles of a revision with their text, for entityChanges (the text is not part of the document). */
export function articleEntities(articles: readonly Article[]): Entity<ArticleText>[] {
  return articles.map((a) => ({ source: a.source, doc: { ...a.doc, body: a.body } }));
}

/**
 * Knowledge articles (docs/format.md, "Article"): who may read them, what they are about, who keeps them and by when,
 * and whether their text changed (said, not shown: the diff of the text is git's).
 */
export const articles: KindDescriber<ArticleText> = {
  kind: 'Article',
  changed(before, after) {
    const b = before.spec;
    const a = after.spec;
    const details: ChangeDetail[] = [
      ...metadataChanges(before.metadata, after.metadata),
      ...scalarChange('title', 'title', b.title, a.title),
      ...scalarChange('audience', 'audience', b.audience, a.audience),
      ...listChanges('services', 'service', b.services, a.services),
      ...listChanges('problems', 'problem', b.problems, a.problems),
      ...scalarChange('owner', 'owner', b.owner, a.owner),
      ...scalarChange('reviewBy', 'review by', b.reviewBy, a.reviewBy),
    ];
    if (before.body.trim() !== after.body.trim()) details.push({ field: 'text', before: null, after: null, text: 'text changed' });
    return details;
  },
  added(doc) {
    const about = doc.spec.services === undefined || doc.spec.services.length === 0 ? [] : [`about ${doc.spec.services.join(', ')}`];
    const parts = [`${doc.spec.audience}`, ...about, `review by ${doc.spec.reviewBy}`];
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${parts.join(', ')})` }];
  },
  removed() {
    // Links to it from other articles are what validate reports (article-link); no definition names an article.
    return [];
  },
};
