// R-CAL-7: the seed from chinese-days must equal a list typed by hand from each notice.
// Any difference in the package data (a moved, added or missing day) fails this file.
import { describe, expect, it } from 'vitest';
import { eachDay, isWeekend } from '../../../lib/dates.ts';
import { type CalendarDayRecord, countWorkingDays, validateYearImport } from './engine.ts';
import {
  CHINESE_DAYS_DATA,
  type ChineseDaysData,
  NOTICES,
  nationalCalendar,
  OFFICIAL_YEARS,
  recordsFromChineseDays,
} from './national.ts';

interface NoticeText {
  /** [festival as named in the notice, first day off, last day off] */
  off: [string, string, string][];
  /** 调休上班 days */
  work: string[];
}

// Typed from the notice texts (STANDARDS §8.2 for 2025/2026; gov.cn texts for 2020–2024).
const NOTICE_TEXT: Record<number, NoticeText> = {
  2020: {
    // 国办发明电〔2019〕16号 + 〔2020〕1号 (春节 extended to 02-02; the 02-01 make-up day lapsed)
    off: [
      ['元旦', '2020-01-01', '2020-01-01'],
      ['春节', '2020-01-24', '2020-02-02'],
      ['清明节', '2020-04-04', '2020-04-06'],
      ['劳动节', '2020-05-01', '2020-05-05'],
      ['端午节', '2020-06-25', '2020-06-27'],
      ['国庆节、中秋节', '2020-10-01', '2020-10-08'],
    ],
    work: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  2021: {
    off: [
      ['元旦', '2021-01-01', '2021-01-03'],
      ['春节', '2021-02-11', '2021-02-17'],
      ['清明节', '2021-04-03', '2021-04-05'],
      ['劳动节', '2021-05-01', '2021-05-05'],
      ['端午节', '2021-06-12', '2021-06-14'],
      ['中秋节', '2021-09-19', '2021-09-21'],
      ['国庆节', '2021-10-01', '2021-10-07'],
    ],
    work: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  2022: {
    off: [
      ['元旦', '2022-01-01', '2022-01-03'],
      ['春节', '2022-01-31', '2022-02-06'],
      ['清明节', '2022-04-03', '2022-04-05'],
      ['劳动节', '2022-04-30', '2022-05-04'],
      ['端午节', '2022-06-03', '2022-06-05'],
      ['中秋节', '2022-09-10', '2022-09-12'],
      ['国庆节', '2022-10-01', '2022-10-07'],
    ],
    work: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  2023: {
    off: [
      ['元旦', '2022-12-31', '2023-01-02'],
      ['春节', '2023-01-21', '2023-01-27'],
      ['清明节', '2023-04-05', '2023-04-05'],
      ['劳动节', '2023-04-29', '2023-05-03'],
      ['端午节', '2023-06-22', '2023-06-24'],
      ['中秋节、国庆节', '2023-09-29', '2023-10-06'],
    ],
    work: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  2024: {
    off: [
      ['元旦', '2024-01-01', '2024-01-01'],
      ['春节', '2024-02-10', '2024-02-17'],
      ['清明节', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'],
      ['端午节', '2024-06-10', '2024-06-10'],
      ['中秋节', '2024-09-15', '2024-09-17'],
      ['国庆节', '2024-10-01', '2024-10-07'],
    ],
    work: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    off: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** What the notice implies for `year`: weekday holidays (with the block name) and make-up days. */
function expectedRecords(year: number): { holidays: Map<string, string>; work: string[] } {
  const text = NOTICE_TEXT[year];
  if (!text) throw new Error(`no notice text for ${year}`);
  const holidays = new Map<string, string>();
  for (const [name, from, to] of text.off) {
    for (const d of eachDay(from, to)) if (d.startsWith(`${year}-`) && !isWeekend(d)) holidays.set(d, name);
  }
  return { holidays, work: [...text.work].sort() };
}

/** Differences between seed records and the notice, as readable strings (empty = identical). */
function diffAgainstNotice(year: number, records: readonly CalendarDayRecord[]): string[] {
  const { holidays, work } = expectedRecords(year);
  const diffs: string[] = [];
  const gotHolidays = records.filter((r) => r.kind === 'holiday');
  const gotWork = records.filter((r) => r.kind === 'makeup_workday').map((r) => r.date);
  for (const r of gotHolidays) {
    const block = holidays.get(r.date);
    if (block === undefined) diffs.push(`extra holiday ${r.date}`);
    else if (!block.includes(r.name)) diffs.push(`${r.date}: name ${r.name} not in ${block}`);
  }
  for (const d of holidays.keys()) {
    if (!gotHolidays.some((r) => r.date === d)) diffs.push(`missing holiday ${d}`);
  }
  for (const d of gotWork) if (!work.includes(d)) diffs.push(`extra make-up day ${d}`);
  for (const d of work) if (!gotWork.includes(d)) diffs.push(`missing make-up day ${d}`);
  return diffs;
}

const YEARS = Object.keys(NOTICE_TEXT).map(Number);

describe('R-CAL-7: seed equals the notices', () => {
  it('covers exactly the years with a typed notice', () => {
    expect(OFFICIAL_YEARS.map((y) => y.year)).toEqual(YEARS);
    expect(Object.keys(NOTICES).map(Number)).toEqual(YEARS);
  });

  it.each(YEARS)('%i: OFFICIAL_YEARS matches the notice day for day', (year) => {
    const y = OFFICIAL_YEARS.find((o) => o.year === year);
    expect(y).toBeDefined();
    expect(diffAgainstNotice(year, y?.days ?? [])).toEqual([]);
  });

  it.each(YEARS)(
    '%i: the raw chinese-days maps match the notice (weekday holidays, make-up days)',
    (year) => {
      const rawHolidays = Object.keys(CHINESE_DAYS_DATA.holidays).filter(
        (d) => d.startsWith(`${year}-`) && !isWeekend(d),
      );
      const rawWork = Object.keys(CHINESE_DAYS_DATA.workdays).filter((d) => d.startsWith(`${year}-`));
      const { holidays, work } = expectedRecords(year);
      expect(rawHolidays.sort()).toEqual([...holidays.keys()].sort());
      expect(rawWork.sort()).toEqual(work);
    },
  );

  it.each(YEARS)('%i passes the import validation (R-CAL-5)', (year) => {
    const y = OFFICIAL_YEARS.find((o) => o.year === year);
    const v = validateYearImport(year, y?.days ?? []);
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('the cross-check catches altered package data', () => {
    const data: ChineseDaysData = structuredClone(CHINESE_DAYS_DATA);
    // A one-day shift of a make-up day (the classic time-zone bug) and a dropped holiday.
    delete data.workdays['2026-09-20'];
    data.workdays['2026-09-19'] = 'National Day,国庆节,3';
    delete data.holidays['2026-10-08'];
    delete data.holidays['2026-10-07'];
    expect(diffAgainstNotice(2026, recordsFromChineseDays(data, 2026))).toEqual([
      'missing holiday 2026-10-07',
      'extra make-up day 2026-09-19',
      'missing make-up day 2026-09-20',
    ]);
    data.holidays['2026-03-02'] = 'Spring Festival,春节,4';
    expect(diffAgainstNotice(2026, recordsFromChineseDays(data, 2026))).toContain('extra holiday 2026-03-02');
  });

  it('records the source notice per year', () => {
    expect(NOTICES[2025]).toEqual([
      {
        docNo: '国办发明电〔2024〕12号',
        title: '国务院办公厅关于2025年部分节假日安排的通知',
        publishedOn: '2024-11-12',
        url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
      },
    ]);
    expect(NOTICES[2026]).toEqual([
      {
        docNo: '国办发明电〔2025〕7号',
        title: '国务院办公厅关于2026年部分节假日安排的通知',
        publishedOn: '2025-11-04',
        url: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
      },
    ]);
    for (const y of YEARS) {
      const sources = NOTICES[y] ?? [];
      expect(sources.length).toBeGreaterThan(0);
      for (const s of sources) {
        expect(s.docNo).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
        expect(s.url).toMatch(/^https:\/\/www\.gov\.cn\//);
        expect(s.publishedOn < `${y}-01-01` || s.docNo === '国办发明电〔2020〕1号').toBe(true);
      }
    }
  });

  it('uses full Chinese festival names', () => {
    const names = new Set(OFFICIAL_YEARS.flatMap((y) => y.days.map((d) => d.name)));
    expect([...names].sort()).toEqual(
      ['中秋节', '元旦', '劳动节', '国庆节', '春节', '清明节', '端午节'].sort(),
    );
  });
});

describe('working days per year', () => {
  const cal = nationalCalendar();
  it.each([
    // year, working days implied by the typed notice (Mon–Fri minus weekday holidays plus make-up days)
    ...YEARS.map((y) => {
      const { holidays, work } = expectedRecords(y);
      const weekdays = eachDay(`${y}-01-01`, `${y}-12-31`).filter((d) => !isWeekend(d)).length;
      return [y, weekdays - holidays.size + work.length] as [number, number];
    }),
  ])('%i: %i working days', (year, n) => {
    expect(countWorkingDays(cal, `${year - 1}-12-31`, `${year}-12-31`)).toBe(n);
  });

  it('2025 and 2026 have 248 working days (STANDARDS §8.2)', () => {
    expect(countWorkingDays(cal, '2024-12-31', '2025-12-31')).toBe(248);
    expect(countWorkingDays(cal, '2025-12-31', '2026-12-31')).toBe(248);
  });
});
