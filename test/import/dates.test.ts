import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileDateFormat,
  createTimestampReader,
  instantOfWallClock,
  isMissing,
  isoOf,
  parseWallClock,
  readTimestamp,
} from '../../src/import/dates.js';
import { utcOffsetAt } from '../../src/time/index.js';

const wall = (iso: string) => Date.parse(`${iso}Z`);
const formats = (...f: string[]) => f.map(compileDateFormat);

describe('date formats', () => {
  it('reads day-first dates without zero padding, as the UCI log writes them', () => {
    expect(parseWallClock('29/2/2016 01:16', formats('D/M/YYYY H:mm'))).toEqual({ wallMs: wall('2016-02-29T01:16:00') });
    expect(parseWallClock('5/3/2016 9:05', formats('D/M/YYYY H:mm'))).toEqual({ wallMs: wall('2016-03-05T09:05:00') });
  });

  it('accepts the letters of Java SimpleDateFormat (ServiceNow) as well as Moment', () => {
    expect(parseWallClock('2016-02-29 13:16:59', formats('yyyy-MM-dd HH:mm:ss'))).toEqual({ wallMs: wall('2016-02-29T13:16:59') });
    expect(parseWallClock('02/29/2016 01:16:00 PM', formats('MM/dd/yyyy hh:mm:ss a'))).toEqual({ wallMs: wall('2016-02-29T13:16:00') });
    expect(parseWallClock('12/1/2016 12:05 am', formats('M/D/YYYY h:mm A'))).toEqual({ wallMs: wall('2016-12-01T00:05:00') });
  });

  it('tries the formats in order and takes the first that gives a real date', () => {
    const list = formats('D/M/YYYY H:mm', 'YYYY-MM-DD H:mm:ss');
    expect(parseWallClock('2016-03-05 10:00:00', list)).toEqual({ wallMs: wall('2016-03-05T10:00:00') });
    expect(parseWallClock('31/4/2016 10:00', list)).toBeUndefined(); // 31 April
    expect(parseWallClock('29/2/2017 10:00', list)).toBeUndefined(); // not a leap year
    expect(parseWallClock('1/13/2016 10:00', list)).toBeUndefined(); // month 13: not day-first
    expect(parseWallClock('1/1/2016 24:00', list)).toBeUndefined();
  });

  it('reads fractions and offsets; a value with an offset is an instant whatever the zone', () => {
    expect(parseWallClock('2016-03-05T10:00:00.25+02:00', formats('YYYY-MM-DD[T]HH:mm:ss.SSSZ'))).toEqual({
      wallMs: wall('2016-03-05T10:00:00.250'),
      offsetMs: 2 * 3_600_000,
    });
    expect(readTimestamp('2016-03-05 10:00 -0300', formats('YYYY-MM-DD HH:mm ZZ'), 'Asia/Tokyo')).toEqual({ ok: true, ms: wall('2016-03-05T13:00:00'), iso: '2016-03-05T13:00:00Z' });
  });

  it('refuses a format with a letter that is not a date letter, or that lacks a part', () => {
    expect(() => compileDateFormat('DD/MM/YY')).toThrow(/"Y"|no year/);
    expect(() => compileDateFormat('D/M/YYYY hh:mm')).toThrow(/12-hour clock/);
    expect(() => compileDateFormat('YYYY-MM HH:mm')).toThrow(/no day/);
    expect(() => compileDateFormat('D/M/YYYY Hh')).toThrow(/two hour fields/);
    expect(() => compileDateFormat('D/M/YYYY [at H:mm')).toThrow(/not closed/);
    expect(compileDateFormat('D/M/YYYY [at] H:mm').regex.test('1/2/2016 at 9:30')).toBe(true);
  });
});

describe('instantOfWallClock: wall-clock times in an IANA zone, across DST', () => {
  it('reads an ordinary time with the offset in force', () => {
    expect(instantOfWallClock(wall('2016-02-29T01:16:00'), 'UTC')).toEqual({ ms: wall('2016-02-29T01:16:00') });
    expect(instantOfWallClock(wall('2016-07-01T12:00:00'), 'America/Sao_Paulo')).toEqual({ ms: wall('2016-07-01T15:00:00') });
  });

  it('moves a time in a spring-forward gap forward by the gap (Temporal "compatible")', () => {
    // Europe/Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and is read as 03:30 CEST.
    expect(instantOfWallClock(wall('2026-03-29T02:30:00'), 'Europe/Berlin')).toEqual({ ms: wall('2026-03-29T01:30:00'), adjusted: 'gap' });
    // America/New_York 2026-03-08: 02:30 → 03:30 EDT = 07:30Z.
    expect(instantOfWallClock(wall('2026-03-08T02:30:00'), 'America/New_York')).toEqual({ ms: wall('2026-03-08T07:30:00'), adjusted: 'gap' });
    // America/Sao_Paulo 2016-10-16, within the UCI log's year: midnight became 01:00; 00:30 is read as 01:30 -02:00.
    expect(instantOfWallClock(wall('2016-10-16T00:30:00'), 'America/Sao_Paulo')).toEqual({ ms: wall('2016-10-16T03:30:00'), adjusted: 'gap' });
  });

  it('takes the earlier instant of a time repeated when the clocks go back', () => {
    expect(instantOfWallClock(wall('2026-10-25T02:30:00'), 'Europe/Berlin')).toEqual({ ms: wall('2026-10-25T00:30:00'), adjusted: 'overlap' });
    expect(instantOfWallClock(wall('2026-11-01T01:30:00'), 'America/New_York')).toEqual({ ms: wall('2026-11-01T05:30:00'), adjusted: 'overlap' });
    // America/Sao_Paulo 2017-02-19 00:00 -02:00 became 2017-02-18 23:00 -03:00: 23:30 happened at 01:30Z and at 02:30Z.
    expect(instantOfWallClock(wall('2017-02-18T23:30:00'), 'America/Sao_Paulo')).toEqual({ ms: wall('2017-02-19T01:30:00'), adjusted: 'overlap' });
  });

  it('the instants just around a change are not adjusted', () => {
    expect(instantOfWallClock(wall('2026-03-29T01:59:00'), 'Europe/Berlin')).toEqual({ ms: wall('2026-03-29T00:59:00') });
    expect(instantOfWallClock(wall('2026-03-29T03:00:00'), 'Europe/Berlin')).toEqual({ ms: wall('2026-03-29T01:00:00') });
    expect(instantOfWallClock(wall('2026-10-25T03:00:00'), 'Europe/Berlin')).toEqual({ ms: wall('2026-10-25T02:00:00') });
  });

  it('reads back the wall clock it was given, except in gaps (property, over zones with DST)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: wall('2000-01-01T00:00:00') / 60_000, max: wall('2030-01-01T00:00:00') / 60_000 }), (zone, minute) => {
        const w = minute * 60_000;
        const { ms, adjusted } = instantOfWallClock(w, zone);
        const back = ms + utcOffsetAt(zone, ms);
        if (adjusted === 'gap') expect(back).toBeGreaterThan(w);
        else expect(back).toBe(w);
        if (adjusted === 'overlap') expect(utcOffsetAt(zone, ms)).toBeGreaterThan(utcOffsetAt(zone, ms + 2 * 3_600_000));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('createTimestampReader', () => {
  const read = createTimestampReader(['D/M/YYYY H:mm'], 'America/Sao_Paulo');

  it('reads naive timestamps in the zone and writes UTC ISO 8601', () => {
    expect(read('29/2/2016 01:16')).toEqual({ ok: true, ms: wall('2016-02-29T04:16:00'), iso: '2016-02-29T04:16:00Z' });
    expect(read(' 29/2/2016 01:16 ')).toMatchObject({ ok: true, iso: '2016-02-29T04:16:00Z' });
  });

  it('reports gaps and overlaps so that the importer can say so', () => {
    expect(read('16/10/2016 00:30')).toEqual({ ok: true, ms: wall('2016-10-16T03:30:00'), iso: '2016-10-16T03:30:00Z', adjusted: 'gap' });
    expect(read('18/2/2017 23:30')).toMatchObject({ ok: true, adjusted: 'overlap' });
  });

  it('says why a value is not a date; "?" and empty are missing', () => {
    expect(read('?')).toEqual({ ok: false, reason: 'no date ("?")' });
    expect(read('')).toEqual({ ok: false, reason: 'no date ("")' });
    expect(read('2016/02/29')).toEqual({ ok: false, reason: '"2016/02/29" is not a date in the format "D/M/YYYY H:mm"' });
    expect(read('1/1/0999 10:00')).toMatchObject({ ok: false });
    expect(isMissing('NULL')).toBe(true);
    expect(isMissing('0')).toBe(false);
  });

  it('accepts an ISO 8601 instant whatever the formats', () => {
    expect(read('2016-02-29T01:16:00-03:00')).toEqual({ ok: true, ms: wall('2016-02-29T04:16:00'), iso: '2016-02-29T04:16:00Z' });
  });

  it('refuses a zone the runtime does not know, up front', () => {
    expect(() => createTimestampReader(['D/M/YYYY H:mm'], 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('isoOf', () => {
  it('writes UTC without milliseconds when there are none, and agrees with Date (property)', () => {
    expect(isoOf(wall('2016-02-29T01:16:00'))).toBe('2016-02-29T01:16:00Z');
    expect(isoOf(wall('2016-02-29T01:16:00.500'))).toBe('2016-02-29T01:16:00.500Z');
    expect(isoOf(wall('1969-12-31T23:59:00'))).toBe('1969-12-31T23:59:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (s) => {
        expect(isoOf(s * 1000)).toBe(`${new Date(s * 1000).toISOString().slice(0, 19)}Z`);
      }),
      { numRuns: 5000 },
    );
  });
});
