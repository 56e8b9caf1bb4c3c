import { CalendarDocument } from './calendar.js';
import { ConfigDocument } from './config.js';
import { ConsumerDocument } from './consumer.js';
import { GroupDocument } from './group.js';
import { WrittenServiceDocument } from './service.js';
import { SlaDocument } from './sla.js';
import { TicketDocument } from './ticket.js';
import { UsageDocument } from './usage.js';
import { ChangeTemplateDocument } from './change-template.js';
import { ArticleDocument } from './article.js';
import { ImprovementDocument } from './improvement.js';

export * from './primitives.js';
export * from './envelope.js';
export * from './timezone.js';
export * from './config.js';
export * from './calendar.js';
export * from './service.js';
export * from './sla.js';
export * from './consumer.js';
export * from './group.js';
export * from './ticket.js';
export * from './ticket-type.js';
export * from './usage.js';
export * from './change.js';
export * from './change-template.js';
export * from './article.js';
export * from './improvement.js';
export * from './backstage.js';

/** Every kind, by its `kind` value. The order is the order the kinds are documented and schemas generated. */
export const KIND_SCHEMAS = {
  Config: ConfigDocument,
  Calendar: CalendarDocument,
  Service: WrittenServiceDocument,
  SLA: SlaDocument,
  Consumer: ConsumerDocument,
  Group: GroupDocument,
  Ticket: TicketDocument,
  Usage: UsageDocument,
  ChangeTemplate: ChangeTemplateDocument,
  Article: ArticleDocument,
  Improvement: ImprovementDocument,
} as const;

export type Kind = keyof typeof KIND_SCHEMAS;
export const KINDS = Object.keys(KIND_SCHEMAS) as Kind[];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.hasOwn(KIND_SCHEMAS, value);
}
