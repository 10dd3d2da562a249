// The 放假安排 import file (pure, unit-tested): the JSON body of POST /api/calendar/imports, read from
// an uploaded file with every problem reported in Chinese, and the example template offered for download.
import type { CalendarImportBody } from '../../api/types.ts';

type DayKind = CalendarImportBody['days'][number]['kind'];

export type ParsedImport = { ok: true; body: CalendarImportBody } | { ok: false; errors: string[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Clerks may write the kind in Chinese; the API wants the code.
const KIND_ALIASES: Readonly<Record<string, DayKind>> = {
  holiday: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  makeup_workday: 'makeup_workday',
  调休上班: 'makeup_workday',
  上班: 'makeup_workday',
  班: 'makeup_workday',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Reads an uploaded file's text; the server re-checks everything (weekday rules, dates in the year). */
export function parseImportFile(text: string): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return {
      ok: false,
      errors: ['文件不是有效的 JSON 格式，请以示例模板为准填写（注意逗号、引号须为英文半角）。'],
    };
  }
  if (!isRecord(json))
    return { ok: false, errors: ['文件内容应为一个对象，包含 year、sources、days 三项。'] };
  const errors: string[] = [];

  const year = typeof json.year === 'string' ? Number(json.year) : json.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    errors.push('year（年份）应为 2000–2100 之间的整数，如 2027。');
  }

  const sources: CalendarImportBody['sources'] = [];
  if (!Array.isArray(json.sources) || json.sources.length === 0) {
    errors.push('sources（通知依据）至少填写一份国务院办公厅通知。');
  } else {
    json.sources.forEach((s, i) => {
      const n = `第 ${i + 1} 份通知`;
      if (!isRecord(s)) {
        errors.push(`${n}格式不对，应包含 docNo、title、publishedOn、url。`);
        return;
      }
      const src = {
        docNo: str(s.docNo),
        title: str(s.title),
        publishedOn: str(s.publishedOn),
        url: str(s.url),
      };
      if (src.docNo.length < 2) errors.push(`${n}缺少文号（docNo）。`);
      if (src.title.length < 2) errors.push(`${n}缺少标题（title）。`);
      if (!ISO_DATE.test(src.publishedOn)) errors.push(`${n}的发布日期（publishedOn）应为 YYYY-MM-DD。`);
      if (!/^https?:\/\/\S+$/.test(src.url))
        errors.push(`${n}的原文链接（url）应以 http:// 或 https:// 开头。`);
      sources.push(src);
    });
  }

  const days: CalendarImportBody['days'] = [];
  if (!Array.isArray(json.days) || json.days.length === 0) {
    errors.push('days（放假与调休日期）至少填写一天。');
  } else {
    json.days.forEach((d, i) => {
      const n = `第 ${i + 1} 条日期记录`;
      if (!isRecord(d)) {
        errors.push(`${n}格式不对，应包含 date、kind、name。`);
        return;
      }
      const date = str(d.date);
      const kind = KIND_ALIASES[str(d.kind)];
      const name = str(d.name);
      if (!ISO_DATE.test(date)) errors.push(`${n}的日期（date）应为 YYYY-MM-DD，如 2027-02-08。`);
      else if (typeof year === 'number' && !date.startsWith(`${year}-`)) {
        errors.push(`${n}的日期 ${date} 不属于 ${year} 年。`);
      }
      if (!kind) errors.push(`${n}的类型（kind）应为 holiday（放假）或 makeup_workday（调休上班）。`);
      if (!name) errors.push(`${n}缺少节日名称（name），如“春节”。`);
      if (kind) days.push({ date, kind, name });
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, body: { year: year as number, sources, days: sortDays(days) } };
}

/** Days in date order (the form and the preview read better that way). */
export function sortDays<T extends { date: string }>(days: readonly T[]): T[] {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The downloadable example: a small, valid arrangement with the fields explained in Chinese. */
export function importTemplate(year: number): string {
  const example = {
    说明: [
      '国务院办公厅部分节假日安排导入文件（JSON 格式，UTF-8 编码）。',
      'year：年份。',
      'sources：放假安排的依据，每份通知填写文号 docNo、标题 title、发布日期 publishedOn（YYYY-MM-DD）、原文链接 url。',
      'days：只登记例外的日子。kind 为 holiday 表示周一至周五放假；kind 为 makeup_workday 表示周六、周日调休上班；name 为节日名称。',
      '普通周末无需登记。以下日期仅为示例，请按当年通知逐日核对后填写。',
    ],
    year,
    sources: [
      {
        docNo: `国办发明电〔${year - 1}〕X号`,
        title: `国务院办公厅关于${year}年部分节假日安排的通知`,
        publishedOn: `${year - 1}-11-01`,
        url: 'https://www.gov.cn/zhengce/content/',
      },
    ],
    days: [
      { date: `${year}-01-01`, kind: 'holiday', name: '元旦' },
      { date: `${year}-02-08`, kind: 'holiday', name: '春节' },
      { date: `${year}-02-20`, kind: 'makeup_workday', name: '春节' },
    ],
  };
  return `${JSON.stringify(example, null, 2)}\n`;
}
