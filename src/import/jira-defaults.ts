import type { TicketType } from '../model/ticket-type.js';
import type { ValueTable } from './csv-mapped-values.js';

/**
 * What a Jira Service Management export means in `itsm` terms when no mapping file says otherwise. Names are matched
 * as written, then ignoring case and extra spaces (csv-mapped-values.ts), so "In progress" finds "In Progress".
 */

/**
 * Issue types of the JSM IT service management template ("[System] …" are the names JSM gives the built-in ones),
 * and the ITIL practice each records.
 */
export const JIRA_TYPES: ValueTable<TicketType> = {
  values: {
    Incident: 'incident',
    '[System] Incident': 'incident',
    'Service Request': 'request',
    '[System] Service request': 'request',
    'Service Request with Approvals': 'request',
    '[System] Service request with approvals': 'request',
    Problem: 'problem',
    '[System] Problem': 'problem',
    Change: 'change',
    '[System] Change': 'change',
  },
};

/**
 * Statuses of the JSM workflows. "Waiting for support" is the agent's turn (the customer has answered), so the clocks
 * run: in-progress. "Waiting for customer" is the customer's turn: awaiting-customer, which the SLAs of `itsm init`
 * pause on, as JSM's own SLAs do. "Pending" (a change or problem on hold) is on-hold.
 */
export const JIRA_STATUSES: ValueTable = {
  values: {
    Open: 'new',
    'To Do': 'new',
    'In Progress': 'in-progress',
    'Work in progress': 'in-progress',
    'Waiting for customer': 'awaiting-customer',
    'Waiting for support': 'in-progress',
    Escalated: 'in-progress',
    'Under investigation': 'in-progress',
    Reopened: 'in-progress',
    Pending: 'on-hold',
    Resolved: 'resolved',
    Done: 'resolved',
    Completed: 'resolved',
    Closed: 'closed',
    Canceled: 'cancelled',
    Cancelled: 'cancelled',
    Declined: 'cancelled',
  },
};

/**
 * Jira's default priority scheme (Highest … Lowest) onto the four priorities of `itsm` (ITIL's Critical, High,
 * Moderate, Low): Lowest has no level of its own and joins Low. The older Jira scheme (Blocker, Critical, Major,
 * Minor, Trivial, with Major the default) is mapped too, Major as the everyday P3.
 */
export const JIRA_PRIORITIES: ValueTable = {
  values: {
    Highest: 'P1',
    High: 'P2',
    Medium: 'P3',
    Low: 'P4',
    Lowest: 'P4',
    Blocker: 'P1',
    Critical: 'P2',
    Major: 'P3',
    Minor: 'P4',
    Trivial: 'P4',
  },
};

/** The columns of Jira's CSV export ("Export Excel CSV (all fields)"), named as its header names them. */
export const JIRA_CSV_COLUMNS = {
  id: 'Issue key',
  type: 'Issue Type',
  title: 'Summary',
  status: 'Status',
  priority: 'Priority',
  opened: 'Created',
  resolved: 'Resolved',
  /** Jira Cloud: when the issue last entered its status category (To Do, In Progress, Done). */
  statusSince: 'Status Category Changed',
  /** The default service column; `service.column` of a mapping file names another. */
  service: 'Component/s',
  /** The assignee now (the CSV export has no history of it). */
  assignee: 'Assignee',
} as const;

export const JIRA_SOURCE_LABEL = { 'itsm/source': 'jira' } as const;
