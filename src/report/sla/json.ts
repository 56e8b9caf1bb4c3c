import type { TicketStory } from '../../sla/explain.js';
import { reportClocks, type ClockRow, type SlaReport } from '../../sla/report.js';
import type { SlaStatus } from '../../sla/status.js';

/**
 * The machine-readable format of `sla report`, `sla status` and `sla explain`. The result types are the documented,
 * versioned shape (`version: 1`), so they are printed as they are, never reshaped: instants ISO 8601 UTC, durations
 * business minutes, `null` for what does not exist.
 */
export function formatSlaJson(result: SlaReport | SlaStatus | TicketStory): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Rows stringified together: about 1.5 MB of text each, large enough to write fast, small enough not to matter. */
const ROWS_PER_PIECE = 2000;

const WRAP_OPEN = '{\n  "tickets": [';
const WRAP_CLOSE = '\n  ]\n}';

/**
 * `sla report --format json` in pieces: the same bytes as `formatSlaJson(report)`, but the clock rows, which are nearly
 * all of a large report (hundreds of MB for a year of 100,000 tickets), are built and stringified a few thousand at a
 * time (`reportClocks`), so that neither the whole text nor every row object sits in memory at once. Each batch is
 * stringified inside a `{ tickets }` wrapper, which gives its rows the indentation they have in the whole report;
 * `tickets` is the report's last key.
 */
export function* slaReportJsonChunks(report: SlaReport): Generator<string, void, undefined> {
  // Every key but `tickets`, read one by one: reading `tickets` would build every row.
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(report) as (keyof SlaReport)[]) if (key !== 'tickets') rest[key] = report[key];
  const head = JSON.stringify(rest, null, 2).slice(0, -2); // without the closing "\n}"
  const clocks = reportClocks(report);
  if (clocks.length === 0) {
    yield `${head},\n  "tickets": []\n}\n`;
    return;
  }
  yield `${head},\n  "tickets": [`;
  let batch: ClockRow[] = [];
  let first = true;
  const piece = () => {
    const text = JSON.stringify({ tickets: batch }, null, 2);
    const separator = first ? '' : ',';
    first = false;
    batch = [];
    return `${separator}${text.slice(WRAP_OPEN.length, -WRAP_CLOSE.length)}`;
  };
  for (const row of clocks) {
    batch.push(row);
    if (batch.length === ROWS_PER_PIECE) yield piece();
  }
  if (batch.length > 0) yield piece();
  yield '\n  ]\n}\n';
}
