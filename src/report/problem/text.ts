import type { ProblemReport, ProblemRow } from '../../practices/problem/report.js';
import type { ProblemSuggestions } from '../../practices/problem/suggest.js';
import { localInstant, NONE, painter, plural } from '../sla/shared.js';
import { boxTable, type Column } from '../table.js';
import { prose } from '../terminal-text.js';
import { ageText, elapsedText, stateCount, STATE_WORDS, ticketsText, windowText, type ProblemFormatOptions } from './shared.js';

/**
 * The human format of `itsm problem report`: the states, the open problems by age, the known errors with their
 * workarounds, services and articles, the incidents and downtime per problem, and the problems nobody owns. Tables
 * fit the width (src/report/table.ts): titles are cut first, then the group and owner columns go.
 */
export function formatProblemReportText(report: ProblemReport, options: ProblemFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? report.timeZone;
  const t = { chalk, ...(options.width !== undefined ? { width: options.width } : {}) };
  const head = (text: string) => prose(text, options.width, chalk.bold);
  const blocks: string[] = [
    `${head(`Problems as of ${localInstant(zone, report.asOf)}`)}\n${prose(report.states.map((s) => stateCount(s.state, s.count)).join(' · '), options.width, chalk.dim)}`,
  ];

  const bands = boxTable(
    [{ head: 'age', max: 20 }, { head: 'open problems', shortHead: 'open', align: 'right' }],
    report.ageBands.map((b) => [b.band, String(b.count)]),
    t,
  );
  blocks.push(`${head('Open problems by age')}\n${bands}${report.open.length === 0 ? '' : `\n${problemTable(report.open, t)}`}`);

  const known = report.knownErrors.map((k) => {
    const lines = [
      prose(`${k.problem} — ${k.title}`, options.width, chalk.bold),
      prose(`workaround (documented ${localInstant(zone, k.documented)}): ${k.workaround}`, options.width, undefined, '  ', '    '),
      prose(`services: ${k.services.join(', ')}`, options.width, undefined, '  ', '    '),
    ];
    if (k.rootCause !== null) lines.push(prose(`root cause: ${k.rootCause}`, options.width, undefined, '  ', '    '));
    lines.push(prose(k.articles.length === 0 ? 'articles: none' : `articles: ${k.articles.map((a) => `${a.title} (${a.file})`).join('; ')}`, options.width, undefined, '  ', '    '));
    return lines.join('\n');
  });
  blocks.push(`${head('Known errors')}\n${known.length === 0 ? 'None.' : known.join('\n\n')}`);

  const impact = boxTable(
    [
      { head: 'problem', max: 24 },
      { head: 'title', min: 10, max: 50, drop: 2 },
      { head: 'state', max: 20 },
      { head: 'incidents', shortHead: 'inc', align: 'right' },
      { head: 'down', align: 'right' },
      { head: 'degraded', shortHead: 'degr', align: 'right', drop: 1 },
    ],
    report.impact.map((r) => [r.problem, r.title, STATE_WORDS[r.state], String(r.incidents.length), elapsedText(r.downMs), elapsedText(r.degradedMs)]),
    t,
  );
  const none = report.withoutIncidents === 0 ? '' : `${plural(report.withoutIncidents, 'problem')} explain${report.withoutIncidents === 1 ? 's' : ''} no incident.`;
  const impactText = report.impact.length === 0 ? 'No problem explains an incident.' : none === '' ? impact : `${impact}\n${prose(none, options.width)}`;
  blocks.push(`${head('Incidents and downtime per problem')}\n${impactText}`);

  blocks.push(`${head('Open problems without an owner')}\n${report.withoutOwner.length === 0 ? 'None.' : problemTable(report.withoutOwner, t)}`);
  return `${blocks.join('\n\n')}\n`;
}

function problemTable(rows: readonly ProblemRow[], t: { chalk: ReturnType<typeof painter>; width?: number }): string {
  const columns: Column[] = [
    { head: 'problem', max: 24 },
    { head: 'title', min: 10, max: 50 },
    { head: 'service', max: 24, drop: 3 },
    { head: 'state', max: 20 },
    { head: 'age', align: 'right' },
    { head: 'owner', min: 6, max: 24, drop: 2 },
    { head: 'group', min: 6, max: 24, drop: 1 },
  ];
  return boxTable(columns, rows.map((r) => [r.problem, r.title, r.service, STATE_WORDS[r.state], ageText(r.ageDays), r.owner ?? NONE, r.group ?? NONE]), t);
}

/** The human format of `itsm problem suggest`: what was looked at, then one row per candidate and its tickets. */
export function formatProblemSuggestionsText(result: ProblemSuggestions, options: ProblemFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone;
  const rule = `${plural(result.incidents, 'incident')} without a problem${result.since === null ? '' : ` opened since ${localInstant(zone ?? 'UTC', result.since)}`}; a candidate recurs at least ${result.min} times within ${windowText(result.windowMs)} on one service with one category`;
  const lines = [prose('Candidates for problem management', options.width, chalk.bold), prose(rule, options.width, chalk.dim)];
  if (result.candidates.length === 0) return `${lines.join('\n')}\n\nNo recurring incidents.\n`;
  const table = boxTable(
    [
      { head: 'service', max: 24 },
      { head: 'category', min: 10, max: 40 },
      { head: 'count', shortHead: 'n', align: 'right' },
      { head: 'first', drop: 2 },
      { head: 'last', drop: 1 },
      { head: 'tickets', min: 10 },
    ],
    result.candidates.map((c) => [
      c.service,
      c.categoryFrom === 'label' ? `${c.category} (label)` : c.category,
      String(c.count),
      localInstant(zone ?? 'UTC', c.first),
      localInstant(zone ?? 'UTC', c.last),
      ticketsText(c.tickets),
    ]),
    { chalk, ...(options.width !== undefined ? { width: options.width } : {}) },
  );
  return `${lines.join('\n')}\n\n${table}\n`;
}

