import { z } from 'zod';
import { envelope } from './envelope.js';
import { Id, LocalDate } from './primitives.js';

/** Who may read an article: customers see it in the published catalog, internal articles stay with the service desk. */
export const Audience = z.enum(['customer', 'internal']);
export type Audience = z.infer<typeof Audience>;

/** A knowledge article: the front matter of a Markdown file; the body is the Markdown after it. */
export const ArticleSpec = z.strictObject({
  title: z.string().min(1),
  services: z.array(Id).optional().meta({ description: 'Ids of the services the article is about.' }),
  problems: z.array(Id).optional().meta({ description: 'Ids of the problem tickets the article documents (a known error’s workaround).' }),
  audience: Audience,
  owner: z.string().min(1).meta({ description: 'Who keeps the article true.' }),
  reviewBy: LocalDate.meta({ description: 'The date by which the article is reviewed next; past it, validate warns.' }),
});
export type ArticleSpec = z.infer<typeof ArticleSpec>;

export const ArticleDocument = envelope('Article', ArticleSpec);
export type ArticleDocument = z.infer<typeof ArticleDocument>;
