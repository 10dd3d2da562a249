// Every template renders to PDF and DOCX; page 1 of each PDF is kept as a PNG in artifacts/documents.

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentFonts, defaultFonts, undrawableGlyphs } from './fonts.ts';
import { type OfficialDocument, validateDocument } from './model.ts';
import { MARGIN_TOP, renderPdf } from './pdf.ts';
import { renderDocument } from './render.ts';
import { SAMPLE_DOCUMENTS } from './samples.ts';
import { consultationLetter, type Issuer, TEMPLATE_WORDING } from './templates.ts';
import { docxContent, mmOf, pdfPages, pdfToPng, pdfWords, squash } from './test-helpers.ts';
import { wordingProblems } from './wording.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/documents');

const bureau: Issuer = {
  issuerMark: '嘉兴市南湖区行政审批局',
  signatureName: '嘉兴市南湖区行政审批局',
  seal: { name: '行政审批专用章', unitName: '嘉兴市南湖区行政审批局', kind: '业务专用章' },
  footerLabel: '平台校验签名，非法定电子印章',
};
const center: Issuer = {
  issuerMark: '南湖区投资项目审批代办服务中心',
  signatureName: '南湖区投资项目审批代办服务中心',
  seal: { name: '代办服务专用章', unitName: '南湖区投资项目审批代办服务中心' },
};
/** name → [document, strings its PDF and DOCX must contain]. */
const cases: Record<string, [OfficialDocument, string[]]> = {
  告知函: [
    SAMPLE_DOCUMENTS.notification_letter!(bureau),
    [
      '关于南湖区嘉善路智能制造产业园一期项目审批服务事项部门承诺的告知函',
      '一、区住建局',
      '1.施工图审查合格书备案',
      '2026年10月9日前办结',
    ],
  ],
  书面征询意见函: [
    SAMPLE_DOCUMENTS.consultation_letter!(bureau),
    ['请于2026年9月25日前将书面意见', '逾期未反馈的，记为逾期未答复并纳入督办', '附件：1.项目总平面图'],
  ],
  会议通知: [
    SAMPLE_DOCUMENTS.meeting_notice!(bureau),
    ['关于召开工程建设项目审批专题协调会的通知', '一、会议时间', '2026年9月22日14:30。', '2026年9月18日印发'],
  ],
  会议纪要: [
    SAMPLE_DOCUMENTS.minutes!(bureau),
    [
      '出席：区行政审批局王强',
      '请假：区发改局陈静',
      '列席：',
      '责任单位：区住建局；完成时限：2026年9月30日前',
    ],
  ],
  督办通知: [
    SAMPLE_DOCUMENTS.supervision_order!(bureau),
    ['关于加快办理工程建设项目审批事项的督办通知', '已超期5个工作日', '2026年9月21日前'],
  ],
  督办通报: [
    SAMPLE_DOCUMENTS.supervision_notice!(bureau),
    ['超期未办结事项2件，涉及2个部门', '（一）区住建局（1件）', '办件编号：NH2026090002'],
  ],
  受理通知书: [
    SAMPLE_DOCUMENTS.acceptance_notice!(bureau),
    ['行政许可受理通知书', '本机关决定予以受理', '第三十二条第一款第（五）项'],
  ],
  不予受理决定书: [
    SAMPLE_DOCUMENTS.rejection_decision!(bureau),
    [
      '不予受理决定书',
      '六十日内向嘉兴市南湖区人民政府申请行政复议',
      '六个月内向嘉兴市南湖区人民法院提起行政诉讼',
    ],
  ],
  一次性告知书: [
    SAMPLE_DOCUMENTS.one_time_notice!(bureau),
    ['补正材料一次性告知书', '1.施工图设计文件审查合格书：提供原件扫描件', '请于2026年9月28日前'],
  ],
  准予行政许可决定书: [
    SAMPLE_DOCUMENTS.licence_decision!(bureau),
    ['准予行政许可决定书', '第三十八条第一款', '建字第330402202600008号', '有效期至2027年10月8日'],
  ],
  不予行政许可决定书: [
    SAMPLE_DOCUMENTS.denial_decision!(bureau),
    ['不予行政许可决定书', '第三十八条第二款', '六十日内向嘉兴市南湖区人民政府申请行政复议'],
  ],
  委托代办协议: [
    SAMPLE_DOCUMENTS.agency_agreement!(center),
    ['工程建设项目审批代办服务委托协议', '自2026年9月18日起至2027年3月17日止', '一、代办事项'],
  ],
  代办终止告知书: [
    SAMPLE_DOCUMENTS.agency_termination!(center),
    ['审批代办服务终止告知书', '代办服务自2026年9月20日起终止', '1.项目立项批复文件原件'],
  ],
};

let fonts: DocumentFonts;
const rendered = new Map<string, { pdf: Buffer; docx: Buffer }>();

beforeAll(async () => {
  fonts = defaultFonts();
  for (const [name, [doc]] of Object.entries(cases)) {
    const { pdf, docx } = await renderDocument(doc, fonts);
    rendered.set(name, { pdf, docx });
    pdfToPng(pdf, path.join(ARTIFACTS, `template-${name}`), 1);
    fs.writeFileSync(path.join(ARTIFACTS, `template-${name}.pdf`), pdf);
    fs.writeFileSync(path.join(ARTIFACTS, `template-${name}.docx`), docx);
  }
});

describe.each(Object.keys(cases))('%s', (name) => {
  it('is valid and renders the same text to PDF and DOCX', async () => {
    const [doc, strings] = cases[name]!;
    expect(validateDocument(doc)).toEqual([]);
    for (const slot of ['title', 'body', 'heading1', 'heading2'] as const) {
      expect(undrawableGlyphs(JSON.stringify(doc), fonts[slot], fonts)).toEqual([]);
    }
    const { pdf, docx } = rendered.get(name)!;
    const pdfText = squash(pdfPages(pdf).join(''));
    const docxText = squash((await docxContent(docx)).text);
    for (const s of [doc.title, doc.number ?? '', ...strings]) {
      expect(pdfText).toContain(squash(s));
      // DOCX ordinals come from the same generator; '1.' + text are in separate runs but one paragraph.
      expect(docxText).toContain(squash(s));
    }
  });
});

describe('format specifics', () => {
  it('信函格式: mark 30 mm from the page top, number flush right, no page number on page 1', () => {
    const words = pdfWords(rendered.get('告知函')!.pdf);
    const mark = words.find((w) => w.page === 1 && w.text === bureau.issuerMark)!;
    const size = (mark.yMax - mark.yMin) / 1.437;
    const top = mark.yMax - 0.286 * size - 0.88 * size;
    expect(mmOf(top)).toBeCloseTo(30, 0);
    const num = words.find((w) => w.page === 1 && w.text === '南审协〔2026〕21号')!;
    expect(mmOf(num.xMax)).toBeGreaterThan(28 + 156 - 1);
    expect(words.some((w) => w.page === 1 && w.text === '1' && w.yMin > MARGIN_TOP + 600)).toBe(false);
  });
  it('纪要格式: 纪要标志 in place of the issuer mark, attendance after the body', () => {
    const pages = pdfPages(rendered.get('会议纪要')!.pdf);
    const text = squash(pages.join(''));
    expect(text.indexOf('南湖区工程建设项目审批协调会议纪要')).toBe(0);
    expect(text.indexOf('出席：')).toBeGreaterThan(text.indexOf('现将会议议定事项纪要如下'));
  });
});

describe('wording a region may change', () => {
  it('every template has a sample, and its default wording passes the checks an administrator’s must pass', () => {
    expect(Object.keys(SAMPLE_DOCUMENTS).sort()).toEqual(Object.keys(TEMPLATE_WORDING).sort());
    for (const slots of Object.values(TEMPLATE_WORDING)) {
      const defaults = Object.fromEntries(Object.entries(slots).map(([k, s]) => [k, s.text]));
      expect(wordingProblems(slots, defaults)).toEqual([]);
    }
  });

  it('prints the region’s text with the data filled in, and data that looks like a placeholder as it is', async () => {
    const doc = consultationLetter({
      ...bureau,
      wording: {
        reply: '请贵单位务必于{答复期限}前反馈书面意见。',
        ending: '此函。',
      },
      number: '南审征〔2026〕3号',
      date: '2026-09-18',
      addressee: '区消防救援大队',
      project: { name: '{答复期限}<b>项目</b>' },
      matter: '消防设计审查',
      questions: ['是否符合要求。'],
      replyBy: '2026-09-25',
    });
    const text = squash(pdfPages(await renderPdf(doc, fonts)).join(''));
    expect(text).toContain(squash('请贵单位务必于2026年9月25日前反馈书面意见。'));
    expect(text).toContain('此函。');
    expect(text).not.toContain('特此函询');
    expect(text).toContain(squash('我局在办理{答复期限}<b>项目</b>消防设计审查事项过程中'));
  });
});
