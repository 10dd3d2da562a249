// The published-items export (built in the browser by ui/xlsx.ts).
import { tableWorkbook } from '../../ui/xlsx.ts';
import type { ItemSummary } from './api.ts';
import { ITEM_STATUS_LABELS, KIND_LABELS, UNIT_LABELS } from './labels.ts';

export const ITEM_COLUMNS = [
  { header: '事项编号', key: 'id', width: 10 },
  { header: '事项名称', key: 'name', width: 40 },
  { header: '实施编码', key: 'implementationCode', width: 24 },
  { header: '实施部门', key: 'department', width: 20 },
  { header: '办件类型', key: 'kind', width: 10 },
  { header: '法定时限（日）', key: 'legalDays', width: 14 },
  { header: '承诺时限', key: 'promisedDays', width: 10 },
  { header: '承诺时限单位', key: 'promisedUnit', width: 14 },
  { header: '审批层级', key: 'approvalLevels', width: 10 },
  { header: '网上办理', key: 'online', width: 10 },
  { header: '材料数', key: 'materialCount', width: 8 },
  { header: '版本', key: 'versionNo', width: 8 },
  { header: '状态', key: 'status', width: 8 },
] as const;

type Key = (typeof ITEM_COLUMNS)[number]['key'];

/** One spreadsheet row per item, in the words of the list page. */
export function itemRow(i: ItemSummary): Record<Key, string | number> {
  return {
    id: i.id,
    name: i.name,
    implementationCode: i.implementationCode,
    department: i.departmentName,
    kind: KIND_LABELS[i.kind],
    legalDays: i.legalDays,
    promisedDays: i.promisedDays,
    promisedUnit: UNIT_LABELS[i.promisedUnit].trim(),
    approvalLevels: i.approvalLevels,
    online: i.online ? '支持' : '不支持',
    materialCount: i.materialCount,
    versionNo: `V${i.versionNo}`,
    status: ITEM_STATUS_LABELS[i.status],
  };
}

export function itemsWorkbook(
  items: readonly ItemSummary[],
  meta: { exportedBy: string; exportedAt: string; filters: string; truncated: boolean },
): Promise<Blob> {
  return tableWorkbook({
    sheet: '事项清单',
    columns: ITEM_COLUMNS,
    rows: items.map(itemRow),
    exportedBy: meta.exportedBy,
    exportedAt: meta.exportedAt,
    notes: [
      ['查询条件', meta.filters],
      ['说明', '当前发布版本；窗口、网厅与接口读取同一版本。'],
      ...(meta.truncated ? [['提示', '记录过多，仅导出前一部分；请按部门分批导出。'] as const] : []),
    ],
  });
}
