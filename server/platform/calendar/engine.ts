// Working-day engine (DOMAIN.md "Working days", STANDARDS §8): pure functions, no I/O, no Date parsing.
// Dates are 'YYYY-MM-DD' strings in the region's zone (Asia/Shanghai); see lib/dates.ts.
import {
  addDays,
  type IsoDate,
  isWeekend,
  parseIsoDate,
  weekday,
  weekdayLabel,
  yearOf,
} from '../../../lib/dates.ts';
import { type WarningLevel, warningLevel, yellowThresholdDays } from '../../../lib/warning.ts';
import { PROVISIONAL_FIRST_YEAR, PROVISIONAL_LAST_YEAR, provisionalYear } from './provisional.ts';

// ---------------------------------------------------------------------------------------------------
// Types

/** National day types stored per year: weekday off (统一放假/调休放假) or weekend make-up day (调休上班). */
export type NationalDayKind = 'holiday' | 'makeup_workday';

export interface CalendarDayRecord {
  date: IsoDate;
  kind: NationalDayKind;
  /** Festival name in Chinese, e.g. '春节'. */
  name: string;
}

/** The State Council notice a year's data comes from (R-CAL-7). */
export interface NoticeSource {
  docNo: string;
  title: string;
  publishedOn: IsoDate;
  url: string;
}

export interface OfficialYear {
  year: number;
  /** Only exceptions to Mon–Fri: weekday holidays and weekend make-up days. */
  days: readonly CalendarDayRecord[];
  sources?: readonly NoticeSource[];
}

/** Local change by an administrator (R-CAL-10): extra closure (e.g. typhoon) or local make-up day. */
export type LocalOverrideKind = 'closure' | 'workday';

export interface LocalOverride {
  date: IsoDate;
  kind: LocalOverrideKind;
  /** Basis, e.g. '台风停工（市政府通知）'. */
  reason: string;
}

export type DayCategory =
  | 'workday'
  | 'weekend'
  | 'holiday'
  | 'makeup_workday'
  | 'local_closure'
  | 'local_workday';

export interface DayKind {
  workday: boolean;
  /** The day belongs to a year without official data (DOMAIN.md provisional rule, R-CAL-8). */
  provisional: boolean;
  category?: DayCategory;
  /** Festival name or override reason. */
  name?: string;
}

/** Anything that can classify a day; makeCalendar builds the standard one. */
export interface CalendarSource {
  dayKind(d: IsoDate): DayKind;
  /** Optional ledger text naming the data a year comes from. */
  describeYear?(year: number): string;
  /** Optional calendar version shown in ledgers. */
  readonly version?: string | undefined;
}

export class CalendarInputError extends Error {
  override name = 'CalendarInputError';
}

// Guard against calendars with no working day at all (e.g. a runaway closure import).
const MAX_IDLE_DAYS = 366;

// ---------------------------------------------------------------------------------------------------
// Calendar

export interface MakeCalendarInput {
  /** Years with official data; any other year falls back to the provisional rule. */
  years: Iterable<OfficialYear>;
  /** The region's local overrides, layered on top of national/provisional data. */
  overrides?: Iterable<LocalOverride>;
  /** Calendar version shown in ledgers (e.g. the import id). */
  version?: string;
}

export interface Calendar extends CalendarSource {
  describeYear(year: number): string;
  readonly officialYears: readonly number[];
  readonly version: string | undefined;
  isOfficialYear(year: number): boolean;
}

export function makeCalendar(input: MakeCalendarInput): Calendar {
  const national = new Map<IsoDate, CalendarDayRecord>();
  const sources = new Map<number, readonly NoticeSource[]>();
  for (const y of input.years) {
    if (sources.has(y.year)) throw new CalendarInputError(`${y.year} 年的官方数据重复提供`);
    sources.set(y.year, y.sources ?? []);
    for (const r of y.days) {
      if (parseIsoDate(r.date).year !== y.year) {
        throw new CalendarInputError(`${r.date} 不属于 ${y.year} 年`);
      }
      if (national.has(r.date)) throw new CalendarInputError(`${r.date} 重复登记`);
      national.set(r.date, r);
    }
  }

  const local = new Map<IsoDate, LocalOverride>();
  for (const o of input.overrides ?? []) {
    parseIsoDate(o.date);
    const prev = local.get(o.date);
    if (prev && prev.kind !== o.kind) {
      throw new CalendarInputError(`本地调整 ${o.date} 同时设为停工和上班，互相矛盾`);
    }
    local.set(o.date, o);
  }

  const provisionalCache = new Map<number, Map<IsoDate, string>>();
  const provisionalOff = (year: number): Map<IsoDate, string> => {
    let m = provisionalCache.get(year);
    if (!m) {
      if (year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR) {
        throw new CalendarInputError(
          `${year} 年没有官方放假安排，且不在暂定日历支持范围（${PROVISIONAL_FIRST_YEAR}–${PROVISIONAL_LAST_YEAR} 年）内，无法计算工作日`,
        );
      }
      m = new Map(provisionalYear(year).days.map((d) => [d.date, d.name]));
      provisionalCache.set(year, m);
    }
    return m;
  };

  const officialYears = [...sources.keys()].sort((a, b) => a - b);

  const baseKind = (d: IsoDate, year: number): DayKind => {
    const weekend = isWeekend(d);
    if (sources.has(year)) {
      const r = national.get(d);
      if (r?.kind === 'holiday')
        return { workday: false, provisional: false, category: 'holiday', name: r.name };
      if (r?.kind === 'makeup_workday') {
        return { workday: true, provisional: false, category: 'makeup_workday', name: r.name };
      }
      return { workday: !weekend, provisional: false, category: weekend ? 'weekend' : 'workday' };
    }
    const name = provisionalOff(year).get(d);
    if (name !== undefined) return { workday: false, provisional: true, category: 'holiday', name };
    return { workday: !weekend, provisional: true, category: weekend ? 'weekend' : 'workday' };
  };

  return {
    officialYears,
    version: input.version,
    isOfficialYear: (year) => sources.has(year),
    dayKind(d) {
      const year = parseIsoDate(d).year;
      const base = baseKind(d, year);
      const o = local.get(d);
      // The year's provisional flag survives a local override: national data may still move.
      if (o?.kind === 'closure') {
        return { workday: false, provisional: base.provisional, category: 'local_closure', name: o.reason };
      }
      if (o?.kind === 'workday') {
        return { workday: true, provisional: base.provisional, category: 'local_workday', name: o.reason };
      }
      return base;
    },
    describeYear(year) {
      const src = sources.get(year);
      if (src === undefined) return `${year} 年：暂定（国务院放假安排尚未导入）`;
      if (src.length === 0) return `${year} 年：官方放假安排`;
      return `${year} 年：依据${src.map((s) => `${s.docNo}（${s.publishedOn} 发布）`).join('、')}`;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Counting

export interface WorkingDayResult {
  date: IsoDate;
  /** Some day walked lies in a year without official data. */
  provisional: boolean;
}

/**
 * The n-th working day AFTER `start` (R-CAL-1: 受理次日起算); the deadline is 24:00 Asia/Shanghai of
 * that day. n = 0 returns `start` itself.
 */
export function addWorkingDays(cal: CalendarSource, start: IsoDate, n: number): WorkingDayResult {
  parseIsoDate(start);
  if (!Number.isInteger(n) || n < 0) throw new CalendarInputError(`工作日数必须是非负整数：${n}`);
  let d = start;
  let count = 0;
  let idle = 0;
  let provisional = false;
  while (count < n) {
    d = addDays(d, 1);
    const k = cal.dayKind(d);
    provisional ||= k.provisional;
    if (k.workday) {
      count++;
      idle = 0;
    } else if (++idle > MAX_IDLE_DAYS) {
      throw new CalendarInputError(`${d} 之前连续 ${MAX_IDLE_DAYS} 天没有工作日，日历数据异常`);
    }
  }
  return { date: d, provisional };
}

/** Working days in (fromExclusive, toInclusive]; 0 when to <= from. */
export function countWorkingDays(cal: CalendarSource, fromExclusive: IsoDate, toInclusive: IsoDate): number {
  parseIsoDate(fromExclusive);
  parseIsoDate(toInclusive);
  let n = 0;
  for (let d = addDays(fromExclusive, 1); d <= toInclusive; d = addDays(d, 1)) {
    if (cal.dayKind(d).workday) n++;
  }
  return n;
}

/** True when some day in (fromExclusive, toInclusive] is provisional. */
export function isProvisionalRange(
  cal: CalendarSource,
  fromExclusive: IsoDate,
  toInclusive: IsoDate,
): boolean {
  parseIsoDate(fromExclusive);
  parseIsoDate(toInclusive);
  for (let d = addDays(fromExclusive, 1); d <= toInclusive; d = addDays(d, 1)) {
    if (cal.dayKind(d).provisional) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Deadlines with suspensions

/** Clock-stopping special procedures (DOMAIN.md glossary; 行政许可法 Art. 45). */
export const SUSPENSION_KIND_LABELS: Readonly<Record<string, string>> = {
  correction: '补正',
  site_inspection: '现场勘验',
  expert_review: '专家评审',
  hearing: '听证',
  public_notice: '公示',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  tender: '招标',
  auction: '拍卖',
};

export interface Suspension {
  /** Kind code (see SUSPENSION_KIND_LABELS) or a free Chinese name. */
  kind: string;
  /** Display name overriding the label for `kind`. */
  kindName?: string;
  /** First day of the suspension (not counted). */
  from: IsoDate;
  /** Resumption day (not counted); null while the suspension is open. */
  to: IsoDate | null;
  reason: string;
}

/** How a count of days reads in the ledger and the notices: “10 个工作日”, “30 日（自然日）”. */
export const DAY_UNIT_WORDS: Readonly<Record<DayUnit, string>> = {
  working: '个工作日',
  natural: '日（自然日）',
};

/** Approved extension in the deadline's own unit (R-CAL-3: e.g. 20 + 10 working days). */
export interface Extension {
  days: number;
  reason: string;
}

export interface DeadlineInput {
  /** The triggering day (e.g. 受理日); counting starts the next day. */
  start: IsoDate;
  limitDays: number;
  suspensions?: readonly Suspension[];
  extensions?: readonly Extension[];
  /** The region's today (todayIn('Asia/Shanghai')); expected on or after `start`. */
  today: IsoDate;
  /** Per-item yellow threshold in working days (lib/warning.ts). */
  yellowOverride?: number | null;
  /** Label of the start day in the ledger; default '受理日'. */
  startLabel?: string;
  /**
   * 'working' (default; 行政许可法 Art. 82) or 'natural' days (R-CAT-1). A natural-day period
   * whose last day is a rest day ends on the next working day (民法典 Art. 203).
   */
  unit?: DayUnit;
}

export type DayUnit = 'working' | 'natural';

export type LedgerCode =
  | 'start'
  | 'limit'
  | 'extension'
  | 'suspension'
  | 'used'
  | 'resume'
  | 'local_day'
  | 'due'
  | 'pending'
  | 'yellow'
  | 'status'
  | 'provisional'
  | 'calendar';

export interface LedgerLine {
  code: LedgerCode;
  date: IsoDate | null;
  text: string;
}

export interface DeadlineResult {
  /** Last day of the period (ends 24:00 Beijing time); null while a suspension is open and the limit was not reached before it. */
  dueDate: IsoDate | null;
  /** Limit including extensions. */
  limitDays: number;
  /** Counted working days up to and including today (capped at the limit). */
  daysUsed: number;
  /** limit − daysUsed: on date t, the working days in (t, dueDate] when no suspension follows t. 0 on the due date. */
  daysLeft: number;
  /** today > dueDate. */
  overdue: boolean;
  /** Counted working days after the due date up to today. */
  overdueDays: number;
  /** The clock is stopped today (today lies in a suspension). */
  paused: boolean;
  /** Some day that decided dueDate/yellowFrom lies in a year without official data. */
  provisional: boolean;
  provisionalYears: number[];
  yellowThreshold: number;
  /** First date whose daysLeft <= yellowThreshold; with dueDate this gives the level in SQL. */
  yellowFrom: IsoDate | null;
  level: WarningLevel;
  lines: LedgerLine[];
}

interface NormalizedSuspension extends Suspension {
  label: string;
}

function normalizeSuspensions(list: readonly Suspension[], start: IsoDate): NormalizedSuspension[] {
  const sorted = [...list]
    .map((s) => ({ ...s, label: s.kindName ?? SUSPENSION_KIND_LABELS[s.kind] ?? s.kind }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let prev: NormalizedSuspension | undefined;
  for (const s of sorted) {
    parseIsoDate(s.from);
    if (s.to !== null) parseIsoDate(s.to);
    if (s.from < start) throw new CalendarInputError(`挂起开始日 ${s.from} 早于起算日 ${start}`);
    if (s.to !== null && s.to < s.from)
      throw new CalendarInputError(`挂起恢复日 ${s.to} 早于开始日 ${s.from}`);
    if (prev) {
      if (prev.to === null)
        throw new CalendarInputError(`挂起（${prev.label}）${prev.from} 尚未恢复，不能再有后续挂起`);
      if (s.from <= prev.to) {
        throw new CalendarInputError(`挂起 ${prev.from}–${prev.to} 与 ${s.from} 起的挂起重叠`);
      }
    }
    prev = s;
  }
  return sorted;
}

const fmt = (d: IsoDate) => `${d}（${weekdayLabel(d)}）`;

/**
 * Due date and ledger per DOMAIN.md. Days used = working days after the start day up to the day
 * before a suspension began; the suspension's first day and its resumption day (`to`) are not
 * counted, and counting restarts on the first working day after the resumption day. A suspension
 * that begins after the due date does not move it.
 *
 * Days-left convention: on date t, daysLeft = limit − (counted days in (start, t]), which is the
 * number of working days in (t, dueDate] when no suspension follows t; it is 0 on the due date
 * (yellow, not red) and the case turns red the day after.
 */
export function computeDeadline(cal: CalendarSource, input: DeadlineInput): DeadlineResult {
  const { start, today } = input;
  parseIsoDate(start);
  parseIsoDate(today);
  if (!Number.isInteger(input.limitDays) || input.limitDays < 0) {
    throw new CalendarInputError(`时限必须是非负整数：${input.limitDays}`);
  }
  const extensions = input.extensions ?? [];
  for (const e of extensions) {
    if (!Number.isInteger(e.days) || e.days <= 0)
      throw new CalendarInputError(`延长天数必须是正整数：${e.days}`);
  }
  const limit = input.limitDays + extensions.reduce((s, e) => s + e.days, 0);
  const natural = input.unit === 'natural';
  const U = DAY_UNIT_WORDS[input.unit ?? 'working'];
  const counts = (k: DayKind) => natural || k.workday;
  const suspensions = normalizeSuspensions(input.suspensions ?? [], start);
  const open = suspensions.find((s) => s.to === null);
  const isPaused = (d: IsoDate) => suspensions.some((s) => d >= s.from && (s.to === null || d <= s.to));
  const threshold = yellowThresholdDays(limit, input.yellowOverride);
  const yellowTarget = limit - threshold;

  // Walk from the day after start until the limit is reached or an open suspension stops the clock.
  const counted: IsoDate[] = [];
  const yearsSeen = new Set<number>();
  const provisionalYears = new Set<number>();
  const localDays: { date: IsoDate; kind: DayKind }[] = [];
  let dueDate: IsoDate | null = limit === 0 ? start : null;
  let yellowFrom: IsoDate | null = yellowTarget <= 0 ? start : null;
  let idle = 0;
  for (let d = start; dueDate === null; ) {
    d = addDays(d, 1);
    if (open && d >= open.from) break;
    if (isPaused(d)) continue;
    const k = cal.dayKind(d);
    const y = yearOf(d);
    yearsSeen.add(y);
    if (k.provisional) provisionalYears.add(y);
    if (!natural && (k.category === 'local_closure' || k.category === 'local_workday'))
      localDays.push({ date: d, kind: k });
    if (!counts(k)) {
      if (++idle > MAX_IDLE_DAYS)
        throw new CalendarInputError(`${d} 之前连续 ${MAX_IDLE_DAYS} 天没有工作日，日历数据异常`);
      continue;
    }
    idle = 0;
    counted.push(d);
    if (counted.length === yellowTarget) yellowFrom = d;
    if (counted.length === limit) dueDate = d;
  }
  // A natural-day period ending on a rest day ends on the next working day.
  let restDayDue: IsoDate | null = null;
  if (natural && dueDate !== null && dueDate !== start) {
    let d = dueDate;
    for (let idleDays = 0; !cal.dayKind(d).workday; idleDays++) {
      if (idleDays > MAX_IDLE_DAYS)
        throw new CalendarInputError(`${d} 之前连续 ${MAX_IDLE_DAYS} 天没有工作日，日历数据异常`);
      d = addDays(d, 1);
    }
    if (d !== dueDate) {
      restDayDue = dueDate;
      dueDate = d;
      const y = yearOf(d);
      yearsSeen.add(y);
      if (cal.dayKind(d).provisional) provisionalYears.add(y);
    }
  }

  // Status as of today.
  let usedToday: number;
  if (today <= start) usedToday = 0;
  else if (dueDate !== null && today >= dueDate) {
    usedToday = limit;
    for (let d = addDays(dueDate, 1); d <= today; d = addDays(d, 1)) {
      if (!isPaused(d) && counts(cal.dayKind(d))) usedToday++;
    }
  } else usedToday = counted.filter((c) => c <= today).length;
  const daysUsed = Math.min(usedToday, limit);
  const daysLeft = limit - daysUsed;
  const overdue = dueDate !== null && today > dueDate;
  const overdueDays = Math.max(0, usedToday - limit);
  const paused = isPaused(today);
  const level = warningLevel(daysLeft, limit, input.yellowOverride, overdue);

  // Ledger.
  const lines: LedgerLine[] = [];
  const add = (code: LedgerCode, date: IsoDate | null, text: string) => lines.push({ code, date, text });
  add('start', start, `${input.startLabel ?? '受理日'} ${fmt(start)}，次日起算`);
  add('limit', null, `时限 ${input.limitDays} ${U}`);
  let running = input.limitDays;
  for (const e of extensions) {
    running += e.days;
    add('extension', null, `延长 ${e.days} ${U}（${e.reason}），时限合计 ${running} ${U}`);
  }
  for (const s of suspensions) {
    const reason = s.reason.trim() ? `；原因：${s.reason.trim()}` : '';
    const span = s.to === null ? `${s.from} 起，尚未恢复` : `${s.from} 至 ${s.to}`;
    if (dueDate !== null && s.from > dueDate) {
      add('suspension', s.from, `挂起（${s.label}）${span}，发生在截止日之后，不影响截止日${reason}`);
      continue;
    }
    add('suspension', s.from, `挂起（${s.label}）${span}，暂停计时${reason}`);
    const usedBefore = counted.filter((c) => c < s.from).length;
    add('used', s.from, `已用 ${usedBefore} ${U}，剩余 ${limit - usedBefore} ${U}`);
    if (s.to !== null) {
      const to = s.to;
      const next = counted.find((c) => c > to);
      add(
        'resume',
        to,
        next
          ? `${fmt(to)}恢复，自 ${fmt(next)}起继续计时`
          : `${fmt(to)}恢复，自其后第一个${natural ? '日' : '工作日'}起继续计时`,
      );
    }
  }
  for (const { date, kind } of localDays) {
    add(
      'local_day',
      date,
      kind.workday
        ? `${fmt(date)}本地调整为工作日（${kind.name ?? ''}），计入`
        : `${fmt(date)}本地停工（${kind.name ?? ''}），不计入`,
    );
  }
  const provYears = [...provisionalYears].sort((a, b) => a - b);
  if (restDayDue !== null && dueDate !== null) {
    add('due', restDayDue, `期间最后一日 ${fmt(restDayDue)}为休息日，顺延至其后第一个工作日`);
  }
  if (dueDate !== null) {
    add('due', dueDate, `截止日 ${dueDate} 24:00（北京时间）${provYears.length > 0 ? '（暂定）' : ''}`);
  }
  if (dueDate === null) add('pending', null, '挂起中，截止日待恢复计时后确定');
  if (yellowFrom !== null) {
    add('yellow', yellowFrom, `剩余不超过 ${threshold} ${U}时黄灯预警，自 ${yellowFrom} 起`);
  }
  if (overdue) {
    add('status', today, `截至 ${today}：已超过截止日${overdueDays > 0 ? `，超期 ${overdueDays} ${U}` : ''}`);
  } else {
    add(
      'status',
      today,
      `截至 ${today}：已用 ${daysUsed} ${U}，剩余 ${daysLeft} ${U}${paused ? '（计时暂停中）' : ''}`,
    );
  }
  for (const y of provYears) {
    add(
      'provisional',
      null,
      `${y} 年国务院放假安排尚未发布，按《全国年节及纪念日放假办法》暂定计算（含补休，不含调休上班），正式安排发布后重新计算`,
    );
  }
  if (cal.describeYear) {
    const describe = cal.describeYear.bind(cal);
    const years = [...yearsSeen].sort((a, b) => a - b);
    if (years.length > 0) add('calendar', null, `日历：${years.map((y) => describe(y)).join('；')}`);
  }
  if (cal.version) add('calendar', null, `日历版本：${cal.version}`);

  return {
    dueDate,
    limitDays: limit,
    daysUsed,
    daysLeft,
    overdue,
    overdueDays,
    paused,
    provisional: provYears.length > 0,
    provisionalYears: provYears,
    yellowThreshold: threshold,
    yellowFrom,
    level,
    lines,
  };
}

// ---------------------------------------------------------------------------------------------------
// Import validation (R-CAL-5)

export interface ImportValidation {
  ok: boolean;
  errors: string[];
  warnings: string[];
  /** Working days in the year under the imported data. */
  workingDays: number;
  longestRun: number;
}

// 放假办法 Art. 7 (2024): "法定节假日假期前后连续工作一般不超过6天".
const MAX_CONSECUTIVE_WORKDAYS = 6;

/**
 * Checks one year's national data before it is stored: make-up working days must be Sat/Sun and
 * holidays Mon–Fri (a day shifted by a time-zone bug fails here); runs of more than 6 working days
 * are warned about, not blocked.
 */
export function validateYearImport(year: number, days: readonly CalendarDayRecord[]): ImportValidation {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!Number.isInteger(year) || year < 1949 || year > 9999) {
    return { ok: false, errors: [`年份无效：${year}`], warnings, workingDays: 0, longestRun: 0 };
  }
  const byDate = new Map<IsoDate, CalendarDayRecord>();
  for (const r of days) {
    const p = typeof r.date === 'string' ? tryParse(r.date) : null;
    if (!p) {
      errors.push(`日期格式无效：${String(r.date)}（应为 YYYY-MM-DD）`);
      continue;
    }
    if (p !== year) {
      errors.push(`${r.date} 不属于 ${year} 年`);
      continue;
    }
    if (byDate.has(r.date)) {
      errors.push(`${r.date} 重复登记`);
      continue;
    }
    byDate.set(r.date, r);
    if (!r.name?.trim()) errors.push(`${fmt(r.date)}缺少节日名称`);
    const w = weekday(r.date);
    if (r.kind === 'makeup_workday') {
      if (w !== 0 && w !== 6) errors.push(`调休上班日 ${fmt(r.date)}不是周六或周日，请核对日期是否错位`);
    } else if (r.kind === 'holiday') {
      if (w === 0 || w === 6) {
        errors.push(`放假日 ${fmt(r.date)}不是周一至周五（周末本就休息，无需登记），请核对日期是否错位`);
      }
    } else {
      errors.push(`${r.date} 的类型无效：${String((r as { kind: unknown }).kind)}`);
    }
  }
  if (days.length === 0) errors.push(`${year} 年没有任何放假或调休记录`);

  // Consecutive working days within the year.
  let workingDays = 0;
  let longestRun = 0;
  let runStart: IsoDate | null = null;
  let runLen = 0;
  const closeRun = (end: IsoDate) => {
    if (runStart !== null && runLen > MAX_CONSECUTIVE_WORKDAYS) {
      warnings.push(
        `${runStart} 至 ${end} 连续工作 ${runLen} 天，超过 ${MAX_CONSECUTIVE_WORKDAYS} 天（放假办法第七条：法定节假日假期前后连续工作一般不超过6天）`,
      );
    }
    runStart = null;
    runLen = 0;
  };
  const last = `${year}-12-31`;
  for (let d = `${year}-01-01`; d <= last; d = addDays(d, 1)) {
    const r = byDate.get(d);
    const work = r ? r.kind === 'makeup_workday' : !isWeekend(d);
    if (work) {
      workingDays++;
      if (runStart === null) runStart = d;
      runLen++;
      longestRun = Math.max(longestRun, runLen);
    } else closeRun(addDays(d, -1));
  }
  closeRun(last);
  return { ok: errors.length === 0, errors, warnings, workingDays, longestRun };
}

function tryParse(s: string): number | null {
  try {
    return parseIsoDate(s).year;
  } catch {
    return null;
  }
}

/**
 * Checks a region's overrides against the calendar (R-CAL-10): each needs a basis; an override that
 * changes nothing is warned about.
 */
export function validateLocalOverrides(
  cal: CalendarSource,
  overrides: readonly LocalOverride[],
): { ok: boolean; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<IsoDate>();
  for (const o of overrides) {
    if (tryParse(o.date) === null) {
      errors.push(`日期格式无效：${String(o.date)}（应为 YYYY-MM-DD）`);
      continue;
    }
    if (seen.has(o.date)) errors.push(`本地调整 ${o.date} 重复登记`);
    seen.add(o.date);
    if (!o.reason?.trim()) errors.push(`本地调整 ${fmt(o.date)}缺少依据`);
    const base = cal.dayKind(o.date);
    if (o.kind === 'closure' && !base.workday) warnings.push(`${fmt(o.date)}本已休息，本地停工不改变计时`);
    if (o.kind === 'workday' && base.workday) warnings.push(`${fmt(o.date)}本已是工作日，本地上班不改变计时`);
  }
  return { ok: errors.length === 0, errors, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Agency service

/** Agency cases aim at one third of the promised days, rounded up, at least 1 (DOMAIN.md). */
export function agencyTargetDays(promisedDays: number): number {
  if (!Number.isFinite(promisedDays) || promisedDays < 0) {
    throw new CalendarInputError(`承诺时限无效：${promisedDays}`);
  }
  return Math.max(1, Math.ceil(promisedDays / 3));
}
