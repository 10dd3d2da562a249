// THE warning-level rule (DOMAIN.md "Working days"): server, SQL and UI all derive the level from here,
// so a case never shows green in one place and yellow in another.
import type { IsoDate } from './dates.ts';

export type WarningLevel = 'green' | 'yellow' | 'red';

export const WARNING_LEVELS: readonly WarningLevel[] = ['green', 'yellow', 'red'];

export const WARNING_LABELS: Readonly<Record<WarningLevel, string>> = {
  green: '正常',
  yellow: '黄灯预警',
  red: '红灯超期',
};

/**
 * Yellow when the remaining working days are at most this number: the per-item override when set,
 * otherwise max(2, limit / 5). Days left are whole days, so `left <= limit / 5` is the same test as
 * `left <= floor(limit / 5)`; the floored value is returned so SQL can store an integer.
 */
export function yellowThresholdDays(limitDays: number, override?: number | null): number {
  if (override !== undefined && override !== null) {
    if (!Number.isInteger(override) || override < 0) {
      throw new RangeError(`黄灯阈值必须是非负整数：${override}`);
    }
    return override;
  }
  if (!Number.isFinite(limitDays) || limitDays < 0) throw new RangeError(`时限无效：${limitDays}`);
  return Math.max(2, Math.floor(limitDays / 5));
}

/**
 * red: past the deadline (today is after the due date); yellow: remaining working days <= threshold;
 * green otherwise. `daysLeft` on date t = working days in (t, dueDate], so it is 0 on the due date
 * itself, which is yellow, not red.
 */
export function warningLevel(
  daysLeft: number,
  limitDays: number,
  override: number | null | undefined,
  overdue: boolean,
): WarningLevel {
  if (overdue) return 'red';
  return daysLeft <= yellowThresholdDays(limitDays, override) ? 'yellow' : 'green';
}

/**
 * The same rule from two stored dates (what SQL does): red if today > dueDate, yellow if
 * today >= yellowFrom, else green. Either date may be null (clock suspended / not yet known).
 */
export function warningLevelFromDates(
  today: IsoDate,
  dueDate: IsoDate | null,
  yellowFrom: IsoDate | null,
): WarningLevel {
  // ISO dates compare correctly as strings.
  if (dueDate !== null && today > dueDate) return 'red';
  if (yellowFrom !== null && today >= yellowFrom) return 'yellow';
  return 'green';
}

// Only column names (optionally qualified) or positional parameters: this builds SQL text.
const SQL_OPERAND_RE = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?|\$\d+)$/;

/**
 * The SQL form of warningLevelFromDates, e.g. warningLevelSql('$1', 'c.due_date', 'c.yellow_from').
 * NULL comparisons are NULL in SQL and fall through, matching the null handling above.
 */
export function warningLevelSql(todayExpr: string, dueDateExpr: string, yellowFromExpr: string): string {
  for (const e of [todayExpr, dueDateExpr, yellowFromExpr]) {
    if (!SQL_OPERAND_RE.test(e)) throw new Error(`warningLevelSql: operand must be a column or $n: ${e}`);
  }
  return `(CASE WHEN ${todayExpr} > ${dueDateExpr} THEN 'red' WHEN ${todayExpr} >= ${yellowFromExpr} THEN 'yellow' ELSE 'green' END)`;
}
