import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../lib/dates.ts';
import {
  LUNAR_FIRST_YEAR,
  LUNAR_LAST_YEAR,
  leapMonth,
  lunarNewYear,
  lunarNewYearsEve,
  lunarToSolar,
  qingming,
} from './lunar.ts';

// Known dates: 2020–2026 implied by the State Council notices (除夕 / 端午 / 中秋 days named there),
// 2027–2035 from published almanacs (2027-02-06 and 2028-01-26 as given in the brief).
describe('known festival dates', () => {
  it.each([
    // year, 正月初一, 端午 (5/5), 中秋 (8/15)
    [2020, '2020-01-25', '2020-06-25', '2020-10-01'],
    [2021, '2021-02-12', '2021-06-14', '2021-09-21'],
    [2022, '2022-02-01', '2022-06-03', '2022-09-10'],
    [2023, '2023-01-22', '2023-06-22', '2023-09-29'],
    [2024, '2024-02-10', '2024-06-10', '2024-09-17'],
    [2025, '2025-01-29', '2025-05-31', '2025-10-06'],
    [2026, '2026-02-17', '2026-06-19', '2026-09-25'],
    [2027, '2027-02-06', '2027-06-09', '2027-09-15'],
    [2028, '2028-01-26', '2028-05-28', '2028-10-03'],
    [2029, '2029-02-13', '2029-06-16', '2029-09-22'],
    [2030, '2030-02-03', '2030-06-05', '2030-09-12'],
    [2031, '2031-01-23', '2031-06-24', '2031-10-01'],
    [2032, '2032-02-11', '2032-06-12', '2032-09-19'],
    [2033, '2033-01-31', '2033-06-01', '2033-09-08'],
    [2034, '2034-02-19', '2034-06-20', '2034-09-27'],
    [2035, '2035-02-08', '2035-06-10', '2035-09-16'],
  ])('%i: 初一 %s, 端午 %s, 中秋 %s', (year, newYear, duanwu, zhongqiu) => {
    expect(lunarNewYear(year)).toBe(newYear);
    expect(lunarToSolar(year, 1, 1)).toBe(newYear);
    expect(lunarToSolar(year, 5, 5)).toBe(duanwu);
    expect(lunarToSolar(year, 8, 15)).toBe(zhongqiu);
  });

  it.each([
    [2024, '2024-02-09'], // notice: 除夕（2月9日）
    [2025, '2025-01-28'], // notice: 1月28日（除夕）
    [2026, '2026-02-16'], // notice: 2月15日 is 腊月二十八; 腊月 has 29 days, so 除夕 is 二十九
    [2027, '2027-02-05'],
    [2028, '2028-01-25'],
  ])('除夕 %i = %s', (year, eve) => {
    expect(lunarNewYearsEve(year)).toBe(eve);
  });

  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2026, 0],
    [2028, 5],
    [2033, 11],
  ])('leap month of %i is %i', (year, m) => {
    expect(leapMonth(year)).toBe(m);
  });

  it('places a leap month after the ordinary month of the same number', () => {
    // 2025 闰六月 starts 2025-07-25; 七月初一 is 2025-08-23.
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(lunarToSolar(2025, 7, 1)).toBe('2025-08-23');
    expect(() => lunarToSolar(2026, 6, 1, true)).toThrow('没有闰6月');
    expect(() => lunarToSolar(2026, 1, 31)).toThrow();
    expect(() => lunarNewYear(2100)).toThrow('2020–2099');
  });
});

// Independent cross-check with ICU's Chinese calendar (Intl, explicit UTC so the process TZ is
// irrelevant). ICU's approximate astronomy misplaces 初一 when the new moon is minutes from Beijing
// midnight; for those years the table is checked against a computed new moon instead.
const ICU_EXCEPTIONS: Record<number, string> = {
  2027: 'new moon 2027-02-06 23:56 UTC+8',
  2030: 'new moon 2030-02-03 00:07 UTC+8',
};

const icu = new Intl.DateTimeFormat('en-u-ca-chinese', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
function icuLunar(d: string): string {
  const parts = Object.fromEntries(
    icu.formatToParts(new Date(`${d}T00:00:00Z`)).map((p) => [p.type, p.value]),
  );
  return `${parts.relatedYear}-${parts.month}-${parts.day}`;
}

describe('cross-check with ICU Chinese calendar, 2020–2099', () => {
  it('ICU Chinese calendar is available', () => {
    expect(icuLunar('2028-01-26')).toBe('2028-1-1');
  });

  it('春节, 端午 and 中秋 agree every year except the documented new-moon edge cases', () => {
    const mismatches: string[] = [];
    for (let y = LUNAR_FIRST_YEAR; y <= LUNAR_LAST_YEAR; y++) {
      for (const [m, d] of [
        [1, 1],
        [5, 5],
        [8, 15],
      ] as const) {
        const solar = lunarToSolar(y, m, d);
        const got = icuLunar(solar);
        if (got !== `${y}-${m}-${d}`) mismatches.push(`${y}-${m}-${d}`);
      }
    }
    expect(mismatches).toEqual(Object.keys(ICU_EXCEPTIONS).map((y) => `${y}-1-1`));
  });

  // Meeus, Astronomical Algorithms ch. 49 (new moon, periodic terms; accuracy about a minute).
  function newMoonUtcMs(k: number): number {
    const r = Math.PI / 180;
    const s = (x: number) => Math.sin(x * r);
    const T = k / 1236.85;
    const jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T - 0.00000015 * T ** 3;
    const E = 1 - 0.002516 * T - 0.0000074 * T * T;
    const M = 2.5534 + 29.1053567 * k - 0.0000014 * T * T;
    const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3;
    const F = 160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3;
    const O = 124.7746 - 1.56375588 * k + 0.0020672 * T * T;
    const c =
      -0.4072 * s(Mp) +
      0.17241 * E * s(M) +
      0.01608 * s(2 * Mp) +
      0.01039 * s(2 * F) +
      0.00739 * E * s(Mp - M) -
      0.00514 * E * s(Mp + M) +
      0.00208 * E * E * s(2 * M) -
      0.00111 * s(Mp - 2 * F) -
      0.00057 * s(Mp + 2 * F) +
      0.00056 * E * s(2 * Mp + M) -
      0.00042 * s(3 * Mp) +
      0.00042 * E * s(M + 2 * F) +
      0.00038 * E * s(M - 2 * F) -
      0.00024 * E * s(2 * Mp - M) -
      0.00017 * s(O) -
      0.00007 * s(Mp + 2 * M);
    const deltaT = 70 / 86400; // TT − UT around 2030
    return (jde + c - deltaT - 2440587.5) * 86_400_000;
  }

  it.each(Object.keys(ICU_EXCEPTIONS).map(Number))('%i: 初一 is the Beijing date of the new moon', (year) => {
    const ny = lunarNewYear(year);
    // k counts lunations from 2000-01-06; pick the one nearest the table's 初一.
    const k = Math.round((toDayNumber(ny) - toDayNumber('2000-01-06')) / 29.530588861);
    const beijing = new Date(newMoonUtcMs(k) + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(beijing).toBe(ny);
  });
});

describe('清明', () => {
  it.each([
    [2020, '2020-04-04'],
    [2021, '2021-04-04'],
    [2022, '2022-04-05'],
    [2023, '2023-04-05'],
    [2024, '2024-04-04'],
    [2025, '2025-04-04'],
    [2026, '2026-04-05'],
    [2027, '2027-04-05'],
    [2028, '2028-04-04'],
  ])('%i → %s', (year, d) => {
    expect(qingming(year)).toBe(d);
  });

  // Apparent solar longitude (Meeus ch. 25, low accuracy ≈ 0.01° ≈ 15 minutes).
  function sunLongitude(jde: number): number {
    const r = Math.PI / 180;
    const T = (jde - 2451545) / 36525;
    const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
    const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
    const C =
      (1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M * r) +
      (0.019993 - 0.000101 * T) * Math.sin(2 * M * r) +
      0.000289 * Math.sin(3 * M * r);
    const omega = 125.04 - 1934.136 * T;
    return (((L0 + C - 0.00569 - 0.00478 * Math.sin(omega * r)) % 360) + 360) % 360;
  }

  it('matches the computed moment the sun reaches 15° for 2025–2099 (skipping ±15 min of midnight)', () => {
    const skipped: number[] = [];
    for (let y = 2025; y <= 2099; y++) {
      let jde = 2440587.5 + Date.UTC(y, 3, 4) / 86_400_000;
      for (let i = 0; i < 10; i++) {
        let delta = 15 - sunLongitude(jde);
        if (delta > 180) delta -= 360;
        jde += delta / 0.98564736;
      }
      const deltaT = (69 + 0.5 * (y - 2000)) / 86400;
      const beijingMs = (jde - deltaT - 2440587.5) * 86_400_000 + 8 * 3_600_000;
      const minutes = Math.floor(beijingMs / 60_000) % 1440;
      if (minutes < 15 || minutes > 1425) {
        skipped.push(y);
        continue;
      }
      expect(qingming(y), String(y)).toBe(new Date(beijingMs).toISOString().slice(0, 10));
    }
    expect(skipped).toEqual([2071]);
  });

  it('is limited to the formula century', () => {
    expect(() => qingming(2100)).toThrow('2000–2099');
    expect(qingming(2099)).toMatch(/^2099-04-0[45]$/);
  });
});
