// Test helpers: read rendered PDFs with poppler-utils and DOCX files with jszip (installed with docx).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { OfficialDocument } from './model.ts';

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const tmpDir = path.join(os.tmpdir(), 'xietong-docs');
fs.mkdirSync(tmpDir, { recursive: true });
let seq = 0;

function tmpPdf(pdf: Buffer): string {
  const file = path.join(tmpDir, `t${process.pid}-${seq++}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Words with their boxes (pdftotext -bbox), pages numbered from 1. */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const file = tmpPdf(pdf);
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  fs.rmSync(file);
  const words: PdfWord[] = [];
  let page = 0;
  const re = /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[0].startsWith('<page')) {
      page++;
      continue;
    }
    words.push({
      page,
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: unescapeXml(m[5] ?? ''),
    });
  }
  return words;
}

/** Text per page in content order (pdftotext -raw). */
export function pdfPages(pdf: Buffer): string[] {
  const file = tmpPdf(pdf);
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  fs.rmSync(file);
  return text.split('\f').slice(0, -1);
}

export function pdfPageSize(pdf: Buffer): { width: number; height: number; pages: number } {
  const file = tmpPdf(pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  fs.rmSync(file);
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  return { width: Number(m?.[1]), height: Number(m?.[2]), pages: Number(pages?.[1]) };
}

/** Renders page 1 to `${outBase}.png` at 60 dpi; returns the PNG path. */
export function pdfToPng(pdf: Buffer, outBase: string, page = 1): string {
  fs.mkdirSync(path.dirname(outBase), { recursive: true });
  const file = tmpPdf(pdf);
  execFileSync('pdftoppm', [
    '-r',
    '60',
    '-png',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    outBase,
  ]);
  fs.rmSync(file);
  return `${outBase}.png`;
}

/** word/document.xml and the concatenated text of its w:t elements (unescaped). */
export async function docxContent(docx: Buffer): Promise<{ xml: string; text: string; files: string[] }> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = Array.from(xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g), (m) =>
    unescapeXml(m[1] ?? ''),
  ).join('');
  return { xml, text, files: Object.keys(zip.files) };
}

/** Removes all whitespace (pdftotext breaks lines; '{{ title }}' keeps its spaces only in DOCX). */
export function squash(s: string): string {
  return s.replace(/\s+/gu, '');
}

const MM = 72 / 25.4;
export const mmOf = (pt: number): number => pt / MM;

/** A sealed standard-format document with every element, used by several tests. */
export function sampleDocument(overrides: Partial<OfficialDocument> = {}): OfficialDocument {
  return {
    format: 'standard',
    issuerMark: '嘉兴市南湖区行政审批局文件',
    number: '南审协〔2026〕12号',
    title: '关于印发《南湖区工程建设项目审批服务协同工作规则》的通知',
    addressee: '区发改局，区住建局，区自然资源和规划分局',
    blocks: [
      {
        kind: 'paragraph',
        text: '为深化工程建设项目审批制度改革，进一步提升审批服务效能，经研究，现将《南湖区工程建设项目审批服务协同工作规则》印发给你们，请认真贯彻执行。',
      },
      { kind: 'heading', level: 1, text: '工作目标' },
      {
        kind: 'paragraph',
        text: '到2026年底，一般社会投资项目从立项到竣工验收全流程审批时间压缩至60个工作日以内（不含特别程序）。',
      },
      { kind: 'heading', level: 2, text: '明确职责分工' },
      // Pure CJK without punctuation: every broken line holds exactly 28 characters.
      { kind: 'paragraph', text: '审批服务协同平台统一受理并联办理限时办结'.repeat(40) },
      { kind: 'heading', level: 3, text: '各部门在收到征询函之日起3个工作日内书面回复意见。' },
    ],
    attachments: ['南湖区工程建设项目审批服务协同工作规则', '各部门联络员名单'],
    signatureName: '嘉兴市南湖区行政审批局',
    date: '2026-09-18',
    seal: { name: '业务专用章', unitName: '嘉兴市南湖区行政审批局', kind: '业务专用章' },
    note: '联系人：张三，联系电话：0573-82000000',
    copyTo: ['区委办公室', '区人大常委会办公室', '区政府办公室'],
    printedBy: { unit: '嘉兴市南湖区行政审批局办公室', date: '2026-09-18' },
    footerLabel: '平台校验签名，非法定电子印章',
    ...overrides,
  };
}
