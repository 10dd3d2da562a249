// Every template renders to PDF and DOCX; page 1 of each PDF is kept as a PNG in artifacts/documents.

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from './docx.ts';
import { type DocumentFonts, defaultFonts, undrawableGlyphs } from './fonts.ts';
import { type OfficialDocument, validateDocument } from './model.ts';
import { MARGIN_TOP, renderPdf } from './pdf.ts';
import {
  acceptanceNotice,
  agencyAgreement,
  agencyTerminationNotice,
  consultationLetter,
  denialDecision,
  type Issuer,
  licenceDecision,
  meetingMinutes,
  meetingNotice,
  notificationLetter,
  oneTimeNotice,
  rejectionDecision,
  supervisionBulletin,
  supervisionNotice,
} from './templates.ts';
import { docxContent, mmOf, pdfPages, pdfToPng, pdfWords, squash } from './test-helpers.ts';

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
const project = { name: '南湖区嘉善路智能制造产业园一期项目', code: '2609-330402-04-01-123456' };
const contact = { name: '李明', phone: '0573-82000000' };
const overdue = [
  {
    department: '区住建局',
    caseNumber: 'NH2026090001',
    projectName: project.name,
    matter: '建筑工程施工许可证核发',
    dueDate: '2026-09-10',
    overdueDays: 5,
  },
  {
    department: '区自然资源和规划分局',
    caseNumber: 'NH2026090002',
    projectName: '南湖区东栅街道安置房项目',
    matter: '建设工程规划许可证核发',
    dueDate: '2026-09-12',
    overdueDays: 3,
  },
];

/** name → [document, strings its PDF and DOCX must contain]. */
const cases: Record<string, [OfficialDocument, string[]]> = {
  告知函: [
    notificationLetter({
      ...bureau,
      number: '南审协〔2026〕21号',
      date: '2026-09-18',
      addressee: '嘉兴智造科技有限公司',
      project,
      commitments: [
        {
          department: '区住建局',
          items: ['施工图审查合格书备案', '建筑工程施工许可证核发'],
          dueDate: '2026-10-09',
        },
        { department: '区自然资源和规划分局', items: ['建设工程规划许可证核发'], dueDate: '2026-09-30' },
      ],
      contact,
      copyTo: ['区住建局', '区自然资源和规划分局'],
    }),
    [
      '关于南湖区嘉善路智能制造产业园一期项目审批服务事项部门承诺的告知函',
      '一、区住建局',
      '1.施工图审查合格书备案',
      '2026年10月9日前办结',
    ],
  ],
  书面征询意见函: [
    consultationLetter({
      ...bureau,
      number: '南审协〔2026〕22号',
      date: '2026-09-18',
      addressee: '区消防救援大队',
      project,
      matter: '建设工程消防设计审查',
      questions: ['项目消防车道设置是否符合要求。', '是否需要补充消防设计专篇。'],
      replyBy: '2026-09-25',
      attachments: ['项目总平面图', '消防设计说明'],
      contact,
    }),
    ['请于2026年9月25日前将书面意见', '逾期未反馈的，记为逾期未答复并纳入督办', '附件：1.项目总平面图'],
  ],
  会议通知: [
    meetingNotice({
      ...bureau,
      number: '南审协〔2026〕23号',
      date: '2026-09-18',
      addressee: '区发改局，区住建局，区自然资源和规划分局，区生态环境分局',
      meetingName: '工程建设项目审批专题协调会',
      meetingDate: '2026-09-22',
      startTime: '14:30',
      place: '区行政服务中心三楼301会议室',
      participants: ['各单位分管负责人', '审批科室负责人'],
      agenda: ['通报重点项目审批进展情况', '协调解决项目审批中的难点问题'],
      contact,
      copyTo: ['区政府办公室'],
      printedBy: { unit: '嘉兴市南湖区行政审批局办公室', date: '2026-09-18' },
    }),
    ['关于召开工程建设项目审批专题协调会的通知', '一、会议时间', '2026年9月22日14:30。', '2026年9月18日印发'],
  ],
  会议纪要: [
    meetingMinutes({
      ...bureau,
      minutesMark: '南湖区工程建设项目审批协调会议纪要',
      number: '南审纪〔2026〕5号',
      date: '2026-09-23',
      title: '南湖区工程建设项目审批专题协调会会议纪要',
      meetingDate: '2026-09-22',
      place: '区行政服务中心三楼301会议室',
      chair: '区行政审批局副局长王强',
      summary: ['会议听取了相关部门关于重点项目审批进展情况的汇报，研究了项目审批中存在的问题。'],
      decisions: [
        {
          text: '区住建局加快施工许可审查，对容缺材料实行承诺制办理',
          owner: '区住建局',
          dueDate: '2026-09-30',
        },
        {
          text: '区自然资源和规划分局会同区住建局开展联合踏勘',
          owner: '区自然资源和规划分局',
          dueDate: '2026-09-26',
        },
      ],
      present: ['区行政审批局王强', '区住建局张伟', '区自然资源和规划分局刘洋'],
      absent: ['区发改局陈静'],
      attending: ['嘉兴智造科技有限公司赵磊'],
      copyTo: ['区政府办公室'],
      printedBy: { unit: '嘉兴市南湖区行政审批局办公室', date: '2026-09-23' },
    }),
    [
      '出席：区行政审批局王强',
      '请假：区发改局陈静',
      '列席：',
      '责任单位：区住建局；完成时限：2026年9月30日前',
    ],
  ],
  督办通知: [
    supervisionNotice({
      ...bureau,
      number: '南审督〔2026〕8号',
      date: '2026-09-18',
      addressee: '区住建局',
      items: [overdue[0]!],
      replyBy: '2026-09-21',
      contact,
    }),
    ['关于加快办理工程建设项目审批事项的督办通知', '已超期5个工作日', '2026年9月21日前'],
  ],
  督办通报: [
    supervisionBulletin({
      ...bureau,
      number: '南审督〔2026〕9号',
      date: '2026-10-08',
      addressee: '各有关单位',
      period: '2026年第三季度',
      totalCases: 1286,
      onTimeRate: '98.6%',
      overdue,
      copyTo: ['区政府办公室'],
      printedBy: { unit: '嘉兴市南湖区行政审批局办公室', date: '2026-10-08' },
    }),
    ['超期未办结事项2件，涉及2个部门', '（一）区住建局（1件）', '办件编号：NH2026090002'],
  ],
  受理通知书: [
    acceptanceNotice({
      ...bureau,
      number: '南审受〔2026〕301号',
      date: '2026-09-18',
      applicant: '嘉兴智造科技有限公司',
      matterName: '建设工程规划许可证核发',
      caseNumber: 'NH2026090003',
      applicationDate: '2026-09-17',
      dueDate: '2026-10-09',
      limitDays: 15,
      contact,
    }),
    ['行政许可受理通知书', '本机关决定予以受理', '第三十二条第一款第（五）项'],
  ],
  不予受理决定书: [
    rejectionDecision({
      ...bureau,
      number: '南审不受〔2026〕4号',
      date: '2026-09-18',
      applicant: '嘉兴某某贸易有限公司',
      matterName: '建设工程规划许可证核发',
      caseNumber: 'NH2026090004',
      applicationDate: '2026-09-17',
      reasons: ['申请事项依法不属于本机关职权范围。'],
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
      competentAuthority: '嘉兴市自然资源和规划局',
      reviewOrgan: '嘉兴市南湖区人民政府',
      court: '嘉兴市南湖区人民法院',
    }),
    [
      '不予受理决定书',
      '六十日内向嘉兴市南湖区人民政府申请行政复议',
      '六个月内向嘉兴市南湖区人民法院提起行政诉讼',
    ],
  ],
  一次性告知书: [
    oneTimeNotice({
      ...bureau,
      number: '南审补〔2026〕17号',
      date: '2026-09-18',
      applicant: '嘉兴智造科技有限公司',
      matterName: '建筑工程施工许可证核发',
      caseNumber: 'NH2026090005',
      applicationDate: '2026-09-17',
      missing: [
        { name: '施工图设计文件审查合格书', requirement: '提供原件扫描件' },
        { name: '建设资金已落实承诺书' },
      ],
      correctBy: '2026-09-28',
      contact,
    }),
    ['补正材料一次性告知书', '1.施工图设计文件审查合格书：提供原件扫描件', '请于2026年9月28日前'],
  ],
  准予行政许可决定书: [
    licenceDecision({
      ...bureau,
      number: '南审许〔2026〕8号',
      date: '2026-10-09',
      applicant: '嘉兴智造科技有限公司',
      matterName: '建设工程规划许可证核发',
      caseNumber: 'NH2026090003',
      applicationDate: '2026-09-17',
      resultName: '建设工程规划许可证',
      resultNumber: '建字第330402202600008号',
      validTo: '2027-10-08',
    }),
    ['准予行政许可决定书', '第三十八条第一款', '建字第330402202600008号', '有效期至2027年10月8日'],
  ],
  不予行政许可决定书: [
    denialDecision({
      ...bureau,
      number: '南审不许〔2026〕2号',
      date: '2026-10-09',
      applicant: '嘉兴某某贸易有限公司',
      matterName: '食品经营许可',
      caseNumber: 'NH2026090006',
      applicationDate: '2026-09-17',
      reasons: ['经营场所与污染源的距离不符合要求。'],
      reviewOrgan: '嘉兴市南湖区人民政府',
      court: '嘉兴市南湖区人民法院',
    }),
    ['不予行政许可决定书', '第三十八条第二款', '六十日内向嘉兴市南湖区人民政府申请行政复议'],
  ],
  委托代办协议: [
    agencyAgreement({
      ...center,
      number: '南代协〔2026〕36号',
      date: '2026-09-18',
      principal: {
        name: '嘉兴智造科技有限公司',
        uscc: '91330402MA2JXXXX0X',
        contact: { name: '赵磊', phone: '13800000000' },
      },
      agent: { name: '南湖区投资项目审批代办服务中心', contact },
      project,
      scope: ['建设工程规划许可证核发', '建筑工程施工许可证核发'],
      from: '2026-09-18',
      to: '2027-03-17',
    }),
    ['工程建设项目审批代办服务委托协议', '自2026年9月18日起至2027年3月17日止', '一、代办事项'],
  ],
  代办终止告知书: [
    agencyTerminationNotice({
      ...center,
      number: '南代终〔2026〕3号',
      date: '2026-09-18',
      principal: '嘉兴智造科技有限公司',
      project,
      agreementNumber: '南代协〔2026〕36号',
      reason: '甲方书面申请终止代办',
      effectiveDate: '2026-09-20',
      returned: ['项目立项批复文件原件'],
      contact,
    }),
    ['审批代办服务终止告知书', '代办服务自2026年9月20日起终止', '1.项目立项批复文件原件'],
  ],
};

let fonts: DocumentFonts;
const rendered = new Map<string, { pdf: Buffer; docx: Buffer }>();

beforeAll(async () => {
  fonts = defaultFonts();
  for (const [name, [doc]] of Object.entries(cases)) {
    const [pdf, docx] = await Promise.all([renderPdf(doc, fonts), renderDocx(doc, fonts)]);
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
