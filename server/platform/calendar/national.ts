// National calendar seed: the State Council notices 2020–2026, as data from chinese-days@1.5.7
// (dist/chinese-days.json). Only the JSON maps are used, never the package's functions, which read
// dates in local time (STANDARDS §8.3). national.test.ts cross-checks every year against a list typed
// from the notices (R-CAL-7).
import raw from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type IsoDate, isWeekend, parseIsoDate } from '../../../lib/dates.ts';
import {
  type Calendar,
  type CalendarDayRecord,
  type LocalOverride,
  makeCalendar,
  type NoticeSource,
  type OfficialYear,
} from './engine.ts';

/** Shape of chinese-days.json: date → "English,中文,N" (N = statutory day count of the festival). */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

const notice = (year: number, docNo: string, publishedOn: IsoDate, url: string): NoticeSource => ({
  docNo,
  title: `国务院办公厅关于${year}年部分节假日安排的通知`,
  publishedOn,
  url,
});

/** Source notices per year (R-CAL-7). 2025 and 2026 per STANDARDS §8.2; older ones from the gov.cn texts. */
export const NOTICES: Readonly<Record<number, readonly NoticeSource[]>> = {
  2020: [
    notice(
      2020,
      '国办发明电〔2019〕16号',
      '2019-11-21',
      'https://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm',
    ),
    {
      // Spring Festival extended to 2020-02-02 (COVID-19); the 2020-02-01 make-up day lapsed.
      docNo: '国办发明电〔2020〕1号',
      title: '国务院办公厅关于延长2020年春节假期的通知',
      publishedOn: '2020-01-27',
      url: 'https://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm',
    },
  ],
  2021: [
    notice(
      2021,
      '国办发明电〔2020〕27号',
      '2020-11-25',
      'https://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm',
    ),
  ],
  2022: [
    notice(
      2022,
      '国办发明电〔2021〕11号',
      '2021-10-25',
      'https://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
    ),
  ],
  2023: [
    notice(
      2023,
      '国办发明电〔2022〕16号',
      '2022-12-08',
      'https://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
    ),
  ],
  2024: [
    notice(
      2024,
      '国办发明电〔2023〕7号',
      '2023-10-25',
      'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
    ),
  ],
  2025: [
    notice(
      2025,
      '国办发明电〔2024〕12号',
      '2024-11-12',
      'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
    ),
  ],
  2026: [
    notice(
      2026,
      '国办发明电〔2025〕7号',
      '2025-11-04',
      'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
    ),
  ],
};

// chinese-days uses short names for some festivals.
const FESTIVAL_NAMES: Readonly<Record<string, string>> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  清明节: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  端午节: '端午节',
  中秋: '中秋节',
  中秋节: '中秋节',
  国庆节: '国庆节',
  国庆: '国庆节',
};

function festivalName(value: string): string {
  const zh = value.split(',')[1]?.trim() ?? '';
  return FESTIVAL_NAMES[zh] ?? zh;
}

/**
 * One year's records from chinese-days data: weekday entries of `holidays` become 'holiday' (weekend
 * days inside a festival block are off anyway and are dropped), `workdays` become 'makeup_workday'.
 * Keys are read as plain strings, so no time zone is involved.
 */
export function recordsFromChineseDays(data: ChineseDaysData, year: number): CalendarDayRecord[] {
  const prefix = `${year}-`;
  const out: CalendarDayRecord[] = [];
  for (const [date, value] of Object.entries(data.holidays)) {
    if (!date.startsWith(prefix)) continue;
    parseIsoDate(date);
    if (!isWeekend(date)) out.push({ date, kind: 'holiday', name: festivalName(value) });
  }
  for (const [date, value] of Object.entries(data.workdays)) {
    if (!date.startsWith(prefix)) continue;
    parseIsoDate(date);
    out.push({ date, kind: 'makeup_workday', name: festivalName(value) });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function buildOfficialYears(
  data: ChineseDaysData,
  notices: Readonly<Record<number, readonly NoticeSource[]>> = NOTICES,
): OfficialYear[] {
  return Object.keys(notices)
    .map(Number)
    .sort((a, b) => a - b)
    .map((year) => ({ year, sources: notices[year] ?? [], days: recordsFromChineseDays(data, year) }));
}

export const CHINESE_DAYS_DATA: ChineseDaysData = raw as ChineseDaysData;

/** Official national data, 2020–2026 (the years with a notice in NOTICES). */
export const OFFICIAL_YEARS: readonly OfficialYear[] = buildOfficialYears(CHINESE_DAYS_DATA);

export function officialYear(year: number): OfficialYear | undefined {
  return OFFICIAL_YEARS.find((y) => y.year === year);
}

/** The national calendar from the bundled seed, plus a region's overrides. */
export function nationalCalendar(overrides: readonly LocalOverride[] = [], version?: string): Calendar {
  return makeCalendar({ years: OFFICIAL_YEARS, overrides, version: version ?? 'chinese-days@1.5.7' });
}
