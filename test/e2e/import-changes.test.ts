import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

/**
 * #14, importers: ServiceNow change_request and problem list exports, the incident fields that link them (caused_by,
 * problem_id, rfc), and Jira's Change and Problem issues with their links. Fixtures: test/fixtures/import/
 * servicenow-changes/ and jira-changes/ (hand-written, in the real column and field names; docs/import.md).
 */

const scratches = scratchFolders('itsm-import-changes-');
const run = (dir: string, ...args: string[]) => runCliAsync(args, { cwd: dir });
const importSn = (dir: string, file: string, ...extra: string[]) => run(dir, 'import', 'servicenow', file, '--repo', 'repo', ...extra);
const MARCH = 'repo/tickets/2026/2026-03.yaml';

type Spec = Record<string, unknown>;
/** The spec and metadata of each ticket of a file, by id. */
function tickets(dir: string, file = MARCH): Map<string, { metadata: Spec; spec: Spec }> {
  const out = new Map<string, { metadata: Spec; spec: Spec }>();
  for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
    const value = doc.toJS() as { metadata: Spec & { id: string }; spec: Spec } | null;
    if (value) out.set(value.metadata.id, value);
  }
  return out;
}

const CHANGE_PROBLEMS = [
  'change_request.csv:6  missing-field  CHG0030005: no risk; imported without its change record (type, risk, plans, outcome) (row used)',
  'change_request.csv:7  unknown-state  CHG0030006: state "Draft" is not mapped to a status (map it under "statuses" in a --map file)',
  // After the summary: the aggregate approval is not imported as approvals, and the import says so.
  `itsm: note: column "approval" of 5 change(s) is ServiceNow's aggregate of their approvers' decisions, without who decided or when (those are in the sysapproval_approver table): no approval is imported; each change keeps the value as the annotation servicenow/approval (docs/import.md#changes-problems-and-their-links)`,
  '',
].join('\n');

const UNLINKED_INCIDENT =
  'incident.csv:5  missing-field  INC0050004: caused_by "CHG0099999" (the change that caused it) is no ticket of the repository or of this import, so it is not linked; ' +
  "kept as the annotation servicenow/caused_by (import that ticket's export, then this one again) (row used)\n";

describe.concurrent('itsm import servicenow: changes, problems and their links', { timeout: E2E_TIMEOUT }, () => {
  it('imports a change_request export: type, risk, window, plans and outcome; every row accounted for', async () => {
    const dir = scratches.copyOf('test/fixtures/import/servicenow-changes');
    const result = await importSn(dir, 'change_request.csv');
    expect(result.stderr).toBe(CHANGE_PROBLEMS);
    expect(result.stdout).toBe(
      [
        'Imported change_request.csv (servicenow) into repo: 6 rows read, 5 used, 1 skipped',
        'Tickets: 5 new, 0 updated, 0 unchanged',
        'Files: 1 created, 0 updated, 0 unchanged',
        '  created tickets/2026/2026-03.yaml (5 tickets)',
        'Groups: 2 (2 created)',
        '  messaging     "Messaging"     3 tickets  created groups/messaging.yaml',
        '  network-team  "Network Team"  2 tickets  created groups/network-team.yaml',
        'Skipped rows by reason:',
        '  unknown-state  1  line 7',
        'Values that map to nothing (most tickets first):',
        '  state → status: 1 value, 1 ticket, 1 row skipped',
        '    "Draft"  1 ticket  1 row',
        'Used with a correction: 1 value (line 6)',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    const written = tickets(dir);
    const failed = written.get('CHG0030001')!;
    // business_service names the service (not the category, "Software"); the planned window is spec.maintenance.
    expect(failed.spec).toMatchObject({
      type: 'change',
      service: 'email',
      maintenance: { start: '2026-03-07T22:00:00Z', end: '2026-03-08T02:00:00Z' },
      change: { type: 'normal', risk: 'high', implementation: 'Drain each relay and upgrade it', backout: 'Restore the relay snapshots', outcome: 'failed' },
    });
    // The aggregate approval has no approver: it stays an annotation, not an Approval.
    expect(failed.metadata.annotations).toEqual({ 'servicenow/approval': 'Approved', 'servicenow/close_code': 'Unsuccessful' });
    expect(failed.spec.change).not.toHaveProperty('approvals');
    expect(written.get('CHG0030002')!.spec.change).toEqual({ type: 'standard', risk: 'low', implementation: 'Apply the VLAN model', backout: 'Remove the VLAN', outcome: 'successful' });
    // "Successful with issues" is successful; "Very High" is very-high; a change not closed has no outcome.
    expect(written.get('CHG0030003')!.spec.change).toEqual({ type: 'emergency', risk: 'very-high', implementation: 'Restart the queue service', outcome: 'successful' });
    expect(written.get('CHG0030004')!.spec.change).toEqual({ type: 'normal', risk: 'moderate', implementation: 'Patch and restart each relay', backout: 'Reinstall the previous package' });
    // No risk: a change without its change record (reported above).
    expect(written.get('CHG0030005')!.spec).not.toHaveProperty('change');

    const json = await importSn(dir, 'change_request.csv', '--format', 'json', '--dry-run');
    const summary = JSON.parse(json.stdout) as { rowsRead: number; rowsUsed: number; rowsSkipped: number; unchanged: number };
    // 6 rows = 5 used + 1 skipped (CHG0030006, state Draft).
    expect([summary.rowsRead, summary.rowsUsed, summary.rowsSkipped, summary.unchanged]).toEqual([6, 5, 1, 5]);
  });

  it('changes, then problems, then incidents: every link filled in, the repository validates, and a second import changes nothing', async () => {
    const dir = scratches.copyOf('test/fixtures/import/servicenow-changes');
    expect((await importSn(dir, 'change_request.csv')).status).toBe(0);
    const problems = await importSn(dir, 'problem.csv');
    expect(problems.stderr).toBe('');
    expect(problems.stdout.split('\n').slice(0, 3)).toEqual([
      'Imported problem.csv (servicenow) into repo: 3 rows read, 3 used, 0 skipped',
      'Tickets: 3 new, 0 updated, 0 unchanged',
      'Files: 0 created, 1 updated, 0 unchanged',
    ]);
    expect(problems.status).toBe(0);
    const incidents = await importSn(dir, 'incident.csv');
    expect(incidents.stderr).toBe(UNLINKED_INCIDENT);
    expect(incidents.stdout).toBe(
      [
        'Imported incident.csv (servicenow) into repo: 4 rows read, 4 used, 0 skipped',
        'Tickets: 4 new, 0 updated, 0 unchanged',
        'Files: 0 created, 1 updated, 0 unchanged',
        '  updated tickets/2026/2026-03.yaml (4 new, 0 updated)',
        'Used with a correction: 1 value (line 5)',
        '',
      ].join('\n'),
    );
    expect(incidents.status).toBe(0);

    const written = tickets(dir);
    expect(written.get('PRB0040001')!.spec).toMatchObject({
      type: 'problem',
      rootCause: 'The TLS library rejects the new cipher suite',
      // workaround_communicated_at is when it was documented.
      workaround: { description: 'Route outbound mail through the backup relay', documented: '2026-03-09T16:00:00Z' },
      fixedBy: 'CHG0030004',
    });
    // No workaround_communicated_at: the last update (sys_updated_on) is the latest it can have been documented.
    expect(written.get('PRB0040002')!.spec.workaround).toEqual({ description: 'Plug the printers into the office switch', documented: '2026-03-11T09:30:00Z' });
    expect(written.get('PRB0040003')!.spec).not.toHaveProperty('workaround');
    expect(written.get('INC0050001')!.spec).toMatchObject({ causedBy: 'CHG0030001', problem: 'PRB0040001' });
    // rfc on an incident (the change that fixed it) is a related ticket: the format has no other field for it.
    expect(written.get('INC0050002')!.spec).toMatchObject({ problem: 'PRB0040001', related: ['CHG0030004'] });
    const unlinked = written.get('INC0050004')!;
    expect(unlinked.spec).not.toHaveProperty('causedBy');
    expect(unlinked.metadata.annotations).toEqual({ 'servicenow/caused_by': 'CHG0099999' });

    const validate = await run(dir, 'validate', 'repo', '--format', 'json');
    expect(validate.status).toBe(0);

    const before = readFileSync(join(dir, MARCH), 'utf8');
    for (const [file, count] of [['change_request.csv', 5], ['problem.csv', 3], ['incident.csv', 4]] as const) {
      const again = await importSn(dir, file);
      expect(again.stdout.split('\n')[1]).toBe(`Tickets: 0 new, 0 updated, ${count} unchanged`);
      expect(again.status).toBe(0);
    }
    expect(readFileSync(join(dir, MARCH), 'utf8')).toBe(before);
  });

  it('incidents imported before their changes and problems get their links when imported again', async () => {
    const dir = scratches.copyOf('test/fixtures/import/servicenow-changes');
    const first = await importSn(dir, 'incident.csv');
    expect(first.status).toBe(0);
    // Every link names a ticket the repository does not have yet: 5 corrections, the rows all used.
    expect(first.stdout).toContain('Imported incident.csv (servicenow) into repo: 4 rows read, 4 used, 0 skipped');
    expect(first.stderr.trim().split('\n')).toHaveLength(7);
    expect(tickets(dir).get('INC0050001')!.spec).not.toHaveProperty('causedBy');
    expect(tickets(dir).get('INC0050001')!.metadata.annotations).toEqual({ 'servicenow/caused_by': 'CHG0030001', 'servicenow/problem_id': 'PRB0040001' });
    await importSn(dir, 'change_request.csv');
    await importSn(dir, 'problem.csv');
    const again = await importSn(dir, 'incident.csv');
    expect(again.stderr).toBe(UNLINKED_INCIDENT);
    expect(again.stdout.split('\n')[1]).toBe('Tickets: 0 new, 3 updated, 1 unchanged');
    expect(again.status).toBe(0);
    expect(tickets(dir).get('INC0050001')!.spec).toMatchObject({ causedBy: 'CHG0030001', problem: 'PRB0040001' });
  });

  it('keeps what was added by hand (approvals, a review, a workaround, a link) when a newer export updates the file with --force', async () => {
    const dir = scratches.copyOf('test/fixtures/import/servicenow-changes');
    await importSn(dir, 'change_request.csv');
    await importSn(dir, 'problem.csv');
    const path = join(dir, MARCH);
    const approval = '      approvals:\n        - { by: Cara Diaz, decision: approved, at: 2026-03-13T09:00:00Z }\n';
    const review = '      review: { at: 2026-03-10T09:00:00Z, summary: The relay upgrade broke TLS, problem: PRB0040001 }\n';
    let text = readFileSync(path, 'utf8');
    // CHG0030001 gets a review, CHG0030004 an approval (block style, so that the edits are plain lines).
    text = text.replace(
      '  change: { type: normal, risk: high, implementation: Drain each relay and upgrade it, backout: Restore the relay snapshots, outcome: failed }\n',
      '  change:\n    type: normal\n    risk: high\n    implementation: Drain each relay and upgrade it\n    backout: Restore the relay snapshots\n    outcome: failed\n' +
        review.replace(/^ {6}/, '    '),
    );
    text = text.replace(
      '  change: { type: normal, risk: moderate, implementation: Patch and restart each relay, backout: Reinstall the previous package }\n',
      '  change:\n    type: normal\n    risk: moderate\n    implementation: Patch and restart each relay\n    backout: Reinstall the previous package\n' +
        approval.replace(/^ {6}/gm, '    ').replace(/^ {8}/gm, '      '),
    );
    text = text.replace('  title: Slow logins on Monday mornings\n', '  title: Slow logins on Monday mornings\n  workaround: { description: Log in before 08:00, documented: 2026-03-16T09:00:00Z }\n  fixedBy: CHG0030002\n');
    writeFileSync(path, text);
    expect((await run(dir, 'validate', 'repo')).status).toBe(0);

    // The same export again: what the source says has not changed, and what was added by hand is not its to remove.
    const same = await importSn(dir, 'change_request.csv');
    expect(same.stdout.split('\n')[1]).toBe('Tickets: 0 new, 0 updated, 5 unchanged');
    expect(same.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);

    // A newer export: CHG0030004 is being implemented. The file was edited by hand: exit 2 and nothing written, unless
    // --force; then the file is rewritten, and what was added by hand stays.
    writeFileSync(join(dir, 'newer.csv'), readFileSync(join(dir, 'change_request.csv'), 'utf8').replace('Moderate,Scheduled,', 'Moderate,Implement,'));
    const blocked = await importSn(dir, 'newer.csv');
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain('itsm: a file the import must change may not be overwritten: tickets/2026/2026-03.yaml (edited by hand since the last import); nothing was written.');
    expect(readFileSync(path, 'utf8')).toBe(text);
    const forced = await importSn(dir, 'newer.csv', '--force');
    expect(forced.status).toBe(0);
    expect(forced.stdout.split('\n')[1]).toBe('Tickets: 0 new, 1 updated, 4 unchanged');
    const written = tickets(dir);
    expect(written.get('CHG0030001')!.spec.change).toEqual({
      type: 'normal',
      risk: 'high',
      implementation: 'Drain each relay and upgrade it',
      backout: 'Restore the relay snapshots',
      outcome: 'failed',
      review: { at: '2026-03-10T09:00:00Z', summary: 'The relay upgrade broke TLS', problem: 'PRB0040001' },
    });
    expect(written.get('CHG0030004')!.spec.change).toMatchObject({ approvals: [{ by: 'Cara Diaz', decision: 'approved', at: '2026-03-13T09:00:00Z' }] });
    expect(written.get('CHG0030004')!.spec.timeline).toEqual([{ at: '2026-03-12T11:30:00Z', status: 'in-progress' }]);
    // problem.csv has no workaround and no rfc for PRB0040003: the ones written by hand stay through a re-import of it.
    const problems = await importSn(dir, 'problem.csv', '--force');
    expect(problems.status).toBe(0);
    expect(tickets(dir).get('PRB0040003')!.spec).toMatchObject({ workaround: { description: 'Log in before 08:00', documented: '2026-03-16T09:00:00Z' }, fixedBy: 'CHG0030002' });
    expect((await run(dir, 'validate', 'repo')).status).toBe(0);
  });
});

describe.concurrent('itsm import jira: Change and Problem issues and their links', { timeout: E2E_TIMEOUT }, () => {
  it('reads the JSM change fields and the "is caused by" links, validates, and changes nothing the second time', async () => {
    const dir = scratches.copyOf('test/fixtures/import/jira-changes');
    const result = await run(dir, 'import', 'jira', 'search.json', '--repo', 'repo');
    expect(result.stderr).toBe(
      'search.json:258  missing-field  ITSM-4: is caused by "ITSM-99" (its problem) is no ticket of the repository or of this import, so it is not linked; ' +
        "kept as the annotation jira/is caused by (import that ticket's export, then this one again) (row used)\n",
    );
    expect(result.stdout).toBe(
      [
        'Imported search.json (jira) into repo: 4 rows read, 4 used, 0 skipped',
        'Tickets: 4 new, 0 updated, 0 unchanged',
        'Files: 1 created, 0 updated, 0 unchanged',
        '  created tickets/2026/2026-03.yaml (4 tickets)',
        'Used with a correction: 1 value (line 258)',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    const written = tickets(dir);
    expect(written.get('ITSM-1')!.spec).toMatchObject({
      type: 'change',
      // Planned start and end, read with their offset (+0100).
      maintenance: { start: '2026-03-07T22:00:00Z', end: '2026-03-08T02:00:00Z' },
      change: { type: 'normal', risk: 'high', implementation: 'Drain each relay and upgrade it', backout: 'Restore the relay snapshots' },
    });
    expect(written.get('ITSM-2')!.spec.type).toBe('problem');
    // "is caused by" a Change: causedBy; "is caused by" a Problem (Problem/Incident): problem; "relates to": nothing.
    expect(written.get('ITSM-3')!.spec).toMatchObject({ causedBy: 'ITSM-1', problem: 'ITSM-2' });
    expect(written.get('ITSM-3')!.spec).not.toHaveProperty('related');
    expect(written.get('ITSM-4')!.metadata.annotations).toEqual({ 'jira/is caused by': 'ITSM-99' });
    expect((await run(dir, 'validate', 'repo')).status).toBe(0);

    const before = readFileSync(join(dir, MARCH), 'utf8');
    const again = await run(dir, 'import', 'jira', 'search.json', '--repo', 'repo');
    expect(again.stdout.split('\n')[1]).toBe('Tickets: 0 new, 0 updated, 4 unchanged');
    expect(readFileSync(join(dir, MARCH), 'utf8')).toBe(before);
  });

  it('reads the CSV export\'s "Custom field (Change …)" and "Inward issue link (…)" columns; the other issue\'s type comes from the import', async () => {
    const dir = scratches.copyOf('test/fixtures/import/jira-changes');
    const result = await run(dir, 'import', 'jira', 'export.csv', '--repo', 'repo');
    expect(result.stderr).toBe(
      [
        'export.csv:4  missing-field  ITSM-13: is caused by "ITSM-98" (its problem) is no ticket of the repository or of this import, so it is not linked; ' +
          "kept as the annotation jira/is caused by (import that ticket's export, then this one again) (row used)",
        'export.csv:5  missing-field  Change risk "Severe" (not Low, Medium, High or Critical); imported without its change record (type, risk, plans) (row used)',
        'export.csv:5  missing-field  the source says the status is "cancelled" but gives no date for it; the ticket is imported as "new" (row used)',
        "itsm: note: Jira's CSV export has no history: each timeline holds only the resolution (and the current status, when a \"Status Category Changed\" column dates it), so response times and pauses cannot be measured; import the JSON of /rest/api/2/search?expand=changelog for full timelines",
        '',
      ].join('\n'),
    );
    expect(result.stdout).toBe(
      [
        'Imported export.csv (jira) into repo: 4 rows read, 4 used, 0 skipped',
        'Tickets: 4 new, 0 updated, 0 unchanged',
        'Files: 1 created, 0 updated, 0 unchanged',
        '  created tickets/2026/2026-03.yaml (4 tickets)',
        'Used with a correction: 3 values (lines 4, 5, 5)',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    const written = tickets(dir);
    // Naive dates of the CSV, read in the repository's zone (UTC).
    expect(written.get('ITSM-11')!.spec).toMatchObject({ maintenance: { start: '2026-03-07T22:00:00Z', end: '2026-03-08T02:00:00Z' }, change: { type: 'normal', risk: 'high' } });
    // "Inward issue link (Cause)" names ITSM-11, a change of the import: causedBy; (Problem/Incident): problem.
    expect(written.get('ITSM-13')!.spec).toMatchObject({ causedBy: 'ITSM-11', problem: 'ITSM-12' });
    expect(written.get('ITSM-14')!.spec).not.toHaveProperty('change');
    expect((await run(dir, 'validate', 'repo')).status).toBe(0);
    const again = await run(dir, 'import', 'jira', 'export.csv', '--repo', 'repo');
    expect(again.stdout.split('\n')[1]).toBe('Tickets: 0 new, 0 updated, 4 unchanged');
  });
});
