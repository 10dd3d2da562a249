// View logic of a deadline (pure, unit-tested): what colour, what words, what the ledger says.
// The level rule is lib/warning.ts — the same function the server and SQL use.
import { WARNING_LABELS, type WarningLevel, warningLevel } from '../../../lib/warning.ts';
import type { LedgerCode, LedgerLine } from '../../../server/platform/calendar/engine.ts';

export type { LedgerCode, LedgerLine, WarningLevel };

/** What the API returns for a deadline (a subset of the engine's DeadlineResult). */
export interface DeadlineInfo {
  dueDate: string | null;
  limitDays: number;
  daysUsed: number;
  daysLeft: number;
  overdue: boolean;
  overdueDays: number;
  paused: boolean;
  provisional: boolean;
  /** Level as computed by the server; when absent it is derived with the shared rule. */
  level?: WarningLevel;
  yellowOverride?: number | null;
  lines?: readonly LedgerLine[];
}

export interface DeadlineView {
  level: WarningLevel;
  /** antd Tag / Badge status colour. */
  color: 'success' | 'warning' | 'error' | 'default';
  levelLabel: string;
  /** The short state, e.g. 剩余 3 个工作日 / 今日到期 / 超期 2 个工作日 / 计时暂停. */
  summary: string;
  /** e.g. 2026-10-12 24:00 前 / 待恢复计时后确定. */
  dueText: string;
  provisional: boolean;
}

const COLORS: Record<WarningLevel, DeadlineView['color']> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
};

export function deadlineLevel(d: DeadlineInfo): WarningLevel {
  return d.level ?? warningLevel(d.daysLeft, d.limitDays, d.yellowOverride ?? null, d.overdue);
}

export function deadlineView(d: DeadlineInfo): DeadlineView {
  const level = deadlineLevel(d);
  let summary: string;
  if (d.overdue) summary = d.overdueDays > 0 ? `超期 ${d.overdueDays} 个工作日` : '已超期';
  else if (d.paused) summary = `计时暂停，剩余 ${d.daysLeft} 个工作日`;
  else if (d.daysLeft === 0) summary = '今日到期';
  else summary = `剩余 ${d.daysLeft} 个工作日`;
  const dueText = d.dueDate === null ? '截止日待恢复计时后确定' : `${d.dueDate} 24:00 前`;
  return {
    level,
    color: COLORS[level],
    levelLabel: WARNING_LABELS[level],
    summary,
    dueText,
    provisional: d.provisional,
  };
}

/** Short Chinese name of each ledger line kind, shown before its text. */
export const LEDGER_CODE_LABELS: Readonly<Record<LedgerCode, string>> = {
  start: '起算',
  limit: '时限',
  extension: '延长',
  suspension: '挂起',
  used: '已用',
  resume: '恢复',
  local_day: '本地调整',
  due: '截止',
  pending: '待定',
  yellow: '预警',
  status: '当前',
  provisional: '暂定',
  calendar: '日历',
};

export type LedgerTone = 'blue' | 'gray' | 'orange' | 'red' | 'green';

/** Timeline colour of a ledger line: clock stops orange, the due line by level, notes grey. */
export function ledgerTone(code: LedgerCode, level: WarningLevel): LedgerTone {
  switch (code) {
    case 'suspension':
    case 'pending':
    case 'provisional':
    case 'yellow':
      return 'orange';
    case 'resume':
    case 'extension':
      return 'green';
    case 'due':
    case 'status':
      return level === 'red' ? 'red' : level === 'yellow' ? 'orange' : 'green';
    case 'calendar':
    case 'local_day':
      return 'gray';
    default:
      return 'blue';
  }
}

/** Ledger lines in reading order (the engine's order), each with its label and tone. */
export function ledgerItems(
  d: DeadlineInfo,
): { key: string; label: string; text: string; tone: LedgerTone }[] {
  const level = deadlineLevel(d);
  return (d.lines ?? []).map((l, i) => ({
    key: `${i}-${l.code}`,
    label: LEDGER_CODE_LABELS[l.code] ?? '说明',
    text: l.text,
    tone: ledgerTone(l.code, level),
  }));
}

/** What GET /api/deadlines/:id returns, as far as the view needs it. */
export interface LedgerLike {
  dueDate: string | null;
  limitDays: number;
  daysUsed: number;
  daysLeft: number;
  overdueDays: number;
  paused: boolean;
  provisional: boolean;
  level: WarningLevel;
  lines: readonly { code: string; date: string | null; text: string }[];
}

/** The ledger endpoint's answer as DeadlineInfo: red is exactly "past the due date" (lib/warning.ts). */
export function ledgerInfo(l: LedgerLike): DeadlineInfo {
  return {
    dueDate: l.dueDate,
    limitDays: l.limitDays,
    daysUsed: l.daysUsed,
    daysLeft: l.daysLeft,
    overdue: l.level === 'red',
    overdueDays: l.overdueDays,
    paused: l.paused,
    provisional: l.provisional,
    level: l.level,
    lines: l.lines.map((x) => ({ ...x, code: x.code as LedgerCode })),
  };
}

/** A row of GET /api/deadlines: dates and the level, without the day counts of the ledger. */
export interface DeadlineRowLike {
  id: number;
  dueDate: string | null;
  status: 'open' | 'done' | 'cancelled';
  level: WarningLevel;
  provisional: boolean;
}

/** The short state of a list row: 红灯超期 / 今日到期 / 黄灯预警 / 正常 / 计时暂停 / 已办结 / 已撤销. */
export function rowSummary(d: DeadlineRowLike, today: string): string {
  if (d.status === 'done') return '已办结';
  if (d.status === 'cancelled') return '已撤销';
  if (d.dueDate === null) return '计时暂停';
  if (d.level === 'yellow' && d.dueDate === today) return '今日到期';
  return WARNING_LABELS[d.level];
}

const LEVEL_RANK: Record<WarningLevel, number> = { red: 0, yellow: 1, green: 2 };

/**
 * Most urgent first: red before yellow before green; within a level the earliest due date first
 * (the longest overdue leads the red ones); a paused clock (no due date) last in its level.
 */
export function byUrgency<T extends { id: number; level: WarningLevel; dueDate: string | null }>(
  items: readonly T[],
): T[] {
  return [...items].sort((a, b) => {
    const r = LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
    if (r !== 0) return r;
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.id - b.id;
  });
}

/** Suspensions as a timeline, newest last; an open one (no end yet) is marked as running. */
export function suspensionItems(
  list: readonly { kindLabel: string; from: string; to: string | null; reason: string }[],
): { key: string; title: string; text: string; open: boolean }[] {
  return [...list]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map((s, i) => ({
      key: `${i}-${s.from}`,
      title:
        s.to === null ? `${s.kindLabel}：${s.from} 起，尚未恢复` : `${s.kindLabel}：${s.from} 至 ${s.to}`,
      text: s.reason,
      open: s.to === null,
    }));
}
