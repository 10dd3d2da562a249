// One model for every generated official document (公文 and 行政许可文书), rendered to PDF (pdf.ts) and
// DOCX (docx.ts) in the layout of GB/T 9704-2012 (STANDARDS §5).
//
// Heading ordinals are generated, never typed: a heading's `text` is the bare heading ('工作目标'),
// the renderer prefixes 一、 / （一） / 1. / （1） by level, numbering each level within its parent.
// validateDocument rejects heading texts that already start with an ordinal, so nothing is numbered twice.
//
// All texts are plain text: the renderers never interpret markup or placeholders ('<b>', '{{x}}' are
// printed as they are).

import { type IsoDate, tryParseIsoDate } from '../../../lib/dates.ts';

export type DocumentFormat = 'standard' | 'letter' | 'minutes';

export type HeadingLevel = 1 | 2 | 3 | 4;

export type DocumentBlock =
  | { kind: 'heading'; level: HeadingLevel; text: string }
  | { kind: 'paragraph'; text: string };

export interface DocumentSeal {
  /** Seal name printed under the star, e.g. '业务专用章'; may be empty for a 法定名称章. */
  name: string;
  /** Unit name along the upper arc, e.g. '嘉兴市南湖区行政审批局'. */
  unitName: string;
  /** Seal type (法定名称章 / 内设机构章 / 业务专用章 …); informational. */
  kind?: string;
  /** An uploaded seal image (PNG, transparent background) drawn instead of the generated seal. */
  image?: Buffer;
}

export interface MinutesAttendance {
  /** 出席: '单位 姓名' entries. */
  present: string[];
  /** 请假. */
  absent?: string[];
  /** 列席. */
  attending?: string[];
}

export interface OfficialDocument {
  /** standard = 文件格式 (GB/T 9704 §7), letter = 信函格式 (§10.1), minutes = 纪要格式 (§10.3). */
  format: DocumentFormat;
  /** 发文机关标志, e.g. '嘉兴市南湖区行政审批局'; for minutes the 纪要标志 ending with '纪要'. */
  issuerMark: string;
  /** 发文字号, e.g. '南审协〔2026〕12号' (R-DOC-6). */
  number?: string;
  /** 紧急程度 (GB/T 9704 §7.2.3): 3号黑体, flush with the top left corner of the 版心; 文件格式 only. */
  urgency?: Urgency;
  /** 签发人 (standard format only, 上行文). */
  signer?: string;
  /** 标题. */
  title: string;
  /** 主送机关; a trailing '：' is added when missing. */
  addressee?: string;
  blocks: DocumentBlock[];
  /** 附件说明: attachment names without ordinals and without trailing punctuation. */
  attachments?: string[];
  /** 发文机关署名. */
  signatureName: string;
  /** 成文日期, rendered '2026年9月18日'. */
  date: IsoDate;
  /** Drawn red round seal pressing on the 署名 and date (R-DOC-12). */
  seal?: DocumentSeal;
  /** 附注 (printed in parentheses; parentheses are added when missing). */
  note?: string;
  /** 抄送机关. */
  copyTo?: string[];
  /** 印发机关和印发日期 (standard and minutes formats). */
  printedBy?: { unit: string; date: IsoDate };
  /** 纪要格式 出席/请假/列席 lists. */
  minutes?: MinutesAttendance;
  /** Small print at the bottom of the last page, e.g. '平台校验签名，非法定电子印章' (R-SEAL-1). */
  footerLabel?: string;
}

export const URGENCIES = ['特急', '加急'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** R-DOC-6 发文字号: full year in 〔〕, sequence without 第 and leading zeros, then 号. */
export const DOC_NUMBER_RE = /^[\p{Script=Han}A-Za-z]+〔\d{4}〕[1-9]\d*号$/u;

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (1..999). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`序号超出范围：${n}`);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = '';
  if (h > 0) s += `${CN_DIGITS[h]}百`;
  if (t > 0) s += h === 0 && t === 1 ? '十' : `${CN_DIGITS[t]}十`;
  else if (h > 0 && u > 0) s += '零';
  if (u > 0) s += CN_DIGITS[u];
  return s;
}

/** R-DOC-10 ordinals: 一、 → （一） → 1. → （1）. */
export function headingOrdinal(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** Matches a text that already begins with one of the four ordinal forms. */
const ORDINAL_PREFIX_RE =
  /^\s*(?:[一二三四五六七八九十百零]+、|[（(][一二三四五六七八九十百零]+[）)]|\d+[.．、]|[（(]\d+[）)])/u;

export type NumberedBlock =
  | { kind: 'heading'; level: HeadingLevel; ordinal: string; text: string }
  | { kind: 'paragraph'; text: string };

/** Adds generated ordinals; a heading resets the counters of all deeper levels. */
export function numberBlocks(blocks: readonly DocumentBlock[]): NumberedBlock[] {
  const counters = [0, 0, 0, 0];
  return blocks.map((b) => {
    if (b.kind === 'paragraph') return { kind: 'paragraph', text: b.text };
    const i = b.level - 1;
    counters[i] = (counters[i] ?? 0) + 1;
    for (let j = i + 1; j < counters.length; j++) counters[j] = 0;
    return {
      kind: 'heading',
      level: b.level,
      ordinal: headingOrdinal(b.level, counters[i] ?? 1),
      text: b.text,
    };
  });
}

/** '2026-09-18' → '2026年9月18日' (R-DOC-12: no leading zeros). */
export function formatChineseDate(d: IsoDate): string {
  const p = tryParseIsoDate(d);
  if (!p) throw new RangeError(`日期格式无效：${String(d)}（应为 YYYY-MM-DD）`);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** '抄送：A，B。' body text (without the label). */
export function copyToText(list: readonly string[]): string {
  return `${list.join('，')}。`;
}

/** Full-width colon appended when missing (R-DOC-9). */
export function addresseeLine(a: string): string {
  return /[：:]$/u.test(a) ? a.replace(/:$/u, '：') : `${a}：`;
}

/** 附注 in parentheses (R-DOC-13). */
export function noteLine(note: string): string {
  return /^[（(].*[）)]$/u.test(note) ? note : `（${note}）`;
}

/** Lines of the 附件说明 (R-DOC-11): one → '附件：名称'; several → '附件：1. 名称', then '2. 名称'. */
export function attachmentItems(list: readonly string[]): string[] {
  if (list.length === 1) return [list[0] ?? ''];
  return list.map((a, i) => `${i + 1}. ${a}`);
}

/** Minutes mark: the issuerMark itself (it must end with 纪要). */
export function isMinutesMark(mark: string): boolean {
  return mark.endsWith('纪要');
}

// C0/C1 controls, including newlines: every text is one paragraph/line of plain text.
function hasControl(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) return true;
  }
  return false;
}
const TRAILING_PUNCT_RE = /[，。、；：！？,.;:!?]$/u;

/** Chinese error messages; an empty array means the document can be rendered. */
/**
 * Where the 版记 goes (R-DOC-14/15). A 公文 is printed double-sided and its 版记 sits on the last side
 * (封四), an even page: on the page where the text ends when that page is even and has room ('same'),
 * else on the next page when the text ends on an odd page ('next'), else after a blank page
 * ('blank'; the blank page and the 版记 page then carry no page number). 信函格式 only needs room.
 */
export type ImprintPlacement = 'same' | 'next' | 'blank';

export function imprintPlacement(format: DocumentFormat, endPage: number, fits: boolean): ImprintPlacement {
  if (format === 'letter' || endPage % 2 === 0) return fits ? 'same' : format === 'letter' ? 'next' : 'blank';
  return 'next';
}

export function validateDocument(doc: OfficialDocument): string[] {
  const errors: string[] = [];
  const text = (label: string, v: unknown, required: boolean): void => {
    if (v === undefined || v === null) {
      if (required) errors.push(`${label}不能为空`);
      return;
    }
    if (typeof v !== 'string') {
      errors.push(`${label}必须是文本`);
      return;
    }
    if (v.trim() === '') {
      errors.push(`${label}不能为空`);
      return;
    }
    if (hasControl(v)) errors.push(`${label}不得包含换行符或控制字符`);
    if (v.length > 2000) errors.push(`${label}过长（不超过2000字）`);
  };
  const date = (label: string, v: unknown): void => {
    if (!tryParseIsoDate(v)) errors.push(`${label}无效：${String(v)}（应为 YYYY-MM-DD）`);
  };
  const list = (label: string, v: unknown, required: boolean): void => {
    if (v === undefined) {
      if (required) errors.push(`${label}不能为空`);
      return;
    }
    if (!Array.isArray(v) || (required && v.length === 0)) {
      errors.push(`${label}必须是非空列表`);
      return;
    }
    v.forEach((item, i) => {
      text(`${label}第${i + 1}项`, item, true);
    });
  };

  if (!['standard', 'letter', 'minutes'].includes(doc.format)) errors.push(`版式无效：${String(doc.format)}`);
  text('发文机关标志', doc.issuerMark, true);
  if (doc.urgency !== undefined) {
    if (!URGENCIES.includes(doc.urgency)) errors.push('紧急程度应为“特急”或“加急”');
    else if (doc.format !== 'standard') errors.push('紧急程度只用于文件格式');
  }
  if (doc.format === 'minutes' && typeof doc.issuerMark === 'string' && !isMinutesMark(doc.issuerMark)) {
    errors.push('纪要格式的标志应以“纪要”结尾（如“南湖区工程建设项目审批协调会议纪要”）');
  }
  if (doc.number !== undefined) {
    text('发文字号', doc.number, true);
    if (typeof doc.number === 'string' && doc.number.trim() !== '' && !DOC_NUMBER_RE.test(doc.number)) {
      errors.push(
        `发文字号格式不正确：${doc.number}（应如“南审协〔2026〕12号”：年份用六角括号〔〕，序号不编虚位、不加“第”字）`,
      );
    }
  }
  if (doc.signer !== undefined) {
    text('签发人', doc.signer, true);
    if (doc.format !== 'standard') errors.push('签发人仅用于文件格式（上行文）');
    if (doc.number === undefined) errors.push('标注签发人时必须有发文字号');
  }
  text('标题', doc.title, true);
  text('主送机关', doc.addressee, false);
  if (!Array.isArray(doc.blocks)) {
    errors.push('正文必须是段落列表');
  } else {
    if (doc.blocks.length === 0) errors.push('正文不能为空');
    doc.blocks.forEach((b, i) => {
      const label = `正文第${i + 1}段`;
      if (b.kind === 'heading') {
        if (![1, 2, 3, 4].includes(b.level)) errors.push(`${label}：标题层级应为1至4`);
        text(label, b.text, true);
        if (typeof b.text === 'string' && ORDINAL_PREFIX_RE.test(b.text)) {
          errors.push(`${label}：标题序号由系统自动生成，正文中不应再写序号（${b.text.slice(0, 8)}…）`);
        }
      } else if (b.kind === 'paragraph') {
        text(label, b.text, true);
      } else {
        errors.push(`${label}：类型无效`);
      }
    });
  }
  list('附件说明', doc.attachments, false);
  for (const a of doc.attachments ?? []) {
    if (typeof a === 'string' && TRAILING_PUNCT_RE.test(a)) errors.push(`附件名称后不加标点符号：${a}`);
  }
  text('发文机关署名', doc.signatureName, true);
  date('成文日期', doc.date);
  if (doc.seal !== undefined) {
    text('印章单位名称', doc.seal.unitName, true);
    if (typeof doc.seal.name !== 'string') errors.push('印章名称必须是文本');
    else if (doc.seal.name !== '') text('印章名称', doc.seal.name, true);
    if (typeof doc.seal.unitName === 'string' && [...doc.seal.unitName].length > 24) {
      errors.push('印章单位名称过长（不超过24字）');
    }
    if (typeof doc.seal.name === 'string' && [...doc.seal.name].length > 10)
      errors.push('印章名称过长（不超过10字）');
  }
  text('附注', doc.note, false);
  list('抄送机关', doc.copyTo, false);
  if (doc.printedBy !== undefined) {
    if (doc.format === 'letter') errors.push('信函格式的版记不标注印发机关和印发日期');
    text('印发机关', doc.printedBy.unit, true);
    date('印发日期', doc.printedBy.date);
  }
  if (doc.format === 'minutes') {
    if (!doc.minutes) errors.push('纪要格式须列出出席人员');
    else {
      list('出席人员', doc.minutes.present, true);
      list('请假人员', doc.minutes.absent, false);
      list('列席人员', doc.minutes.attending, false);
    }
  } else if (doc.minutes !== undefined) {
    errors.push('出席/请假/列席名单仅用于纪要格式');
  }
  text('页脚说明', doc.footerLabel, false);
  return errors;
}

/** Throws an Error listing every problem (used by the renderers). */
export function assertValidDocument(doc: OfficialDocument): void {
  const errors = validateDocument(doc);
  if (errors.length > 0) throw new Error(`公文内容不符合要求：${errors.join('；')}`);
}
