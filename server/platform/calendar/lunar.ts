// Lunar dates and the 清明 solar term, needed only to generate provisional calendars (DOMAIN.md).
// Own implementation on UTC day numbers: chinese-days' lunar helpers shift by a day under negative
// UTC offsets (STANDARDS §8.3 pitfall 2), e.g. 2026 正月初一 → 2026-02-18 under America/Los_Angeles.
import { addDays, fromDayNumber, fromParts, type IsoDate, toDayNumber } from '../../../lib/dates.ts';

export const LUNAR_FIRST_YEAR = 2020;
export const LUNAR_LAST_YEAR = 2099;

/**
 * One entry per lunar year from 2020 (the widely used 1900–2100 table, as shipped in chinese-days
 * src/solar_lunar/constants.ts, MIT). Bits: 16 = leap month has 30 days; 15..4 = months 1..12,
 * 1 = 30 days; 3..0 = leap month number (0 = none). Verified in lunar.test.ts against known dates,
 * ICU's Chinese calendar and a computed new moon.
 */
const LUNAR_INFO: readonly number[] = [
  0x07954,
  0x06aa0,
  0x0ad50,
  0x05b52,
  0x04b60,
  0x0a6e6,
  0x0a4e0,
  0x0d260,
  0x0ea65,
  0x0d530, // 2020–2029
  0x05aa0,
  0x076a3,
  0x096d0,
  0x04afb,
  0x04ad0,
  0x0a4d0,
  0x1d0b6,
  0x0d250,
  0x0d520,
  0x0dd45, // 2030–2039
  0x0b5a0,
  0x056d0,
  0x055b2,
  0x049b0,
  0x0a577,
  0x0a4b0,
  0x0aa50,
  0x1b255,
  0x06d20,
  0x0ada0, // 2040–2049
  0x14b63,
  0x09370,
  0x049f8,
  0x04970,
  0x064b0,
  0x168a6,
  0x0ea50,
  0x06b20,
  0x1a6c4,
  0x0aae0, // 2050–2059
  0x0a2e0,
  0x0d2e3,
  0x0c960,
  0x0d557,
  0x0d4a0,
  0x0da50,
  0x05d55,
  0x056a0,
  0x0a6d0,
  0x055d4, // 2060–2069
  0x052d0,
  0x0a9b8,
  0x0a950,
  0x0b4a0,
  0x0b6a6,
  0x0ad50,
  0x055a0,
  0x0aba4,
  0x0a5b0,
  0x052b0, // 2070–2079
  0x0b273,
  0x06930,
  0x07337,
  0x06aa0,
  0x0ad50,
  0x14b55,
  0x04b60,
  0x0a570,
  0x054e4,
  0x0d160, // 2080–2089
  0x0e968,
  0x0d520,
  0x0daa0,
  0x16aa6,
  0x056d0,
  0x04ae0,
  0x0a9d4,
  0x0a2d0,
  0x0d150,
  0x0f252, // 2090–2099
];

// 正月初一 of lunar year 2020 (the 2020 notice puts 除夕 on 2020-01-24).
const ANCHOR_NEW_YEAR = '2020-01-25';

function info(year: number): number {
  const v = LUNAR_INFO[year - LUNAR_FIRST_YEAR];
  if (v === undefined) {
    throw new RangeError(`农历数据仅支持 ${LUNAR_FIRST_YEAR}–${LUNAR_LAST_YEAR} 年：${year}`);
  }
  return v;
}

/** 0 when the year has no leap month. */
export function leapMonth(year: number): number {
  return info(year) & 0xf;
}

export function lunarMonthDays(year: number, month: number, leap = false): number {
  const v = info(year);
  if (leap) {
    if ((v & 0xf) !== month) throw new RangeError(`农历 ${year} 年没有闰${month}月`);
    return v & 0x10000 ? 30 : 29;
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`农历月份无效：${month}`);
  return v & (0x10000 >> month) ? 30 : 29;
}

function lunarYearDays(year: number): number {
  let sum = 0;
  for (let m = 1; m <= 12; m++) sum += lunarMonthDays(year, m);
  const lm = leapMonth(year);
  return lm ? sum + lunarMonthDays(year, lm, true) : sum;
}

// Day numbers of 正月初一, computed once.
const newYearDayNumbers: number[] = (() => {
  const out: number[] = [];
  let n = toDayNumber(ANCHOR_NEW_YEAR);
  for (let y = LUNAR_FIRST_YEAR; y <= LUNAR_LAST_YEAR; y++) {
    out.push(n);
    n += lunarYearDays(y);
  }
  return out;
})();

/** 正月初一 of the lunar year that starts in Gregorian `year`. */
export function lunarNewYear(year: number): IsoDate {
  info(year);
  return fromDayNumber(newYearDayNumbers[year - LUNAR_FIRST_YEAR] as number);
}

/** 除夕: the last day of the previous lunar year, i.e. the day before 正月初一 (腊月廿九 or 三十). */
export function lunarNewYearsEve(year: number): IsoDate {
  return addDays(lunarNewYear(year), -1);
}

/** Gregorian date of lunar `year`-`month`-`day` (leap = the 闰 month of that number). */
export function lunarToSolar(year: number, month: number, day: number, leap = false): IsoDate {
  const len = lunarMonthDays(year, month, leap);
  if (!Number.isInteger(day) || day < 1 || day > len) {
    throw new RangeError(`农历 ${year} 年${leap ? '闰' : ''}${month}月没有第 ${day} 日`);
  }
  const lm = leapMonth(year);
  let n = newYearDayNumbers[year - LUNAR_FIRST_YEAR] as number;
  for (let m = 1; m < month; m++) {
    n += lunarMonthDays(year, m);
    if (lm === m) n += lunarMonthDays(year, m, true);
  }
  // The leap month follows the ordinary month of the same number.
  if (leap) n += lunarMonthDays(year, month);
  return fromDayNumber(n + day - 1);
}

/**
 * 清明 (solar longitude 15°), Beijing date, by the usual 21st-century term formula
 * day = floor(Y·0.2422 + 4.81) − floor(Y/4), Y = year mod 100. The formula has no 清明 exceptions
 * in 2000–2099; lunar.test.ts checks it against a computed solar position.
 */
export function qingming(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) {
    throw new RangeError(`清明日期仅支持 2000–2099 年：${year}`);
  }
  const y = year % 100;
  return fromParts(year, 4, Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4));
}
