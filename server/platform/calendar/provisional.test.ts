import { describe, expect, it } from 'vitest';
import { isWeekend } from '../../../lib/dates.ts';
import { provisionalYear, statutoryDays } from './provisional.ts';

const offDates = (year: number) => provisionalYear(year).days.map((d) => d.date);

describe('statutory days (放假办法 2024 revision)', () => {
  it('2027 has the 13 statutory days with lunar dates computed', () => {
    expect(statutoryDays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' }, // 除夕
      { date: '2027-02-06', name: '春节' }, // 正月初一
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it.each([2025, 2026, 2027, 2028, 2031, 2050, 2099])('%i has 13 statutory days', (year) => {
    expect(statutoryDays(year)).toHaveLength(13);
  });

  it('refuses years the 2024 revision does not govern', () => {
    expect(() => statutoryDays(2024)).toThrow('2025–2099');
    expect(() => statutoryDays(2100)).toThrow('2025–2099');
  });
});

describe('provisional weekdays off, with 补休', () => {
  it('2027: weekend statutory days are made up by the next free weekdays', () => {
    expect(provisionalYear(2027).days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦', compensation: false },
      { date: '2027-02-05', kind: 'holiday', name: '春节', compensation: false },
      { date: '2027-02-08', kind: 'holiday', name: '春节', compensation: false },
      { date: '2027-02-09', kind: 'holiday', name: '春节（补休）', compensation: true }, // for Sat 02-06
      { date: '2027-02-10', kind: 'holiday', name: '春节（补休）', compensation: true }, // for Sun 02-07
      { date: '2027-04-05', kind: 'holiday', name: '清明节', compensation: false },
      { date: '2027-05-03', kind: 'holiday', name: '劳动节（补休）', compensation: true },
      { date: '2027-05-04', kind: 'holiday', name: '劳动节（补休）', compensation: true },
      { date: '2027-06-09', kind: 'holiday', name: '端午节', compensation: false },
      { date: '2027-09-15', kind: 'holiday', name: '中秋节', compensation: false },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节', compensation: false },
      { date: '2027-10-04', kind: 'holiday', name: '国庆节（补休）', compensation: true },
      { date: '2027-10-05', kind: 'holiday', name: '国庆节（补休）', compensation: true },
    ]);
  });

  it.each([
    // year, weekdays off (statutory on weekdays + 补休)
    [
      2028,
      // 元旦 Sat → 01-03; 端午 Sun 05-28 → 05-29; 国庆 Sun 10-01 → 10-04;
      // 中秋 coincides with 国庆 on 10-03 → 10-05.
      [
        '2028-01-03',
        '2028-01-25',
        '2028-01-26',
        '2028-01-27',
        '2028-01-28',
        '2028-04-04',
        '2028-05-01',
        '2028-05-02',
        '2028-05-29',
        '2028-10-02',
        '2028-10-03',
        '2028-10-04',
        '2028-10-05',
      ],
    ],
    [
      2031,
      // 春节 初三 is Sat 01-25 → Mon 01-27; 清明 Sat 04-05 → Mon 04-07;
      // 中秋 coincides with 国庆 on Wed 10-01 → Mon 10-06 (10-04/05 are a weekend).
      [
        '2031-01-01',
        '2031-01-22',
        '2031-01-23',
        '2031-01-24',
        '2031-01-27',
        '2031-04-07',
        '2031-05-01',
        '2031-05-02',
        '2031-06-24',
        '2031-10-01',
        '2031-10-02',
        '2031-10-03',
        '2031-10-06',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(offDates(year)).toEqual(expected);
  });

  it.each([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2040, 2060, 2099])(
    '%i: 13 weekdays off, none on a weekend, no duplicates',
    (year) => {
      const days = offDates(year);
      expect(days).toHaveLength(13);
      expect(new Set(days).size).toBe(13);
      expect(days.filter(isWeekend)).toEqual([]);
      expect(days.every((d) => d.startsWith(`${year}-`))).toBe(true);
    },
  );

  it('never invents a make-up working day', () => {
    for (const d of provisionalYear(2027).days) expect(d.kind).toBe('holiday');
  });
});
