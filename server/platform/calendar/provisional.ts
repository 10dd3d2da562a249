// Provisional calendar for a year whose State Council notice is not loaded yet (DOMAIN.md, STANDARDS
// §11 item 10): weekends, the statutory days of 《全国年节及纪念日放假办法》 (2024 revision, in force
// 2025-01-01), and 补休 for a statutory day that falls on a weekend. 调休上班 cannot be predicted and
// is never invented. Everything here is flagged provisional by the engine.
import { addDays, fromParts, type IsoDate, isWeekend } from '../../../lib/dates.ts';
import { LUNAR_LAST_YEAR, lunarNewYear, lunarNewYearsEve, lunarToSolar, qingming } from './lunar.ts';

/** First year the 2024 revision (13 statutory days, 春节 from 除夕) applies. */
export const PROVISIONAL_FIRST_YEAR = 2025;
export const PROVISIONAL_LAST_YEAR = LUNAR_LAST_YEAR;

export interface StatutoryDay {
  date: IsoDate;
  name: string;
}

export interface ProvisionalDay {
  date: IsoDate;
  kind: 'holiday';
  name: string;
  /** true for a 补休 day (compensation for a statutory day on a weekend or on another statutory day). */
  compensation: boolean;
}

export interface ProvisionalYear {
  year: number;
  /** The 13 statutory days of the year (some may fall on weekends). */
  statutory: StatutoryDay[];
  /** Weekdays off (Mon–Fri): statutory days on weekdays plus 补休, sorted. */
  days: ProvisionalDay[];
}

/** The 13 statutory days of 全国年节及纪念日放假办法 Art. 2 (2024 revision), in date order. */
export function statutoryDays(year: number): StatutoryDay[] {
  if (!Number.isInteger(year) || year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR) {
    throw new RangeError(`暂定日历仅支持 ${PROVISIONAL_FIRST_YEAR}–${PROVISIONAL_LAST_YEAR} 年：${year}`);
  }
  const eve = lunarNewYearsEve(year);
  const days: StatutoryDay[] = [
    { date: fromParts(year, 1, 1), name: '元旦' },
    // 春节 4 days: 除夕 + 初一至初三.
    { date: eve, name: '春节' },
    { date: lunarNewYear(year), name: '春节' },
    { date: addDays(eve, 2), name: '春节' },
    { date: addDays(eve, 3), name: '春节' },
    { date: qingming(year), name: '清明节' },
    { date: fromParts(year, 5, 1), name: '劳动节' },
    { date: fromParts(year, 5, 2), name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    { date: fromParts(year, 10, 1), name: '国庆节' },
    { date: fromParts(year, 10, 2), name: '国庆节' },
    { date: fromParts(year, 10, 3), name: '国庆节' },
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Weekdays off for a provisional year. A statutory day on Saturday/Sunday is made up by the next
 * weekday that is neither a statutory day nor already a 补休 (Art. 6). A statutory day that
 * coincides with another (中秋 on 10-01, as in 2020 and 2031) is made up the same way, so no
 * statutory day is lost — this matches the 2020 notice (国庆+中秋 8 days).
 */
export function provisionalYear(year: number): ProvisionalYear {
  const statutory = statutoryDays(year);
  const statutoryDates = new Set(statutory.map((s) => s.date));
  const off = new Map<IsoDate, ProvisionalDay>();
  const seen = new Set<IsoDate>();

  for (const s of statutory) {
    const duplicate = seen.has(s.date);
    seen.add(s.date);
    if (!duplicate && !isWeekend(s.date)) {
      off.set(s.date, { date: s.date, kind: 'holiday', name: s.name, compensation: false });
      continue;
    }
    let d = addDays(s.date, 1);
    while (isWeekend(d) || statutoryDates.has(d) || off.has(d)) d = addDays(d, 1);
    off.set(d, { date: d, kind: 'holiday', name: `${s.name}（补休）`, compensation: true });
  }

  // The latest statutory day is in early October, so every 补休 stays within `year`.
  const days = [...off.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, statutory, days };
}
