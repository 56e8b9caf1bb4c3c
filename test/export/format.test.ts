import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportTicketRows, type TicketExportRow } from '../../src/export/tickets.js';
import { exportCsvHeader, exportCsvRow, exportFormatter, exportJsonlRow, formatTicketExport, isExportFormat } from '../../src/report/export/index.js';
import { DESK_TARGETS, at, buildRepository, targets } from '../sla/helpers.js';
import { parseCsv } from './csv-reader.js';

// The two formats of `itsm export tickets`: CSV (RFC 4180 quoting, the formula-injection guard) and JSON Lines.

/** A row with a clock; `title` and the rest can be overridden. */
function sample(overrides: Partial<TicketExportRow> = {}): TicketExportRow {
  return {
    ticket: 'INC0000001',
    type: 'incident',
    service: 'email',
    consumer: null,
    title: 'Outlook cannot connect',
    opened: '2026-10-05T14:02:00.000Z',
    status: 'in-progress',
    statusCategory: 'active',
    priority: 'P2',
    resolvedAt: null,
    closedAt: null,
    reopens: 0,
    sla: 'gold',
    slaType: 'sla',
    metric: 'resolution',
    targetPriority: 'P2',
    target: '8h',
    targetMinutes: 480,
    objectivePercent: 95,
    state: 'running',
    warning: true,
    elapsedMinutes: 400.5,
    pausedMinutes: 0,
    usedPercent: 83.4,
    startedAt: '2026-10-05T14:02:00.000Z',
    stoppedAt: null,
    breachedAt: null,
    dueAt: '2026-10-05T22:02:00.000Z',
    cycles: 1,
    anyCycleBreached: false,
    asOf: '2026-10-05T20:42:30.000Z',
    group: null,
    assignee: null,
    reassignments: 0,
    slaVersion: null,
    selectedBy: 'service',
    calendar: '24x7',
    clockGroup: null,
    ...overrides,
  };
}

describe('CSV', () => {
  it('has a header row of the documented columns and LF line endings', () => {
    expect(exportCsvHeader()).toBe(`${EXPORT_COLUMNS.join(',')}\n`);
    expect(EXPORT_COLUMNS).toHaveLength(38);
  });

  it('writes null as an empty field, booleans as true/false and numbers as JSON does', () => {
    expect(exportCsvRow(sample())).toBe(
      'INC0000001,incident,email,,Outlook cannot connect,2026-10-05T14:02:00.000Z,in-progress,active,P2,,,0,' +
        'gold,sla,resolution,P2,8h,480,95,running,true,400.5,0,83.4,2026-10-05T14:02:00.000Z,,,2026-10-05T22:02:00.000Z,1,false,' +
        '2026-10-05T20:42:30.000Z,,,0,,service,24x7,\n',
    );
  });

  it('quotes a field with a comma, a double quote or a line break (RFC 4180 §2.6, §2.7), and only those', () => {
    const cell = (title: string) => parseCsvLineTitle(exportCsvRow(sample({ title })));
    expect(exportCsvRow(sample({ title: 'Printer says "PC LOAD LETTER", again\nand again' }))).toContain(',"Printer says ""PC LOAD LETTER"", again\nand again",');
    expect(exportCsvRow(sample({ title: 'CR\rinside' }))).toContain(',"CR\rinside",');
    expect(exportCsvRow(sample({ title: 'Café – naïve 😀' }))).toContain(',Café – naïve 😀,');
    expect(cell('a "quoted", word')).toBe('a "quoted", word');
  });

  it("guards the title against formula injection with a leading ' (OWASP CSV Injection)", () => {
    const title = (t: string) => exportCsvRow(sample({ title: t })).split(',2026-10-05T14:02:00.000Z,')[0]!.split('email,,')[1];
    expect(title('=HYPERLINK("http://evil.example","Click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(title('+1 555 0100 calls drop')).toBe("'+1 555 0100 calls drop");
    expect(title('-rf everything')).toBe("'-rf everything");
    expect(title('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(title('\tcmd')).toBe("'\tcmd");
    expect(title('Email = broken')).toBe('Email = broken');
  });

  it('never prefixes identifiers or numbers', () => {
    const line = exportCsvRow(sample({ ticket: '1234', elapsedMinutes: -0.5 }));
    expect(line.startsWith('1234,')).toBe(true);
    expect(line).toContain(',-0.5,');
  });

  it('round-trips: every cell of the export of a repository reads back as its value', () => {
    const repository = buildRepository({
      slas: { desk: { calendar: 'us-office', targets: targets(DESK_TARGETS) } },
      services: { desk: { sla: 'desk' }, coffee: {} },
      tickets: [
        { id: 'INC1', service: 'desk', priority: 'P2', opened: '2026-10-05T13:00:00Z', timeline: [['2026-10-05T13:30:00Z', 'in-progress']] },
        { id: 'INC2', service: 'coffee', priority: 'P4', opened: '2026-10-05T16:00:00Z' },
      ],
    });
    const rows = [...exportTicketRows(repository, { asOf: at('2026-10-06T16:00:00Z') })];
    expect(rows).toHaveLength(3);
    const [header, ...records] = parseCsv(formatTicketExport('csv', rows));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(records).toEqual(rows.map((r) => EXPORT_COLUMNS.map((c) => (r[c] === null ? '' : String(r[c])))));
  });
});

describe('CSV: --delimiter', () => {
  it('separates with the delimiter, quotes the fields that hold it, and keeps numbers with their decimal point', () => {
    const row = sample({ title: 'VPN; again, and | again' });
    expect(exportCsvHeader({ delimiter: ';' })).toBe(`${EXPORT_COLUMNS.join(';')}\n`);
    const line = exportCsvRow(row, { delimiter: ';' });
    expect(line).toContain(';"VPN; again, and | again";');
    expect(line).toContain(';400.5;');
    expect(exportCsvRow(row, { delimiter: '|' })).toContain('|"VPN; again, and | again"|');
    expect(exportCsvRow(row, { delimiter: '\t' })).toContain('\tVPN; again, and | again\t');
    // The registry's streaming pieces and the whole-export function take the same options.
    const { header, row: format } = exportFormatter('csv', { delimiter: '\t' });
    expect(header() + format(row)).toBe(formatTicketExport('csv', [row], { delimiter: '\t' }));
    expect(header().split('\t')).toHaveLength(EXPORT_COLUMNS.length);
  });
});

/** The title cell of one CSV record. */
function parseCsvLineTitle(line: string): string {
  return parseCsv(line)[0]![EXPORT_COLUMNS.indexOf('title')]!;
}

describe('JSON Lines', () => {
  it('one object per line, every key present in the column order, null for no value', () => {
    const line = exportJsonlRow(sample());
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...EXPORT_COLUMNS]);
    expect(parsed).toEqual(sample());
    expect(parsed.consumer).toBeNull();
  });

  it('keeps the column order whatever order the row was built in', () => {
    const reversed = Object.fromEntries(Object.entries(sample()).reverse()) as unknown as TicketExportRow;
    expect(exportJsonlRow(reversed)).toBe(exportJsonlRow(sample()));
  });

  it('round-trips free text, line breaks and non-ASCII on one line, with no formula guard (JSON is not a spreadsheet)', () => {
    const title = '=cmd|\' /C calc\'!A0\n"quoted", tab\t and 😀 \u2028';
    const line = exportJsonlRow(sample({ title }));
    expect(line.split('\n')).toHaveLength(2);
    expect((JSON.parse(line) as TicketExportRow).title).toBe(title);
  });

  it('the whole export is the rows, each on its line, with no header', () => {
    const rows = [sample(), sample({ ticket: 'INC0000002', sla: null, metric: null })];
    const text = formatTicketExport('jsonl', rows);
    expect(text.split('\n')).toHaveLength(3);
    expect(text.trimEnd().split('\n').map((l) => JSON.parse(l) as TicketExportRow)).toEqual(rows);
    expect(formatTicketExport('jsonl', [])).toBe('');
    expect(formatTicketExport('csv', [])).toBe(exportCsvHeader());
  });
});

describe('the format registry', () => {
  it('knows csv and jsonl, and its streaming pieces make the same text as formatTicketExport', () => {
    expect(isExportFormat('csv')).toBe(true);
    expect(isExportFormat('jsonl')).toBe(true);
    expect(isExportFormat('json')).toBe(false);
    for (const format of ['csv', 'jsonl'] as const) {
      const { header, row } = exportFormatter(format);
      const rows = [sample(), sample({ title: 'Two' })];
      expect(header() + rows.map(row).join('')).toBe(formatTicketExport(format, rows));
    }
  });
});
