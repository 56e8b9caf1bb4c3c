import type { ChangeCalendar, ChangeImpact, ChangeReport } from '../../practices/change/index.js';

/** The JSON of `itsm change impact|calendar|report`: the result as it is, documented field by field in docs/change.md. */
export function formatChangeJson(result: ChangeImpact | ChangeCalendar | ChangeReport): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
