// Builds the audit export workbook in the browser. exceljs is large, so it is loaded only on export.
import type { AuditEvent } from '../../api/types.ts';
import {
  AUDIT_OUTCOME_LABELS,
  actorKindLabel,
  auditActionLabel,
  auditTargetLabel,
} from '../../messages/zh-CN.ts';
import { formatDateTime } from '../../ui/format.ts';

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
  const mod = await import('exceljs');
  // UMD bundle: the CommonJS interop puts the library on `default`.
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.exportedBy;
  wb.created = new Date(meta.exportedAt);

  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = AUDIT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const e of events) ws.addRow(auditRow(e));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1D5BBF' } };
  header.alignment = { vertical: 'middle' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AUDIT_COLUMNS.length } };

  const info = wb.addWorksheet('导出说明');
  info.columns = [
    { header: '项目', key: 'k', width: 14 },
    { header: '内容', key: 'v', width: 60 },
  ];
  info.addRow({ k: '导出人', v: meta.exportedBy });
  info.addRow({ k: '导出时间', v: formatDateTime(meta.exportedAt) });
  info.addRow({ k: '记录条数', v: events.length });
  info.addRow({ k: '查询条件', v: meta.filters.length ? meta.filters.join('；') : '全部' });
  if (meta.truncated) info.addRow({ k: '说明', v: '记录过多，仅导出最新的部分；请缩小时间范围后分批导出。' });
  info.getRow(1).font = { bold: true };

  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
