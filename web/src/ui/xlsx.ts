// Spreadsheet exports built in the browser. exceljs is large, so it is loaded only when exporting.
import { formatDateTime } from './format.ts';

export interface SheetColumn<K extends string> {
  header: string;
  key: K;
  width: number;
}

export interface TableWorkbookSpec<K extends string> {
  /** Name of the data sheet, e.g. 审计日志. */
  sheet: string;
  columns: readonly SheetColumn<K>[];
  rows: readonly Record<K, string | number>[];
  exportedBy: string;
  exportedAt: string;
  /** Rows of the 导出说明 sheet after 导出人 / 导出时间 / 记录条数. */
  notes: readonly (readonly [string, string | number])[];
}

/** One data sheet (bold blue header, frozen, filterable) and a 导出说明 sheet saying who, when, what. */
export async function tableWorkbook<K extends string>(spec: TableWorkbookSpec<K>): Promise<Blob> {
  const mod = await import('exceljs');
  // UMD bundle: the CommonJS interop puts the library on `default`.
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = spec.exportedBy;
  wb.created = new Date(spec.exportedAt);

  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const r of spec.rows) ws.addRow(r);
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1D5BBF' } };
  header.alignment = { vertical: 'middle' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };

  const info = wb.addWorksheet('导出说明');
  info.columns = [
    { header: '项目', key: 'k', width: 14 },
    { header: '内容', key: 'v', width: 60 },
  ];
  info.addRow({ k: '导出人', v: spec.exportedBy });
  info.addRow({ k: '导出时间', v: formatDateTime(spec.exportedAt) });
  info.addRow({ k: '记录条数', v: spec.rows.length });
  for (const [k, v] of spec.notes) info.addRow({ k, v });
  info.getRow(1).font = { bold: true };

  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** 202611260830: the Beijing minute, for file names. */
export function fileStamp(iso: string): string {
  return formatDateTime(iso, false).replace(/[-: ]/g, '');
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
