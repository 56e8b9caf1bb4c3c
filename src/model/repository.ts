import type { CalendarDocument, Holiday } from './calendar.js';
import type { ChangePolicy, PriorityDefinition, StatusDefinition } from './config.js';
import type { ArticleDocument } from './article.js';
import type { ChangeTemplateDocument } from './change-template.js';
import type { ImprovementDocument } from './improvement.js';
import type { ConsumerDocument } from './consumer.js';
import type { GroupDocument } from './group.js';
import type { ServiceDocument } from './service.js';
import type { SlaDocument } from './sla.js';
import type { TicketDocument } from './ticket.js';
import type { UsageRecord } from './usage.js';
import type { BackstageEntity } from './backstage.js';

/** Where a document (or a CSV row) came from, so that every later finding can point back at it. */
export interface SourceRef {
  file: string;
  /** 0-based document index in a YAML file. */
  document: number;
  /** Path of this item inside the document, when the item is part of one (a usage record in a Usage document). */
  path?: (string | number)[];
  /** 1-based line, when known without re-parsing (CSV rows). */
  line?: number;
  /** 1-based column of each field of a CSV row. */
  columns?: Readonly<Record<string, number>>;
}

export interface Entity<D> {
  source: SourceRef;
  doc: D;
}

/** The organisation's settings with defaults applied. */
export interface ResolvedConfig {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  exclude: string[];
  priorities: PriorityDefinition[];
  statuses: StatusDefinition[];
  /** Freeze periods and approval policy; empty lists when the Config says nothing. */
  change: { freezes: NonNullable<ChangePolicy['freezes']>; approvals: NonNullable<ChangePolicy['approvals']> };
}

/** A knowledge article: its front matter, and the Markdown after it. */
export interface Article extends Entity<ArticleDocument> {
  /** The Markdown after the front matter. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
}

/** The holidays an iCalendar file of the repository gives (a calendar's `holidaysFrom`), its recurrences expanded. */
export interface HolidayFileContent {
  /** One per date, sorted by date, within the dates itsm computes. */
  holidays: Holiday[];
  /** The years the file writes out (its one-off dates, the first year of each open-ended rule), for exports. */
  years?: { first: number; last: number };
}

/** Everything a repository holds, after the schema pass: each document is known to have the shape of its kind. */
export interface Repository {
  config: ResolvedConfig;
  configSource?: SourceRef;
  calendars: Entity<CalendarDocument>[];
  services: Entity<ServiceDocument>[];
  slas: Entity<SlaDocument>[];
  consumers: Entity<ConsumerDocument>[];
  groups: Entity<GroupDocument>[];
  tickets: Entity<TicketDocument>[];
  usage: Entity<UsageRecord>[];
  changeTemplates: Entity<ChangeTemplateDocument>[];
  /** Knowledge articles, from Markdown files whose front matter is an itsm document. */
  articles: Article[];
  /** The continual improvement register. */
  improvements: Entity<ImprovementDocument>[];
  /** Backstage entities kept beside the itsm documents (catalog-info.yaml): not itsm's, read for the services they describe. */
  backstage: Entity<BackstageEntity>[];
  /** The iCalendar files that calendars take holidays from, by repository-relative path (read by the loader). */
  holidayFiles: ReadonlyMap<string, HolidayFileContent>;
}
