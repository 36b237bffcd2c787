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
  type PeriodUnit,
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

/** A Period from its unit, its label, its local dates `first..next` and its UTC instants `start..end`. */
function period(unit: PeriodUnit, label: string, dates: string, instants: string): Period {
  const [startDate, endDate] = dates.split('..') as [string, string];
  const [start, end] = instants.split('..').map(Z) as [number, number];
  return { unit, start, end, label, startDate, endDate };
}

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
  // [what the case is, local date, local time, zone, the UTC instant it is]
  it.each([
    // Ordinary Paris wall-clock times in winter (CET, UTC+1) and summer (CEST, UTC+2).
    ['Paris winter (CET)', '2026-01-15', '12:00', PARIS, '2026-01-15T11:00Z'],
    ['Paris summer (CEST)', '2026-07-01', '12:00', PARIS, '2026-07-01T10:00Z'],
    ['Paris summer midnight', '2026-07-01', '00:00', PARIS, '2026-06-30T22:00Z'],
    // A time in the Paris spring-forward gap moves forward by the gap (compatible).
    ['the last CET minute', '2026-03-29', '01:59', PARIS, '2026-03-29T00:59Z'],
    // 02:00 and 02:30 do not exist: read with the offset before the gap (+1), i.e. 03:00 and 03:30 CEST.
    ['in the spring gap', '2026-03-29', '02:00', PARIS, '2026-03-29T01:00Z'],
    ['in the spring gap', '2026-03-29', '02:30', PARIS, '2026-03-29T01:30Z'],
    ['in the spring gap', '2026-03-29', '02:59', PARIS, '2026-03-29T01:59Z'],
    // 02:30 resolves to the same instant as 03:30 CEST, which exists.
    ['after the spring gap', '2026-03-29', '03:30', PARIS, '2026-03-29T01:30Z'],
    ['after the spring gap', '2026-03-29', '03:00', PARIS, '2026-03-29T01:00Z'],
    // A time repeated by the Paris fall back takes the earlier instant.
    ['CEST only', '2026-10-25', '01:59', PARIS, '2026-10-24T23:59Z'],
    // 02:00 and 02:30 happen in CEST (earlier) and again in CET: the CEST reading wins.
    ['in the fall-back overlap', '2026-10-25', '02:00', PARIS, '2026-10-25T00:00Z'],
    ['in the fall-back overlap', '2026-10-25', '02:30', PARIS, '2026-10-25T00:30Z'],
    ['in the fall-back overlap', '2026-10-25', '02:59', PARIS, '2026-10-25T00:59Z'],
    ['CET only', '2026-10-25', '03:00', PARIS, '2026-10-25T02:00Z'],
    // New York daylight saving (2026-03-08 and 2026-11-01).
    ['EST, UTC-5', '2026-03-08', '01:59', NEW_YORK, '2026-03-08T06:59Z'],
    ['in the spring gap: 03:30 EDT', '2026-03-08', '02:30', NEW_YORK, '2026-03-08T07:30Z'],
    ['EDT, UTC-4', '2026-03-08', '03:00', NEW_YORK, '2026-03-08T07:00Z'],
    ['EDT', '2026-11-01', '00:59', NEW_YORK, '2026-11-01T04:59Z'],
    ['in the overlap: EDT, not 06:30Z (EST)', '2026-11-01', '01:30', NEW_YORK, '2026-11-01T05:30Z'],
    ['EST', '2026-11-01', '02:00', NEW_YORK, '2026-11-01T07:00Z'],
    // UTC and Kolkata (+05:30).
    ['UTC midnight', '2026-11-21', '00:00', 'UTC', '2026-11-21T00:00Z'],
    ['UTC last minute', '2026-11-21', '23:59', 'UTC', '2026-11-21T23:59Z'],
    ['Kolkata midnight', '2026-11-21', '00:00', KOLKATA, '2026-11-20T18:30Z'],
    ['Kolkata 05:30', '2026-11-21', '05:30', KOLKATA, '2026-11-21T00:00Z'],
  ])('%s: reads %s %s in %s as %s', (_, date, time, zone, utc) => {
    expect(zonedTime(date, time, zone)).toBe(Z(utc));
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

describe('startOfLocalDay', () => {
  it('starts each local day at local midnight', () => {
    expect(startOfLocalDay('2026-03-29', PARIS)).toBe(Z('2026-03-28T23:00Z'));
    expect(startOfLocalDay('2026-03-30', PARIS)).toBe(Z('2026-03-29T22:00Z'));
    expect(startOfLocalDay('2026-10-25', PARIS)).toBe(Z('2026-10-24T22:00Z'));
    expect(startOfLocalDay('2026-10-26', PARIS)).toBe(Z('2026-10-25T23:00Z'));
  });
});

describe('isoWeek', () => {
  // [date, ISO year, ISO week]
  it.each([
    // Weeks are numbered from the week with the first Thursday.
    ['2026-01-01', 2026, 1], // a Thursday: week 1 is 2025-12-29..2026-01-04
    ['2025-12-29', 2026, 1], // Monday of that week belongs to 2026
    ['2025-12-28', 2025, 52], // Sunday before
    ['2026-11-21', 2026, 47], // Thursday 11-19 is day 323: floor(322 / 7) + 1
    ['2026-11-16', 2026, 47],
    ['2026-11-22', 2026, 47], // Sunday ends the week
    ['2026-11-23', 2026, 48],
    // 2026 starts on a Thursday, so it has 53 ISO weeks; W53 is 2026-12-28..2027-01-03.
    ['2026-12-28', 2026, 53],
    ['2026-12-31', 2026, 53],
    ['2027-01-01', 2026, 53],
    ['2027-01-03', 2026, 53],
    ['2027-01-04', 2027, 1],
    // Late-December dates in week 1 of the next year: 2025-01-01 is a Wednesday, so week 1 of 2025 starts Monday 2024-12-30.
    ['2024-12-30', 2025, 1],
    ['2024-12-29', 2024, 52],
    // 2020 (a leap year starting on Wednesday) has 53 weeks; 2021-01-03 is in its W53.
    ['2021-01-03', 2020, 53],
  ])('puts %s in %i-W%i', (date, year, week) => {
    expect(isoWeek(date)).toEqual({ year, week });
  });

  it('refuses a date that is not one', () => {
    expect(() => isoWeek('2026-13-01')).toThrow(RangeError);
  });
});

describe('addLocalDays', () => {
  // Calendar arithmetic across months, years and leap days: [date, days added, result]
  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'], // a 23-hour day in Paris is still one day
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-11-21', 0, '2026-11-21'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s plus %i days is %s', (date, days, result) => {
    expect(addLocalDays(date, days)).toBe(result);
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

describe('periodContaining', () => {
  // The period of each unit that contains an instant, and its length in hours.
  it.each([
    {
      // The Paris spring change: a 23-hour day.
      at: '2026-03-29T12:00Z',
      zone: PARIS,
      period: period('day', '2026-03-29', '2026-03-29..2026-03-30', '2026-03-28T23:00Z..2026-03-29T22:00Z'),
      hours: 23,
    },
    {
      // The Paris autumn change: a 25-hour day.
      at: '2026-10-25T12:00Z',
      zone: PARIS,
      period: period('day', '2026-10-25', '2026-10-25..2026-10-26', '2026-10-24T22:00Z..2026-10-25T23:00Z'),
      hours: 25,
    },
    {
      at: '2026-03-28T12:00Z',
      zone: PARIS,
      period: period('day', '2026-03-28', '2026-03-28..2026-03-29', '2026-03-27T23:00Z..2026-03-28T23:00Z'),
      hours: 24,
    },
    {
      // 2026-03-08 00:00 EST = 05:00Z; 2026-03-09 00:00 EDT = 04:00Z.
      at: '2026-03-08T12:00Z',
      zone: NEW_YORK,
      period: period('day', '2026-03-08', '2026-03-08..2026-03-09', '2026-03-08T05:00Z..2026-03-09T04:00Z'),
      hours: 23,
    },
    {
      // 2026-11-01 00:00 EDT = 04:00Z; 2026-11-02 00:00 EST = 05:00Z.
      at: '2026-11-01T12:00Z',
      zone: NEW_YORK,
      period: period('day', '2026-11-01', '2026-11-01..2026-11-02', '2026-11-01T04:00Z..2026-11-02T05:00Z'),
      hours: 25,
    },
    {
      // 2026-11-21 IST: 11-20T18:30Z to 11-21T18:30Z.
      at: '2026-11-21T12:00Z',
      zone: KOLKATA,
      period: period('day', '2026-11-21', '2026-11-21..2026-11-22', '2026-11-20T18:30Z..2026-11-21T18:30Z'),
      hours: 24,
    },
    {
      at: '2026-11-21T19:00Z',
      zone: 'UTC',
      period: period('day', '2026-11-21', '2026-11-21..2026-11-22', '2026-11-21T00:00Z..2026-11-22T00:00Z'),
      hours: 24,
    },
    {
      // Saturday 2026-11-21 12:00 CET; the week is Monday 11-16 00:00 CET (11-15T23:00Z) to Monday 11-23.
      at: '2026-11-21T11:00Z',
      zone: PARIS,
      period: period('week', '2026-W47', '2026-11-16..2026-11-23', '2026-11-15T23:00Z..2026-11-22T23:00Z'),
      hours: 168,
    },
    {
      // W13: Monday 2026-03-23 00:00 CET (03-22T23:00Z) to Monday 03-30 00:00 CEST (03-29T22:00Z), one hour short.
      at: '2026-03-25T12:00Z',
      zone: PARIS,
      period: period('week', '2026-W13', '2026-03-23..2026-03-30', '2026-03-22T23:00Z..2026-03-29T22:00Z'),
      hours: 167,
    },
    {
      // 2026-W53 is labelled by its ISO year although it ends in 2027.
      at: '2027-01-01T12:00Z',
      zone: PARIS,
      period: period('week', '2026-W53', '2026-12-28..2027-01-04', '2026-12-27T23:00Z..2027-01-03T23:00Z'),
      hours: 168,
    },
    {
      // January 2026 (31 days, CET): 2025-12-31T23:00Z to 2026-01-31T23:00Z.
      at: '2026-01-10T12:00Z',
      zone: PARIS,
      period: period('month', '2026-01', '2026-01-01..2026-02-01', '2025-12-31T23:00Z..2026-01-31T23:00Z'),
      hours: 31 * 24,
    },
    {
      // February 2026 (28 days, CET throughout).
      at: '2026-02-14T12:00Z',
      zone: PARIS,
      period: period('month', '2026-02', '2026-02-01..2026-03-01', '2026-01-31T23:00Z..2026-02-28T23:00Z'),
      hours: 28 * 24,
    },
    {
      // February 2028 is a leap month: 29 days.
      at: '2028-02-29T12:00Z',
      zone: PARIS,
      period: period('month', '2028-02', '2028-02-01..2028-03-01', '2028-01-31T23:00Z..2028-02-29T23:00Z'),
      hours: 29 * 24,
    },
    {
      // March loses an hour: 02-28T23:00Z (CET) to 03-31T22:00Z (CEST) = 31 * 24 - 1.
      at: '2026-03-15T12:00Z',
      zone: PARIS,
      period: period('month', '2026-03', '2026-03-01..2026-04-01', '2026-02-28T23:00Z..2026-03-31T22:00Z'),
      hours: 743,
    },
    {
      // April 2026 (30 days, CEST throughout).
      at: '2026-04-15T12:00Z',
      zone: PARIS,
      period: period('month', '2026-04', '2026-04-01..2026-05-01', '2026-03-31T22:00Z..2026-04-30T22:00Z'),
      hours: 30 * 24,
    },
    {
      // October gains an hour: 09-30T22:00Z (CEST) to 10-31T23:00Z (CET) = 31 * 24 + 1.
      at: '2026-10-15T12:00Z',
      zone: PARIS,
      period: period('month', '2026-10', '2026-10-01..2026-11-01', '2026-09-30T22:00Z..2026-10-31T23:00Z'),
      hours: 745,
    },
    {
      // A Kolkata month: 2026-11-01 00:00 IST (10-31T18:30Z) to 12-01 00:00 IST (11-30T18:30Z), exactly 30 days.
      at: '2026-11-21T12:00Z',
      zone: KOLKATA,
      period: period('month', '2026-11', '2026-11-01..2026-12-01', '2026-10-31T18:30Z..2026-11-30T18:30Z'),
      hours: 720,
    },
    {
      // Q1 2026: 90 days from 01-01 00:00 CET to 04-01 00:00 CEST, less the spring hour.
      at: '2026-01-01T00:00Z',
      zone: PARIS,
      period: period('quarter', '2026-Q1', '2026-01-01..2026-04-01', '2025-12-31T23:00Z..2026-03-31T22:00Z'),
      hours: 90 * 24 - 1,
    },
    {
      at: '2026-06-30T12:00Z',
      zone: PARIS,
      period: period('quarter', '2026-Q2', '2026-04-01..2026-07-01', '2026-03-31T22:00Z..2026-06-30T22:00Z'),
      hours: 91 * 24,
    },
    {
      at: '2026-07-01T12:00Z',
      zone: PARIS,
      period: period('quarter', '2026-Q3', '2026-07-01..2026-10-01', '2026-06-30T22:00Z..2026-09-30T22:00Z'),
      hours: 92 * 24,
    },
    {
      // Q4 2026: 10-01 00:00 CEST (09-30T22:00Z) to 2027-01-01 00:00 CET (2026-12-31T23:00Z).
      at: '2026-11-21T12:00Z',
      zone: PARIS,
      period: period('quarter', '2026-Q4', '2026-10-01..2027-01-01', '2026-09-30T22:00Z..2026-12-31T23:00Z'),
      hours: 92 * 24 + 1,
    },
  ])('finds $period.label in $zone around $at ($hours hours)', ({ at, zone, period, hours }) => {
    const found = periodContaining(Z(at), period.unit, zone);
    expect(found).toEqual(period);
    expect(found.end - found.start).toBe(hours * H);
    expect(hoursBetween(found.start, found.end)).toBe(hours);
  });

  it('uses the local date near a week, day or quarter boundary', () => {
    // Sunday 2026-11-22T23:30Z is already Monday 00:30 CET in Paris (W48) but Sunday in UTC (W47).
    expect(periodContaining(Z('2026-11-22T23:30Z'), 'week', PARIS).label).toBe('2026-W48');
    expect(periodContaining(Z('2026-11-22T23:30Z'), 'week', 'UTC').label).toBe('2026-W47');
    expect(periodContaining(Z('2026-11-22T23:30Z'), 'week', 'UTC').start).toBe(Z('2026-11-16T00:00Z'));
    // 19:00Z is already 00:30 on the 22nd in Kolkata.
    expect(periodContaining(Z('2026-11-21T19:00Z'), 'day', KOLKATA).label).toBe('2026-11-22');
    // 2026-12-31T23:30Z is 2027-01-01 00:30 CET in Paris (Q1 2027) but still 2026-Q4 in UTC and New York.
    expect(periodContaining(Z('2026-12-31T23:30Z'), 'quarter', PARIS).label).toBe('2027-Q1');
    expect(periodContaining(Z('2026-12-31T23:30Z'), 'quarter', 'UTC').label).toBe('2026-Q4');
    expect(periodContaining(Z('2026-12-31T23:30Z'), 'quarter', NEW_YORK).label).toBe('2026-Q4');
  });

  it('labels a week by its ISO year', () => {
    // 2024-12-30..2025-01-05 is 2025-W01 even though it starts in 2024.
    expect(periodContaining(Z('2024-12-31T12:00Z'), 'week', PARIS).label).toBe('2025-W01');
  });

  it('contains its own start and not its end', () => {
    const day = periodContaining(Z('2026-03-29T12:00Z'), 'day', PARIS);
    expect(periodContaining(day.start, 'day', PARIS)).toEqual(day);
    expect(periodContaining(day.end - 1, 'day', PARIS)).toEqual(day);
    expect(periodContaining(day.end, 'day', PARIS).label).toBe('2026-03-30');
    expect(periodContaining(day.start - 1, 'day', PARIS).label).toBe('2026-03-28');
  });
});

describe('previousPeriod and nextPeriod', () => {
  // Each steps to the adjacent period, whatever its length, across year boundaries; the two undo each other.
  it.each([
    {
      at: '2027-01-01T12:00Z',
      unit: 'week',
      previous: period('week', '2026-W52', '2026-12-21..2026-12-28', '2026-12-20T23:00Z..2026-12-27T23:00Z'),
      next: period('week', '2027-W01', '2027-01-04..2027-01-11', '2027-01-03T23:00Z..2027-01-10T23:00Z'),
    },
    {
      at: '2026-01-10T12:00Z',
      unit: 'month',
      previous: period('month', '2025-12', '2025-12-01..2026-01-01', '2025-11-30T23:00Z..2025-12-31T23:00Z'),
      next: period('month', '2026-02', '2026-02-01..2026-03-01', '2026-01-31T23:00Z..2026-02-28T23:00Z'),
    },
    {
      at: '2026-03-15T12:00Z',
      unit: 'month',
      previous: period('month', '2026-02', '2026-02-01..2026-03-01', '2026-01-31T23:00Z..2026-02-28T23:00Z'),
      next: period('month', '2026-04', '2026-04-01..2026-05-01', '2026-03-31T22:00Z..2026-04-30T22:00Z'),
    },
    {
      // 2025-10-01 00:00 CEST = 2025-09-30T22:00Z; 2026-01-01 00:00 CET = 2025-12-31T23:00Z.
      at: '2026-02-01T12:00Z',
      unit: 'quarter',
      previous: period('quarter', '2025-Q4', '2025-10-01..2026-01-01', '2025-09-30T22:00Z..2025-12-31T23:00Z'),
      next: period('quarter', '2026-Q2', '2026-04-01..2026-07-01', '2026-03-31T22:00Z..2026-06-30T22:00Z'),
    },
    {
      // 2027-04-01 00:00 CEST = 2027-03-31T22:00Z.
      at: '2026-11-01T12:00Z',
      unit: 'quarter',
      previous: period('quarter', '2026-Q3', '2026-07-01..2026-10-01', '2026-06-30T22:00Z..2026-09-30T22:00Z'),
      next: period('quarter', '2027-Q1', '2027-01-01..2027-04-01', '2026-12-31T23:00Z..2027-03-31T22:00Z'),
    },
    {
      at: '2026-01-01T12:00Z',
      unit: 'day',
      previous: period('day', '2025-12-31', '2025-12-31..2026-01-01', '2025-12-30T23:00Z..2025-12-31T23:00Z'),
      next: period('day', '2026-01-02', '2026-01-02..2026-01-03', '2026-01-01T23:00Z..2026-01-02T23:00Z'),
    },
    {
      at: '2026-12-31T12:00Z',
      unit: 'day',
      previous: period('day', '2026-12-30', '2026-12-30..2026-12-31', '2026-12-29T23:00Z..2026-12-30T23:00Z'),
      next: period('day', '2027-01-01', '2027-01-01..2027-01-02', '2026-12-31T23:00Z..2027-01-01T23:00Z'),
    },
  ] as const)('steps from the $unit around $at to $previous.label and $next.label', ({ at, unit, previous, next }) => {
    const current = periodContaining(Z(at), unit, PARIS);
    expect(previousPeriod(current, PARIS)).toEqual(previous);
    expect(nextPeriod(current, PARIS)).toEqual(next);
    expect(previous.end).toBe(current.start);
    expect(next.start).toBe(current.end);
    expect(nextPeriod(previous, PARIS)).toEqual(current);
    expect(previousPeriod(next, PARIS)).toEqual(current);
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

describe('localParts reads what Intl reads, at every offset change of zones with odd rules', () => {
  // Offsets are kept per UTC day (zoned.ts): these instants sit at and around every change from 2010
  // to 2027, after other instants of the same days were read, in zones with half-hour changes
  // (Lord Howe), quarter-hour offsets (Chatham), a skipped day (Apia, 2011-12-30), two changes a
  // month apart (Casablanca's Ramadan), a two-hour change (Troll) and the usual ones.
  const ZONES = [
    'Europe/Paris',
    'America/New_York',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Pacific/Apia',
    'Africa/Casablanca',
    'Antarctica/Troll',
  ];
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;

  it.each(ZONES)('%s', (timeZone) => {
    // Read another way than zoned.ts reads it (toLocaleString, not formatToParts): Swedish dates are ISO-like.
    const intlParts = (ms: number) => {
      const local = new Date(ms).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
      const field = /^(\d+)-(\d+)-(\d+) (\d+):(\d+)/.exec(local)!.map(Number);
      const [year, month, day, hour, minute] = [field[1]!, field[2]!, field[3]!, field[4]!, field[5]!];
      const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
      return { year, month, day, hour: hour % 24, minute, weekday };
    };
    const offset = (ms: number) => {
      const p = intlParts(ms);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / MINUTE) * MINUTE;
    };
    // Every change, to the minute: a day whose ends differ holds one (no zone changes twice a day).
    const changes: number[] = [];
    for (let ms = Date.parse('2010-01-01T00:00:00Z'); ms < Date.parse('2028-01-01T00:00:00Z'); ms += DAY) {
      const before = offset(ms);
      if (offset(ms + DAY) === before) continue;
      let [low, high] = [ms, ms + DAY];
      while (high - low > MINUTE) {
        const mid = low + Math.floor((high - low) / (2 * MINUTE)) * MINUTE;
        if (offset(mid) === before) low = mid;
        else high = mid;
      }
      changes.push(high);
    }
    expect(changes.length).toBeGreaterThan(10);
    for (const change of changes) {
      // Another instant of the change's day first, so the day's offset is already kept when the change is read.
      for (const ms of [change - 12 * HOUR, change + 12 * HOUR, change - MINUTE, change - 1000, change, change + 1000])
        expect(localParts(ms, timeZone), `${timeZone} at ${new Date(ms).toISOString()}`).toEqual(intlParts(ms));
    }
  });
});
