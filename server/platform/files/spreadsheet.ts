// Spreadsheets in and out: CSV (RFC 4180, UTF-8) and xlsx read into rows of text cells, and CSV
// written safely for Excel (BOM, CRLF, formula-looking cells escaped). No domain columns here.
import ExcelJS from 'exceljs';

export interface SheetRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}
export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

export class SheetError extends Error {
  override name = 'SheetError';
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function toSheet(records: string[][]): Sheet {
  const [header = [], ...rest] = records;
  return {
    header,
    rows: rest.map((cells, i) => ({ row: i + 2, cells })).filter((r) => !isBlank(r.cells)),
  };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF), UTF-8 with or without a BOM. */
export function readCsv(bytes: Buffer): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SheetError('文件不是 UTF-8 编码。请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入。');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new SheetError('CSV 格式有误：有未闭合的引号。');
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  return toSheet(records);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/** The first worksheet of an .xlsx workbook. */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先另存为 .xlsx）。');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SheetError('Excel 文件中没有工作表。');
  const width = ws.columnCount;
  const records: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
  }
  return toSheet(records);
}

/** Decides by the bytes, not the declared type: an .xlsx is a ZIP archive. */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length === 0) throw new SheetError('上传的文件是空的。');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new SheetError('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后再导入。');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return readXlsx(bytes);
  return readCsv(bytes);
}

// A cell starting with = + - @ would be run as a formula by spreadsheet programs (CSV injection): it
// is written behind an apostrophe (Excel's own "this is text" mark), which the import removes again
// from any cell; a cell that itself starts with an apostrophe gets one more for the same reason.
const FORMULA_START = /^[=+\-@\t\r']/;

function csvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** UTF-8 with a BOM (Excel then reads Chinese correctly), CRLF line ends. */
export function writeCsv(rows: readonly (readonly string[])[]): Buffer {
  const text = rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, 'utf8')]);
}
