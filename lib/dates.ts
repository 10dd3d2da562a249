// Pure helpers on calendar dates written as 'YYYY-MM-DD'.
// All arithmetic goes through Date.UTC day numbers, never local-time getters, so results do not depend
// on the process TZ (STANDARDS §8.3 pitfall 2, R-CAL-9).

/** A calendar date 'YYYY-MM-DD' (no time, no zone). */
export type IsoDate = string;

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** Parses and validates; null when the string is not a real calendar date (e.g. 2026-02-30). */
export function tryParseIsoDate(s: unknown): DateParts | null {
  if (typeof s !== 'string') return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  // Round-trip through UTC rejects day overflow such as 02-30.
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(s: unknown): s is IsoDate {
  return tryParseIsoDate(s) !== null;
}

/** Parses and validates; throws RangeError with a Chinese message on bad input. */
export function parseIsoDate(s: string): DateParts {
  const p = tryParseIsoDate(s);
  if (!p) throw new RangeError(`日期格式无效：${String(s)}（应为 YYYY-MM-DD）`);
  return p;
}

/** Throws unless s is a valid date; returns it typed. */
export function assertIsoDate(s: string): IsoDate {
  parseIsoDate(s);
  return s;
}

/** Days since 1970-01-01 (UTC day number). */
export function toDayNumber(d: IsoDate): number {
  const { year, month, day } = parseIsoDate(d);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`无效的日序号：${n}`);
  const t = new Date(n * MS_PER_DAY);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`日期超出范围：${n}`);
  return `${String(y).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return assertIsoDate(s);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** b − a in calendar days. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function weekday(d: IsoDate): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(d) + 4) % 7) + 7) % 7) as Weekday;
}

export function isWeekend(d: IsoDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/** '周五' etc. */
export function weekdayLabel(d: IsoDate): string {
  return WEEKDAY_LABELS[weekday(d)];
}

/** -1 / 0 / 1; validates both (valid ISO dates compare correctly as strings). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function yearOf(d: IsoDate): number {
  return parseIsoDate(d).year;
}

/** Every date from `from` to `to`, both inclusive; empty when to < from. */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const out: IsoDate[] = [];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}

// Building an Intl formatter is costly (it loads zone data); one per zone is kept.
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dayFormat(zone: string): Intl.DateTimeFormat {
  let f = DAY_FORMATS.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DAY_FORMATS.set(zone, f);
  }
  return f;
}

/**
 * Today's date in an explicit time zone (default Asia/Shanghai, the regions' zone),
 * whatever the server's TZ. `now` is injectable for tests.
 */
export function todayIn(zone = 'Asia/Shanghai', now: Date = new Date()): IsoDate {
  const parts = dayFormat(zone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return assertIsoDate(`${get('year')}-${get('month')}-${get('day')}`);
}

/**
 * The instant a deadline day ends: 24:00 of `d` at a fixed UTC offset. Asia/Shanghai has had no DST
 * since 1991, so +08:00 (480 minutes) is exact for every date the platform handles.
 */
export function endOfDayInstant(d: IsoDate, utcOffsetMinutes = 480): Date {
  return new Date((toDayNumber(d) + 1) * MS_PER_DAY - utcOffsetMinutes * 60_000);
}

/** The Beijing wall-clock time of an instant, '14:30' (+08:00, no DST since 1991). */
export function beijingClock(instant: Date): string {
  return new Date(instant.getTime() + 480 * 60_000).toISOString().slice(11, 16);
}
