import { describe, expect, it } from 'vitest';
import { csvField, formatSlaReportCsv, formatSlaStatusCsv } from '../../../src/report/sla/index.js';
import { clockRow, sampleReport, sampleStatus } from './sample.js';

const HEADER =
  'ticket,title,type,service,consumer,sla,metric,priority,state,warning,target,targetMinutes,elapsedMinutes,pausedMinutes,usedPercent,startedAt,stoppedAt,breachedAt,dueAt,cycles,anyCycleBreached,counted';
/** Which agreement measured the clock and why, after every column first published (sample rows: the service's SLA). */
const AGREEMENT = 'slaVersion,selectedBy,calendar,calendarBy,assignmentGroup';
const BY_SERVICE = ',,service,us-business-hours,agreement,';

describe('sla report: csv', () => {
  it('writes one row per clock, counted or not, with RFC 4180 quoting and empty fields for null', () => {
    expect(formatSlaReportCsv(sampleReport())).toBe(
      [
        `${HEADER},${AGREEMENT}`,
        'INC0001,VPN drops every 10 minutes,incident,vpn,finance,gold,response,P1,breached,false,15m,15,47.5,0,316.7,2026-10-05T13:00:00.000Z,2026-10-05T13:47:30.000Z,2026-10-05T13:15:00.000Z,,1,true,true' + BY_SERVICE,
        'INC0002,"\'=HYPERLINK(""http://evil.example"",""click"")",incident,vpn,,gold,resolution,P1,met,false,4h,240,100,0,41.7,2026-10-05T13:00:00.000Z,2026-10-05T14:40:00.000Z,,,1,false,true' + BY_SERVICE,
        'INC0003,"\'-5 °C in the server room, again",incident,vpn,finance,gold,resolution,P1,running,true,4h,240,200,0,83.3,2026-10-05T13:00:00.000Z,,,2026-11-16T14:40:00.000Z,1,false,false' + BY_SERVICE,
        'INC0004,"Line one',
        'line two",incident,vpn,finance,gold,resolution,P1,breached,false,4h,240,300,0,41.7,2026-10-05T13:00:00.000Z,,2026-09-30T20:00:00.000Z,,1,false,false' + BY_SERVICE,
        '',
      ].join('\n'),
    );
  });

  it('is only the header line when there are no clocks', () => {
    expect(formatSlaReportCsv({ ...sampleReport(), tickets: [] })).toBe(`${HEADER},${AGREEMENT}\n`);
  });

  it('guards free text against formula injection, and leaves numbers and ordinary text alone', () => {
    const titles = ['=1+2', '+1 for this', '-5 °C', '@SUM(A1)', '\tindented', 'plain', 'a = b', ''];
    const csv = formatSlaReportCsv({ ...sampleReport(), tickets: titles.map((title) => clockRow({ title, elapsedMinutes: -0.5 })) });
    expect(csv.split('\n').slice(1, -1).map((line) => line.split(',').slice(1, 2)[0])).toEqual([
      "'=1+2",
      "'+1 for this",
      "'-5 °C",
      "'@SUM(A1)",
      "'\tindented",
      'plain',
      'a = b',
      '',
    ]);
    // A negative number is data, not a formula.
    expect(csv.split('\n')[1]!.split(',')[12]).toBe('-0.5');
  });

  it('quotes a field with a comma, a quote, CR or LF, and nothing else', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField("it's; fine")).toBe("it's; fine");
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField(-12)).toBe('-12');
    expect(csvField('=x,y', true)).toBe('"\'=x,y"');
  });
});

describe('sla status: csv', () => {
  it('writes the report columns and the business minutes left (the columns as first published)', () => {
    expect(formatSlaStatusCsv(sampleStatus())).toBe(
      [
        `${HEADER},leftMinutes,${AGREEMENT}`,
        'INC0007,VPN drops every 10 minutes,incident,vpn,finance,gold,resolution,P1,breached,false,4h,240,370,0,154.2,2026-10-05T13:00:00.000Z,,2026-10-06T11:20:00.000Z,,1,false,false,-130' + BY_SERVICE,
        'INC0009,VPN drops every 10 minutes,incident,vpn,finance,gold,response,P1,running,true,15m,15,12.4,0,82.7,2026-10-05T13:00:00.000Z,,,2026-10-06T13:32:36.000Z,1,false,false,2.6' + BY_SERVICE,
        "INC0008,'+1 for the printer,incident,print,finance,gold,resolution,P2,running,false,8h,480,60,0,12.5,2026-10-05T13:00:00.000Z,,,,1,false,false,420" + BY_SERVICE,
        '',
      ].join('\n'),
    );
  });
});

describe('csv: --delimiter', () => {
  it('separates fields with the delimiter and quotes exactly the fields that hold it, a quote, CR or LF', () => {
    // The delimiter in the data is quoted; a comma is not, once it is not the delimiter; numbers keep their point.
    const report = { ...sampleReport(), tickets: [clockRow({ title: 'a;b, c|d\te', elapsedMinutes: 47.5 })] };
    const row = (delimiter: ',' | ';' | '|' | '\t') => formatSlaReportCsv(report, { delimiter }).split('\n')[1]!;
    expect(row(';').split(';').slice(0, 3)).toEqual(['INC0001', '"a', 'b, c|d\te"']);
    expect(row(';')).toContain(';47.5;');
    expect(row(',').split(',').slice(0, 3)).toEqual(['INC0001', '"a;b', ' c|d\te"']);
    expect(row('|')).toMatch(/^INC0001\|"a;b, c\|d\te"\|incident\|/);
    expect(row('\t')).toMatch(/^INC0001\t"a;b, c\|d\te"\tincident\t/);
    expect(formatSlaReportCsv(report, { delimiter: ';' }).split('\n')[0]).toBe(`${HEADER},${AGREEMENT}`.replaceAll(',', ';'));
  });

  it('quotes by the delimiter in every field, free text or not, and keeps the formula guard', () => {
    expect(csvField('a;b', false, ';')).toBe('"a;b"');
    expect(csvField('a,b', false, ';')).toBe('a,b');
    expect(csvField('a|b', false, '|')).toBe('"a|b"');
    expect(csvField('a\tb', false, '\t')).toBe('"a\tb"');
    expect(csvField('a\tb', false, ',')).toBe('a\tb');
    expect(csvField('=1;2', true, ';')).toBe('"\'=1;2"');
    expect(csvField(-0.5, false, ';')).toBe('-0.5');
  });

  it('applies to sla status too', () => {
    expect(formatSlaStatusCsv(sampleStatus(), { delimiter: '|' }).split('\n')[3]).toBe(
      "INC0008|'+1 for the printer|incident|print|finance|gold|resolution|P2|running|false|8h|480|60|0|12.5|2026-10-05T13:00:00.000Z||||1|false|false|420||service|us-business-hours|agreement|",
    );
  });
});
