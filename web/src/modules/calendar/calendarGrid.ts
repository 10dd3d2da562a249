// Month grids for the year view (pure, unit-tested): weeks start on Monday, as Chinese office calendars do.
export interface DayLike {
  date: string;
  workday: boolean;
  category: string;
  name: string | null;
  provisional: boolean;
}

export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  makeup_workday: '调休上班',
  local_closure: '本地停工',
  local_workday: '本地调班上班',
};

/** The one-character mark shown in a cell: 休 for a day off that is not a plain weekend, 班 for a weekend worked. */
export function dayMark(d: DayLike): string {
  if (d.category === 'holiday' || d.category === 'local_closure') return '休';
  if (d.category === 'makeup_workday' || d.category === 'local_workday') return '班';
  return '';
}

export function dayDescription(d: DayLike): string {
  const what = CATEGORY_LABELS[d.category] ?? (d.workday ? '工作日' : '休息日');
  const name = d.name ? `（${d.name}）` : '';
  return `${d.date} ${what}${name}${d.provisional ? '，暂定' : ''}`;
}

/** Weeks of a month as rows of 7 cells (null = padding), Monday first. */
export function monthWeeks<T extends DayLike>(days: readonly T[], month: number): (T | null)[][] {
  const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === month);
  const first = inMonth[0];
  if (!first) return [];
  const [y, m, dd] = first.date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, dd)).getUTCDay(); // 0 = Sunday
  const cells: (T | null)[] = [...Array.from({ length: (weekday + 6) % 7 }, () => null), ...inMonth];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (T | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
