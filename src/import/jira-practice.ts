import type { ChangeDetails, ChangeRisk, ChangeType } from '../model/change.js';
import type { TicketType } from '../model/ticket-type.js';
import type { Stamp } from './csv-mapped-ticket.js';
import { foldValue } from './csv-mapped-values.js';
import type { ImportedTicket, TicketLink } from './types.js';

/**
 * What a Jira Service Management change records beyond every issue, and the links that say which change caused an
 * incident and which problem explains it (docs/import-jira-csv.md, "Changes and problems"). Pure.
 *
 * The fields are JSM's defaults for the Change work type (Atlassian, "Default form fields for change requests"):
 * "Change type", "Change risk", "Planned start" (or "Planned start date"), "Planned end" (or "Planned end date"), and
 * the plans "Implementation plan" and "Backout plan". They are custom fields: the JSON names them only with
 * `expand=names`, the CSV export as "Custom field (Change type)". What the export does not have is not invented.
 */

/** The names a field may have, first the JSM default. */
export const JIRA_CHANGE_FIELDS = {
  type: ['Change type'],
  risk: ['Change risk'],
  plannedStart: ['Planned start', 'Planned start date'],
  plannedEnd: ['Planned end', 'Planned end date'],
  implementation: ['Implementation plan'],
  backout: ['Backout plan'],
} as const;

/** "Change type" options (JSM: Standard, Normal, Emergency). */
const CHANGE_TYPES: Readonly<Record<string, ChangeType>> = { standard: 'standard', normal: 'normal', emergency: 'emergency' };

/**
 * "Change risk" options, folded. JSM's are Low, Medium, High and Critical; ServiceNow's words (Moderate, Very High)
 * are read too. Medium is the scale's second step (moderate), Critical its top (very-high).
 */
const CHANGE_RISKS: Readonly<Record<string, ChangeRisk>> = {
  low: 'low',
  medium: 'moderate',
  moderate: 'moderate',
  high: 'high',
  critical: 'very-high',
  'very high': 'very-high',
};

/** A correction to report (the issue is used). */
export type Note = (message: string) => void;

/**
 * The change record and planned window of a change issue, from `get` (a field's value by any of its names, undefined
 * when the export has none). Without a known type and risk there is no change record (both are required); a window
 * needs both ends, in order.
 */
export function jiraChangeOf(
  get: (names: readonly string[]) => string | undefined,
  instant: (text: string) => Stamp | undefined,
  note: Note,
): Pick<ImportedTicket, 'change' | 'maintenance'> {
  const out: Pick<ImportedTicket, 'change' | 'maintenance'> = {};
  const start = get(JIRA_CHANGE_FIELDS.plannedStart);
  const end = get(JIRA_CHANGE_FIELDS.plannedEnd);
  if (start !== undefined && end !== undefined) {
    const from = instant(start);
    const to = instant(end);
    if (from === undefined || to === undefined) note(`Planned ${from === undefined ? `start "${start}"` : `end "${end}"`} is not a date; the planned window is left out`);
    else if (to.ms < from.ms) note('Planned end is before Planned start; the planned window is left out');
    else out.maintenance = { start: from.at, end: to.at };
  } else if (start !== undefined || end !== undefined) {
    note(`the planned window has no ${start === undefined ? 'Planned start' : 'Planned end'}; left out`);
  }
  const typeRaw = get(JIRA_CHANGE_FIELDS.type);
  const riskRaw = get(JIRA_CHANGE_FIELDS.risk);
  const type = typeRaw === undefined ? undefined : CHANGE_TYPES[foldValue(typeRaw)];
  const risk = riskRaw === undefined ? undefined : CHANGE_RISKS[foldValue(riskRaw)];
  if (type === undefined || risk === undefined) {
    if (typeRaw !== undefined || riskRaw !== undefined) {
      const what = [
        type === undefined ? (typeRaw === undefined ? 'no Change type' : `Change type "${typeRaw}" (not Standard, Normal or Emergency)`) : undefined,
        risk === undefined ? (riskRaw === undefined ? 'no Change risk' : `Change risk "${riskRaw}" (not Low, Medium, High or Critical)`) : undefined,
      ].filter((w) => w !== undefined);
      note(`${what.join(' and ')}; imported without its change record (type, risk, plans)`);
    }
    return out;
  }
  const change: ChangeDetails = { type, risk };
  const implementation = get(JIRA_CHANGE_FIELDS.implementation);
  if (implementation !== undefined) change.implementation = implementation;
  const backout = get(JIRA_CHANGE_FIELDS.backout);
  if (backout !== undefined) change.backout = backout;
  out.change = change;
  return out;
}

/**
 * An issue link as a link of the ticket, or undefined for links that say nothing of causes. JSM links an incident to
 * its problem with the "Problem/Incident" link type (outward "causes", inward "is caused by"), and Jira's "Cause"
 * type says the same words: an incident that "is caused by" a change names the change that caused it, one that "is
 * caused by" a problem (or is linked by "Problem/Incident") names its problem. The other issue's type decides; when
 * the export does not say it (a CSV export), "Problem/Incident" means a problem, and "is caused by" alone is decided by
 * the type the repository or the import gives that ticket (links.ts).
 */
export function jiraLinkOf(
  ticketType: TicketType,
  link: { typeName: string | undefined; direction: string | undefined; otherKey: string; otherType: TicketType | undefined },
): TicketLink | undefined {
  if (ticketType !== 'incident') return undefined;
  const typeName = link.typeName === undefined ? '' : foldValue(link.typeName);
  const direction = link.direction === undefined ? '' : foldValue(link.direction);
  const problemLink = typeName === 'problem/incident';
  const causedBy = direction === 'is caused by';
  if (!problemLink && !causedBy) return undefined;
  const column = link.direction ?? link.typeName ?? 'issue link';
  if (link.otherType === 'change' && causedBy) return { field: 'causedBy', id: link.otherKey, column };
  if (link.otherType === 'problem' || (link.otherType === undefined && problemLink)) return { field: 'problem', id: link.otherKey, column };
  // The export does not say what the other issue is: the repository or the import may (links.ts).
  return { field: link.otherType === undefined ? 'cause' : 'related', id: link.otherKey, column };
}

/** Link types whose inward words are "is caused by" in Jira's defaults (the CSV export names the type, not the words). */
const CAUSE_LINK_TYPES = new Set(['cause', 'causes', 'problem/incident']);

/**
 * The reader of the change fields and causal links of Jira's CSV export, given its header: the fields are the columns
 * "Custom field (Change type)" and so on (or the field names alone), the links the columns "Inward issue link
 * (Cause)" and "Inward issue link (Problem/Incident)", one key per column (Jira repeats a column for each link).
 */
export function jiraCsvPractice(readDate: (text: string) => { ok: true; ms: number; iso: string } | { ok: false }) {
  return (header: readonly string[]) => {
    const names = header.map((h) => foldValue(h));
    const indexOf = (candidates: readonly string[]) =>
      candidates.flatMap((name) => [names.indexOf(foldValue(`Custom field (${name})`)), names.indexOf(foldValue(name))]).find((i) => i >= 0) ?? -1;
    const columnOf = new Map<readonly string[], number>(Object.values(JIRA_CHANGE_FIELDS).map((candidates) => [candidates, indexOf(candidates)]));
    const linkColumns = header.flatMap((h, index) => {
      const m = /^inward issue link \((.+)\)$/i.exec(h.trim());
      return m && CAUSE_LINK_TYPES.has(foldValue(m[1]!)) ? [{ index, typeName: m[1]! }] : [];
    });
    const instant = (text: string): Stamp | undefined => {
      const result = readDate(text);
      return result.ok ? { ms: result.ms, at: result.iso } : undefined;
    };
    return (cells: readonly string[], type: TicketType, note: Note): Pick<ImportedTicket, 'change' | 'maintenance' | 'links' | 'annotations'> => {
      const cell = (index: number) => {
        const value = index < 0 ? undefined : cells[index]?.trim();
        return value === undefined || value === '' ? undefined : value;
      };
      const out: Pick<ImportedTicket, 'change' | 'maintenance' | 'links' | 'annotations'> = {};
      if (type === 'change') {
        Object.assign(out, jiraChangeOf((candidates) => cell(columnOf.get(candidates) ?? -1), instant, note));
      }
      const links: TicketLink[] = [];
      for (const { index, typeName } of linkColumns) {
        const key = cell(index);
        if (key === undefined) continue;
        const link = jiraLinkOf(type, { typeName, direction: 'is caused by', otherKey: key, otherType: undefined });
        if (link !== undefined && !links.some((l) => l.field === link.field && l.id === link.id)) links.push({ ...link, annotation: `jira/${link.column}` });
      }
      if (links.length > 0) {
        out.links = links;
        out.annotations = { [`jira/${links[0]!.column}`]: links.map((l) => l.id).join(', ') };
      }
      return out;
    };
  };
}
