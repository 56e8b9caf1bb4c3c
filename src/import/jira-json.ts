import { DataError } from '../errors.js';
import { isoOf } from './dates.js';
import type { TicketType } from '../model/ticket-type.js';
import { finishTicket, isId, type DraftEvent, type Stamp, type StatusSemantics, type TicketDraft } from './csv-mapped-ticket.js';
import { resolveConsumer, resolvePriority, resolveService, resolveStatus, resolveType, type Complaint, type Resolved, type ValueMaps } from './csv-mapped-values.js';
import { isMissing } from './dates.js';
import { unmappedGroupMessage, type GroupResolver } from './groups.js';
import { JIRA_SOURCE_LABEL } from './jira-defaults.js';
import { jiraChangeOf, jiraLinkOf } from './jira-practice.js';
import type { AdapterItem, ImportedTicket, ImportProblem, TicketLink } from './types.js';

/**
 * Jira Service Management issues as its REST API returns them (`GET /rest/api/2/search?expand=changelog`, or
 * `/rest/api/3/…`): `{ issues: [ { key, fields, changelog: { histories } } ] }`, or an array of such pages. The timeline
 * is rebuilt from the status and priority transitions of the changelog. Pure: the caller reads the file.
 *
 * The file is parsed whole (JSON has no rows to stream; the API returns pages of at most a few hundred issues, and a
 * year of pages is tens of megabytes), then each issue is converted on its own, so memory is the parsed JSON plus one
 * ticket. Problems carry the 1-based line on which the issue's object starts, found by a single scan of the text.
 */
export interface JiraJsonOptions {
  maps: ValueMaps;
  semantics: StatusSemantics;
  /** Which field names the service: "Component/s" (the default), "Labels", a custom field's id or its name. */
  serviceColumn: string;
  consumerColumn?: string;
  /**
   * The field that names the assignment group (a mapping file's `group.column`: a custom field such as "Team", or
   * "Component/s"), and the resolver of its values to group ids; no groups without it. Jira has no assignment group of
   * its own.
   */
  group?: { column: string; resolver: GroupResolver };
  /** Called once per import with what the reader of the summary should know (e.g. issues without a changelog). */
  notice?: (message: string) => void;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function own(object: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function nameOf(value: Json | undefined): string | undefined {
  return isObject(value) ? text(value.name) : text(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Jira timestamps: 2026-10-05T14:02:11.123+0200 (an offset without a colon, as Java's SimpleDateFormat writes "Z").

const JIRA_INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * A Jira timestamp as an ISO 8601 instant in UTC, as every importer writes them, to the second: Jira stores
 * milliseconds but no SLA is measured in them, and truncation keeps the order of any two instants. (The offset Jira
 * writes is the exporting user's zone, which says nothing about the ticket.)
 */
export function parseJiraInstant(value: string): Stamp | undefined {
  const m = JIRA_INSTANT_RE.exec(value.trim());
  if (!m) return undefined;
  const [, date, hh, mm, ss = '00', zone] = m as unknown as [string, string, string, string, string | undefined, string];
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2, 4) || '0');
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, Number(hh), Number(mm), Number(ss));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const ms = wall - offsetMinutes * 60_000;
  return { ms, at: isoOf(ms) };
}

// ---------------------------------------------------------------------------------------------------------------
// Where each issue is in the text.

export interface IssueLines {
  /** Lines (first, last) of the objects in `issues` arrays (of the root object, or of the pages of a root array), in order. */
  issues: Array<{ first: number; last: number }>;
  /** Lines of the elements of a root array (pages or issues), in order. */
  rootItems: Array<{ first: number; last: number }>;
}

interface Frame {
  array: boolean;
  /** An array that holds issues. */
  issues: boolean;
  key: string | undefined;
  expectKey: boolean;
  span?: { first: number; last: number };
}

/**
 * One pass over valid JSON text that records on which lines each issue object starts and ends: strings are skipped
 * whole, so braces inside summaries cannot confuse it. Linear in the text and allocates one entry per issue.
 */
export function scanIssueLines(source: string): IssueLines {
  const out: IssueLines = { issues: [], rootItems: [] };
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 0x0a) {
      line++;
    } else if (ch === 0x22 /* " */) {
      let end = i + 1;
      for (;;) {
        end = source.indexOf('"', end);
        if (end < 0) return out; // unterminated: not valid JSON, which the parser has already refused
        let backslashes = 0;
        for (let k = end - 1; source.charCodeAt(k) === 0x5c; k--) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      const top = stack.at(-1);
      if (top && !top.array && top.expectKey) {
        const raw = source.slice(i + 1, end);
        top.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        top.expectKey = false;
      }
      i = end;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      const parent = stack.at(-1);
      const frame: Frame = { array: ch === 0x5b, issues: false, key: undefined, expectKey: ch === 0x7b };
      if (parent?.array && (parent.issues || stack.length === 1)) {
        frame.span = { first: line, last: line };
        (parent.issues ? out.issues : out.rootItems).push(frame.span);
      }
      if (frame.array && parent && !parent.array && parent.key === 'issues') {
        // The root object's "issues", or a page's in a root array; never a field deeper down.
        frame.issues = stack.length === 1 || (stack.length === 2 && stack[0]!.array);
      }
      stack.push(frame);
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      const frame = stack.pop();
      if (frame?.span) frame.span.last = line;
    } else if (ch === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top && !top.array) top.expectKey = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The adapter.

interface Located {
  issue: Json;
  lines: { first: number; last: number };
  /** The `names` of the page (field id → display name), with `expand=names`. */
  names: JsonObject | undefined;
}

/** Finds the issues of a search result, or of an array of pages or issues. DataError for any other shape. */
function locateIssues(root: Json, lines: IssueLines): Located[] {
  const found: Located[] = [];
  let nextIssueLine = 0;
  const fromPage = (page: JsonObject) => {
    const names = isObject(page.names) ? page.names : undefined;
    for (const issue of page.issues as Json[]) {
      found.push({ issue, lines: lines.issues[nextIssueLine++] ?? { first: 0, last: 0 }, names });
    }
  };
  if (isObject(root) && Array.isArray(root.issues)) {
    fromPage(root);
    return found;
  }
  if (Array.isArray(root)) {
    root.forEach((item, index) => {
      if (isObject(item) && Array.isArray(item.issues)) fromPage(item);
      else found.push({ issue: item, lines: lines.rootItems[index] ?? { first: 0, last: 0 }, names: undefined });
    });
    return found;
  }
  throw new DataError(
    'expected the JSON of Jira\'s search API (an object with an "issues" array, from /rest/api/2/search?expand=changelog), or an array of such pages',
  );
}

/**
 * Where a JSON.parse error is, as line:col. V8 gives a position for some errors only ("Unexpected token" has none),
 * so the text is checked by a small recognizer that stops at the first character that cannot continue it.
 */
function jsonErrorMessage(source: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  const position = firstJsonError(source);
  if (position === undefined) return `not valid JSON: ${message}`;
  const before = source.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${line}:${column}: not valid JSON: ${message}`;
}

/** The offset of the first character at which `text` stops being JSON (RFC 8259), or undefined. */
export function firstJsonError(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const space = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= n) fail();
      const ch = text.charCodeAt(i);
      if (ch === 0x22) return void i++;
      if (ch < 0x20) fail();
      if (ch === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (i < n && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail();
  };
  try {
    value(0);
    space();
    if (i < n) fail();
    return undefined;
  } catch (stop) {
    if (stop instanceof JsonStop) return stop.at;
    return undefined; // a stack overflow on absurd nesting: no position then
  }
}

class JsonStop {
  constructor(readonly at: number) {}
}

/**
 * Yields, for each issue, its problems, its ticket (unless it had to be skipped) and `{ rows: 1 }`. An issue that
 * appears more than once (overlapping pages) is imported once: the copy updated last, the first of equals.
 */
export function* jiraJsonItems(source: string, options: JiraJsonOptions): Generator<AdapterItem> {
  const json = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let root: Json;
  try {
    root = JSON.parse(json) as Json;
  } catch (error) {
    throw new DataError(jsonErrorMessage(json, error));
  }
  const located = locateIssues(root, scanIssueLines(json));
  const keep = chooseCopies(located);
  let withoutChangelog = 0;
  for (let index = 0; index < located.length; index++) {
    const { issue, lines, names } = located[index]!;
    const key = isObject(issue) ? text(issue.key) : undefined;
    const chosen = key === undefined ? index : keep.get(key);
    if (chosen !== index && key !== undefined && chosen !== undefined) {
      const kept = located[chosen]!.lines.first;
      yield { problem: { line: lines.first, kind: 'duplicate-row', skipped: true, ticket: key, message: `issue ${key} appears again; the copy updated last (line ${kept}) is imported` } };
      yield { rows: 1 };
      continue;
    }
    const { draft, problems } = issueToDraft(issue, lines, names, options);
    if (draft) {
      if (isObject(issue) && !isObject(issue.changelog)) withoutChangelog++;
      const finished = finishTicket(draft, options.semantics);
      for (const problem of [...problems, ...finished.problems]) yield { problem };
      if (finished.ticket) yield { ticket: finished.ticket };
    } else {
      for (const problem of problems) yield { problem };
    }
    yield { rows: 1 };
  }
  const groups = options.group?.resolver.seen() ?? [];
  if (groups.length > 0) yield { groups };
  if (withoutChangelog > 0) {
    options.notice?.(
      `${withoutChangelog} issue(s) came without a changelog (fetch them with expand=changelog): their timelines hold only the resolution and the current status`,
    );
  }
}

/** For each key, the index of the copy to import: the latest `fields.updated`, the first among equals. */
function chooseCopies(located: readonly Located[]): Map<string, number> {
  const best = new Map<string, { index: number; updated: number }>();
  located.forEach(({ issue }, index) => {
    if (!isObject(issue)) return;
    const key = text(issue.key);
    if (key === undefined) return;
    const updatedText = isObject(issue.fields) ? text(issue.fields.updated) : undefined;
    const updated = (updatedText === undefined ? undefined : parseJiraInstant(updatedText)?.ms) ?? -Infinity;
    const current = best.get(key);
    if (current === undefined || updated > current.updated) best.set(key, { index, updated });
  });
  return new Map([...best].map(([key, { index }]) => [key, index]));
}

// Column names of Jira's CSV export and UI, for the fields the JSON names differently.
const FIELD_IDS: Readonly<Record<string, string>> = {
  'component/s': 'components',
  components: 'components',
  component: 'components',
  labels: 'labels',
  reporter: 'reporter',
  assignee: 'assignee',
  creator: 'creator',
  project: 'project',
  'issue type': 'issuetype',
  priority: 'priority',
  status: 'status',
  'fix version/s': 'fixVersions',
  'affects version/s': 'versions',
};

/** The text values of a field named as in the CSV export or the UI, by its id, or by its name in `names`. */
export function fieldValues(fields: JsonObject, column: string, names: JsonObject | undefined): string[] {
  const folded = column.trim().toLowerCase();
  const custom = /^custom field \((.+)\)$/i.exec(column.trim());
  const wanted = custom ? custom[1]!.toLowerCase() : folded;
  let id: string | undefined = Object.hasOwn(fields, column) ? column : FIELD_IDS[folded];
  if (id === undefined && names) {
    id = Object.keys(names).find((fieldId) => text(names[fieldId])?.toLowerCase() === wanted);
  }
  return id === undefined ? [] : textValues(fields[id]);
}

/** Components, labels, users, select lists and JSM's request type all reduce to their names. */
function textValues(value: Json | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(textValues);
  if (isObject(value)) {
    if ('requestType' in value) return textValues(value.requestType);
    const name = text(value.name) ?? text(value.value) ?? text(value.displayName) ?? text(value.key);
    return name === undefined ? [] : [name];
  }
  const t = text(value) ?? (typeof value === 'boolean' ? String(value) : undefined);
  return t === undefined || t === '' ? [] : [t];
}

function actorOf(author: Json | undefined): string | undefined {
  if (!isObject(author)) return undefined;
  return text(author.displayName) ?? text(author.name) ?? text(author.emailAddress) ?? text(author.accountId);
}

interface Transition {
  ms: number;
  at: string;
  actor: string | undefined;
  status?: { from: string | undefined; to: string | undefined };
  priority?: { from: string | undefined; to: string | undefined };
  group?: { from: string | undefined; to: string | undefined };
  assignee?: { from: string | undefined; to: string | undefined };
}

/**
 * Whether a changelog item changes the field `column` names. The changelog names a field by its display name
 * (`field`: "Team", "Component") and, for custom fields, its id (`fieldId`: "customfield_10010").
 */
function changesField(item: JsonObject, column: string, names: JsonObject | undefined): boolean {
  const folded = column.trim().toLowerCase();
  const custom = /^custom field \((.+)\)$/i.exec(column.trim());
  const wanted = custom ? custom[1]!.toLowerCase() : folded;
  const field = text(item.field)?.toLowerCase();
  const fieldId = text(item.fieldId);
  const id = FIELD_IDS[folded] ?? (names ? Object.keys(names).find((k) => text(names[k])?.toLowerCase() === wanted) : undefined) ?? column.trim();
  if (fieldId !== undefined && fieldId === id) return true;
  // Jira's changelog says "Component" for the components field.
  return field !== undefined && (field === wanted || (id === 'components' && field === 'component'));
}

function issueToDraft(
  issue: Json,
  lines: { first: number; last: number },
  names: JsonObject | undefined,
  options: JiraJsonOptions,
): { draft?: TicketDraft; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const line = lines.first;
  const key = isObject(issue) ? text(issue.key) : undefined;
  const report = (complaint: Omit<Complaint, 'skip'> & { skip?: boolean }) => {
    // The same unknown status in a transition and as the current status is one problem.
    if (problems.some((p) => p.message === complaint.message)) return;
    const problem: ImportProblem = { line, kind: complaint.kind, skipped: complaint.skip ?? false, ...(key === undefined ? {} : { ticket: key }), message: complaint.message };
    // The initial status and the later ones are values of one field, Jira's status.
    if (complaint.unmapped) problem.unmapped = complaint.unmapped.field === 'status' ? { ...complaint.unmapped, column: 'status' } : complaint.unmapped;
    problems.push(problem);
  };
  const skip = (kind: ImportProblem['kind'], message: string) => {
    report({ kind, message, skip: true });
    return { problems };
  };
  const use = <T>(resolved: Resolved<T>): T | typeof SKIP => {
    if ('complaint' in resolved) {
      report(resolved.complaint);
      return resolved.complaint.skip ? SKIP : (undefined as T);
    }
    if (resolved.note) report(resolved.note);
    return resolved.value;
  };

  if (!isObject(issue)) return skip('invalid-ticket', 'expected an issue object');
  if (key === undefined || key.trim() === '') return skip('missing-field', 'the issue has no key; it is skipped');
  if (!isId(key)) return skip('invalid-ticket', `issue key "${key}" is not a valid id (letters, digits, ".", "_" or "-"); it is skipped`);
  const fields = isObject(issue.fields) ? issue.fields : undefined;
  if (fields === undefined) return skip('missing-field', 'the issue has no fields; it is skipped');

  const createdText = text(fields.created);
  if (createdText === undefined || createdText.trim() === '') return skip('missing-field', 'the issue has no created date; it is skipped');
  const opened = parseJiraInstant(createdText);
  if (opened === undefined) return skip('unparseable-date', `created "${createdText}" is not a Jira timestamp (2026-10-05T14:02:11.123+0200); the issue is skipped`);

  const type = use(resolveType(options.maps, nameOf(fields.issuetype), 'issue type'));
  const service = use(resolveService(options.maps, fieldValues(fields, options.serviceColumn, names), options.serviceColumn));
  if (type === SKIP || service === SKIP) return { problems };
  let consumer: string | undefined;
  if (options.consumerColumn !== undefined) {
    const resolved = use(resolveConsumer(options.maps, fieldValues(fields, options.consumerColumn, names), options.consumerColumn));
    consumer = resolved === SKIP ? undefined : resolved;
  }

  // Transitions in time order (the API lists histories oldest first, but pages fetched separately need not be).
  const transitions: Transition[] = [];
  const changelog = isObject(issue.changelog) ? issue.changelog : undefined;
  const histories = changelog && Array.isArray(changelog.histories) ? changelog.histories : [];
  for (const history of histories) {
    if (!isObject(history) || !Array.isArray(history.items)) continue;
    const t: Omit<Transition, 'ms' | 'at'> = { actor: actorOf(history.author) };
    for (const item of history.items) {
      if (!isObject(item)) continue;
      const field = text(item.field)?.toLowerCase();
      // `toString` is also every object's method: read the JSON's own property.
      const change = { from: text(own(item, 'fromString')), to: text(own(item, 'toString')) };
      if (field === 'status') t.status = change;
      else if (field === 'priority') t.priority = change;
      else if (field === 'assignee') t.assignee = change;
      if (options.group !== undefined && changesField(item, options.group.column, names)) t.group = change;
    }
    if (t.status === undefined && t.priority === undefined && t.group === undefined && t.assignee === undefined) continue;
    const createdAt = text(history.created);
    const when = createdAt === undefined ? undefined : parseJiraInstant(createdAt);
    if (when === undefined) {
      report({ kind: 'unparseable-date', message: `a changelog entry's date "${createdAt ?? ''}" is not a Jira timestamp; the change is left out` });
      continue;
    }
    transitions.push({ ...when, ...t });
  }
  transitions.sort((a, b) => a.ms - b.ms);
  const total = changelog ? Number(changelog.total) : NaN;
  if (Number.isFinite(total) && total > histories.length) {
    report({
      kind: 'missing-field',
      message: `the changelog holds ${histories.length} of ${total} entries (the search API cuts it short); fetch /rest/api/2/issue/${key}/changelog for a complete timeline`,
    });
  }

  // The opening priority: what the first priority change changed from, else the priority now.
  const firstPriority = transitions.find((t) => t.priority)?.priority;
  const priority = use(resolvePriority(options.maps, firstPriority ? firstPriority.from : nameOf(fields.priority), 'priority', true));
  if (priority === SKIP || priority === undefined) return { problems };

  // The group and the assignee at opening: what the first change of each changed from, else the value now.
  const groupId = (raw: string | undefined): string | undefined => {
    if (options.group === undefined) return undefined;
    const resolved = options.group.resolver.resolve(raw);
    if ('unmapped' in resolved) report({ kind: 'missing-field', message: unmappedGroupMessage(resolved.unmapped), unmapped: resolved.unmapped });
    return 'id' in resolved ? resolved.id : undefined;
  };
  const firstGroup = transitions.find((t) => t.group)?.group;
  const openingGroup = options.group === undefined ? undefined : groupId(firstGroup ? firstGroup.from : fieldValues(fields, options.group.column, names)[0]);
  const firstAssignee = transitions.find((t) => t.assignee)?.assignee;
  const openingAssignee = personOf(firstAssignee ? firstAssignee.from : actorOf(fields.assignee));

  const events: DraftEvent[] = [];
  const hasChangelog = changelog !== undefined && Array.isArray(changelog.histories);
  const firstStatus = transitions.find((t) => t.status)?.status;
  if (hasChangelog) {
    // The opening status: what the first status change changed from, else the status now. Every ticket starts in the
    // `new` status (docs/format.md); an opening status that is already waiting, resolved or cancelled is recorded at
    // the opening. An "active" one is not: JSM opens service requests in "Waiting for support", which is the agent's
    // turn but not yet a response, and recording it would stop the response clock the moment the request came in.
    const initial = use(resolveStatus(options.maps, firstStatus ? firstStatus.from : nameOf(fields.status), 'initial status'));
    if (typeof initial === 'string') {
      const category = options.semantics.category(initial);
      if (category !== undefined && category !== 'new' && category !== 'active') events.push({ ...opened, status: initial, line });
    }
  }
  for (const t of transitions) {
    const event: DraftEvent = { ms: t.ms, at: t.at, line };
    if (t.actor !== undefined) event.actor = t.actor;
    if (t.status) {
      const status = use(resolveStatus(options.maps, t.status.to, 'status'));
      if (typeof status === 'string') event.status = status;
    }
    if (t.priority) {
      const changed = use(resolvePriority(options.maps, t.priority.to, 'priority', false));
      if (typeof changed === 'string') event.priority = changed;
    }
    // An assignment to nobody (`toString` null) changes nothing: the format has no event that unassigns.
    if (t.group) {
      const id = groupId(t.group.to);
      if (id !== undefined) event.group = id;
    }
    if (t.assignee) {
      const person = personOf(t.assignee.to);
      if (person !== undefined) event.assignee = person;
    }
    if (event.status !== undefined || event.priority !== undefined || event.group !== undefined || event.assignee !== undefined) events.push(event);
  }

  const summary = text(fields.summary)?.trim();
  if (!summary) report({ kind: 'missing-field', message: 'the issue has no summary; its key is used as the title' });

  const draft: TicketDraft = {
    id: key,
    type: type as TicketType,
    title: summary || key,
    service: service as string,
    priority,
    opened,
    events,
    lines: { first: lines.first, last: lines.last, count: 1 },
    labels: { ...JIRA_SOURCE_LABEL },
  };
  if (consumer !== undefined) draft.consumer = consumer;
  const practice = practiceOf(fields, names, type as TicketType, options.maps, (message) => report({ kind: 'missing-field', message }));
  if (practice.change !== undefined || practice.maintenance !== undefined || practice.links !== undefined) draft.practice = practice;
  if (practice.links !== undefined) {
    for (const link of practice.links) link.annotation = `jira/${link.column}`;
    draft.annotations = { ...draft.annotations, ...linkAnnotations(practice.links) };
  }
  if (openingGroup !== undefined) draft.group = openingGroup;
  if (openingAssignee !== undefined) draft.assignee = openingAssignee;
  draft.assignmentFields = options.group === undefined ? ['assignee'] : ['group', 'assignee'];

  const resolutionText = text(fields.resolutiondate);
  if (resolutionText) {
    const resolved = parseJiraInstant(resolutionText);
    if (resolved) draft.resolved = { ...resolved, line };
    else report({ kind: 'unparseable-date', message: `resolution date "${resolutionText}" is not a Jira timestamp; it is left out` });
  }
  // The status now: without a changelog it is all there is (with the resolution date); with one it is checked
  // against where the transitions end, which differ when the API cut the changelog short.
  if (!hasChangelog || firstStatus !== undefined) {
    const current = use(resolveStatus(options.maps, nameOf(fields.status), 'status'));
    if (typeof current === 'string') {
      const sinceText = text(fields.statuscategorychangedate);
      const since = sinceText ? parseJiraInstant(sinceText) : undefined;
      draft.current = since ? { status: current, since, line } : { status: current, line };
    }
  }
  return { draft, problems };
}

const SKIP: unique symbol = Symbol('skip');

/** A change issue's change record and window, and an incident's links to the change and the problem behind it. */
function practiceOf(fields: JsonObject, names: JsonObject | undefined, type: TicketType, maps: ValueMaps, note: (message: string) => void): Pick<ImportedTicket, 'change' | 'maintenance' | 'links'> {
  const out: Pick<ImportedTicket, 'change' | 'maintenance' | 'links'> = {};
  if (type === 'change') {
    const get = (candidates: readonly string[]) => candidates.map((name) => fieldValues(fields, name, names)[0]).find((v) => v !== undefined && !isMissing(v));
    Object.assign(out, jiraChangeOf(get, parseJiraInstant, note));
  }
  const links: TicketLink[] = [];
  for (const item of Array.isArray(fields.issuelinks) ? fields.issuelinks : []) {
    if (!isObject(item)) continue;
    const linkType = isObject(item.type) ? item.type : {};
    const outward = isObject(item.outwardIssue) ? item.outwardIssue : undefined;
    const other = outward ?? (isObject(item.inwardIssue) ? item.inwardIssue : undefined);
    const otherKey = other === undefined ? undefined : text(other.key);
    if (other === undefined || otherKey === undefined) continue;
    const otherTypeName = isObject(other.fields) ? nameOf(other.fields.issuetype) : undefined;
    const match = otherTypeName === undefined ? undefined : maps.types.get(otherTypeName);
    const otherType = match === undefined || match.via === 'fallback' ? undefined : match.value;
    const link = jiraLinkOf(type, { typeName: text(linkType.name), direction: text(outward ? linkType.outward : linkType.inward), otherKey, otherType });
    if (link !== undefined && !links.some((l) => l.field === link.field && l.id === link.id)) links.push(link);
  }
  if (links.length > 0) out.links = links;
  return out;
}

/** The source's own words for the links the import reads, kept whatever becomes of them: `jira/is caused by: ITSM-1, ITSM-2`. */
function linkAnnotations(links: readonly TicketLink[]): Record<string, string> {
  const byColumn = new Map<string, string[]>();
  for (const link of links) byColumn.set(link.column, [...(byColumn.get(link.column) ?? []), link.id]);
  return Object.fromEntries([...byColumn].map(([column, ids]) => [`jira/${column}`, ids.join(', ')]));
}

/** A person's name as the changelog or the assignee field gives it; nobody (null, empty) is undefined. */
function personOf(name: string | undefined): string | undefined {
  return name === undefined || isMissing(name) ? undefined : name.trim().replace(/\s+/g, ' ');
}
