/**
 * What `itsm validate --format json` must report for each folder of test/fixtures/validate/, run from inside that folder
 * (so every file is repository-relative). One case per folder; validate.test.ts checks that none is missing.
 *
 * Each expectation was written by reading the fixture: line and column are 1-based and point at the value (or the key,
 * for unknown and duplicate keys) that the message is about, as the user sees it in an editor.
 */

export interface ExpectedRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ExpectedDiagnostic {
  file: string;
  /** 0-based YAML document index; default 0. */
  document?: number | null;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  /** The value path as the JSON format prints it (`spec.timeline[1].at`), or null. */
  path: string | null;
  message: string;
  /** Default: no hint. */
  hint?: string;
  /** Default: none. */
  related?: ExpectedRelated[];
}

/**
 * A bug in src/ that makes part of a case fail today. The case then runs twice: once leaving out what the bug breaks
 * (so the rest stays pinned), and once in full as `it.fails`, which starts failing when the bug is fixed; then delete
 * the `bug` entry.
 */
export interface KnownBug {
  /** Where the bug is and what it does. */
  what: string;
  /** Fields of the expected diagnostics that are wrong today. */
  loose?: Array<keyof ExpectedDiagnostic>;
  /** Today the CLI also reports diagnostics that it should not. */
  extra?: true;
}

export interface ValidateCase {
  fixture: string;
  /** Exit status: 0 valid (warnings allowed), 1 errors. */
  status: 0 | 1;
  diagnostics: ExpectedDiagnostic[];
  bug?: KnownBug;
}

const BACKSTAGE_HINT = 'a Backstage entity (apiVersion backstage.io/…): see https://backstage.io/docs/features/software-catalog/descriptor-format';

export const VALIDATE_CASES: readonly ValidateCase[] = [
  {
    fixture: 'backstage-dependency',
    status: 0,
    diagnostics: [
      {
        file: 'catalog-info.yaml',
        line: 14,
        column: 7,
        severity: 'warning',
        rule: 'backstage-dependency',
        path: 'spec.dependsOn[1]',
        message: 'Backstage Component "email" (service "email") depends on "component:dns", which is neither a service nor a Component of this repository',
        hint: 'name an itsm service, or keep the Component it names beside it (docs/catalog.md#backstage-components-beside-the-services)',
      },
    ],
  },
  {
    fixture: 'backstage-link',
    status: 1,
    diagnostics: [
      {
        file: 'catalog-info.yaml',
        line: 8,
        column: 19,
        severity: 'error',
        rule: 'backstage-link',
        path: 'metadata.annotations["itsm/service"]',
        message: 'Backstage Component "mail-gateway" names the service "emial", which does not exist',
        hint: 'did you mean "email"?',
      },
      {
        file: 'catalog-info.yaml',
        document: 2,
        line: 30,
        column: 19,
        severity: 'error',
        rule: 'backstage-link',
        path: 'metadata.annotations["itsm/service"]',
        message: 'service "email" is already described by the Backstage Component "mail-server"',
        hint: 'one Component describes a service: remove the annotation from one of them',
        related: [{ file: 'catalog-info.yaml', line: 19, column: 19, message: 'the first Component that names it is here' }],
      },
    ],
  },
  {
    fixture: 'article-link',
    status: 1,
    diagnostics: [
      // Line 16 of knowledge/printing.md: "Reinstall the driver (see [the scanner article](" is 48 characters, so the
      // destination starts at column 49; "../README.md" at 84 (after "…); the [overview](").
      {
        file: 'knowledge/printing.md',
        line: 16,
        column: 49,
        severity: 'error',
        rule: 'article-link',
        path: null,
        message: 'link to knowledge/scaner.md, which does not exist in the repository',
        hint: 'did you mean "knowledge/scanner.md"?',
      },
      {
        file: 'knowledge/printing.md',
        line: 16,
        column: 84,
        severity: 'error',
        rule: 'article-link',
        path: null,
        message: 'link to README.md, which is not an article',
        hint: 'an article links to other articles: give that file a front matter with apiVersion: itsm/v1 and kind: Article, or link to it with its full https address',
      },
    ],
  },
  {
    fixture: 'article-location-markdown',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.md',
        line: 4,
        column: 7,
        severity: 'error',
        rule: 'article-location',
        path: 'kind',
        message: 'the front matter of a Markdown file is an Article, not a Service',
        hint: 'keep other kinds in .yaml files',
      },
    ],
  },
  {
    fixture: 'article-location-yaml',
    status: 1,
    diagnostics: [
      {
        file: 'knowledge/printing.yaml',
        line: 3,
        column: 7,
        severity: 'error',
        rule: 'article-location',
        path: 'kind',
        message: 'an Article is the front matter of a Markdown file, not a document of knowledge/printing.yaml',
        hint: 'move it to a .md file: the front matter between two lines "---", the article\'s Markdown after it',
      },
    ],
  },
  {
    fixture: 'article-reference',
    status: 1,
    diagnostics: [
      {
        file: 'knowledge/printing.md',
        line: 9,
        column: 28,
        severity: 'error',
        rule: 'article-reference',
        path: 'spec.services[1]',
        message: 'service "service-dsk" does not exist',
        hint: 'did you mean "service-desk"?',
      },
      {
        file: 'knowledge/printing.md',
        line: 10,
        column: 26,
        severity: 'error',
        rule: 'article-reference',
        path: 'spec.problems[1]',
        message: 'ticket "INC0000001" is an incident, not a problem',
        hint: 'an article documents the workaround of a problem: name the problem ticket, or list the services instead',
        related: [{ file: 'tickets/2026/2026-03.yaml', line: 6, column: 9, message: 'ticket "INC0000001" is here' }],
      },
      {
        file: 'knowledge/printing.md',
        line: 10,
        column: 38,
        severity: 'error',
        rule: 'article-reference',
        path: 'spec.problems[2]',
        message: 'problem "PRB0000404" does not exist',
        hint: 'name the id of a ticket of type problem',
      },
    ],
  },
  {
    // Due on 2026-01-31: in the past whenever the test runs (after the fixture was written).
    fixture: 'article-review-due',
    status: 0,
    diagnostics: [
      {
        file: 'knowledge/printing.md',
        line: 12,
        column: 13,
        severity: 'warning',
        rule: 'article-review-due',
        path: 'spec.reviewBy',
        message: 'the article was due for review on 2026-01-31',
        hint: 'first-line reviews it: correct what is no longer true, then set reviewBy to the next review date',
      },
    ],
  },
  {
    fixture: 'ambiguous-business-days',
    status: 1,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 12,
        column: 29,
        severity: 'error',
        rule: 'ambiguous-business-days',
        path: 'spec.targets[0].resolution.within',
        message: '"1bd" is ambiguous: the working days of calendar "business-hours" differ in length',
        hint: 'write the target in hours (e.g. "16h")',
      },
    ],
  },
  {
    fixture: 'calendar-duplicate-date',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 19,
        column: 15,
        severity: 'error',
        rule: 'calendar-hours',
        path: 'spec.specialDays[0].date',
        message: 'date 2026-12-24 is listed twice among holidays and special days',
        related: [
          { file: 'calendars/business-hours.yaml', line: 17, column: 15, message: 'first listed here' },
        ],
      },
    ],
  },
  {
    fixture: 'calendar-end-before-start',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 14,
        column: 14,
        severity: 'error',
        rule: 'calendar-hours',
        path: 'spec.hours.friday[0]',
        message: 'working interval "17:00-09:00" ends before it starts',
        hint: 'an interval cannot cross midnight; split it into "22:00-24:00" and "00:00-06:00" on the next day',
      },
    ],
  },
  {
    fixture: 'calendar-no-working-time',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 9,
        column: 5,
        severity: 'error',
        rule: 'calendar-hours',
        path: 'spec.hours',
        message: 'calendar has no working time in any weekday',
        hint: 'add working intervals, e.g. monday: ["09:00-17:00"], or use the built-in 24x7 calendar',
      },
    ],
  },
  {
    fixture: 'calendar-overlap',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 10,
        column: 29,
        severity: 'error',
        rule: 'calendar-hours',
        path: 'spec.hours.monday[1]',
        message: 'working interval "12:00-17:00" overlaps "09:00-12:30"',
        related: [
          { file: 'calendars/business-hours.yaml', line: 10, column: 14, message: 'overlapping interval' },
        ],
      },
    ],
  },
  {
    fixture: 'calendar-version-overlap',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 16,
        column: 33,
        severity: 'error',
        rule: 'calendar-hours',
        path: 'spec.versions[0].hours.monday[1]',
        message: 'working interval "12:00-18:00" overlaps "08:00-12:30"',
        related: [
          { file: 'calendars/business-hours.yaml', line: 16, column: 18, message: 'overlapping interval' },
        ],
      },
    ],
  },
  {
    fixture: 'change-approval',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 25,
        severity: 'error',
        rule: 'change-approval',
        path: 'spec.maintenance.start',
        message: 'window starts (2026-03-10T22:00:00Z) before the change was approved (2026-03-11T08:00:00Z)',
        hint: 'a normal change is approved before its window; move the window, or make it an emergency change',
        related: [
          { file: 'tickets/2026/2026-03.yaml', line: 17, column: 46, message: 'the approval' },
        ],
      },
    ],
  },
  {
    fixture: 'change-conflict',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        document: 1,
        line: 31,
        column: 25,
        severity: 'error',
        rule: 'change-conflict',
        path: 'spec.maintenance.start',
        message: 'window (2026-03-10T23:00:00Z to 2026-03-11T00:30:00Z) overlaps the window of change "CHG0000001" (2026-03-10T22:00:00Z to 2026-03-10T23:30:00Z) on "crm", which depends on "database"',
        hint: 'move one of the windows, or make the two changes one',
        related: [
          { file: 'tickets/2026/2026-03.yaml', line: 12, column: 25, message: "change CHG0000001's window" },
        ],
      },
    ],
  },
  {
    fixture: 'change-freeze',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 25,
        severity: 'error',
        rule: 'change-freeze',
        path: 'spec.maintenance.start',
        message: 'window (2026-03-30T22:00:00Z to 2026-03-30T23:00:00Z) is in change freeze "quarter-end" (2026-03-27 to 2026-04-03), which covers service "database"',
        hint: 'move the window out of the freeze; only an emergency change may be made in one',
        related: [
          { file: 'itsm.yaml', line: 11, column: 9, message: 'freeze "quarter-end", whole days in UTC' },
        ],
      },
    ],
  },
  {
    fixture: 'change-review-emergency',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 16,
        column: 11,
        severity: 'error',
        rule: 'change-review',
        path: 'spec.change.type',
        message: 'emergency change is done but has no review',
        hint: 'add change.review (at, summary), dated after the window ends',
      },
    ],
  },
  {
    fixture: 'change-review-failed',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 18,
        column: 14,
        severity: 'error',
        rule: 'change-review',
        path: 'spec.change.outcome',
        message: 'change failed but has no review',
        hint: 'add change.review (at, summary), and the problem it opens when the cause is not known',
      },
    ],
  },
  {
    fixture: 'change-template',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 15,
        column: 11,
        severity: 'error',
        rule: 'change-template',
        path: 'spec.change.risk',
        message: 'risk "moderate" is above the highest that template "minor-patch" allows ("low")',
        hint: 'a riskier change is assessed as a normal change',
        related: [
          { file: 'templates/minor-patch.yaml', line: 8, column: 9, message: 'the risk of template minor-patch' },
        ],
      },
    ],
  },
  {
    fixture: 'change-window-missing',
    status: 0,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 3,
        severity: 'warning',
        rule: 'change-window-missing',
        path: 'spec.change',
        message: 'normal change has no window, so its approvals, freezes and conflicts cannot be checked',
        hint: 'add maintenance: { start, end } once the change is scheduled',
      },
    ],
  },
  {
    fixture: 'config-location-outside-root',
    status: 1,
    diagnostics: [
      {
        file: 'config/itsm.yaml',
        line: 3,
        column: 7,
        severity: 'error',
        rule: 'config-location',
        path: 'kind',
        message: 'a Config document belongs in itsm.yaml at the repository root, not in config/itsm.yaml',
      },
    ],
  },
  {
    fixture: 'config-location-two-configs',
    status: 1,
    diagnostics: [
      {
        file: 'itsm.yaml',
        document: 1,
        line: 12,
        column: 7,
        severity: 'error',
        rule: 'config-location',
        path: 'kind',
        message: 'itsm.yaml holds more than one Config document; keep exactly one',
      },
    ],
  },
  {
    fixture: 'config-vocabulary-duplicate-status',
    status: 1,
    diagnostics: [
      {
        file: 'itsm.yaml',
        line: 13,
        column: 13,
        severity: 'error',
        rule: 'config-vocabulary',
        path: 'spec.statuses[2].id',
        message: '"in-progress" is defined twice in statuses',
        related: [
          { file: 'itsm.yaml', line: 12, column: 13, message: 'first definition' },
        ],
      },
    ],
  },
  {
    fixture: 'config-vocabulary-no-initial-status',
    status: 1,
    diagnostics: [
      {
        file: 'itsm.yaml',
        line: 11,
        column: 5,
        severity: 'error',
        rule: 'config-vocabulary',
        path: 'spec.statuses',
        message: 'expected exactly one status with category "new" (where tickets start) but found 0',
      },
    ],
  },
  {
    fixture: 'consumer-calendar-missing',
    status: 1,
    diagnostics: [
      {
        file: 'consumers/example-department.yaml',
        line: 11,
        column: 74,
        severity: 'error',
        rule: 'consumer-calendar-missing',
        path: 'spec.subscriptions[0].agreements[0]',
        message: 'agreement "regional" runs its clocks on the consumer\'s calendar (calendarSource: consumer), but consumer "example-department" has no calendar',
        hint: 'give consumer example-department a calendar: add "calendar: <id of its region\'s calendar>" to its spec',
        related: [
          { file: 'slas/regional.yaml', line: 9, column: 19, message: 'agreement "regional" runs on the consumer\'s calendar' },
        ],
      },
    ],
  },
  {
    fixture: 'cost-share-cycle',
    status: 1,
    diagnostics: [
      {
        file: 'services/network.yaml',
        line: 14,
        column: 18,
        severity: 'error',
        rule: 'cost-share-cycle',
        path: 'spec.costShares[0].service',
        message: 'cost shares form a cycle: network → service-desk → network',
        hint: "a shared service's cost is split among the services that carry it; remove one of these costShares",
        related: [{ file: 'services/service-desk.yaml', line: 13, column: 18, message: 'service-desk carries a share of network' }],
      },
    ],
  },
  {
    fixture: 'credits-without-availability',
    status: 1,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 13,
        column: 3,
        severity: 'error',
        rule: 'credits-without-availability',
        path: 'spec.credits',
        message: 'service credits need an availability target, but the agreement has no "availability"',
        hint: 'add "availability: { target: …, window: month }", or remove "credits"',
      },
    ],
  },
  {
    fixture: 'date-range-every-kind',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 16,
        column: 15,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.holidays[0].date',
        message: '1969-12-25 is before 1970-01-01, the first date itsm computes',
        hint: 'itsm computes 1970-01-01 to 2199-12-31; is the year a typo?',
      },
      {
        file: 'calendars/business-hours.yaml',
        line: 18,
        column: 15,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.specialDays[0].date',
        message: '2200-12-24 is after 2199-12-31, the last date itsm computes',
        hint: 'itsm computes 1970-01-01 to 2199-12-31; is the year a typo?',
      },
      {
        file: 'consumers/example-department.yaml',
        line: 11,
        column: 49,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.subscriptions[0].to',
        message: '9999-12-31 is after 2199-12-31, the last date itsm computes',
        hint: 'leave out "to" for a subscription that does not end',
      },
      // 00:30 in +01:00 is 23:30 the day before in UTC.
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 14,
        column: 20,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.outage.start',
        message: '1970-01-01T00:30:00+01:00 is before 1970-01-01T00:00:00Z, the first instant itsm computes',
        hint: 'itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
      },
      // The end of the range is excluded.
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 17,
        column: 13,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.timeline[1].at',
        message: '2200-01-01T00:00:00Z is after 2199-12-31T23:59:59.999Z, the last instant itsm computes',
        hint: 'itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
      },
      {
        file: 'tickets/2026/2026-04.yaml',
        line: 12,
        column: 52,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.maintenance.end',
        message: '2201-04-05T02:00:00Z is after 2199-12-31T23:59:59.999Z, the last instant itsm computes',
        hint: 'itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
      },
      // A CSV row: its line, and the column of its date field.
      {
        file: 'usage/2026-03.usage.csv',
        line: 3,
        column: 1,
        severity: 'error',
        rule: 'date-range',
        path: 'date',
        message: '1926-03-31 is before 1970-01-01, the first date itsm computes',
        hint: 'itsm computes 1970-01-01 to 2199-12-31; is the year a typo?',
      },
      {
        file: 'usage/2026-04.yaml',
        line: 9,
        column: 15,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.records[1].date',
        message: '2260-04-30 is after 2199-12-31, the last date itsm computes',
        hint: 'itsm computes 1970-01-01 to 2199-12-31; is the year a typo?',
      },
    ],
  },
  {
    fixture: 'date-range-ticket-opened',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-10.yaml',
        line: 12,
        column: 11,
        severity: 'error',
        rule: 'date-range',
        path: 'spec.opened',
        message: '0206-10-05T17:39:00Z is before 1970-01-01T00:00:00Z, the first instant itsm computes',
        hint: 'itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
      },
    ],
  },
  {
    fixture: 'dependency-cycle',
    status: 1,
    diagnostics: [
      {
        file: 'services/app.yaml',
        line: 10,
        column: 15,
        severity: 'error',
        rule: 'dependency-cycle',
        path: 'spec.dependsOn[0]',
        message: 'dependency cycle: app → database → storage → app',
        hint: 'remove one of these dependsOn entries',
        related: [
          { file: 'services/database.yaml', line: 10, column: 15, message: 'database depends on storage' },
          { file: 'services/storage.yaml', line: 11, column: 15, message: 'storage depends on app' },
        ],
      },
    ],
  },
  {
    fixture: 'duplicate-id-service',
    status: 1,
    diagnostics: [
      {
        file: 'services/mail.yaml',
        line: 5,
        column: 7,
        severity: 'error',
        rule: 'duplicate-id',
        path: 'metadata.id',
        message: 'Service id "email" is already used',
        hint: 'give each document of a kind its own id',
        related: [
          { file: 'services/email.yaml', line: 4, column: 7, message: 'first Service "email" is here' },
        ],
      },
    ],
  },
  {
    fixture: 'duplicate-target',
    status: 1,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 33,
        column: 7,
        severity: 'error',
        rule: 'duplicate-target',
        path: 'spec.targets[5]',
        message: 'a target for incident P2 is already defined',
        related: [
          { file: 'slas/standard.yaml', line: 17, column: 7, message: 'first target' },
        ],
      },
    ],
  },
  {
    fixture: 'icalendar-syntax',
    status: 1,
    diagnostics: [
      {
        file: 'holidays/office.ics',
        document: null,
        line: 11,
        column: 20,
        severity: 'error',
        rule: 'icalendar-syntax',
        path: null,
        message: 'DTSTART is not valid: not a real date (expected YYYYMMDD or YYYYMMDDTHHMMSS)',
        hint: 'the file must be iCalendar (RFC 5545): BEGIN:VCALENDAR, VEVENTs with DTSTART;VALUE=DATE:YYYYMMDD and SUMMARY, END:VCALENDAR',
      },
    ],
  },
  {
    fixture: 'icalendar-timed-event',
    status: 0,
    diagnostics: [
      {
        file: 'holidays/office.ics',
        document: null,
        line: 11,
        column: 28,
        severity: 'warning',
        rule: 'icalendar-timed-event',
        path: null,
        message: 'event "Christmas party" has a time of day (DTSTART 2026-12-18T15:00:00); only all-day events are holidays, so it is ignored',
        hint: 'write a holiday as an all-day event, DTSTART;VALUE=DATE:YYYYMMDD; a part-day closure is a special day in the calendar itself',
      },
    ],
  },
  {
    fixture: 'group-cycle',
    status: 1,
    diagnostics: [
      {
        file: 'groups/infrastructure.yaml',
        line: 8,
        column: 11,
        severity: 'error',
        rule: 'group-cycle',
        path: 'spec.parent',
        message: 'group parents form a cycle: infrastructure → network → infrastructure',
        hint: 'the parent chain must end at a group without "parent"; remove or correct one of these parents',
        related: [
          { file: 'groups/network.yaml', line: 8, column: 11, message: 'the parent of network is infrastructure' },
        ],
      },
    ],
  },
  {
    fixture: 'improvement-dates',
    status: 1,
    diagnostics: [
      {
        file: 'improvements/faster-resolution.yaml',
        line: 15,
        column: 8,
        severity: 'error',
        rule: 'improvement-dates',
        path: 'spec.due',
        message: 'improvement is due (2026-06-30) before it was raised (2026-09-15)',
      },
    ],
  },
  {
    fixture: 'improvement-metric',
    status: 1,
    diagnostics: [
      {
        file: 'improvements/availability.yaml',
        line: 9,
        column: 11,
        severity: 'error',
        rule: 'improvement-metric',
        path: 'spec.metric',
        message: 'availability is measured per service, but the improvement names no service',
        hint: 'add service: <id> of the service whose figure should move',
      },
      {
        file: 'improvements/availability.yaml',
        document: 1,
        line: 24,
        column: 13,
        severity: 'error',
        rule: 'improvement-metric',
        path: 'spec.priority',
        message: 'change-success-rate is not measured per priority, so "priority" cannot narrow it',
        hint: 'remove priority',
      },
    ],
  },
  {
    fixture: 'improvement-target',
    status: 1,
    diagnostics: [
      {
        file: 'improvements/first-contact.yaml',
        line: 12,
        column: 11,
        severity: 'error',
        rule: 'improvement-target',
        path: 'spec.target',
        message: 'target 750 is above 100, but first-contact-rate is a percentage',
        hint: 'write percentages from 0 to 100 (99.9 for 99.9 %)',
      },
      {
        file: 'improvements/first-contact.yaml',
        document: 1,
        line: 25,
        column: 11,
        severity: 'error',
        rule: 'improvement-target',
        path: 'spec.target',
        message: 'target 120 equals the baseline, so there is nothing to improve',
        hint: 'set the target below the baseline for a figure that should fall, above it for one that should rise',
      },
    ],
  },
  {
    fixture: 'implausible-date',
    status: 0,
    diagnostics: [
      // Middle half of 2026-03-02, 03, 04 and 2062-03-05: the 2nd and 3rd. 2062-03-05 − 2026-03-04 = 13,150 days = 36.0 years.
      {
        file: 'tickets/2026/2026-03.yaml',
        document: 3,
        line: 51,
        column: 11,
        severity: 'warning',
        rule: 'implausible-date',
        path: 'spec.opened',
        message: "2062-03-05T12:00:00Z is 36 years after the middle half of the repository's tickets (opened 2026-03-03 to 2026-03-04)",
        hint: 'is the year a typo?',
      },
    ],
  },
  {
    fixture: 'interval-outage-end-before-start',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 16,
        column: 49,
        severity: 'error',
        rule: 'interval-order',
        path: 'spec.outage.end',
        message: 'outage ends (2026-03-02T09:10:00Z) before it starts (2026-03-02T09:20:00Z)',
      },
    ],
  },
  {
    fixture: 'missing-config-empty-itsm-yaml',
    status: 1,
    diagnostics: [
      {
        file: 'itsm.yaml',
        document: null,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'missing-config',
        path: null,
        message: 'itsm.yaml holds no Config document',
        hint: 'start it with apiVersion: itsm/v1, kind: Config, metadata.id and spec.currency / spec.timeZone (see docs/format.md)',
      },
    ],
  },
  {
    fixture: 'multi-document-one-schema-error',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        document: 1,
        line: 27,
        column: 13,
        severity: 'error',
        rule: 'schema',
        path: 'spec.priority',
        message: '"spec.priority" is not valid; expected a string but found 3',
      },
    ],
  },
  {
    fixture: 'multi-document-one-yaml-error',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        document: 1,
        line: 28,
        column: 25,
        severity: 'error',
        rule: 'yaml-syntax',
        path: null,
        message: 'Unexpected scalar at node end',
      },
    ],
  },
  {
    fixture: 'pricing-rate-and-tiers',
    status: 1,
    diagnostics: [
      {
        file: 'services/storage.yaml',
        line: 12,
        column: 12,
        severity: 'error',
        rule: 'pricing',
        path: 'spec.pricing.model',
        message: 'pricing "per-unit" needs either "rate" or "tiers", not both',
      },
    ],
  },
  {
    fixture: 'pricing-shares-over-100',
    status: 1,
    diagnostics: [
      {
        file: 'services/erp.yaml',
        line: 12,
        column: 41,
        severity: 'error',
        rule: 'pricing',
        path: 'spec.costShares[0].percent',
        message: 'shares of service "service-desk" add up to 112.5%, more than 100%',
        related: [
          { file: 'services/email.yaml', line: 11, column: 41, message: '60%' },
        ],
      },
    ],
  },
  {
    fixture: 'pricing-version-neither-rate-nor-tiers',
    status: 1,
    diagnostics: [
      {
        file: 'services/email.yaml',
        line: 19,
        column: 16,
        severity: 'error',
        rule: 'pricing',
        path: 'spec.versions[0].pricing.model',
        message: 'pricing "per-unit" needs either "rate" or "tiers", not neither',
      },
    ],
  },
  {
    fixture: 'pricing-tiers-out-of-order',
    status: 1,
    diagnostics: [
      {
        file: 'services/storage.yaml',
        line: 17,
        column: 17,
        severity: 'error',
        rule: 'pricing',
        path: 'spec.pricing.tiers[1].upTo',
        message: 'tier bound 50 must be greater than the previous bound 100',
        hint: 'list tiers from the smallest to the largest quantity',
      },
    ],
  },
  {
    // A document that fails its schema still exists: the three services that use the SLA get one warning, at the
    // first of them, naming the SLA's place and the other uses; not three "SLA does not exist" errors.
    fixture: 'reference-to-invalid',
    status: 1,
    diagnostics: [
      {
        file: 'services/email.yaml',
        line: 12,
        column: 8,
        severity: 'warning',
        rule: 'reference-to-invalid',
        path: 'spec.sla',
        message: 'SLA "standard" exists but fails its schema, so its 3 references cannot be checked',
        hint: 'fix its schema errors; reported once, at the first use',
        related: [
          { file: 'slas/standard.yaml', line: 5, column: 7, message: 'SLA "standard" is here and fails its schema' },
          { file: 'services/network.yaml', line: 12, column: 8, message: 'also uses SLA "standard"' },
          { file: 'services/service-desk.yaml', line: 15, column: 8, message: 'also uses SLA "standard"' },
        ],
      },
      {
        file: 'slas/standard.yaml',
        line: 35,
        column: 13,
        severity: 'error',
        rule: 'schema',
        path: 'spec.availability.window',
        message: '"spec.availability.window" is not valid; expected one of month, quarter, year but found "fortnight"',
      },
    ],
  },
  {
    fixture: 'retired-service-in-use',
    status: 0,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 13,
        column: 14,
        severity: 'warning',
        rule: 'retired-service-in-use',
        path: 'spec.lifecycle',
        message: 'service is retired but still has 1 open ticket(s) (INC0000002) and subscriptions with no end date from example-department',
        hint: 'resolve or move the tickets and end the subscriptions (set "to"), or keep the service live',
      },
    ],
  },
  {
    fixture: 'schema-ambiguous-day-duration',
    status: 1,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 28,
        column: 29,
        severity: 'error',
        rule: 'schema',
        path: 'spec.targets[3].resolution.within',
        message: '"spec.targets[3].resolution.within" is not valid; "1d" is ambiguous in business time; write hours ("8h") or business days ("1bd")',
      },
    ],
  },
  {
    fixture: 'schema-backstage-entity',
    status: 1,
    diagnostics: [
      {
        file: 'catalog-info.yaml',
        document: 1,
        line: 17,
        column: 3,
        severity: 'error',
        rule: 'schema',
        path: 'spec.owner',
        message: '"spec.owner" is required (a string)',
        hint: BACKSTAGE_HINT,
      },
      {
        file: 'catalog-info.yaml',
        document: 2,
        line: 23,
        column: 9,
        severity: 'error',
        rule: 'schema',
        path: 'metadata.name',
        message: '"metadata.name" is not valid; expected 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit but found "office tools"',
        hint: BACKSTAGE_HINT,
      },
    ],
  },
  {
    fixture: 'schema-bad-enum',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 13,
        column: 14,
        severity: 'error',
        rule: 'schema',
        path: 'spec.lifecycle',
        message: '"spec.lifecycle" is not valid; expected one of pipeline, live, retired but found "active"',
      },
    ],
  },
  {
    fixture: 'schema-bad-instant',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 11,
        severity: 'error',
        rule: 'schema',
        path: 'spec.opened',
        message: '"spec.opened" is not valid; expected an ISO 8601 instant with an offset or Z, e.g. "2026-10-05T14:02:00Z" or "2026-10-05T10:02:00-04:00" but found "2026-03-02 09:30"',
      },
    ],
  },
  {
    fixture: 'schema-invalid-time-zone',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/business-hours.yaml',
        line: 8,
        column: 13,
        severity: 'error',
        rule: 'schema',
        path: 'spec.timeZone',
        message: '"spec.timeZone" is not valid; expected an IANA time zone such as "America/New_York", "Europe/Berlin" or "UTC" but found "Europe/Berlinn"',
      },
    ],
  },
  {
    fixture: 'schema-missing-field',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 7,
        column: 3,
        severity: 'error',
        rule: 'schema',
        path: 'spec.title',
        message: '"spec.title" is required (a string)',
      },
    ],
  },
  {
    fixture: 'schema-not-a-mapping',
    status: 1,
    diagnostics: [
      {
        file: 'services/list.yaml',
        line: 2,
        column: 1,
        severity: 'error',
        rule: 'schema',
        path: '',
        message: 'expected a mapping with apiVersion, kind, metadata and spec but found a list',
      },
    ],
  },
  {
    fixture: 'schema-unknown-field',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 15,
        column: 3,
        severity: 'error',
        rule: 'schema',
        path: 'spec.supportHour',
        message: 'unknown field "supportHour" in "spec"',
        hint: 'check the spelling against docs/format.md; fields are case-sensitive',
      },
    ],
  },
  {
    fixture: 'schema-unknown-kind',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 3,
        column: 7,
        severity: 'error',
        rule: 'schema',
        path: 'kind',
        message: '"kind" is not valid; expected one of Config, Calendar, Service, SLA, Consumer, Group, Ticket, Usage, ChangeTemplate, Article, Improvement but found "Services"',
      },
    ],
  },
  {
    fixture: 'schema-wrong-api-version',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 2,
        column: 13,
        severity: 'error',
        rule: 'schema',
        path: 'apiVersion',
        message: '"apiVersion" is not valid; expected "itsm/v1" but found "itsm/v2"',
        hint: 'every document starts with `apiVersion: itsm/v1` and a `kind`; exclude files that are not itsm documents in itsm.yaml',
      },
    ],
  },
  {
    fixture: 'schema-wrong-type',
    status: 1,
    diagnostics: [
      {
        file: 'consumers/example-department.yaml',
        line: 9,
        column: 14,
        severity: 'error',
        rule: 'schema',
        path: 'spec.headcount',
        message: '"spec.headcount" is not valid; expected a number but found "twenty-five"',
      },
    ],
  },
  {
    fixture: 'service-without-owner',
    status: 0,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 7,
        column: 1,
        severity: 'warning',
        rule: 'service-without-owner',
        path: 'spec',
        message: 'live service has no owner',
        hint: 'add "owner: <team>" naming the team accountable for the service',
      },
    ],
  },
  {
    fixture: 'sla-missing-target',
    status: 0,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 12,
        column: 5,
        severity: 'warning',
        rule: 'sla-missing-target',
        path: 'spec.targets',
        message: 'no target for request P1, which 1 ticket(s) use (e.g. REQ0000002); they are not measured',
        hint: 'add a target with type: request and priority: P1',
      },
    ],
  },
  {
    fixture: 'subscription-ends-before-start',
    status: 1,
    diagnostics: [
      {
        file: 'consumers/example-department.yaml',
        line: 11,
        column: 65,
        severity: 'error',
        rule: 'subscription-dates',
        path: 'spec.subscriptions[0].to',
        message: 'subscription ends (2026-02-28) before it starts (2026-03-02)',
      },
    ],
  },
  {
    fixture: 'subscription-units',
    status: 1,
    diagnostics: [
      {
        file: 'consumers/example-department.yaml',
        line: 11,
        column: 18,
        severity: 'error',
        rule: 'subscription-units',
        path: 'spec.subscriptions[0].service',
        message: 'subscription to "email" has no "units", but its per-unit pricing charges per mailbox',
        hint: 'add "units" to the subscription (0 if none)',
      },
    ],
  },
  {
    fixture: 'ticket-reference-type',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 13,
        severity: 'error',
        rule: 'ticket-reference-type',
        path: 'spec.causedBy',
        message: '"causedBy" must name a change ticket, but ticket "INC0000001" is an incident',
        related: [
          { file: 'tickets/2026/2026-03.yaml', line: 19, column: 9, message: 'ticket INC0000001 is an incident' },
        ],
      },
    ],
  },
  {
    fixture: 'ticket-type-field-caused-by-on-request',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 3,
        severity: 'error',
        rule: 'ticket-type-field',
        path: 'spec.causedBy',
        message: '"causedBy" is only allowed on incident tickets, but this ticket is a request',
      },
    ],
  },
  {
    fixture: 'ticket-type-field-change-on-incident',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 3,
        severity: 'error',
        rule: 'ticket-type-field',
        path: 'spec.change',
        message: '"change" is only allowed on change tickets, but this ticket is an incident',
      },
    ],
  },
  {
    fixture: 'ticket-type-field-outage-on-request',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 16,
        column: 3,
        severity: 'error',
        rule: 'ticket-type-field',
        path: 'spec.outage',
        message: '"outage" is only allowed on incident tickets, but this ticket is a request',
      },
    ],
  },
  {
    fixture: 'ticket-type-field-workaround-on-incident',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 12,
        column: 3,
        severity: 'error',
        rule: 'ticket-type-field',
        path: 'spec.workaround',
        message: '"workaround" is only allowed on problem tickets, but this ticket is an incident',
      },
    ],
  },
  {
    fixture: 'ticket-without-subscription',
    status: 0,
    diagnostics: [
      {
        file: 'tickets/2026/2026-04.yaml',
        line: 9,
        column: 13,
        severity: 'warning',
        rule: 'ticket-without-subscription',
        path: 'spec.consumer',
        message: 'consumer "example-department" has no subscription to service "service-desk" when 2 of its tickets were opened (2026-04-02 to 2026-04-07), this one first',
        hint: "add a subscription of example-department to service-desk that covers those days, or correct the ticket's consumer or service",
        related: [
          { file: 'tickets/2026/2026-04.yaml', line: 23, column: 13, message: 'ticket INC0000002 too' },
        ],
      },
    ],
  },
  {
    fixture: 'timeline-before-opened',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 14,
        column: 13,
        severity: 'error',
        rule: 'timeline-order',
        path: 'spec.timeline[0].at',
        message: 'event at 2026-03-02T09:15:00Z is before the ticket was opened (2026-03-02T09:30:00Z)',
        related: [
          { file: 'tickets/2026/2026-03.yaml', line: 12, column: 11, message: 'opened here' },
        ],
      },
    ],
  },
  {
    fixture: 'timeline-out-of-order',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 15,
        column: 13,
        severity: 'error',
        rule: 'timeline-order',
        path: 'spec.timeline[1].at',
        message: 'event at 2026-03-02T09:40:00Z is earlier than the event before it',
        hint: 'list timeline events in the order they happened',
        related: [
          { file: 'tickets/2026/2026-03.yaml', line: 14, column: 13, message: 'previous event' },
        ],
      },
    ],
  },
  {
    fixture: 'unknown-file',
    status: 1,
    diagnostics: [
      {
        file: 'calendars/office.yaml',
        line: 12,
        column: 17,
        severity: 'error',
        rule: 'unknown-file',
        path: 'spec.holidaysFrom',
        message: 'no file "calendars/holidays/office.ics" in the repository',
        hint: 'the path is relative to this calendar file’s folder (calendars)',
      },
    ],
  },
  {
    fixture: 'unknown-assignee',
    status: 0,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 16,
        column: 61,
        severity: 'warning',
        rule: 'unknown-assignee',
        path: 'spec.timeline[1].assignee',
        message: 'assignee "Raj Patl" is not a member of group "network", which holds the ticket at that moment',
        hint: 'did you mean "Raj Patel"?',
        related: [{ file: 'groups/network.yaml', line: 10, column: 5, message: 'the members of network' }],
      },
    ],
  },
  {
    fixture: 'unknown-priority',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 10,
        column: 13,
        severity: 'error',
        rule: 'unknown-priority',
        path: 'spec.priority',
        message: 'priority "P5" is not defined',
        hint: 'did you mean "P1"?',
      },
    ],
  },
  {
    fixture: 'unknown-priority-improvement',
    status: 1,
    diagnostics: [
      {
        file: 'improvements/faster-response.yaml',
        line: 11,
        column: 13,
        severity: 'error',
        rule: 'unknown-priority',
        path: 'spec.priority',
        message: 'priority "urgent" is not defined',
        hint: 'known priorities: P1, P2, P3, P4',
      },
    ],
  },
  {
    fixture: 'unknown-priority-under-sla',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 10,
        column: 13,
        severity: 'error',
        rule: 'unknown-priority',
        path: 'spec.priority',
        message: 'priority "P5" is not defined',
        hint: 'did you mean "P1"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-change-service',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 16,
        column: 16,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.change.services[0]',
        message: 'service "crn" does not exist',
        hint: 'did you mean "crm"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-depends-on',
    status: 1,
    diagnostics: [
      {
        file: 'services/email.yaml',
        line: 11,
        column: 24,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.dependsOn[1]',
        message: 'service "dns" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-reference-improvement-service',
    status: 1,
    diagnostics: [
      {
        file: 'improvements/backlog.yaml',
        line: 9,
        column: 12,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.service',
        message: 'service "service-dsk" does not exist',
        hint: 'did you mean "service-desk"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-service-calendar',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 15,
        column: 17,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.supportHours',
        message: 'calendar "office-hours" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-reference-service-sla',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 16,
        column: 8,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.sla',
        message: 'SLA "standrd" does not exist',
        hint: 'did you mean "standard"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-subscription-agreement',
    status: 1,
    diagnostics: [
      {
        file: 'consumers/example-department.yaml',
        line: 11,
        column: 74,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.subscriptions[0].agreements[0]',
        message: 'SLA "standrd" does not exist',
        hint: 'did you mean "standard"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-subscription-service',
    status: 1,
    diagnostics: [
      {
        file: 'consumers/example-department.yaml',
        line: 11,
        column: 18,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.subscriptions[0].service',
        message: 'service "service-desk" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-reference-ticket-consumer',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 9,
        column: 13,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.consumer',
        message: 'consumer "finance" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-reference-ticket-group',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 14,
        column: 42,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.timeline[1].group',
        message: 'group "netwrok" does not exist',
        hint: 'did you mean "network"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-ticket-offering',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 13,
        column: 13,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.offering',
        message: 'offering "new-laptop" of service "service-desk" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-reference-ticket-related',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 16,
        column: 13,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.related[0]',
        message: 'ticket "PRB0000009" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-reference-ticket-service',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 8,
        column: 12,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'spec.service',
        message: 'service "servicedesk" does not exist',
        hint: 'did you mean "service-desk"?',
      },
    ],
  },
  {
    fixture: 'unknown-reference-usage-consumer',
    status: 1,
    diagnostics: [
      {
        file: 'usage/2026-03.usage.csv',
        line: 3,
        // The consumer field: "2026-03-31," is 11 characters.
        column: 12,
        severity: 'error',
        rule: 'unknown-reference',
        path: 'consumer',
        message: 'consumer "marketing" does not exist',
      },
    ],
  },
  {
    fixture: 'unknown-status',
    status: 1,
    diagnostics: [
      {
        file: 'tickets/2026/2026-03.yaml',
        line: 14,
        column: 43,
        severity: 'error',
        rule: 'unknown-status',
        path: 'spec.timeline[0].status',
        message: 'status "in-progres" is not defined',
        hint: 'did you mean "in-progress"?',
      },
    ],
  },
  {
    fixture: 'usage-csv-bad-header',
    status: 1,
    diagnostics: [
      {
        file: 'usage/2026-03.usage.csv',
        document: null,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'usage-csv',
        path: null,
        message: 'expected the header "date,consumer,service,metric,quantity" but found "date,service,consumer,metric,quantity"',
      },
    ],
  },
  {
    fixture: 'usage-csv-bad-quantity',
    status: 1,
    diagnostics: [
      {
        file: 'usage/2026-03.usage.csv',
        document: null,
        line: 3,
        // The quantity field starts after "2026-03-31,example-department,storage,gb-month," (47 characters).
        column: 48,
        severity: 'error',
        rule: 'schema',
        path: null,
        message: '"quantity" is not valid; expected a number but found "1,200"',
      },
    ],
  },
  {
    fixture: 'usage-csv-wrong-field-count',
    status: 1,
    diagnostics: [
      {
        file: 'usage/2026-03.usage.csv',
        document: null,
        line: 2,
        column: 1,
        severity: 'error',
        rule: 'usage-csv',
        path: null,
        message: 'expected 5 fields but found 4',
      },
    ],
  },
  {
    fixture: 'usage-metric-unused',
    status: 0,
    diagnostics: [
      {
        file: 'services/storage.yaml',
        line: 11,
        column: 36,
        severity: 'warning',
        rule: 'usage-metric-unused',
        path: 'spec.pricing.metric',
        message: 'no usage record of "storage" has the metric "gb-stored", so nothing is charged by it',
        hint: 'its records have "gb-month"',
      },
    ],
  },
  {
    fixture: 'valid-minimal',
    status: 0,
    diagnostics: [
    ],
  },
  {
    fixture: 'valid-scaffold',
    status: 0,
    diagnostics: [
    ],
  },
  {
    // A version needs its day; the fields a version may name are checked like the agreement's own.
    fixture: 'schema-version-without-from',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 15,
        column: 8,
        severity: 'warning',
        rule: 'reference-to-invalid',
        path: 'spec.sla',
        message: 'SLA "standard" exists but fails its schema, so this reference cannot be checked',
        hint: 'fix its schema errors; reported once, at the first use',
        related: [{ file: 'slas/standard.yaml', line: 5, column: 7, message: 'SLA "standard" is here and fails its schema' }],
      },
      {
        file: 'slas/standard.yaml',
        line: 26,
        column: 7,
        severity: 'error',
        rule: 'schema',
        path: 'spec.versions[1].from',
        message: '"spec.versions[1].from" is required (a string)',
      },
      {
        file: 'slas/standard.yaml',
        line: 27,
        column: 23,
        severity: 'error',
        rule: 'schema',
        path: 'spec.versions[1].calendarSource',
        message: '"spec.versions[1].calendarSource" is not valid; expected one of agreement, consumer but found "customer"',
      },
    ],
  },
  {
    fixture: 'version-order',
    status: 1,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 26,
        column: 13,
        severity: 'error',
        rule: 'version-order',
        path: 'spec.versions[1].from',
        message: 'version from 2026-04-01 is earlier than the version above it (from 2026-07-01)',
        hint: 'list versions in the order they take effect, each from a later date',
        related: [
          { file: 'slas/standard.yaml', line: 22, column: 13, message: 'the version from 2026-07-01' },
        ],
      },
    ],
  },
  {
    fixture: 'version-unchanged',
    status: 0,
    diagnostics: [
      {
        file: 'slas/standard.yaml',
        line: 21,
        column: 13,
        severity: 'warning',
        rule: 'version-unchanged',
        path: 'spec.versions[0].from',
        message: 'version from 2026-07-01 changes nothing: every term it names is already in force',
        hint: 'write in the version only the terms that change, with their new values, or remove it',
      },
    ],
  },
  {
    fixture: 'yaml-duplicate-key',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 14,
        column: 3,
        severity: 'error',
        rule: 'yaml-syntax',
        path: null,
        message: 'Map keys must be unique',
      },
    ],
  },
  {
    fixture: 'yaml-syntax',
    status: 1,
    diagnostics: [
      {
        file: 'services/service-desk.yaml',
        line: 8,
        column: 16,
        severity: 'error',
        rule: 'yaml-syntax',
        path: null,
        message: 'Nested mappings are not allowed in compact mappings',
      },
    ],
  },
];
