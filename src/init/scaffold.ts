/**
 * The files of a new repository: one document of each kind, chosen so that `itsm validate` passes on them and so that
 * each shows the fields a new user most needs. Pure: the caller writes the files.
 */
export interface ScaffoldOptions {
  name: string;
  currency: string;
  timeZone: string;
  /** Today's date (YYYY-MM-DD) in the organisation's zone; the example ticket and subscription start from it. */
  today: string;
}

/**
 * What git should not track in a repository: the load cache (`--cache`), the lock a command holds while it writes
 * into the repository, and the temporary files of a write that was killed (`.2016-03.yaml.<pid>.tmp`, which the next
 * write removes). The names are those of src/fs/repository-lock.ts and src/fs/file-writer.ts.
 */
export const GITIGNORE_PATTERNS = ['.itsm-cache/', '.itsm-lock*', '.*.[0-9]*.tmp'] as const;

export function gitignoreText(): string {
  return `# Files itsm makes that do not belong in git (see docs/import.md, "Writing safely").
${GITIGNORE_PATTERNS.join('\n')}
`;
}

export function scaffoldRepository(options: ScaffoldOptions): Map<string, string> {
  const { name, currency, timeZone, today } = options;
  const [year, month] = today.split('-') as [string, string];
  const id = slug(name) || 'organisation';
  const files = new Map<string, string>();

  files.set(
    'itsm.yaml',
    `# itsm repository settings. Reference: https://github.com/itsm/itsm/blob/main/docs/format.md
# yaml-language-server: $schema=https://itsm.dev/schemas/v1/itsm.schema.json
apiVersion: itsm/v1
kind: Config
metadata:
  id: ${id}
  name: ${yamlString(name)}
spec:
  currency: ${currency}
  timeZone: ${timeZone}
  # Paths to skip, as in .gitignore: exclude: ["drafts/**"]
`,
  );

  files.set(
    'calendars/business-hours.yaml',
    `apiVersion: itsm/v1
kind: Calendar
metadata:
  id: business-hours
  name: Business hours
spec:
  timeZone: ${timeZone}
  hours:
    monday: ["09:00-17:00"]
    tuesday: ["09:00-17:00"]
    wednesday: ["09:00-17:00"]
    thursday: ["09:00-17:00"]
    friday: ["09:00-17:00"]
  holidays:
    - { date: ${year}-12-25, name: Christmas Day }
`,
  );

  files.set(
    'slas/standard.yaml',
    `apiVersion: itsm/v1
kind: SLA
metadata:
  id: standard
  name: Standard service level
spec:
  type: sla
  calendar: business-hours
  pauseOn: [awaiting-customer]
  warningThreshold: 75
  targets:
    - type: incident
      priority: P1
      response: { within: 15m, objective: 95 }
      resolution: { within: 4h, objective: 95 }
    - type: incident
      priority: P2
      response: { within: 1h, objective: 95 }
      resolution: { within: 8h, objective: 90 }
    - type: incident
      priority: P3
      response: { within: 4h, objective: 90 }
      resolution: { within: 3bd, objective: 90 }
    - type: incident
      priority: P4
      response: { within: 1bd, objective: 90 }
      resolution: { within: 5bd, objective: 90 }
    - type: request
      priority: P3
      response: { within: 4h, objective: 90 }
      resolution: { within: 2bd, objective: 90 }
  availability:
    target: 99.5
    window: month
`,
  );

  files.set(
    'services/service-desk.yaml',
    `apiVersion: itsm/v1
kind: Service
metadata:
  id: service-desk
  name: Service desk
spec:
  description: Single point of contact for IT incidents and requests.
  category: End-user services
  owner: IT Service Desk
  contacts:
    - { name: Service desk, role: First line, email: servicedesk@example.com }
  lifecycle: live
  criticality: high
  supportHours: business-hours
  sla: standard
  offerings:
    - { id: new-account, name: New user account, fulfilment: 1bd, price: 25.00 }
  pricing: { model: per-request }
`,
  );

  files.set(
    'consumers/example-department.yaml',
    `apiVersion: itsm/v1
kind: Consumer
metadata:
  id: example-department
  name: Example department
spec:
  costCenter: CC-1000
  headcount: 25
  subscriptions:
    - { service: service-desk, units: 25, from: ${today} }
`,
  );

  files.set(
    `tickets/${year}/${year}-${month}.yaml`,
    `# Tickets opened in ${year}-${month}. A file may hold many tickets, separated by ---.
apiVersion: itsm/v1
kind: Ticket
metadata:
  id: INC0000001
spec:
  type: incident
  service: service-desk
  consumer: example-department
  priority: P3
  title: Cannot print to the second-floor printer
  opened: ${today}T09:30:00Z
  timeline:
    - { at: ${today}T09:45:00Z, status: in-progress, actor: first-line }
    - { at: ${today}T11:00:00Z, status: resolved, note: Driver reinstalled }
`,
  );
  files.set('.gitignore', gitignoreText());
  return files;
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63)
    // Trimmed after the cut too: an id may not end with "-".
    .replace(/^-+|-+$/g, '');
}

function yamlString(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/.test(value) ? value : JSON.stringify(value);
}
