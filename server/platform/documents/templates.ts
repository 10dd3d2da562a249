// Pure builders of the platform's generated documents (STANDARDS §5.1). Each takes typed data and
// returns an OfficialDocument. Fixed sentences are wording slots a region may reword (wording.ts);
// data values enter them through named placeholders filled in one pass, so '{{x}}', '{项目}' or '<b>'
// in the data is printed as it is.
//
// Formats: 函 (告知函, 书面征询意见函) in 信函格式; 通知/通报 in 文件格式 ('standard'); 纪要 in
// 纪要格式. 行政许可文书 (受理通知书, 不予受理决定书, 一次性告知书) and the 代办 agreement/notice are
// not 公文; they use 信函格式 for a light letterhead (issuer name, number flush right, no red head).

import type { IsoDate } from '../../../lib/dates.ts';
import {
  type DocumentBlock,
  type DocumentSeal,
  formatChineseDate,
  type OfficialDocument,
  type Urgency,
} from './model.ts';
import { type Wording, type WordingSlots, wordingOf } from './wording.ts';

/** The issuing side shared by all templates. */
export interface Issuer {
  /** 发文机关标志 (or letterhead name). */
  issuerMark: string;
  /** 发文机关署名. */
  signatureName: string;
  seal?: DocumentSeal;
  /** Printed small on the last page, e.g. '平台校验签名，非法定电子印章'. */
  footerLabel?: string;
  /** The region's rewording of the template's fixed sentences. */
  wording?: Wording;
}

export interface Contact {
  name: string;
  phone: string;
}

const d = formatChineseDate;
const p = (text: string): DocumentBlock => ({ kind: 'paragraph', text });
const h1 = (text: string): DocumentBlock => ({ kind: 'heading', level: 1, text });
const h2 = (text: string): DocumentBlock => ({ kind: 'heading', level: 2, text });
const item = (text: string): DocumentBlock => ({ kind: 'heading', level: 3, text });

function base(
  issuer: Issuer,
  format: OfficialDocument['format'],
  fields: Omit<OfficialDocument, 'format' | 'issuerMark' | 'signatureName' | 'seal' | 'footerLabel'>,
): OfficialDocument {
  const doc: OfficialDocument = {
    format,
    issuerMark: issuer.issuerMark,
    signatureName: issuer.signatureName,
    ...fields,
  };
  if (issuer.seal) doc.seal = issuer.seal;
  if (issuer.footerLabel) doc.footerLabel = issuer.footerLabel;
  for (const k of Object.keys(doc) as (keyof OfficialDocument)[]) {
    if (doc[k] === undefined) delete doc[k];
  }
  return doc;
}

function contactNote(c: Contact | undefined): string | undefined {
  return c ? `联系人：${c.name}，联系电话：${c.phone}` : undefined;
}

// ---------------------------------------------------------------------------------------------

export interface ProjectRef {
  name: string;
  /** 投资项目代码 (R-PRJ-1); a coordination request may concern a project not yet coded. */
  code?: string | null;
}

const projectLine = (p: ProjectRef) => (p.code ? `${p.name}（项目代码：${p.code}）` : p.name);

const PROJECT = { 项目: '项目名称（及项目代码）' };
const PROJECT_NAME = { 项目名称: '项目名称' };
const title = (text: string, vars?: Record<string, string>) => ({
  label: '标题',
  text,
  ...(vars ? { vars } : {}),
});

export const NOTIFICATION_LETTER_WORDING = {
  title: title('关于{项目名称}审批服务事项部门承诺的告知函', PROJECT_NAME),
  intro: {
    label: '开头',
    text: '{项目}已纳入工程建设项目审批服务协同办理。经与相关部门会商，现将各部门服务承诺事项告知如下：',
    vars: PROJECT,
    required: ['项目'],
  },
  dueLine: {
    label: '部门办结承诺',
    text: '上述事项承诺于{办结日期}前办结。',
    vars: { 办结日期: '该部门承诺的办结日期' },
    required: ['办结日期'],
  },
  reminder: {
    label: '说明',
    text: '上述承诺时限不含申请人补正材料、特别程序等不计入审批时限的时间。如对承诺事项有疑问，请与我局联系；办理过程中如遇问题，可通过审批服务协同平台反映，我局将及时协调解决。',
  },
  ending: { label: '结束语', text: '特此函告。' },
} satisfies WordingSlots;

export interface NotificationLetterData extends Issuer {
  number: string;
  date: IsoDate;
  addressee: string;
  project: ProjectRef;
  /** Each department's commitments. */
  commitments: { department: string; items: string[]; dueDate?: IsoDate }[];
  contact?: Contact;
  copyTo?: string[];
}

/** 告知函: informs the applicant of each department's service commitments for the project. */
export function notificationLetter(data: NotificationLetterData): OfficialDocument {
  const w = wordingOf(NOTIFICATION_LETTER_WORDING, data.wording);
  const blocks: DocumentBlock[] = [p(w.text('intro', { 项目: projectLine(data.project) }))];
  for (const c of data.commitments) {
    blocks.push(h1(c.department));
    for (const t of c.items) blocks.push(item(t));
    if (c.dueDate) blocks.push(p(w.text('dueLine', { 办结日期: d(c.dueDate) })));
  }
  blocks.push(p(w.text('reminder')), p(w.text('ending')));
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title', { 项目名称: data.project.name }),
    addressee: data.addressee,
    blocks,
    date: data.date,
    note: contactNote(data.contact),
    copyTo: data.copyTo,
  });
}

const MATTER = { 事项: '征询的事项，如建设工程规划许可证核发' };

export const CONSULTATION_LETTER_WORDING = {
  title: title('关于{项目名称}{事项}事项征询意见的函', { ...PROJECT_NAME, ...MATTER }),
  intro: {
    label: '开头',
    text: '我局在办理{项目}{事项}事项过程中，涉及贵单位职责范围内的有关问题。为提高审批效率，现书面征询贵单位意见：',
    vars: { ...PROJECT, ...MATTER },
    required: ['项目', '事项'],
  },
  reply: {
    label: '答复要求',
    text: '请于{答复期限}前将书面意见（加盖单位公章）通过审批服务协同平台反馈我局。逾期未反馈的，记为逾期未答复并纳入督办。',
    vars: { 答复期限: '答复截止日期' },
    required: ['答复期限'],
  },
  ending: { label: '结束语', text: '特此函询。' },
} satisfies WordingSlots;

export interface ConsultationLetterData extends Issuer {
  number: string;
  date: IsoDate;
  /** Consulted department. */
  addressee: string;
  project: ProjectRef;
  /** What the opinion is about, e.g. '建设工程规划许可证核发'. */
  matter: string;
  /** The questions to answer. */
  questions: string[];
  replyBy: IsoDate;
  attachments?: string[];
  contact?: Contact;
}

/** 书面征询意见函 with a reply-by date. */
export function consultationLetter(data: ConsultationLetterData): OfficialDocument {
  const w = wordingOf(CONSULTATION_LETTER_WORDING, data.wording);
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title', { 项目名称: data.project.name, 事项: data.matter }),
    addressee: data.addressee,
    blocks: [
      p(w.text('intro', { 项目: projectLine(data.project), 事项: data.matter })),
      ...data.questions.map(item),
      p(w.text('reply', { 答复期限: d(data.replyBy) })),
      p(w.text('ending')),
    ],
    attachments: data.attachments,
    date: data.date,
    note: contactNote(data.contact),
  });
}

const MEETING = { 会议名称: '会议名称', 会议日期: '会议日期' };

export const MEETING_NOTICE_WORDING = {
  title: title('关于召开{会议名称}的通知', { 会议名称: MEETING.会议名称 }),
  intro: {
    label: '开头',
    text: '经研究，定于{会议日期}召开{会议名称}。现将有关事项通知如下：',
    vars: MEETING,
    required: ['会议日期'],
  },
  requirements: {
    label: '有关要求（每行一条）',
    text: '请参会单位于会前一个工作日将参会人员名单报送我局。\n请参会人员提前10分钟到达会场，会议期间将手机调至静音状态。',
    list: true,
  },
} satisfies WordingSlots;

export interface MeetingNoticeData extends Issuer {
  number: string;
  /** 紧急程度 of an urgent meeting's notice. */
  urgency?: Urgency;
  date: IsoDate;
  addressee: string;
  meetingName: string;
  meetingDate: IsoDate;
  /** e.g. '14:30'. */
  startTime: string;
  place: string;
  participants: string[];
  agenda: string[];
  /** This meeting's own requirements; the region's standing ones otherwise. */
  requirements?: string[];
  contact?: Contact;
  copyTo?: string[];
  printedBy?: { unit: string; date: IsoDate };
}

/** 会议通知. */
export function meetingNotice(data: MeetingNoticeData): OfficialDocument {
  const w = wordingOf(MEETING_NOTICE_WORDING, data.wording);
  const requirements = data.requirements ?? w.lines('requirements');
  return base(data, 'standard', {
    urgency: data.urgency,
    number: data.number,
    title: w.text('title', { 会议名称: data.meetingName }),
    addressee: data.addressee,
    blocks: [
      p(w.text('intro', { 会议日期: d(data.meetingDate), 会议名称: data.meetingName })),
      h1('会议时间'),
      p(`${d(data.meetingDate)}${data.startTime}。`),
      h1('会议地点'),
      p(`${data.place}。`),
      h1('参会人员'),
      p(`${data.participants.join('；')}。`),
      h1('会议议程'),
      ...data.agenda.map(item),
      h1('有关要求'),
      ...requirements.map(item),
    ],
    date: data.date,
    note: contactNote(data.contact),
    copyTo: data.copyTo,
    printedBy: data.printedBy,
  });
}

export const MINUTES_WORDING = {
  opening: {
    label: '开头',
    text: '{会议日期}，{主持人}在{会议地点}主持召开会议。',
    vars: { 会议日期: '会议日期', 主持人: '主持人（单位职务姓名）', 会议地点: '会议地点' },
    required: ['会议日期', '主持人'],
  },
  decisionsIntro: { label: '议定事项引语', text: '现将会议议定事项纪要如下：' },
  decision: {
    label: '议定事项（每项）',
    text: '{事项}（责任单位：{责任单位}；完成时限：{完成时限}前）',
    vars: { 事项: '议定的事项', 责任单位: '责任单位', 完成时限: '完成日期' },
    required: ['事项', '责任单位', '完成时限'],
  },
} satisfies WordingSlots;

export interface MinutesData extends Issuer {
  /** 纪要标志, ending with 纪要, e.g. '南湖区工程建设项目审批协调会议纪要'. */
  minutesMark: string;
  number?: string;
  date: IsoDate;
  title: string;
  meetingDate: IsoDate;
  place: string;
  chair: string;
  /** Opening summary paragraphs. */
  summary: string[];
  decisions: { text: string; owner: string; dueDate: IsoDate }[];
  present: string[];
  absent?: string[];
  attending?: string[];
  copyTo?: string[];
  printedBy?: { unit: string; date: IsoDate };
}

/** 会议纪要 (纪要格式): decisions with owner and due date, attendee lists. */
export function meetingMinutes(data: MinutesData): OfficialDocument {
  const w = wordingOf(MINUTES_WORDING, data.wording);
  return base({ ...data, issuerMark: data.minutesMark }, 'minutes', {
    number: data.number,
    title: data.title,
    blocks: [
      p(w.text('opening', { 会议日期: d(data.meetingDate), 主持人: data.chair, 会议地点: data.place })),
      ...data.summary.map(p),
      p(w.text('decisionsIntro')),
      ...data.decisions.map((x) =>
        item(w.text('decision', { 事项: x.text, 责任单位: x.owner, 完成时限: d(x.dueDate) })),
      ),
    ],
    date: data.date,
    minutes: {
      present: data.present,
      ...(data.absent ? { absent: data.absent } : {}),
      ...(data.attending ? { attending: data.attending } : {}),
    },
    copyTo: data.copyTo,
    printedBy: data.printedBy,
  });
}

export interface OverdueItem {
  department: string;
  caseNumber: string;
  projectName: string;
  matter: string;
  dueDate: IsoDate;
  /** Working days overdue (positive) or remaining (warning, zero or negative). */
  overdueDays: number;
}

function overdueLine(x: OverdueItem): string {
  const state = x.overdueDays > 0 ? `已超期${x.overdueDays}个工作日` : '即将到期';
  return `${x.projectName}${x.matter}（办件编号：${x.caseNumber}），办理时限至${d(x.dueDate)}，${state}`;
}

export const SUPERVISION_ORDER_WORDING = {
  title: title('关于加快办理工程建设项目审批事项的督办通知'),
  intro: {
    label: '开头',
    text: '根据审批服务协同平台监测，截至{日期}，你单位承办的下列审批事项已超过或即将超过承诺办理时限：',
    vars: { 日期: '通知日期' },
  },
  demand: {
    label: '督办要求',
    text: '请你单位高度重视，立即组织核查，加快办理进度，并于{反馈期限}前将办理情况及未按期办结的原因书面反馈我局。确因特殊情况无法按期办结的，应当说明理由并提出办结时间。',
    vars: { 反馈期限: '书面反馈的截止日期' },
    required: ['反馈期限'],
  },
  ending: { label: '结束语', text: '特此通知。' },
} satisfies WordingSlots;

export interface SupervisionNoticeData extends Issuer {
  number: string;
  date: IsoDate;
  addressee: string;
  items: OverdueItem[];
  replyBy: IsoDate;
  contact?: Contact;
  copyTo?: string[];
  printedBy?: { unit: string; date: IsoDate };
}

/** 督办通知 to one department. */
export function supervisionNotice(data: SupervisionNoticeData): OfficialDocument {
  const w = wordingOf(SUPERVISION_ORDER_WORDING, data.wording);
  return base(data, 'standard', {
    number: data.number,
    title: w.text('title'),
    addressee: data.addressee,
    blocks: [
      p(w.text('intro', { 日期: d(data.date) })),
      ...data.items.map((x) => item(`${overdueLine(x)}。`)),
      p(w.text('demand', { 反馈期限: d(data.replyBy) })),
      p(w.text('ending')),
    ],
    date: data.date,
    note: contactNote(data.contact),
    copyTo: data.copyTo,
    printedBy: data.printedBy,
  });
}

const PERIOD = { 期间: '通报期间，如2026年第三季度' };

export const SUPERVISION_NOTICE_WORDING = {
  title: title('关于{期间}工程建设项目审批事项超期办理情况的通报', PERIOD),
  intro: {
    label: '开头',
    text: '为进一步压实审批时限责任，现将{期间}工程建设项目审批事项办理情况通报如下：',
    vars: PERIOD,
  },
  overview: {
    label: '总体情况',
    text: '{期间}，审批服务协同平台共受理审批事项{受理件数}件，按期办结率{按期办结率}；超期未办结事项{超期件数}件，涉及{部门数}个部门。',
    vars: {
      ...PERIOD,
      受理件数: '受理件数',
      按期办结率: '按期办结率',
      超期件数: '超期件数',
      部门数: '涉及部门数',
    },
    required: ['超期件数'],
  },
  requirements: {
    label: '工作要求',
    text: '各有关部门要对照通报事项逐件核查，明确责任人和办结时限，尽快办结；对无正当理由超期的，将按照有关规定纳入年度考核。',
  },
} satisfies WordingSlots;

export interface SupervisionBulletinData extends Issuer {
  number: string;
  date: IsoDate;
  addressee: string;
  /** e.g. '2026年第三季度'. */
  period: string;
  totalCases: number;
  onTimeRate: string;
  overdue: OverdueItem[];
  copyTo?: string[];
  printedBy?: { unit: string; date: IsoDate };
}

/** 督办通报: overdue items listed as one paragraph each (a table-like list). */
export function supervisionBulletin(data: SupervisionBulletinData): OfficialDocument {
  const w = wordingOf(SUPERVISION_NOTICE_WORDING, data.wording);
  const byDept = new Map<string, OverdueItem[]>();
  for (const x of data.overdue) byDept.set(x.department, [...(byDept.get(x.department) ?? []), x]);
  const blocks: DocumentBlock[] = [
    p(w.text('intro', { 期间: data.period })),
    h1('总体情况'),
    p(
      w.text('overview', {
        期间: data.period,
        受理件数: String(data.totalCases),
        按期办结率: data.onTimeRate,
        超期件数: String(data.overdue.length),
        部门数: String(byDept.size),
      }),
    ),
    h1('超期事项'),
  ];
  for (const [dept, list] of byDept) {
    blocks.push(h2(`${dept}（${list.length}件）`));
    for (const x of list) blocks.push(item(`${overdueLine(x)}。`));
  }
  blocks.push(h1('工作要求'), p(w.text('requirements')));
  return base(data, 'standard', {
    number: data.number,
    title: w.text('title', { 期间: data.period }),
    addressee: data.addressee,
    blocks,
    date: data.date,
    copyTo: data.copyTo,
    printedBy: data.printedBy,
  });
}

export interface ApplicationRef {
  applicant: string;
  matterName: string;
  caseNumber: string;
  applicationDate: IsoDate;
}

/** The application a 行政许可文书 answers, as every such document opens. */
const APPLIED = '你（单位）于{申请日期}提出的{事项}申请（办件编号：{办件编号}），经审查，';
const APPLICATION_VARS = { 申请日期: '申请日期', 事项: '申请的事项名称', 办件编号: '办件编号' };
const applicationVars = (a: ApplicationRef) => ({
  申请日期: d(a.applicationDate),
  事项: a.matterName,
  办件编号: a.caseNumber,
});
const applicationSlot = (text: string) => ({
  label: '开头',
  text: APPLIED + text,
  vars: APPLICATION_VARS,
  required: ['事项', '办件编号'],
});
/** 救济途径 (行政复议法 60 days, 行政诉讼法 6 months): the applicant's rights must stay in the text. */
const RIGHTS_SLOT = {
  label: '救济途径',
  text: '如不服本决定，可以自收到本决定书之日起六十日内向{复议机关}申请行政复议，或者自收到本决定书之日起六个月内向{人民法院}提起行政诉讼。',
  vars: { 复议机关: '行政复议机关', 人民法院: '管辖的人民法院' },
  required: ['复议机关', '人民法院'],
};

export const ACCEPTANCE_NOTICE_WORDING = {
  title: title('行政许可受理通知书'),
  intro: applicationSlot(
    '申请事项属于本机关职权范围，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，本机关决定予以受理。',
  ),
  timeLimit: {
    label: '办理时限',
    text: '本机关将在{办理时限}内（预计{办结日期}前）作出决定。依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在上述期限内，本机关将书面告知。',
    vars: { 办理时限: '承诺办理时限，如“10个工作日”', 办结日期: '预计办结日期' },
    required: ['办理时限', '办结日期'],
  },
  keep: { label: '提示', text: '请妥善保管本通知书，并可凭办件编号通过审批服务协同平台查询办理进度。' },
} satisfies WordingSlots;

export interface AcceptanceNoticeData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  /** 承诺办结日期. */
  dueDate: IsoDate;
  /** 法定/承诺办理时限, in working days unless `limitUnit` says 自然日. */
  limitDays: number;
  limitUnit?: 'working' | 'natural';
  contact?: Contact;
}

/** 受理通知书 (行政许可法 Art. 32 (5)). */
export function acceptanceNotice(data: AcceptanceNoticeData): OfficialDocument {
  const w = wordingOf(ACCEPTANCE_NOTICE_WORDING, data.wording);
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    addressee: data.applicant,
    blocks: [
      p(w.text('intro', applicationVars(data))),
      p(
        w.text('timeLimit', {
          办理时限: `${data.limitDays}${data.limitUnit === 'natural' ? '日' : '个工作日'}`,
          办结日期: d(data.dueDate),
        }),
      ),
      p(w.text('keep')),
    ],
    date: data.date,
    note: contactNote(data.contact),
  });
}

export const REJECTION_DECISION_WORDING = {
  title: title('不予受理决定书'),
  intro: applicationSlot('存在下列情形：'),
  decision: {
    label: '决定',
    text: '根据{法律依据}的规定，本机关决定不予受理。',
    vars: { 法律依据: '不予受理的法律依据' },
    required: ['法律依据'],
  },
  referral: {
    label: '告知有权机关',
    text: '请你（单位）向{有权机关}提出申请。',
    vars: { 有权机关: '有权受理的行政机关' },
    required: ['有权机关'],
  },
  rights: RIGHTS_SLOT,
} satisfies WordingSlots;

export interface RejectionDecisionData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  reasons: string[];
  /** Legal basis, e.g. '《中华人民共和国行政许可法》第三十二条第一款第（二）项'. */
  legalBasis: string;
  /** Competent authority when the matter is outside this agency's remit. */
  competentAuthority?: string;
  /** 复议机关, e.g. '嘉兴市南湖区人民政府'. */
  reviewOrgan: string;
  /** Court, e.g. '嘉兴市南湖区人民法院'. */
  court: string;
}

const rightsVars = (x: { reviewOrgan: string; court: string }) => ({
  复议机关: x.reviewOrgan,
  人民法院: x.court,
});

/** 不予受理决定书 with reasons and the applicant's rights (复议 60 days, 诉讼 6 months). */
export function rejectionDecision(data: RejectionDecisionData): OfficialDocument {
  const w = wordingOf(REJECTION_DECISION_WORDING, data.wording);
  const blocks: DocumentBlock[] = [
    p(w.text('intro', applicationVars(data))),
    ...data.reasons.map(item),
    p(w.text('decision', { 法律依据: data.legalBasis })),
  ];
  if (data.competentAuthority) blocks.push(p(w.text('referral', { 有权机关: data.competentAuthority })));
  blocks.push(p(w.text('rights', rightsVars(data))));
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    addressee: data.applicant,
    blocks,
    date: data.date,
  });
}

const CORRECTION =
  '按上述要求补正全部材料后重新提交。补正期间不计入审批时限，自收到全部补正材料之日起，视为受理。';

export const ONE_TIME_NOTICE_WORDING = {
  title: title('补正材料一次性告知书'),
  intro: applicationSlot(
    '申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：',
  ),
  correctBy: {
    label: '补正要求（有期限）',
    text: `请于{补正期限}前${CORRECTION}`,
    vars: { 补正期限: '补正截止日期' },
    required: ['补正期限'],
  },
  correction: { label: '补正要求（无期限）', text: `请${CORRECTION}` },
} satisfies WordingSlots;

export interface OneTimeNoticeData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  missing: { name: string; requirement?: string }[];
  /** Deadline for the correction (补正). */
  correctBy?: IsoDate;
  contact?: Contact;
}

/** 一次性告知书 (补正材料, 行政许可法 Art. 32 (4)). */
export function oneTimeNotice(data: OneTimeNoticeData): OfficialDocument {
  const w = wordingOf(ONE_TIME_NOTICE_WORDING, data.wording);
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    addressee: data.applicant,
    blocks: [
      p(w.text('intro', applicationVars(data))),
      ...data.missing.map((m) => item(m.requirement ? `${m.name}：${m.requirement}` : m.name)),
      p(data.correctBy ? w.text('correctBy', { 补正期限: d(data.correctBy) }) : w.text('correction')),
    ],
    date: data.date,
    note: contactNote(data.contact),
  });
}

export const LICENCE_DECISION_WORDING = {
  title: title('准予行政许可决定书'),
  intro: applicationSlot(
    '符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。',
  ),
  licence: {
    label: '许可证件',
    text: '许可证件：{证件名称}（编号：{证件编号}）{有效期}。请凭本决定书到政务服务中心综合窗口领取，或按你（单位）选择的方式送达。',
    vars: { 证件名称: '结果证照名称', 证件编号: '证照编号', 有效期: '“，有效期至某日”，无期限时为空' },
    required: ['证件名称', '证件编号', '有效期'],
  },
} satisfies WordingSlots;

export interface LicenceDecisionData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  /** 结果证照名称 and 编号 (R-CASE-5). */
  resultName: string;
  resultNumber: string;
  validTo?: IsoDate;
  contact?: Contact;
}

/** 准予行政许可决定书 (行政许可法 Art. 38 (1), 39). */
export function licenceDecision(data: LicenceDecisionData): OfficialDocument {
  const w = wordingOf(LICENCE_DECISION_WORDING, data.wording);
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    addressee: data.applicant,
    blocks: [
      p(w.text('intro', applicationVars(data))),
      p(
        w.text('licence', {
          证件名称: data.resultName,
          证件编号: data.resultNumber,
          有效期: data.validTo ? `，有效期至${d(data.validTo)}` : '',
        }),
      ),
    ],
    date: data.date,
    note: contactNote(data.contact),
  });
}

export const DENIAL_DECISION_WORDING = {
  title: title('不予行政许可决定书'),
  intro: applicationSlot('存在下列情形：'),
  decision: {
    label: '决定',
    text: '根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。',
  },
  rights: RIGHTS_SLOT,
} satisfies WordingSlots;

export interface DenialDecisionData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  reasons: string[];
  reviewOrgan: string;
  court: string;
}

/** 不予行政许可决定书 with reasons and the applicant's rights (行政许可法 Art. 38 (2)). */
export function denialDecision(data: DenialDecisionData): OfficialDocument {
  const w = wordingOf(DENIAL_DECISION_WORDING, data.wording);
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    addressee: data.applicant,
    blocks: [
      p(w.text('intro', applicationVars(data))),
      ...data.reasons.map(item),
      p(w.text('decision')),
      p(w.text('rights', rightsVars(data))),
    ],
    date: data.date,
  });
}

export interface AgencyParty {
  name: string;
  /** 统一社会信用代码. */
  uscc?: string;
  contact: Contact;
}

export const AGENCY_AGREEMENT_WORDING = {
  title: title('工程建设项目审批代办服务委托协议'),
  purpose: {
    label: '协议目的',
    text: '为加快{项目}审批进程，甲乙双方本着自愿、平等的原则，就工程建设项目审批代办服务事项达成如下协议：',
    vars: PROJECT,
    required: ['项目'],
  },
  principalDuty: {
    label: '甲方责任',
    text: '甲方对提供的申请材料的真实性、合法性、有效性负责，按照乙方一次性告知的要求及时补正材料，并按照法律法规规定缴纳相关费用。',
  },
  agentDuty: {
    label: '乙方责任',
    text: '乙方提供无偿代办服务，负责政策咨询、申报辅导、材料预审、跟踪协调等工作，及时向甲方反馈办理进度，不得收取任何费用，不得代替审批部门作出审批决定。',
  },
  termination: {
    label: '协议终止',
    text: '代办事项全部办结、代办期限届满、甲方书面申请终止或者甲方不配合补正材料致使代办无法进行的，本协议终止。乙方终止代办的，应当书面告知甲方并退还有关材料。',
  },
  other: { label: '其他', text: '本协议一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。' },
} satisfies WordingSlots;

export interface AgencyAgreementData extends Issuer {
  number?: string;
  date: IsoDate;
  principal: AgencyParty;
  agent: AgencyParty;
  project: ProjectRef;
  /** Matters entrusted, e.g. '建设工程规划许可证核发'. */
  scope: string[];
  from: IsoDate;
  to: IsoDate;
}

function partyLine(role: string, x: AgencyParty): string {
  const code = x.uscc ? `，统一社会信用代码：${x.uscc}` : '';
  return `${role}：${x.name}${code}，联系人：${x.contact.name}，联系电话：${x.contact.phone}`;
}

/** 委托代办协议 between the applicant (委托方) and the 代办 service (受托方, the issuer). */
export function agencyAgreement(data: AgencyAgreementData): OfficialDocument {
  const w = wordingOf(AGENCY_AGREEMENT_WORDING, data.wording);
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    blocks: [
      p(`${partyLine('委托方（甲方）', data.principal)}。`),
      p(`${partyLine('受托方（乙方）', data.agent)}。`),
      p(w.text('purpose', { 项目: projectLine(data.project) })),
      h1('代办事项'),
      ...data.scope.map(item),
      h1('代办期限'),
      p(`自${d(data.from)}起至${d(data.to)}止。`),
      h1('甲方责任'),
      p(w.text('principalDuty')),
      h1('乙方责任'),
      p(w.text('agentDuty')),
      h1('协议终止'),
      p(w.text('termination')),
      h1('其他'),
      p(w.text('other')),
      p(`甲方（盖章）：${data.principal.name}`),
      p('甲方代表（签字）：'),
    ],
    date: data.date,
  });
}

export const AGENCY_TERMINATION_WORDING = {
  title: title('审批代办服务终止告知书'),
  intro: {
    label: '开头',
    text: '你（单位）与我中心签订的{项目}审批代办服务委托协议{协议编号}，因{终止原因}，根据协议约定，代办服务自{终止日期}起终止。',
    vars: {
      ...PROJECT,
      协议编号: '“（协议编号：…）”，无编号时为空',
      终止原因: '终止原因',
      终止日期: '终止生效日期',
    },
    required: ['终止原因', '终止日期'],
  },
  returned: { label: '退还材料引语', text: '现将代办期间收取的下列材料退还你（单位），请予签收：' },
  after: {
    label: '终止后的办理',
    text: '代办终止后，你（单位）可以自行向有关审批部门申请办理，也可以重新申请代办服务。',
  },
  ending: { label: '结束语', text: '特此告知。' },
} satisfies WordingSlots;

export interface AgencyTerminationData extends Issuer {
  number: string;
  date: IsoDate;
  principal: string;
  project: ProjectRef;
  agreementNumber?: string;
  reason: string;
  effectiveDate: IsoDate;
  /** Materials returned to the applicant. */
  returned: string[];
  contact?: Contact;
}

/** 代办终止告知书. */
export function agencyTerminationNotice(data: AgencyTerminationData): OfficialDocument {
  const w = wordingOf(AGENCY_TERMINATION_WORDING, data.wording);
  const blocks: DocumentBlock[] = [
    p(
      w.text('intro', {
        项目: projectLine(data.project),
        协议编号: data.agreementNumber ? `（协议编号：${data.agreementNumber}）` : '',
        终止原因: data.reason,
        终止日期: d(data.effectiveDate),
      }),
    ),
  ];
  if (data.returned.length > 0) blocks.push(p(w.text('returned')), ...data.returned.map(item));
  blocks.push(p(w.text('after')), p(w.text('ending')));
  return base(data, 'letter', {
    number: data.number,
    title: w.text('title'),
    addressee: data.principal,
    blocks,
    date: data.date,
    note: contactNote(data.contact),
  });
}

/** The slots of each template, by document kind (the keys of the number series). */
export const TEMPLATE_WORDING: Readonly<Record<string, WordingSlots>> = {
  notification_letter: NOTIFICATION_LETTER_WORDING,
  consultation_letter: CONSULTATION_LETTER_WORDING,
  meeting_notice: MEETING_NOTICE_WORDING,
  minutes: MINUTES_WORDING,
  supervision_order: SUPERVISION_ORDER_WORDING,
  supervision_notice: SUPERVISION_NOTICE_WORDING,
  acceptance_notice: ACCEPTANCE_NOTICE_WORDING,
  rejection_decision: REJECTION_DECISION_WORDING,
  one_time_notice: ONE_TIME_NOTICE_WORDING,
  licence_decision: LICENCE_DECISION_WORDING,
  denial_decision: DENIAL_DECISION_WORDING,
  agency_agreement: AGENCY_AGREEMENT_WORDING,
  agency_termination: AGENCY_TERMINATION_WORDING,
};
