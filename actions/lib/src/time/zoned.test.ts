import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  hoursBetween,
  isoWeek,
  localParts,
  nextPeriod,
  periodContaining,
  periodsBetween,
  previousPeriod,
  startOfLocalDay,
  zonedTime,
  type Period,
} from './zoned.ts';

/**
 * Expected instants are written as UTC timestamps worked out by hand from the zone rules below, and
 * turned into epoch ms by Date.parse (which involves no time zone when the text ends in Z).
 *
 * Europe/Paris: CET = UTC+1 in winter, CEST = UTC+2 in summer.
 *   2026-03-29 (last Sunday of March): at 01:00Z local 02:00 CET jumps to 03:00 CEST (02:00..02:59 do not exist).
 *   2026-10-25 (last Sunday of October): at 01:00Z local 03:00 CEST falls back to 02:00 CET (02:00..02:59 happen twice).
 * America/New_York: EST = UTC-5, EDT = UTC-4.
 *   2026-03-08 (second Sunday of March): at 07:00Z local 02:00 EST jumps to 03:00 EDT.
 *   2026-11-01 (first Sunday of November): at 06:00Z local 02:00 EDT falls back to 01:00 EST.
 * Asia/Kolkata: IST = UTC+05:30 all year, no daylight saving.
 *
 * Weekdays, from 2026-01-01 being a Thursday: 2026-03-01, 03-08, 03-29, 10-25 and 11-01 are Sundays;
 * 2026-11-16 is a Monday; 2026-11-21 a Saturday; 2026-12-28 a Monday; 2027-01-01 a Friday.
 */
const Z = (iso: string): number => Date.parse(iso);
const H = 3_600_000;

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';

/** The local wall-clock parts localParts returns, in its order: year, month, day, hour, minute, weekday (Monday 0). */
const wall = (year: number, month: number, day: number, hour: number, minute: number, weekday: number) => ({
  year,
  month,
  day,
  hour,
  minute,
  weekday,
});

/** The parts of a Period that do not depend on the zone, for compact comparisons. */
const dates = (p: Period) => ({ unit: p.unit, label: p.label, startDate: p.startDate, endDate: p.endDate });

describe('anchor', () => {
  it('reads UTC timestamps as the epoch values they are', () => {
    // 2026-01-01 is 56 years after 1970 with 14 leap days (1972..2024): (56 * 365 + 14) days = 20454 days.
    expect(Z('2026-01-01T00:00Z')).toBe(20454 * 86_400_000);
    expect(Z('2026-01-01T00:00Z')).toBe(1_767_225_600_000);
  });
});

describe('localParts', () => {
  it('reads the Paris wall clock on either side of the spring-forward gap', () => {
    // 00:59Z is 01:59 CET; one minute later, 01:00Z, is 03:00 CEST. Sunday is weekday 6.
    expect(localParts(Z('2026-03-29T00:59Z'), PARIS)).toEqual(wall(2026, 3, 29, 1, 59, 6));
    expect(localParts(Z('2026-03-29T01:00Z'), PARIS)).toEqual(wall(2026, 3, 29, 3, 0, 6));
  });

  it('reads the same Paris wall clock twice in the fall-back overlap', () => {
    // 00:30Z is 02:30 CEST and 01:30Z is 02:30 CET.
    const twice = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, weekday: 6 };
    expect(localParts(Z('2026-10-25T00:30Z'), PARIS)).toEqual(twice);
    expect(localParts(Z('2026-10-25T01:30Z'), PARIS)).toEqual(twice);
    // 01:00Z is 02:00 CET (clocks just went back from 03:00 CEST); 00:59Z is 02:59 CEST.
    expect(localParts(Z('2026-10-25T00:59Z'), PARIS)).toMatchObject({ hour: 2, minute: 59 });
    expect(localParts(Z('2026-10-25T01:00Z'), PARIS)).toMatchObject({ hour: 2, minute: 0 });
  });

  it('gives the local date, not the UTC date, and ISO weekdays', () => {
    // 2026-01-01T23:30Z (Thursday) is already Friday 2026-01-02 00:30 CET in Paris...
    expect(localParts(Z('2026-01-01T23:30Z'), PARIS)).toEqual(wall(2026, 1, 2, 0, 30, 4));
    // ...and still Thursday 18:30 EST in New York.
    expect(localParts(Z('2026-01-01T23:30Z'), NEW_YORK)).toEqual(wall(2026, 1, 1, 18, 30, 3));
    // Monday 2026-11-16 00:00 UTC is weekday 0; seconds are dropped.
    expect(localParts(Z('2026-11-16T00:00:59Z'), 'UTC')).toEqual(wall(2026, 11, 16, 0, 0, 0));
  });

  it('handles a half-hour offset (Kolkata, +05:30)', () => {
    // 2026-01-01T18:30Z + 05:30 = Friday 2026-01-02 00:00 IST; 18:29Z is Thursday 23:59.
    expect(localParts(Z('2026-01-01T18:30Z'), KOLKATA)).toEqual(wall(2026, 1, 2, 0, 0, 4));
    expect(localParts(Z('2026-01-01T18:29Z'), KOLKATA)).toEqual(wall(2026, 1, 1, 23, 59, 3));
  });

  it('writes midnight as hour 0, not 24', () => {
    expect(localParts(Z('2026-06-30T22:00Z'), PARIS)).toEqual(wall(2026, 7, 1, 0, 0, 2));
  });
});

describe('zonedTime', () => {
  it('converts ordinary Paris wall-clock times in winter and summer', () => {
    expect(zonedTime('2026-01-15', '12:00', PARIS)).toBe(Z('2026-01-15T11:00Z')); // CET, UTC+1
    expect(zonedTime('2026-07-01', '12:00', PARIS)).toBe(Z('2026-07-01T10:00Z')); // CEST, UTC+2
    expect(zonedTime('2026-07-01', '00:00', PARIS)).toBe(Z('2026-06-30T22:00Z'));
  });

  it('moves a time in the Paris spring-forward gap forward by the gap (compatible)', () => {
    expect(zonedTime('2026-03-29', '01:59', PARIS)).toBe(Z('2026-03-29T00:59Z')); // last CET minute
    // 02:00 and 02:30 do not exist: read with the offset before the gap (+1), i.e. 03:00 and 03:30 CEST.
    expect(zonedTime('2026-03-29', '02:00', PARIS)).toBe(Z('2026-03-29T01:00Z'));
    expect(zonedTime('2026-03-29', '02:30', PARIS)).toBe(Z('2026-03-29T01:30Z'));
    expect(zonedTime('2026-03-29', '02:59', PARIS)).toBe(Z('2026-03-29T01:59Z'));
    // 02:30 resolves to the same instant as 03:30 CEST, which exists.
    expect(zonedTime('2026-03-29', '03:30', PARIS)).toBe(Z('2026-03-29T01:30Z'));
    expect(zonedTime('2026-03-29', '03:00', PARIS)).toBe(Z('2026-03-29T01:00Z'));
  });

  it('takes the earlier instant of a time repeated by the Paris fall back', () => {
    expect(zonedTime('2026-10-25', '01:59', PARIS)).toBe(Z('2026-10-24T23:59Z')); // CEST only
    // 02:00 and 02:30 happen in CEST (earlier) and again in CET: the CEST reading wins.
    expect(zonedTime('2026-10-25', '02:00', PARIS)).toBe(Z('2026-10-25T00:00Z'));
    expect(zonedTime('2026-10-25', '02:30', PARIS)).toBe(Z('2026-10-25T00:30Z'));
    expect(zonedTime('2026-10-25', '02:59', PARIS)).toBe(Z('2026-10-25T00:59Z'));
    expect(zonedTime('2026-10-25', '03:00', PARIS)).toBe(Z('2026-10-25T02:00Z')); // CET only
  });

  it('handles New York daylight saving (2026-03-08 and 2026-11-01)', () => {
    expect(zonedTime('2026-03-08', '01:59', NEW_YORK)).toBe(Z('2026-03-08T06:59Z')); // EST, UTC-5
    expect(zonedTime('2026-03-08', '02:30', NEW_YORK)).toBe(Z('2026-03-08T07:30Z')); // gap: 03:30 EDT
    expect(zonedTime('2026-03-08', '03:00', NEW_YORK)).toBe(Z('2026-03-08T07:00Z')); // EDT, UTC-4
    expect(zonedTime('2026-11-01', '00:59', NEW_YORK)).toBe(Z('2026-11-01T04:59Z')); // EDT
    expect(zonedTime('2026-11-01', '01:30', NEW_YORK)).toBe(Z('2026-11-01T05:30Z')); // overlap: EDT, not 06:30Z (EST)
    expect(zonedTime('2026-11-01', '02:00', NEW_YORK)).toBe(Z('2026-11-01T07:00Z')); // EST
  });

  it('handles UTC and Kolkata (+05:30)', () => {
    expect(zonedTime('2026-11-21', '00:00', 'UTC')).toBe(Z('2026-11-21T00:00Z'));
    expect(zonedTime('2026-11-21', '23:59', 'UTC')).toBe(Z('2026-11-21T23:59Z'));
    expect(zonedTime('2026-11-21', '00:00', KOLKATA)).toBe(Z('2026-11-20T18:30Z'));
    expect(zonedTime('2026-11-21', '05:30', KOLKATA)).toBe(Z('2026-11-21T00:00Z'));
  });

  it('round-trips every quarter hour of the Paris transition days through localParts', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const hour = Math.floor(minutes / 60);
        const time = `${String(hour).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const parts = localParts(zonedTime(date, time, PARIS), PARIS);
        // Only the skipped hour (02:xx on 03-29) reads back an hour later.
        const expectedHour = date === '2026-03-29' && hour === 2 ? 3 : hour;
        expect({ time, day: parts.day, hour: parts.hour, minute: parts.minute }).toEqual({
          time,
          day: Number(date.slice(8)),
          hour: expectedHour,
          minute: minutes % 60,
        });
      }
    }
  });

  it('refuses malformed dates and times', () => {
    expect(() => zonedTime('2026-02-29', '00:00', PARIS)).toThrow(RangeError); // 2026 is not a leap year
    expect(() => zonedTime('2026-1-05', '00:00', PARIS)).toThrow(/YYYY-MM-DD/);
    expect(() => zonedTime('2026-01-05', '24:00', PARIS)).toThrow(/HH:MM/);
    expect(() => zonedTime('2026-01-05', '9:00', PARIS)).toThrow(/HH:MM/);
    expect(() => zonedTime('2026-01-05', '09:60', PARIS)).toThrow(/HH:MM/);
  });
});

describe('startOfLocalDay and day lengths', () => {
  it('starts each local day at local midnight', () => {
    expect(startOfLocalDay('2026-03-29', PARIS)).toBe(Z('2026-03-28T23:00Z'));
    expect(startOfLocalDay('2026-03-30', PARIS)).toBe(Z('2026-03-29T22:00Z'));
    expect(startOfLocalDay('2026-10-25', PARIS)).toBe(Z('2026-10-24T22:00Z'));
    expect(startOfLocalDay('2026-10-26', PARIS)).toBe(Z('2026-10-25T23:00Z'));
  });

  it('has a 23-hour day in spring and a 25-hour day in autumn (Paris)', () => {
    const spring = periodContaining(Z('2026-03-29T12:00Z'), 'day', PARIS);
    expect(spring).toEqual({
      unit: 'day',
      start: Z('2026-03-28T23:00Z'),
      end: Z('2026-03-29T22:00Z'),
      label: '2026-03-29',
      startDate: '2026-03-29',
      endDate: '2026-03-30',
    });
    expect(spring.end - spring.start).toBe(23 * H);
    const autumn = periodContaining(Z('2026-10-25T12:00Z'), 'day', PARIS);
    expect(autumn).toEqual({
      unit: 'day',
      start: Z('2026-10-24T22:00Z'),
      end: Z('2026-10-25T23:00Z'),
      label: '2026-10-25',
      startDate: '2026-10-25',
      endDate: '2026-10-26',
    });
    expect(autumn.end - autumn.start).toBe(25 * H);
    const ordinary = periodContaining(Z('2026-03-28T12:00Z'), 'day', PARIS);
    expect(ordinary.end - ordinary.start).toBe(24 * H);
  });

  it('has a 23-hour and a 25-hour day in New York', () => {
    // 2026-03-08 00:00 EST = 05:00Z; 2026-03-09 00:00 EDT = 04:00Z.
    const spring = periodContaining(Z('2026-03-08T12:00Z'), 'day', NEW_YORK);
    expect([spring.start, spring.end]).toEqual([Z('2026-03-08T05:00Z'), Z('2026-03-09T04:00Z')]);
    expect(hoursBetween(spring.start, spring.end)).toBe(23);
    // 2026-11-01 00:00 EDT = 04:00Z; 2026-11-02 00:00 EST = 05:00Z.
    const autumn = periodContaining(Z('2026-11-01T12:00Z'), 'day', NEW_YORK);
    expect([autumn.start, autumn.end]).toEqual([Z('2026-11-01T04:00Z'), Z('2026-11-02T05:00Z')]);
    expect(hoursBetween(autumn.start, autumn.end)).toBe(25);
  });
});

describe('isoWeek', () => {
  it('numbers weeks from the week with the first Thursday', () => {
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 }); // a Thursday: week 1 is 2025-12-29..2026-01-04
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 }); // Monday of that week belongs to 2026
    expect(isoWeek('2025-12-28')).toEqual({ year: 2025, week: 52 }); // Sunday before
    expect(isoWeek('2026-11-21')).toEqual({ year: 2026, week: 47 }); // Thursday 11-19 is day 323: floor(322 / 7) + 1
    expect(isoWeek('2026-11-16')).toEqual({ year: 2026, week: 47 });
    expect(isoWeek('2026-11-22')).toEqual({ year: 2026, week: 47 }); // Sunday ends the week
    expect(isoWeek('2026-11-23')).toEqual({ year: 2026, week: 48 });
  });

  it('has week 53 in 2026 that runs into 2027', () => {
    // 2026 starts on a Thursday, so it has 53 ISO weeks; W53 is 2026-12-28..2027-01-03.
    expect(isoWeek('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2026-12-31')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
  });

  it('puts late-December dates in week 1 of the next year', () => {
    // 2025-01-01 is a Wednesday, so week 1 of 2025 starts Monday 2024-12-30.
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2024-12-29')).toEqual({ year: 2024, week: 52 });
    // 2020 (a leap year starting on Wednesday) has 53 weeks; 2021-01-03 is in its W53.
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
  });

  it('refuses a date that is not one', () => {
    expect(() => isoWeek('2026-13-01')).toThrow(RangeError);
  });
});

describe('addLocalDays', () => {
  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addLocalDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addLocalDays('2026-03-29', 1)).toBe('2026-03-30'); // a 23-hour day in Paris is still one day
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalDays('2026-11-21', 0)).toBe('2026-11-21');
    expect(addLocalDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('refuses bad input', () => {
    expect(() => addLocalDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addLocalDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('hoursBetween', () => {
  it('measures elapsed hours, signed and fractional', () => {
    expect(hoursBetween(Z('2026-03-28T23:00Z'), Z('2026-03-29T22:00Z'))).toBe(23);
    expect(hoursBetween(Z('2026-01-01T02:00Z'), Z('2026-01-01T00:30Z'))).toBe(-1.5);
    expect(hoursBetween(0, 0)).toBe(0);
  });
});

describe('weeks', () => {
  it('finds the ISO week of an instant, Monday to Monday in local time', () => {
    // Saturday 2026-11-21 12:00 CET; the week is Monday 11-16 00:00 CET (11-15T23:00Z) to Monday 11-23.
    expect(periodContaining(Z('2026-11-21T11:00Z'), 'week', PARIS)).toEqual({
      unit: 'week',
      start: Z('2026-11-15T23:00Z'),
      end: Z('2026-11-22T23:00Z'),
      label: '2026-W47',
      startDate: '2026-11-16',
      endDate: '2026-11-23',
    });
  });

  it('uses the local date near the week boundary', () => {
    // Sunday 2026-11-22T23:30Z is already Monday 00:30 CET in Paris (W48) but Sunday in UTC (W47).
    expect(periodContaining(Z('2026-11-22T23:30Z'), 'week', PARIS).label).toBe('2026-W48');
    expect(periodContaining(Z('2026-11-22T23:30Z'), 'week', 'UTC').label).toBe('2026-W47');
    expect(periodContaining(Z('2026-11-22T23:30Z'), 'week', 'UTC').start).toBe(Z('2026-11-16T00:00Z'));
  });

  it('is one hour short across the spring change', () => {
    // W13: Monday 2026-03-23 00:00 CET (03-22T23:00Z) to Monday 03-30 00:00 CEST (03-29T22:00Z) = 7 * 24 - 1 hours.
    const week = periodContaining(Z('2026-03-25T12:00Z'), 'week', PARIS);
    expect(dates(week)).toEqual({ unit: 'week', label: '2026-W13', startDate: '2026-03-23', endDate: '2026-03-30' });
    expect([week.start, week.end]).toEqual([Z('2026-03-22T23:00Z'), Z('2026-03-29T22:00Z')]);
    expect(hoursBetween(week.start, week.end)).toBe(167);
  });

  it('labels 2026-W53 by its ISO year, and moves to 2027-W01 and back', () => {
    const w53 = periodContaining(Z('2027-01-01T12:00Z'), 'week', PARIS);
    expect(dates(w53)).toEqual({ unit: 'week', label: '2026-W53', startDate: '2026-12-28', endDate: '2027-01-04' });
    expect([w53.start, w53.end]).toEqual([Z('2026-12-27T23:00Z'), Z('2027-01-03T23:00Z')]);
    const w01 = nextPeriod(w53, PARIS);
    expect(dates(w01)).toEqual({ unit: 'week', label: '2027-W01', startDate: '2027-01-04', endDate: '2027-01-11' });
    expect(w01.start).toBe(w53.end);
    expect(previousPeriod(w01, PARIS)).toEqual(w53);
    // 2024-12-30..2025-01-05 is 2025-W01 even though it starts in 2024.
    expect(periodContaining(Z('2024-12-31T12:00Z'), 'week', PARIS).label).toBe('2025-W01');
  });
});

describe('months', () => {
  it('has 28-, 29-, 30- and 31-day months', () => {
    // February 2026 (28 days, CET throughout): 01-31T23:00Z to 02-28T23:00Z = 28 * 24 hours.
    const feb = periodContaining(Z('2026-02-14T12:00Z'), 'month', PARIS);
    expect(feb).toEqual({
      unit: 'month',
      start: Z('2026-01-31T23:00Z'),
      end: Z('2026-02-28T23:00Z'),
      label: '2026-02',
      startDate: '2026-02-01',
      endDate: '2026-03-01',
    });
    expect(hoursBetween(feb.start, feb.end)).toBe(28 * 24);
    // February 2028 is a leap month: 29 days.
    const leap = periodContaining(Z('2028-02-29T12:00Z'), 'month', PARIS);
    expect(dates(leap)).toEqual({ unit: 'month', label: '2028-02', startDate: '2028-02-01', endDate: '2028-03-01' });
    expect([leap.start, leap.end]).toEqual([Z('2028-01-31T23:00Z'), Z('2028-02-29T23:00Z')]);
    expect(hoursBetween(leap.start, leap.end)).toBe(29 * 24);
    // April 2026 (30 days, CEST throughout): 03-31T22:00Z to 04-30T22:00Z.
    const april = periodContaining(Z('2026-04-15T12:00Z'), 'month', PARIS);
    expect(dates(april)).toEqual({ unit: 'month', label: '2026-04', startDate: '2026-04-01', endDate: '2026-05-01' });
    expect([april.start, april.end]).toEqual([Z('2026-03-31T22:00Z'), Z('2026-04-30T22:00Z')]);
    expect(hoursBetween(april.start, april.end)).toBe(30 * 24);
    // January 2026 (31 days, CET): 2025-12-31T23:00Z to 2026-01-31T23:00Z.
    const january = periodContaining(Z('2026-01-10T12:00Z'), 'month', PARIS);
    expect(dates(january)).toEqual({ unit: 'month', label: '2026-01', startDate: '2026-01-01', endDate: '2026-02-01' });
    expect(hoursBetween(january.start, january.end)).toBe(31 * 24);
  });

  it('loses an hour in March and gains one in October (Paris)', () => {
    // March: 02-28T23:00Z (CET) to 03-31T22:00Z (CEST) = 31 * 24 - 1.
    const march = periodContaining(Z('2026-03-15T12:00Z'), 'month', PARIS);
    expect([march.start, march.end]).toEqual([Z('2026-02-28T23:00Z'), Z('2026-03-31T22:00Z')]);
    expect(hoursBetween(march.start, march.end)).toBe(743);
    // October: 09-30T22:00Z (CEST) to 10-31T23:00Z (CET) = 31 * 24 + 1.
    const october = periodContaining(Z('2026-10-15T12:00Z'), 'month', PARIS);
    expect([october.start, october.end]).toEqual([Z('2026-09-30T22:00Z'), Z('2026-10-31T23:00Z')]);
    expect(hoursBetween(october.start, october.end)).toBe(745);
  });

  it('steps to the adjacent calendar month, whatever its length', () => {
    const march = periodContaining(Z('2026-03-15T12:00Z'), 'month', PARIS);
    const feb = previousPeriod(march, PARIS);
    expect(feb).toEqual({
      unit: 'month',
      start: Z('2026-01-31T23:00Z'),
      end: Z('2026-02-28T23:00Z'),
      label: '2026-02',
      startDate: '2026-02-01',
      endDate: '2026-03-01',
    });
    expect(feb.end).toBe(march.start);
    expect(dates(nextPeriod(march, PARIS))).toEqual({
      unit: 'month',
      label: '2026-04',
      startDate: '2026-04-01',
      endDate: '2026-05-01',
    });
    // Across the year boundary, both ways.
    const january = periodContaining(Z('2026-01-10T12:00Z'), 'month', PARIS);
    const december = previousPeriod(january, PARIS);
    expect(december).toEqual({
      unit: 'month',
      start: Z('2025-11-30T23:00Z'),
      end: Z('2025-12-31T23:00Z'),
      label: '2025-12',
      startDate: '2025-12-01',
      endDate: '2026-01-01',
    });
    expect(nextPeriod(december, PARIS)).toEqual(january);
  });
});

describe('quarters', () => {
  it('finds the quarter of an instant', () => {
    // Q4 2026: 10-01 00:00 CEST (09-30T22:00Z) to 2027-01-01 00:00 CET (2026-12-31T23:00Z).
    expect(periodContaining(Z('2026-11-21T12:00Z'), 'quarter', PARIS)).toEqual({
      unit: 'quarter',
      start: Z('2026-09-30T22:00Z'),
      end: Z('2026-12-31T23:00Z'),
      label: '2026-Q4',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    });
    expect(dates(periodContaining(Z('2026-01-01T00:00Z'), 'quarter', PARIS))).toEqual({
      unit: 'quarter',
      label: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-04-01',
    });
    expect(dates(periodContaining(Z('2026-06-30T12:00Z'), 'quarter', PARIS))).toEqual({
      unit: 'quarter',
      label: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-07-01',
    });
    expect(dates(periodContaining(Z('2026-07-01T12:00Z'), 'quarter', PARIS))).toEqual({
      unit: 'quarter',
      label: '2026-Q3',
      startDate: '2026-07-01',
      endDate: '2026-10-01',
    });
  });

  it('uses the local date at the quarter boundary', () => {
    // 2026-12-31T23:30Z is 2027-01-01 00:30 CET in Paris (Q1 2027) but still 2026-Q4 in UTC and New York.
    expect(periodContaining(Z('2026-12-31T23:30Z'), 'quarter', PARIS).label).toBe('2027-Q1');
    expect(periodContaining(Z('2026-12-31T23:30Z'), 'quarter', 'UTC').label).toBe('2026-Q4');
    expect(periodContaining(Z('2026-12-31T23:30Z'), 'quarter', NEW_YORK).label).toBe('2026-Q4');
  });

  it('steps across the year boundary', () => {
    const q1 = periodContaining(Z('2026-02-01T12:00Z'), 'quarter', PARIS);
    const q4 = previousPeriod(q1, PARIS);
    // 2025-10-01 00:00 CEST = 2025-09-30T22:00Z; 2026-01-01 00:00 CET = 2025-12-31T23:00Z.
    expect(q4).toEqual({
      unit: 'quarter',
      start: Z('2025-09-30T22:00Z'),
      end: Z('2025-12-31T23:00Z'),
      label: '2025-Q4',
      startDate: '2025-10-01',
      endDate: '2026-01-01',
    });
    expect(q4.end).toBe(q1.start);
    expect(nextPeriod(q4, PARIS)).toEqual(q1);
    expect(dates(nextPeriod(periodContaining(Z('2026-11-01T12:00Z'), 'quarter', PARIS), PARIS))).toEqual({
      unit: 'quarter',
      label: '2027-Q1',
      startDate: '2027-01-01',
      endDate: '2027-04-01',
    });
  });
});

describe('days', () => {
  it('steps across the year boundary', () => {
    const newYear = periodContaining(Z('2026-01-01T12:00Z'), 'day', PARIS);
    expect(previousPeriod(newYear, PARIS)).toEqual({
      unit: 'day',
      start: Z('2025-12-30T23:00Z'),
      end: Z('2025-12-31T23:00Z'),
      label: '2025-12-31',
      startDate: '2025-12-31',
      endDate: '2026-01-01',
    });
    expect(dates(nextPeriod(periodContaining(Z('2026-12-31T12:00Z'), 'day', PARIS), PARIS))).toEqual({
      unit: 'day',
      label: '2027-01-01',
      startDate: '2027-01-01',
      endDate: '2027-01-02',
    });
  });

  it('contains its own start and not its end', () => {
    const day = periodContaining(Z('2026-03-29T12:00Z'), 'day', PARIS);
    expect(periodContaining(day.start, 'day', PARIS)).toEqual(day);
    expect(periodContaining(day.end - 1, 'day', PARIS)).toEqual(day);
    expect(periodContaining(day.end, 'day', PARIS).label).toBe('2026-03-30');
    expect(periodContaining(day.start - 1, 'day', PARIS).label).toBe('2026-03-28');
  });

  it('follows the zone: Kolkata (+05:30) and UTC', () => {
    // 2026-11-21 IST: 11-20T18:30Z to 11-21T18:30Z.
    expect(periodContaining(Z('2026-11-21T12:00Z'), 'day', KOLKATA)).toEqual({
      unit: 'day',
      start: Z('2026-11-20T18:30Z'),
      end: Z('2026-11-21T18:30Z'),
      label: '2026-11-21',
      startDate: '2026-11-21',
      endDate: '2026-11-22',
    });
    // 19:00Z is already 00:30 on the 22nd in Kolkata.
    expect(periodContaining(Z('2026-11-21T19:00Z'), 'day', KOLKATA).label).toBe('2026-11-22');
    expect(periodContaining(Z('2026-11-21T19:00Z'), 'day', 'UTC')).toEqual({
      unit: 'day',
      start: Z('2026-11-21T00:00Z'),
      end: Z('2026-11-22T00:00Z'),
      label: '2026-11-21',
      startDate: '2026-11-21',
      endDate: '2026-11-22',
    });
    // A Kolkata month: 2026-11-01 00:00 IST (10-31T18:30Z) to 12-01 00:00 IST (11-30T18:30Z), exactly 30 days.
    const month = periodContaining(Z('2026-11-21T12:00Z'), 'month', KOLKATA);
    expect([month.start, month.end]).toEqual([Z('2026-10-31T18:30Z'), Z('2026-11-30T18:30Z')]);
    expect(hoursBetween(month.start, month.end)).toBe(720);
  });
});

describe('periodsBetween', () => {
  it('lists the Paris days across the spring change, including partial ends', () => {
    // 03-28T12:00Z (Saturday 13:00 CET) to 03-30T12:00Z (Monday 14:00 CEST): three local days.
    const days = periodsBetween(Z('2026-03-28T12:00Z'), Z('2026-03-30T12:00Z'), 'day', PARIS);
    expect(days.map((d) => d.label)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(days.map((d) => d.start)).toEqual([Z('2026-03-27T23:00Z'), Z('2026-03-28T23:00Z'), Z('2026-03-29T22:00Z')]);
    expect(days.map((d) => hoursBetween(d.start, d.end))).toEqual([24, 23, 24]);
  });

  it('lists the Paris days across the autumn change', () => {
    const days = periodsBetween(Z('2026-10-24T22:00Z'), Z('2026-10-26T23:00Z'), 'day', PARIS);
    expect(days.map((d) => d.label)).toEqual(['2026-10-25', '2026-10-26']);
    expect(days.map((d) => [d.start, d.end])).toEqual([
      [Z('2026-10-24T22:00Z'), Z('2026-10-25T23:00Z')],
      [Z('2026-10-25T23:00Z'), Z('2026-10-26T23:00Z')],
    ]);
  });

  it('includes a period starting at startMs and excludes one starting at endMs', () => {
    // Exactly the local days 03-29 and 03-30.
    const days = periodsBetween(Z('2026-03-28T23:00Z'), Z('2026-03-30T22:00Z'), 'day', PARIS);
    expect(days.map((d) => d.label)).toEqual(['2026-03-29', '2026-03-30']);
    // One millisecond more reaches into 03-31.
    expect(
      periodsBetween(Z('2026-03-28T23:00Z'), Z('2026-03-30T22:00Z') + 1, 'day', PARIS).map((d) => d.label),
    ).toEqual(['2026-03-29', '2026-03-30', '2026-03-31']);
  });

  it('tiles weeks, months and quarters with no gaps', () => {
    const weeks = periodsBetween(Z('2026-12-20T12:00Z'), Z('2027-01-10T12:00Z'), 'week', PARIS);
    expect(weeks.map((w) => w.label)).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
    const months = periodsBetween(Z('2026-10-15T00:00Z'), Z('2027-01-15T00:00Z'), 'month', PARIS);
    expect(months.map((m) => m.label)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    expect(months.map((m) => hoursBetween(m.start, m.end))).toEqual([745, 720, 744, 744]);
    const quarters = periodsBetween(Z('2025-12-01T00:00Z'), Z('2026-12-01T00:00Z'), 'quarter', NEW_YORK);
    expect(quarters.map((q) => q.label)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    for (const list of [weeks, months, quarters]) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.start).toBe(list[i - 1]!.end);
        expect(list[i]!.startDate).toBe(list[i - 1]!.endDate);
      }
    }
  });

  it('is empty for an empty or reversed range', () => {
    expect(periodsBetween(Z('2026-03-29T12:00Z'), Z('2026-03-29T12:00Z'), 'day', PARIS)).toEqual([]);
    expect(periodsBetween(Z('2026-03-30T12:00Z'), Z('2026-03-29T12:00Z'), 'day', PARIS)).toEqual([]);
  });
});

describe('invalid time zones', () => {
  const message = /"Mars\/Olympus".*IANA.*Europe\/Paris/;

  it('names the zone and suggests an IANA name, from every entry point', () => {
    expect(() => localParts(0, 'Mars/Olympus')).toThrow(message);
    expect(() => zonedTime('2026-03-29', '02:30', 'Mars/Olympus')).toThrow(message);
    expect(() => startOfLocalDay('2026-03-29', 'Mars/Olympus')).toThrow(message);
    expect(() => periodContaining(0, 'week', 'Mars/Olympus')).toThrow(message);
    expect(() => periodsBetween(0, 0, 'day', 'Mars/Olympus')).toThrow(message);
    const day = periodContaining(0, 'day', 'UTC');
    expect(() => nextPeriod(day, 'Mars/Olympus')).toThrow(message);
    expect(() => previousPeriod(day, 'Mars/Olympus')).toThrow(message);
  });

  it('throws a plain Error, also for an empty zone and an offset', () => {
    expect(() => localParts(0, 'Mars/Olympus')).toThrow(Error);
    expect(() => localParts(0, '')).toThrow(/"".*IANA/);
    expect(() => localParts(0, '+05:30')).toThrow(/"\+05:30".*IANA/);
  });

  it('refuses an instant that is not a number', () => {
    expect(() => localParts(Number.NaN, PARIS)).toThrow(RangeError);
    expect(() => periodsBetween(0, Number.POSITIVE_INFINITY, 'day', PARIS)).toThrow(RangeError);
  });
});
