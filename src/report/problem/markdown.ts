import type { ProblemReport, ProblemRow } from '../../practices/problem/report.js';
import type { ProblemSuggestions } from '../../practices/problem/suggest.js';
import { escapeText, heading, table, wrap } from '../markdown-blocks.js';
import { localInstant, NONE, plural } from '../sla/shared.js';
import { ageText, elapsedText, stateCount, STATE_WORDS, ticketsText, windowText, type ProblemFormatOptions } from './shared.js';

/**
 * `itsm problem report --format markdown`: the same sections as the text, for a problem review. Written to pass
 * markdownlint's default rules as a file of its own (an H1 first; tables tight, prose wrapped at 80 columns).
 */
export function formatProblemReportMarkdown(report: ProblemReport, options: ProblemFormatOptions = {}): string {
  const zone = options.timeZone ?? report.timeZone;
  const blocks: string[] = [
    heading('#', `Problems as of ${localInstant(zone, report.asOf)}`),
    wrap(escapeText(report.states.map((s) => stateCount(s.state, s.count)).join(' · '))),
    heading('##', 'Open problems by age'),
    table(['age', 'open problems'], ['left', 'right'], report.ageBands.map((b) => [b.band, String(b.count)])),
  ];
  if (report.open.length > 0) blocks.push(problemTable(report.open));

  blocks.push(heading('##', 'Known errors'));
  if (report.knownErrors.length === 0) blocks.push('None.');
  for (const k of report.knownErrors) {
    blocks.push(heading('###', `${k.problem} — ${k.title}`));
    const items = [
      `Workaround (documented ${localInstant(zone, k.documented)}): ${k.workaround}`,
      `Services: ${k.services.join(', ')}`,
      ...(k.rootCause === null ? [] : [`Root cause: ${k.rootCause}`]),
      k.articles.length === 0 ? 'Articles: none' : `Articles: ${k.articles.map((a) => `${a.title} (${a.file})`).join('; ')}`,
    ];
    blocks.push(items.map((item) => listItem(item)).join('\n'));
  }

  blocks.push(heading('##', 'Incidents and downtime per problem'));
  blocks.push(
    report.impact.length === 0
      ? 'No problem explains an incident.'
      : table(
          ['problem', 'title', 'state', 'incidents', 'down', 'degraded'],
          ['left', 'left', 'left', 'right', 'right', 'right'],
          report.impact.map((r) => [r.problem, r.title, STATE_WORDS[r.state], String(r.incidents.length), elapsedText(r.downMs), elapsedText(r.degradedMs)]),
        ),
  );
  if (report.impact.length > 0 && report.withoutIncidents > 0) blocks.push(wrap(`${plural(report.withoutIncidents, 'problem')} explain${report.withoutIncidents === 1 ? 's' : ''} no incident.`));
  blocks.push(heading('##', 'Open problems without an owner'));
  blocks.push(report.withoutOwner.length === 0 ? 'None.' : problemTable(report.withoutOwner));
  return `${blocks.join('\n\n')}\n`;
}

/** A list item, its text wrapped at 80 columns with the continuation lines indented under it. */
function listItem(text: string): string {
  return wrap(escapeText(text))
    .split('\n')
    .map((line, k) => (k === 0 ? `- ${line}` : `  ${line}`))
    .join('\n');
}

function problemTable(rows: readonly ProblemRow[]): string {
  return table(
    ['problem', 'title', 'service', 'state', 'age', 'owner', 'group'],
    ['left', 'left', 'left', 'left', 'right', 'left', 'left'],
    rows.map((r) => [r.problem, r.title, r.service, STATE_WORDS[r.state], ageText(r.ageDays), r.owner ?? NONE, r.group ?? NONE]),
  );
}

/** `itsm problem suggest --format markdown`. */
export function formatProblemSuggestionsMarkdown(result: ProblemSuggestions, options: ProblemFormatOptions = {}): string {
  const zone = options.timeZone ?? 'UTC';
  const rule = `${plural(result.incidents, 'incident')} without a problem${result.since === null ? '' : ` opened since ${localInstant(zone, result.since)}`}; a candidate recurs at least ${result.min} times within ${windowText(result.windowMs)} on one service with one category.`;
  const blocks = [heading('#', 'Candidates for problem management'), wrap(escapeText(rule))];
  blocks.push(
    result.candidates.length === 0
      ? 'No recurring incidents.'
      : table(
          ['service', 'category', 'count', 'first', 'last', 'tickets'],
          ['left', 'left', 'right', 'left', 'left', 'left'],
          result.candidates.map((c) => [
            c.service,
            c.categoryFrom === 'label' ? `${c.category} (label)` : c.category,
            String(c.count),
            localInstant(zone, c.first),
            localInstant(zone, c.last),
            ticketsText(c.tickets),
          ]),
        ),
  );
  return `${blocks.join('\n\n')}\n`;
}
