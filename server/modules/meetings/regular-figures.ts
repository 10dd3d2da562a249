// 工作例会数据: the approval figures a regular meeting reports on, read from the data of the
// period before it (cases received, concluded and on time, open and overdue, per department;
// returns for correction and withdrawals with the items they concentrate on), and the agenda
// topics that state them.
import type { IsoDate } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import { departmentFigures, returnedItems } from './meeting-system.repo.ts';
import type { Figures } from './meetings.schemas.ts';

const KEYS = ['received', 'concluded', 'onTime', 'open', 'overdue', 'corrections', 'withdrawals'] as const;

export async function regularFigures(
  db: Db,
  regionCode: string,
  period: { from: IsoDate; to: IsoDate },
  today: IsoDate,
): Promise<Figures> {
  // Figures stop at today: a meeting planned ahead reports on what has happened so far.
  const through = period.to < today ? period.to : today;
  const [rows, items] = await Promise.all([
    departmentFigures(db, regionCode, period.from, through, today),
    returnedItems(db, regionCode, period.from, through),
  ]);
  const departments = rows.map((r) => ({
    unitId: Number(r.id),
    name: r.name,
    received: Number(r.received),
    concluded: Number(r.concluded),
    onTime: Number(r.on_time),
    open: Number(r.open),
    overdue: Number(r.overdue),
    corrections: Number(r.corrections),
    withdrawals: Number(r.withdrawals),
  }));
  const totals = Object.fromEntries(
    KEYS.map((k) => [k, departments.reduce((sum, d) => sum + d[k], 0)]),
  ) as Figures['totals'];
  return {
    period,
    through,
    asOf: new Date().toISOString(),
    totals,
    departments,
    returnedItems: items.map((i) => ({
      item: i.item_name,
      corrections: Number(i.corrections),
      withdrawals: Number(i.withdrawals),
    })),
  };
}

const rate = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—');
const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

/** The three standing topics of a regular meeting, stating its figures. */
export function figureTopics(f: Figures): string[] {
  const t = f.totals;
  const busiest = [...f.departments]
    .filter((d) => d.received || d.concluded || d.open)
    .sort((a, b) => b.received - a.received || a.unitId - b.unitId);
  return [
    clip(
      `审批工作进展：${f.period.from}至${f.through}受理 ${t.received} 件，办结 ${t.concluded} 件（按期 ${t.onTime} 件，按期办结率 ${rate(t.onTime, t.concluded)}），在办 ${t.open} 件，其中超期 ${t.overdue} 件`,
    ),
    clip(
      `各窗口办结情况：${
        busiest.length
          ? busiest.map((d) => `${d.name}受理 ${d.received} 件、办结 ${d.concluded} 件`).join('；')
          : '本期无办件'
      }`,
    ),
    clip(
      `退回补正与撤回分析：退回补正 ${t.corrections} 件，撤回 ${t.withdrawals} 件${
        f.returnedItems.length
          ? `，集中在${f.returnedItems.map((i) => `${i.item}（补正 ${i.corrections}、撤回 ${i.withdrawals}）`).join('、')}`
          : ''
      }`,
    ),
  ];
}

/** How many leading topics of a scheduled regular meeting state its figures (rewritten on refresh). */
export const FIGURE_TOPICS = 3;
