import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  diffDays,
  eachDay,
  endOfDayInstant,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  parseIsoDate,
  toDayNumber,
  todayIn,
  weekday,
  weekdayLabel,
} from './dates.ts';

describe('parse / validate', () => {
  it.each([
    ['2026-09-18', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-05', false],
    ['2026-01-05T00:00:00Z', false],
    [' 2026-01-05', false],
    ['', false],
  ])('isIsoDate(%j) = %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });

  it('rejects non-strings and throws a Chinese message', () => {
    expect(isIsoDate(20260918)).toBe(false);
    expect(() => parseIsoDate('2026-02-30')).toThrow('日期格式无效');
  });

  it('parses into parts', () => {
    expect(parseIsoDate('2026-09-18')).toEqual({ year: 2026, month: 9, day: 18 });
  });
});

describe('arithmetic', () => {
  it.each([
    ['2026-09-18', 1, '2026-09-19'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-29', 1, '2026-03-30'], // a DST switch day in Europe: no effect on UTC arithmetic
    ['2026-11-01', 1, '2026-11-02'], // US DST end
    ['2026-09-18', 365, '2027-09-18'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
    expect(diffDays(d, out)).toBe(n);
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-09-18', 5],
    ['2026-09-20', 0],
    ['2026-10-10', 6],
    ['2025-12-31', 3],
    ['2027-02-06', 6],
    ['2000-02-29', 2],
  ])('weekday(%s) = %i', (d, w) => {
    expect(weekday(d)).toBe(w);
  });

  it('labels and weekend', () => {
    expect(weekdayLabel('2026-09-18')).toBe('周五');
    expect(weekdayLabel('2026-09-20')).toBe('周日');
    expect(isWeekend('2026-09-19')).toBe(true);
    expect(isWeekend('2026-09-18')).toBe(false);
  });

  it('day numbers round-trip', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    for (const d of ['1999-12-31', '2024-02-29', '2026-09-18', '2099-12-31']) {
      expect(fromDayNumber(toDayNumber(d))).toBe(d);
    }
  });

  it.each([
    ['2026-01-01', '2026-01-02', -1],
    ['2026-01-02', '2026-01-01', 1],
    ['2026-01-02', '2026-01-02', 0],
    ['2025-12-31', '2026-01-01', -1],
  ])('compareDates(%s, %s) = %i', (a, b, r) => {
    expect(compareDates(a, b)).toBe(r);
  });

  it('eachDay is inclusive and empty when reversed', () => {
    expect(eachDay('2025-12-30', '2026-01-02')).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
    expect(eachDay('2026-01-02', '2026-01-01')).toEqual([]);
    expect(eachDay('2024-01-01', '2024-12-31')).toHaveLength(366);
  });
});

describe('todayIn', () => {
  // 2026-09-30T16:30Z is already 10-01 00:30 in Shanghai.
  const instant = new Date(Date.UTC(2026, 8, 30, 16, 30));
  it.each([
    ['Asia/Shanghai', '2026-10-01'],
    ['UTC', '2026-09-30'],
    ['America/Los_Angeles', '2026-09-30'],
    ['Pacific/Kiritimati', '2026-10-01'],
  ])('%s → %s', (zone, d) => {
    expect(todayIn(zone, instant)).toBe(d);
  });

  it('defaults to Asia/Shanghai', () => {
    expect(todayIn(undefined, new Date(Date.UTC(2025, 11, 31, 16, 0)))).toBe('2026-01-01');
    expect(todayIn(undefined, new Date(Date.UTC(2025, 11, 31, 15, 59, 59)))).toBe('2025-12-31');
  });
});

describe('endOfDayInstant', () => {
  it('is 24:00 Beijing time = 16:00Z the same day', () => {
    expect(endOfDayInstant('2026-10-09').toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(endOfDayInstant('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(todayIn('Asia/Shanghai', new Date(endOfDayInstant('2026-10-09').getTime() - 1))).toBe(
      '2026-10-09',
    );
    expect(todayIn('Asia/Shanghai', endOfDayInstant('2026-10-09'))).toBe('2026-10-10');
  });
});
