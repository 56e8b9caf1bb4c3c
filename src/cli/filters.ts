import { UsageError } from '../errors.js';
import { TICKET_TYPES } from '../model/ticket-types.js';
import type { Repository } from '../model/repository.js';
import type { SlaFilters } from '../sla/report.js';

/** The filter options shared by `sla report`, `sla status` and `export tickets`. */
export interface FilterOptions {
  service?: string[];
  consumer?: string[];
  sla?: string[];
  type?: string[];
  priority?: string[];
  group?: string[];
}

/** Filters name ids; an id that does not exist is a usage error rather than an empty result that looks like good news. */
export function filtersOf(options: FilterOptions, repository: Repository): SlaFilters {
  const check = (flag: string, values: string[] | undefined, known: Iterable<string>): string[] | undefined => {
    if (values === undefined) return undefined;
    const set = new Set(known);
    for (const v of values) if (!set.has(v)) throw new UsageError(`--${flag}: no ${flag} "${v}" (known: ${[...set].slice(0, 12).join(', ')}${set.size > 12 ? ', …' : ''})`);
    return values;
  };
  const filters: SlaFilters = {};
  const service = check('service', options.service, repository.services.map((s) => s.doc.metadata.id));
  const consumer = check('consumer', options.consumer, repository.consumers.map((c) => c.doc.metadata.id));
  const sla = check('sla', options.sla, repository.slas.map((s) => s.doc.metadata.id));
  const type = check('type', options.type, TICKET_TYPES);
  const priority = check('priority', options.priority, repository.config.priorities.map((p) => p.id));
  const group = check('group', options.group, repository.groups.map((g) => g.doc.metadata.id));
  if (service) filters.service = service;
  if (consumer) filters.consumer = consumer;
  if (sla) filters.sla = sla;
  if (type) filters.type = type;
  if (priority) filters.priority = priority;
  if (group) filters.group = group;
  return filters;
}
