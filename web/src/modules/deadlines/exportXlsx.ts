// The deadline list export (built in the browser by ui/xlsx.ts).
import type { DeadlineItem } from '../../api/types.ts';
import { DEADLINE_STATUS_LABELS } from '../../messages/zh-CN.ts';
import { rowSummary } from '../../ui/deadline.ts';
import { tableWorkbook } from '../../ui/xlsx.ts';

export const DEADLINE_COLUMNS = [
  { header: '编号', key: 'id', width: 8 },
  { header: '事项', key: 'title', width: 50 },
  { header: '类别', key: 'kind', width: 12 },
  { header: '起算日（受理日）', key: 'startDate', width: 16 },
  { header: '时限（工作日）', key: 'limitDays', width: 14 },
  { header: '截止日（当日24:00）', key: 'dueDate', width: 20 },
  { header: '黄灯起始日', key: 'yellowFrom', width: 14 },
  { header: '预警', key: 'level', width: 12 },
  { header: '状态', key: 'status', width: 10 },
  { header: '日历', key: 'provisional', width: 10 },
] as const;

type Key = (typeof DEADLINE_COLUMNS)[number]['key'];

/** One spreadsheet row per deadline, in the words of the list page (pure; unit-tested). */
export function deadlineRow(d: DeadlineItem, today: string): Record<Key, string | number> {
  return {
    id: d.id,
    title: d.title,
    kind: d.kindLabel,
    startDate: d.startDate,
    limitDays: d.limitDays,
    dueDate: d.dueDate ?? '挂起中，待恢复计时后确定',
    yellowFrom: d.yellowFrom ?? '',
    level: rowSummary(d, today),
    status: DEADLINE_STATUS_LABELS[d.status],
    provisional: d.provisional ? '暂定' : '正式',
  };
}

export function deadlineWorkbook(
  items: readonly DeadlineItem[],
  meta: { exportedBy: string; exportedAt: string; today: string; filters: string; truncated: boolean },
): Promise<Blob> {
  return tableWorkbook({
    sheet: '办理时限',
    columns: DEADLINE_COLUMNS,
    rows: items.map((d) => deadlineRow(d, meta.today)),
    exportedBy: meta.exportedBy,
    exportedAt: meta.exportedAt,
    notes: [
      ['查询条件', meta.filters],
      ['预警日期', `${meta.today}（按当日计算红黄绿灯）`],
      ...(meta.truncated ? [['说明', '记录过多，仅导出前一部分；请按预警等级分批导出。'] as const] : []),
    ],
  });
}
