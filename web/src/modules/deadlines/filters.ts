// The list filters of the 办理时限 page and their Chinese description (pure; unit-tested).
import { WARNING_LABELS, type WarningLevel } from '../../../../lib/warning.ts';
import type { DeadlineQuery } from '../../api/types.ts';
import { DEADLINE_STATUS_LABELS } from '../../messages/zh-CN.ts';

export type LevelFilter = 'all' | WarningLevel;
export type StatusFilter = 'all' | NonNullable<DeadlineQuery['status']>;

export const LEVEL_TABS: { value: LevelFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'red', label: WARNING_LABELS.red },
  { value: 'yellow', label: WARNING_LABELS.yellow },
  { value: 'green', label: WARNING_LABELS.green },
];

/** The API query for the chosen tab and status (no paging fields). */
export function deadlineQuery(
  level: LevelFilter,
  status: StatusFilter,
): Omit<DeadlineQuery, 'limit' | 'after' | 'page'> {
  return {
    ...(level !== 'all' ? { level } : {}),
    status,
  };
}

export function describeDeadlineFilter(level: LevelFilter, status: StatusFilter): string {
  const parts = [
    level === 'all' ? '全部预警等级' : WARNING_LABELS[level],
    status === 'all' ? '全部状态' : DEADLINE_STATUS_LABELS[status],
  ];
  return parts.join('；');
}

/** The tab to open from a link such as /deadlines?level=red (the workbench chart); unknown → all. */
export function levelParam(v: string | null): LevelFilter {
  return LEVEL_TABS.some((t) => t.value === v) ? (v as LevelFilter) : 'all';
}
