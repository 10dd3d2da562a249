import { describe, expect, it } from 'vitest';
import { addDays, eachDay } from '../../../lib/dates.ts';
import { warningLevel, warningLevelFromDates } from '../../../lib/warning.ts';
import {
  addWorkingDays,
  agencyTargetDays,
  type CalendarDayRecord,
  CalendarInputError,
  computeDeadline,
  countWorkingDays,
  type DeadlineInput,
  isProvisionalRange,
  type LocalOverride,
  makeCalendar,
  type Suspension,
  validateLocalOverrides,
  validateYearImport,
} from './engine.ts';
import { nationalCalendar, OFFICIAL_YEARS } from './national.ts';

const cal = nationalCalendar();
const texts = (r: { lines: { text: string }[] }) => r.lines.map((l) => l.text);

describe('R-CAL-6 test vectors (STANDARDS §8.2)', () => {
  it.each([
    ['2026-09-18', 10, '2026-10-09'], // 9/20 make-up day counts; 9/25–27 and 10/1–7 skipped
    ['2026-02-13', 5, '2026-02-27'], // 2/14 (Sat) is a working day; 2/15–23 off
    ['2025-12-31', 1, '2026-01-04'], // make-up working day (Sun)
    ['2025-09-26', 5, '2025-10-10'], // 9/28, 9/29, 9/30, 10/9, 10/10
    ['2025-04-25', 2, '2025-04-28'], // 4/27 (Sun) counts
    ['2026-04-30', 3, '2026-05-08'], // 5/1–5 off
    ['2025-01-20', 20, '2025-02-21'], // crosses 春节 and both make-up days
  ])('%s + %i working days = %s', (start, n, due) => {
    expect(addWorkingDays(cal, start, n)).toEqual({ date: due, provisional: false });
  });

  it.each([
    [2025, 248],
    [2026, 248],
  ])('%i has %i working days', (year, n) => {
    expect(countWorkingDays(cal, `${year - 1}-12-31`, `${year}-12-31`)).toBe(n);
  });
});

describe('addWorkingDays: own tables', () => {
  it.each([
    // holidays joined to weekends
    ['2025-05-30', 1, '2025-06-03'], // Sat 5/31, Sun 6/1, Mon 6/2 端午
    ['2026-06-18', 1, '2026-06-22'], // Fri 6/19 端午 + weekend
    ['2026-04-03', 1, '2026-04-07'], // Sat–Mon 清明
    ['2024-06-07', 1, '2024-06-11'], // Mon 6/10 端午 joined to the weekend
    ['2025-01-24', 1, '2025-01-26'], // Sun make-up day before 春节
    // make-up Saturdays and Sundays count
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-27', 1, '2026-02-28'],
    ['2026-05-08', 1, '2026-05-09'],
    ['2026-09-19', 1, '2026-09-20'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2025-10-10', 1, '2025-10-11'],
    ['2026-10-10', 1, '2026-10-12'], // the Sunday after a make-up Saturday is off
    // ordinary weeks
    ['2026-03-06', 1, '2026-03-09'],
    ['2026-03-02', 5, '2026-03-09'],
    ['2026-03-07', 1, '2026-03-09'], // start on a Saturday
    // year boundary
    ['2024-12-31', 1, '2025-01-02'],
    ['2025-12-30', 2, '2026-01-04'],
    ['2026-12-24', 4, '2026-12-30'],
    // n = 0 is the start day itself
    ['2026-10-03', 0, '2026-10-03'],
  ])('%s + %i = %s (official data)', (start, n, due) => {
    expect(addWorkingDays(cal, start, n)).toEqual({ date: due, provisional: false });
  });

  it.each([
    ['2026-12-31', 1, '2027-01-04'], // 2027-01-01 元旦 (Fri)
    ['2026-12-25', 5, '2027-01-04'],
    ['2027-02-04', 1, '2027-02-11'], // 2/5 除夕, 2/6–7 weekend, 2/8 初三, 2/9–10 补休
    ['2027-04-30', 1, '2027-05-05'], // 劳动节 on Sat/Sun → 5/3, 5/4 补休
    ['2027-09-30', 1, '2027-10-06'], // 国庆 10/1 Fri + weekend → 10/4, 10/5 补休
    ['2027-12-31', 1, '2028-01-04'], // 2028 元旦 on Sat → Mon 1/3 补休
  ])('%s + %i = %s (provisional)', (start, n, due) => {
    expect(addWorkingDays(cal, start, n)).toEqual({ date: due, provisional: true });
  });

  it('rejects negative or fractional n', () => {
    expect(() => addWorkingDays(cal, '2026-01-05', -1)).toThrow(CalendarInputError);
    expect(() => addWorkingDays(cal, '2026-01-05', 1.5)).toThrow('非负整数');
    expect(() => addWorkingDays(cal, '2026-02-30', 1)).toThrow('日期格式无效');
  });

  it('is time-zone independent in-process too', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
        process.env.TZ = tz;
        expect(addWorkingDays(cal, '2026-02-13', 5).date, tz).toBe('2026-02-27');
        expect(addWorkingDays(cal, '2027-02-04', 1).date, tz).toBe('2027-02-11');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('countWorkingDays / isProvisionalRange', () => {
  it.each([
    ['2026-09-18', '2026-10-09', 10],
    ['2026-09-18', '2026-09-18', 0],
    ['2026-10-09', '2026-09-18', 0],
    ['2026-09-30', '2026-10-08', 1],
    ['2026-12-31', '2027-12-31', 248], // provisional 2027: 261 weekdays − 13
    ['2027-12-31', '2028-12-31', 247], // provisional 2028: 260 weekdays − 13
  ])('(%s, %s] has %i working days', (from, to, n) => {
    expect(countWorkingDays(cal, from, to)).toBe(n);
  });

  it('flags ranges touching a year without data', () => {
    expect(isProvisionalRange(cal, '2026-01-01', '2026-12-31')).toBe(false);
    expect(isProvisionalRange(cal, '2026-12-30', '2027-01-01')).toBe(true);
  });
});

describe('dayKind', () => {
  it.each([
    ['2026-10-01', false, false, 'holiday', '国庆节'],
    ['2026-10-03', false, false, 'weekend', undefined],
    ['2026-10-10', true, false, 'makeup_workday', '国庆节'],
    ['2026-10-12', true, false, 'workday', undefined],
    ['2027-02-04', true, true, 'workday', undefined],
    ['2027-02-05', false, true, 'holiday', '春节'],
    ['2027-02-06', false, true, 'weekend', undefined],
    ['2027-02-07', false, true, 'weekend', undefined],
    ['2027-02-08', false, true, 'holiday', '春节'],
    ['2027-02-09', false, true, 'holiday', '春节（补休）'],
    ['2027-02-11', true, true, 'workday', undefined],
  ] as const)('%s → workday %s, provisional %s, %s %s', (d, workday, provisional, category, name) => {
    expect(cal.dayKind(d)).toEqual({ workday, provisional, category, ...(name ? { name } : {}) });
  });

  it('2027-02-05..02-08 are all off and provisional', () => {
    for (const d of eachDay('2027-02-05', '2027-02-08')) {
      expect(cal.dayKind(d)).toMatchObject({ workday: false, provisional: true });
    }
  });

  it('refuses years with neither official data nor the 2024 rules', () => {
    expect(() => cal.dayKind('2019-06-03')).toThrow('2019 年没有官方放假安排');
    expect(() => cal.dayKind('2100-01-04')).toThrow(CalendarInputError);
  });

  it('becomes official when the year is imported', () => {
    // A hypothetical 2027 notice with a make-up Saturday: no longer provisional, and no 补休 invented.
    const fake2027: CalendarDayRecord[] = [
      { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
    ];
    const cal2 = makeCalendar({ years: [...OFFICIAL_YEARS, { year: 2027, days: fake2027 }] });
    expect(cal2.dayKind('2027-02-09')).toEqual({ workday: true, provisional: false, category: 'workday' });
    expect(cal2.dayKind('2027-02-20')).toMatchObject({ workday: true, provisional: false });
    expect(addWorkingDays(cal2, '2027-02-04', 1)).toEqual({ date: '2027-02-09', provisional: false });
  });
});

describe('region overrides (R-CAL-10)', () => {
  const typhoon: LocalOverride = { date: '2026-09-29', kind: 'closure', reason: '台风停工' };

  it.each([
    [[], '2026-10-09'],
    [[typhoon], '2026-10-10'],
    [[typhoon, { date: '2026-10-10', kind: 'closure', reason: '台风停工' }], '2026-10-12'],
    [[{ date: '2026-09-19', kind: 'workday', reason: '本地调休上班' }], '2026-10-08'],
    [
      [
        { date: '2026-10-08', kind: 'closure', reason: '停电' },
        { date: '2026-10-10', kind: 'closure', reason: '停电' },
        { date: '2026-10-11', kind: 'workday', reason: '补班' },
      ],
      '2026-10-11',
    ],
  ] as [LocalOverride[], string][])('2026-09-18 + 10 with %j → %s', (overrides, due) => {
    expect(addWorkingDays(nationalCalendar(overrides), '2026-09-18', 10).date).toBe(due);
  });

  it('a local closure moves a computed deadline and is explained', () => {
    const input: DeadlineInput = { start: '2026-09-18', limitDays: 10, today: '2026-09-21' };
    expect(computeDeadline(cal, input).dueDate).toBe('2026-10-09');
    const r = computeDeadline(nationalCalendar([typhoon]), input);
    expect(r.dueDate).toBe('2026-10-10');
    expect(texts(r)).toContain('2026-09-29（周二）本地停工（台风停工），不计入');
  });

  it('a local make-up day on a provisional day keeps the provisional flag', () => {
    const c = nationalCalendar([{ date: '2027-02-06', kind: 'workday', reason: '本地上班' }]);
    expect(c.dayKind('2027-02-06')).toEqual({
      workday: true,
      provisional: true,
      category: 'local_workday',
      name: '本地上班',
    });
  });

  it('rejects contradictory overrides and validates them', () => {
    expect(() =>
      nationalCalendar([
        { date: '2026-09-29', kind: 'closure', reason: 'a' },
        { date: '2026-09-29', kind: 'workday', reason: 'b' },
      ]),
    ).toThrow('互相矛盾');
    const v = validateLocalOverrides(cal, [
      { date: '2026-10-03', kind: 'closure', reason: '台风' },
      { date: '2026-10-12', kind: 'workday', reason: '加班' },
      { date: '2026-09-29', kind: 'closure', reason: ' ' },
      { date: '2026-9-29', kind: 'closure', reason: 'x' },
    ]);
    expect(v.ok).toBe(false);
    expect(v.errors).toEqual([
      '本地调整 2026-09-29（周二）缺少依据',
      '日期格式无效：2026-9-29（应为 YYYY-MM-DD）',
    ]);
    expect(v.warnings).toEqual([
      '2026-10-03（周六）本已休息，本地停工不改变计时',
      '2026-10-12（周一）本已是工作日，本地上班不改变计时',
    ]);
  });
});

describe('computeDeadline: suspensions', () => {
  const correction = (from: string, to: string | null): Suspension => ({
    kind: 'correction',
    from,
    to,
    reason: '材料不全',
  });

  it('explains the ledger of the brief example', () => {
    const r = computeDeadline(cal, {
      start: '2026-09-18',
      limitDays: 10,
      suspensions: [correction('2026-09-22', '2026-09-25')],
      today: '2026-09-30',
    });
    // Used before: 9/20 (Sun, make-up), 9/21. Resumed 9/25 (中秋, off) → restart Mon 9/28:
    // 9/28, 9/29, 9/30, 10/8, 10/9, 10/10 (Sat make-up), 10/12, 10/13.
    expect(r.dueDate).toBe('2026-10-13');
    expect(texts(r)).toEqual([
      '受理日 2026-09-18（周五），次日起算',
      '时限 10 个工作日',
      '挂起（补正）2026-09-22 至 2026-09-25，暂停计时；原因：材料不全',
      '已用 2 个工作日，剩余 8 个工作日',
      '2026-09-25（周五）恢复，自 2026-09-28（周一）起继续计时',
      '截止日 2026-10-13 24:00（北京时间）',
      '剩余不超过 2 个工作日时黄灯预警，自 2026-10-10 起',
      '截至 2026-09-30：已用 5 个工作日，剩余 5 个工作日',
      '日历：2026 年：依据国办发明电〔2025〕7号（2025-11-04 发布）',
      '日历版本：chinese-days@1.5.7',
    ]);
    expect(r).toMatchObject({ daysUsed: 5, daysLeft: 5, overdue: false, provisional: false, level: 'green' });
  });

  it.each([
    // name, start, limit, suspensions, due
    ['no suspension', '2026-09-18', 10, [], '2026-10-09'],
    ['spanning 国庆', '2026-09-28', 5, [correction('2026-09-30', '2026-10-08')], '2026-10-13'],
    ['starting on the start day', '2026-03-02', 3, [correction('2026-03-02', '2026-03-04')], '2026-03-09'],
    ['resumed on a Saturday', '2026-03-02', 5, [correction('2026-03-04', '2026-03-07')], '2026-03-12'],
    ['resumed on a Friday', '2026-03-02', 5, [correction('2026-03-04', '2026-03-06')], '2026-03-12'],
    ['resumed on a Thursday', '2026-03-02', 5, [correction('2026-03-04', '2026-03-05')], '2026-03-11'],
    ['one-day suspension', '2026-03-02', 5, [correction('2026-03-04', '2026-03-04')], '2026-03-10'],
    ['during a weekend only', '2026-03-02', 5, [correction('2026-03-07', '2026-03-08')], '2026-03-09'],
    [
      'two suspensions',
      '2026-03-02',
      5,
      [
        correction('2026-03-04', '2026-03-05'),
        { ...correction('2026-03-10', '2026-03-10'), kind: 'expert_review' },
      ],
      '2026-03-12',
    ],
    [
      'resumed on the 春节 make-up Saturday',
      '2026-02-09',
      3,
      [correction('2026-02-11', '2026-02-14')],
      '2026-02-25',
    ],
  ] as [string, string, number, Suspension[], string][])(
    '%s',
    (_name, start, limitDays, suspensions, due) => {
      expect(computeDeadline(cal, { start, limitDays, suspensions, today: start }).dueDate).toBe(due);
    },
  );

  it('an open suspension freezes the clock and leaves the due date open', () => {
    const r = computeDeadline(cal, {
      start: '2026-09-18',
      limitDays: 10,
      suspensions: [{ kind: 'site_inspection', from: '2026-09-22', to: null, reason: '' }],
      today: '2026-10-20',
    });
    expect(r).toMatchObject({
      dueDate: null,
      daysUsed: 2,
      daysLeft: 8,
      overdue: false,
      paused: true,
      yellowFrom: null,
      level: 'green',
    });
    expect(texts(r)).toContain('挂起（现场勘验）2026-09-22 起，尚未恢复，暂停计时');
    expect(texts(r)).toContain('挂起中，截止日待恢复计时后确定');
    expect(texts(r)).toContain('截至 2026-10-20：已用 2 个工作日，剩余 8 个工作日（计时暂停中）');
  });

  it('an open suspension after the yellow point stays yellow', () => {
    const r = computeDeadline(cal, {
      start: '2026-03-02',
      limitDays: 5,
      suspensions: [correction('2026-03-06', null)],
      today: '2026-04-01',
    });
    // 3/3, 3/4, 3/5 used → 2 left ≤ 2 from 3/5 on.
    expect(r).toMatchObject({ dueDate: null, daysLeft: 2, yellowFrom: '2026-03-05', level: 'yellow' });
    expect(warningLevelFromDates('2026-04-01', r.dueDate, r.yellowFrom)).toBe('yellow');
  });

  it('a suspension after the due date does not move it', () => {
    const r = computeDeadline(cal, {
      start: '2026-03-02',
      limitDays: 3,
      suspensions: [correction('2026-03-10', '2026-03-12')],
      today: '2026-03-11',
    });
    expect(r).toMatchObject({ dueDate: '2026-03-05', overdue: true, overdueDays: 2, level: 'red' });
    expect(texts(r)).toContain(
      '挂起（补正）2026-03-10 至 2026-03-12，发生在截止日之后，不影响截止日；原因：材料不全',
    );
  });

  it.each([
    ['starts before the start day', [correction('2026-03-01', '2026-03-03')], '早于起算日'],
    ['resumes before it starts', [correction('2026-03-05', '2026-03-04')], '早于开始日'],
    ['overlaps', [correction('2026-03-04', '2026-03-06'), correction('2026-03-06', '2026-03-09')], '重叠'],
    [
      'follows an open one',
      [correction('2026-03-04', null), correction('2026-03-09', '2026-03-10')],
      '尚未恢复',
    ],
  ] as [string, Suspension[], string][])('rejects a suspension that %s', (_name, suspensions, msg) => {
    expect(() =>
      computeDeadline(cal, { start: '2026-03-02', limitDays: 5, suspensions, today: '2026-03-02' }),
    ).toThrow(msg);
  });
});

describe('computeDeadline: days left, yellow and red', () => {
  const base = { start: '2026-09-18', limitDays: 10 };

  it.each([
    // today, daysUsed, daysLeft, overdue, overdueDays, level
    ['2026-09-18', 0, 10, false, 0, 'green'],
    ['2026-09-20', 1, 9, false, 0, 'green'],
    ['2026-09-29', 7, 3, false, 0, 'green'],
    ['2026-09-30', 8, 2, false, 0, 'yellow'], // yellowFrom
    ['2026-10-05', 8, 2, false, 0, 'yellow'], // holiday: nothing used
    ['2026-10-08', 9, 1, false, 0, 'yellow'],
    ['2026-10-09', 10, 0, false, 0, 'yellow'], // due date: 0 left, still yellow
    ['2026-10-10', 10, 0, true, 1, 'red'], // make-up Saturday after the due date
    ['2026-10-11', 10, 0, true, 1, 'red'], // Sunday
    ['2026-10-16', 10, 0, true, 6, 'red'], // 10/10, 10/12–16
  ] as const)(
    '%s: used %i, left %i, overdue %s (%i), %s',
    (today, used, left, overdue, overdueDays, level) => {
      const r = computeDeadline(cal, { ...base, today });
      expect(r).toMatchObject({
        dueDate: '2026-10-09',
        yellowFrom: '2026-09-30',
        yellowThreshold: 2,
        daysUsed: used,
        daysLeft: left,
        overdue,
        overdueDays,
        level,
      });
    },
  );

  it('the two stored dates give the same level as the rule, every day, with suspensions and overrides', () => {
    const scenarios: Omit<DeadlineInput, 'today'>[] = [
      { start: '2026-09-18', limitDays: 10 },
      { start: '2026-09-18', limitDays: 10, yellowOverride: 5 },
      { start: '2026-09-18', limitDays: 2 },
      {
        start: '2026-02-09',
        limitDays: 20,
        suspensions: [{ kind: 'hearing', from: '2026-02-12', to: '2026-03-03', reason: '听证' }],
      },
      { start: '2026-12-21', limitDays: 15 },
    ];
    for (const s of scenarios) {
      for (let i = 0; i < 60; i++) {
        const today = addDays(s.start, i);
        const r = computeDeadline(cal, { ...s, today });
        expect(warningLevelFromDates(today, r.dueDate, r.yellowFrom), `${s.start}+${i}`).toBe(r.level);
        expect(warningLevel(r.daysLeft, r.limitDays, s.yellowOverride, r.overdue)).toBe(r.level);
      }
    }
  });

  it('yellow from the start when the limit is within the threshold', () => {
    const r = computeDeadline(cal, { start: '2026-03-02', limitDays: 2, today: '2026-03-02' });
    expect(r).toMatchObject({ dueDate: '2026-03-04', yellowFrom: '2026-03-02', level: 'yellow' });
  });

  it('honours a per-item threshold', () => {
    const r = computeDeadline(cal, {
      start: '2026-09-18',
      limitDays: 10,
      today: '2026-09-18',
      yellowOverride: 5,
    });
    // 5th counted day: 9/20, 21, 22, 23, 24.
    expect(r).toMatchObject({ yellowThreshold: 5, yellowFrom: '2026-09-24' });
  });

  it('adds approved extensions (R-CAL-3)', () => {
    const r = computeDeadline(cal, {
      start: '2026-03-02',
      limitDays: 20,
      extensions: [{ days: 10, reason: '经本机关负责人批准' }],
      today: '2026-03-02',
    });
    expect(r.limitDays).toBe(30);
    expect(r.dueDate).toBe(addWorkingDays(cal, '2026-03-02', 30).date);
    expect(texts(r)).toContain('延长 10 个工作日（经本机关负责人批准），时限合计 30 个工作日');
    expect(r.yellowThreshold).toBe(6);
  });

  it('limit 0 is due on the start day', () => {
    const r = computeDeadline(cal, { start: '2026-03-02', limitDays: 0, today: '2026-03-02' });
    expect(r).toMatchObject({ dueDate: '2026-03-02', daysLeft: 0, level: 'yellow' });
  });
});

describe('computeDeadline: provisional years', () => {
  it('a deadline reaching into 2027 is provisional and says so', () => {
    const r = computeDeadline(cal, { start: '2026-12-28', limitDays: 5, today: '2026-12-28' });
    // 12/29, 12/30, 12/31, (1/1 元旦), 1/4, 1/5
    expect(r).toMatchObject({ dueDate: '2027-01-05', provisional: true, provisionalYears: [2027] });
    expect(texts(r)).toContain('截止日 2027-01-05 24:00（北京时间）（暂定）');
    expect(texts(r)).toContain(
      '2027 年国务院放假安排尚未发布，按《全国年节及纪念日放假办法》暂定计算（含补休，不含调休上班），正式安排发布后重新计算',
    );
    expect(texts(r)).toContain(
      '日历：2026 年：依据国办发明电〔2025〕7号（2025-11-04 发布）；2027 年：暂定（国务院放假安排尚未导入）',
    );
  });

  it('a deadline inside 2026 is not provisional', () => {
    expect(computeDeadline(cal, { start: '2026-12-01', limitDays: 5, today: '2026-12-01' }).provisional).toBe(
      false,
    );
  });
});

describe('validateYearImport (R-CAL-5)', () => {
  it.each([
    [2025, 248, 5],
    [2026, 248, 6], // 2026-01-04..01-09
  ])('%i: ok, %i working days, longest run %i', (year, workingDays, longestRun) => {
    const days = OFFICIAL_YEARS.find((y) => y.year === year)?.days ?? [];
    expect(validateYearImport(year, days)).toEqual({
      ok: true,
      errors: [],
      warnings: [],
      workingDays,
      longestRun,
    });
  });

  it('warns, without blocking, on more than 6 consecutive working days (2023)', () => {
    const v = validateYearImport(2023, OFFICIAL_YEARS.find((y) => y.year === 2023)?.days ?? []);
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual([
      '2023-01-28 至 2023-02-03 连续工作 7 天，超过 6 天（放假办法第七条：法定节假日假期前后连续工作一般不超过6天）',
      '2023-10-07 至 2023-10-13 连续工作 7 天，超过 6 天（放假办法第七条：法定节假日假期前后连续工作一般不超过6天）',
    ]);
  });

  it.each([
    [
      { date: '2027-02-08', kind: 'makeup_workday', name: '春节' },
      '调休上班日 2027-02-08（周一）不是周六或周日，请核对日期是否错位',
    ],
    [
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      '放假日 2027-02-06（周六）不是周一至周五（周末本就休息，无需登记），请核对日期是否错位',
    ],
    [{ date: '2026-12-31', kind: 'holiday', name: '元旦' }, '2026-12-31 不属于 2027 年'],
    [{ date: '2027-02-30', kind: 'holiday', name: '春节' }, '日期格式无效：2027-02-30（应为 YYYY-MM-DD）'],
    [{ date: '2027-02-05', kind: 'holiday', name: '' }, '2027-02-05（周五）缺少节日名称'],
    [{ date: '2027-02-05', kind: 'day_off', name: '春节' }, '2027-02-05 的类型无效：day_off'],
  ] as [CalendarDayRecord, string][])('rejects %j', (record, message) => {
    const v = validateYearImport(2027, [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }, record]);
    expect(v.ok).toBe(false);
    expect(v.errors).toEqual([message]);
  });

  it('rejects duplicates and an empty year', () => {
    const r: CalendarDayRecord = { date: '2027-10-01', kind: 'holiday', name: '国庆节' };
    expect(validateYearImport(2027, [r, r]).errors).toEqual(['2027-10-01 重复登记']);
    expect(validateYearImport(2027, []).errors).toEqual(['2027 年没有任何放假或调休记录']);
  });

  it('catches a whole year shifted by one day (time-zone bug)', () => {
    const shifted = (OFFICIAL_YEARS.find((y) => y.year === 2026)?.days ?? []).map((d) => ({
      ...d,
      date: addDays(d.date, -1),
    }));
    const v = validateYearImport(
      2026,
      shifted.filter((d) => d.date.startsWith('2026-')),
    );
    expect(v.ok).toBe(false);
    // Make-up days 02-14, 02-28, 05-09, 10-10 land on Fridays; Monday holidays 02-16, 02-23, 04-06,
    // 05-04, 10-05 land on Sundays. (01-04 and 09-20 land on Saturdays and go unnoticed.)
    expect(v.errors.filter((e) => e.startsWith('调休上班日'))).toHaveLength(4);
    expect(v.errors.filter((e) => e.startsWith('放假日'))).toHaveLength(5);
  });
});

describe('agencyTargetDays', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 1],
    [4, 2],
    [5, 2],
    [6, 2],
    [7, 3],
    [20, 7],
    [30, 10],
    [45, 15],
  ])('%i promised days → %i', (promised, target) => {
    expect(agencyTargetDays(promised)).toBe(target);
  });

  it('rejects negative input', () => {
    expect(() => agencyTargetDays(-1)).toThrow('承诺时限无效');
  });
});

describe('computeDeadline: natural-day limits (R-CAT-1)', () => {
  // [start (受理日), limit, unit, expected due]; holidays from the 2026 notice: 中秋 9/25–27,
  // 国庆 10/1–7, make-up workdays 9/20 and 10/10.
  const TABLE: [string, number, 'natural' | 'working', string][] = [
    ['2026-06-01', 10, 'natural', '2026-06-11'], // Thursday: no shift
    ['2026-06-05', 1, 'natural', '2026-06-08'], // Saturday → Monday
    ['2026-09-24', 3, 'natural', '2026-09-28'], // 9/27 中秋 → 9/28
    ['2026-09-28', 2, 'natural', '2026-09-30'], // working day before National Day
    ['2026-09-28', 5, 'natural', '2026-10-08'], // 10/3 in 国庆 → first working day 10/8
    ['2026-10-09', 1, 'natural', '2026-10-10'], // a make-up Saturday is a working day
    ['2026-09-28', 5, 'working', '2026-10-10'], // the same start in working days: 9/29, 9/30, 10/8, 10/9, 10/10
  ];
  it.each(TABLE)('受理日 %s + %i %s days → %s', (start, limitDays, unit, due) => {
    expect(computeDeadline(cal, { start, limitDays, unit, today: start }).dueDate).toBe(due);
  });

  it('counts every day of a natural-day limit outside suspensions, and says so in the ledger', () => {
    const r = computeDeadline(cal, {
      start: '2026-06-01',
      limitDays: 10,
      unit: 'natural',
      suspensions: [{ kind: 'site_inspection', from: '2026-06-03', to: '2026-06-05', reason: '现场勘验' }],
      today: '2026-06-10',
    });
    // 6/2 counted; 6/3–6/5 stopped; 6/6 … 6/14 counted (10th day, a Sunday) → Monday 6/15.
    expect(r.dueDate).toBe('2026-06-15');
    expect(r).toMatchObject({ daysUsed: 6, daysLeft: 4 });
    expect(texts(r)).toContain('时限 10 日（自然日）');
    expect(texts(r)).toContain('期间最后一日 2026-06-14（周日）为休息日，顺延至其后第一个工作日');
    expect(texts(r)).toContain('截至 2026-06-10：已用 6 日（自然日），剩余 4 日（自然日）');
  });

  it('a natural-day deadline is overdue by calendar days', () => {
    const r = computeDeadline(cal, {
      start: '2026-06-01',
      limitDays: 3,
      unit: 'natural',
      today: '2026-06-07',
    });
    expect(r).toMatchObject({ dueDate: '2026-06-04', overdue: true, overdueDays: 3, level: 'red' });
  });
});
