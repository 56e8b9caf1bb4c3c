import type { TicketStory } from '../../sla/explain.js';
import type { SlaReport } from '../../sla/report.js';
import type { SlaStatus } from '../../sla/status.js';

/**
 * The machine-readable format of `sla report`, `sla status` and `sla explain`. The result types are the documented,
 * versioned shape (`version: 1`), so they are printed as they are, never reshaped: instants ISO 8601 UTC, durations
 * business minutes, `null` for what does not exist.
 */
export function formatSlaJson(result: SlaReport | SlaStatus | TicketStory): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
