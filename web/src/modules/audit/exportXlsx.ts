// The audit export workbook (built in the browser by ui/xlsx.ts).
import type { AuditEvent } from '../../api/types.ts';
import {
  AUDIT_OUTCOME_LABELS,
  actorKindLabel,
  auditActionLabel,
  auditTargetLabel,
} from '../../messages/zh-CN.ts';
import { formatDateTime } from '../../ui/format.ts';
import { downloadBlob, tableWorkbook } from '../../ui/xlsx.ts';

export interface ExportMeta {
  exportedBy: string;
  exportedAt: string;
  /** Human-readable filter lines, e.g. ['操作：登录', '结果：失败']. */
  filters: string[];
  truncated: boolean;
}

export const AUDIT_COLUMNS = [
  { header: '记录编号', key: 'id', width: 10 },
  { header: '时间（北京时间）', key: 'at', width: 21 },
  { header: '操作人', key: 'actorName', width: 18 },
  { header: '操作人类别', key: 'actorKind', width: 12 },
  { header: '操作', key: 'action', width: 16 },
  { header: '对象类型', key: 'targetType', width: 10 },
  { header: '对象编号', key: 'targetId', width: 12 },
  { header: '结果', key: 'outcome', width: 8 },
  { header: '来源地址', key: 'ip', width: 16 },
  { header: '链序号', key: 'chainSeq', width: 10 },
  { header: '请求编号', key: 'requestId', width: 38 },
  { header: '详情', key: 'summary', width: 60 },
] as const;

/** One spreadsheet row per event, every code translated to Chinese (pure; unit-tested). */
export function auditRow(e: AuditEvent): Record<(typeof AUDIT_COLUMNS)[number]['key'], string | number> {
  return {
    id: e.id,
    at: formatDateTime(e.at),
    actorName: e.actorName ?? '',
    actorKind: actorKindLabel(e.actorKind),
    action: auditActionLabel(e.action),
    targetType: auditTargetLabel(e.targetType),
    targetId: e.targetId ?? '',
    outcome: AUDIT_OUTCOME_LABELS[e.outcome],
    ip: e.ip ?? '',
    chainSeq: e.chainSeq ?? '待封存',
    requestId: e.requestId ?? '',
    summary: e.summary === undefined || e.summary === null ? '' : JSON.stringify(e.summary),
  };
}

export async function auditWorkbook(events: readonly AuditEvent[], meta: ExportMeta): Promise<Blob> {
  return tableWorkbook({
    sheet: '审计日志',
    columns: AUDIT_COLUMNS,
    rows: events.map(auditRow),
    exportedBy: meta.exportedBy,
    exportedAt: meta.exportedAt,
    notes: [
      ['查询条件', meta.filters.length ? meta.filters.join('；') : '全部'],
      ...(meta.truncated
        ? [['说明', '记录过多，仅导出最新的部分；请缩小时间范围后分批导出。'] as const]
        : []),
    ],
  });
}

export { downloadBlob };
