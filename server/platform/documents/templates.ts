// Pure builders of the platform's generated documents (STANDARDS §5.1). Each takes typed data and
// returns an OfficialDocument; data values are inserted as plain text (string concatenation only,
// no template language), so '{{x}}' or '<b>' in the data is printed as it is.
//
// Formats: 函 (告知函, 书面征询意见函) in 信函格式; 通知/通报 in 文件格式 ('standard'); 纪要 in
// 纪要格式. 行政许可文书 (受理通知书, 不予受理决定书, 一次性告知书) and the 代办 agreement/notice are
// not 公文; they use 信函格式 for a light letterhead (issuer name, number flush right, no red head).

import type { IsoDate } from '../../../lib/dates.ts';
import { type DocumentBlock, type DocumentSeal, formatChineseDate, type OfficialDocument } from './model.ts';

/** The issuing side shared by all templates. */
export interface Issuer {
  /** 发文机关标志 (or letterhead name). */
  issuerMark: string;
  /** 发文机关署名. */
  signatureName: string;
  seal?: DocumentSeal;
  /** Printed small on the last page, e.g. '平台校验签名，非法定电子印章'. */
  footerLabel?: string;
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
  const blocks: DocumentBlock[] = [
    p(
      `${projectLine(data.project)}已纳入工程建设项目审批服务协同办理。经与相关部门会商，现将各部门服务承诺事项告知如下：`,
    ),
  ];
  for (const c of data.commitments) {
    blocks.push(h1(c.department));
    for (const t of c.items) blocks.push(item(t));
    if (c.dueDate) blocks.push(p(`上述事项承诺于${d(c.dueDate)}前办结。`));
  }
  blocks.push(
    p(
      '上述承诺时限不含申请人补正材料、特别程序等不计入审批时限的时间。如对承诺事项有疑问，请与我局联系；办理过程中如遇问题，可通过审批服务协同平台反映，我局将及时协调解决。',
    ),
    p('特此函告。'),
  );
  return base(data, 'letter', {
    number: data.number,
    title: `关于${data.project.name}审批服务事项部门承诺的告知函`,
    addressee: data.addressee,
    blocks,
    date: data.date,
    note: contactNote(data.contact),
    copyTo: data.copyTo,
  });
}

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
  return base(data, 'letter', {
    number: data.number,
    title: `关于${data.project.name}${data.matter}事项征询意见的函`,
    addressee: data.addressee,
    blocks: [
      p(
        `我局在办理${projectLine(data.project)}${data.matter}事项过程中，涉及贵单位职责范围内的有关问题。为提高审批效率，现书面征询贵单位意见：`,
      ),
      ...data.questions.map(item),
      p(
        `请于${d(data.replyBy)}前将书面意见（加盖单位公章）通过审批服务协同平台反馈我局。逾期未反馈的，记为逾期未答复并纳入督办。`,
      ),
      p('特此函询。'),
    ],
    attachments: data.attachments,
    date: data.date,
    note: contactNote(data.contact),
  });
}

export interface MeetingNoticeData extends Issuer {
  number: string;
  date: IsoDate;
  addressee: string;
  meetingName: string;
  meetingDate: IsoDate;
  /** e.g. '14:30'. */
  startTime: string;
  place: string;
  participants: string[];
  agenda: string[];
  requirements?: string[];
  contact?: Contact;
  copyTo?: string[];
  printedBy?: { unit: string; date: IsoDate };
}

/** 会议通知. */
export function meetingNotice(data: MeetingNoticeData): OfficialDocument {
  const requirements = data.requirements ?? [
    '请参会单位于会前一个工作日将参会人员名单报送我局。',
    '请参会人员提前10分钟到达会场，会议期间将手机调至静音状态。',
  ];
  return base(data, 'standard', {
    number: data.number,
    title: `关于召开${data.meetingName}的通知`,
    addressee: data.addressee,
    blocks: [
      p(`经研究，定于${d(data.meetingDate)}召开${data.meetingName}。现将有关事项通知如下：`),
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
  return base({ ...data, issuerMark: data.minutesMark }, 'minutes', {
    number: data.number,
    title: data.title,
    blocks: [
      p(`${d(data.meetingDate)}，${data.chair}在${data.place}主持召开会议。`),
      ...data.summary.map(p),
      p('现将会议议定事项纪要如下：'),
      ...data.decisions.map((x) => item(`${x.text}（责任单位：${x.owner}；完成时限：${d(x.dueDate)}前）`)),
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

function overdueLine(x: OverdueItem): string {
  const state = x.overdueDays > 0 ? `已超期${x.overdueDays}个工作日` : '即将到期';
  return `${x.projectName}${x.matter}（办件编号：${x.caseNumber}），办理时限至${d(x.dueDate)}，${state}`;
}

/** 督办通知 to one department. */
export function supervisionNotice(data: SupervisionNoticeData): OfficialDocument {
  return base(data, 'standard', {
    number: data.number,
    title: '关于加快办理工程建设项目审批事项的督办通知',
    addressee: data.addressee,
    blocks: [
      p(
        `根据审批服务协同平台监测，截至${d(data.date)}，你单位承办的下列审批事项已超过或即将超过承诺办理时限：`,
      ),
      ...data.items.map((x) => item(`${overdueLine(x)}。`)),
      p(
        `请你单位高度重视，立即组织核查，加快办理进度，并于${d(data.replyBy)}前将办理情况及未按期办结的原因书面反馈我局。确因特殊情况无法按期办结的，应当说明理由并提出办结时间。`,
      ),
      p('特此通知。'),
    ],
    date: data.date,
    note: contactNote(data.contact),
    copyTo: data.copyTo,
    printedBy: data.printedBy,
  });
}

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
  const byDept = new Map<string, OverdueItem[]>();
  for (const x of data.overdue) byDept.set(x.department, [...(byDept.get(x.department) ?? []), x]);
  const blocks: DocumentBlock[] = [
    p(`为进一步压实审批时限责任，现将${data.period}工程建设项目审批事项办理情况通报如下：`),
    h1('总体情况'),
    p(
      `${data.period}，审批服务协同平台共受理审批事项${data.totalCases}件，按期办结率${data.onTimeRate}；超期未办结事项${data.overdue.length}件，涉及${byDept.size}个部门。`,
    ),
    h1('超期事项'),
  ];
  for (const [dept, list] of byDept) {
    blocks.push(h2(`${dept}（${list.length}件）`));
    for (const x of list) blocks.push(item(`${overdueLine(x)}。`));
  }
  blocks.push(
    h1('工作要求'),
    p(
      '各有关部门要对照通报事项逐件核查，明确责任人和办结时限，尽快办结；对无正当理由超期的，将按照有关规定纳入年度考核。',
    ),
  );
  return base(data, 'standard', {
    number: data.number,
    title: `关于${data.period}工程建设项目审批事项超期办理情况的通报`,
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

export interface AcceptanceNoticeData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  /** 承诺办结日期. */
  dueDate: IsoDate;
  /** 法定/承诺办理时限 in working days. */
  limitDays: number;
  contact?: Contact;
}

/** 受理通知书 (行政许可法 Art. 32 (5)). */
export function acceptanceNotice(data: AcceptanceNoticeData): OfficialDocument {
  return base(data, 'letter', {
    number: data.number,
    title: '行政许可受理通知书',
    addressee: data.applicant,
    blocks: [
      p(
        `你（单位）于${d(data.applicationDate)}提出的${data.matterName}申请（办件编号：${data.caseNumber}），经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，本机关决定予以受理。`,
      ),
      p(
        `本机关将在${data.limitDays}个工作日内（预计${d(data.dueDate)}前）作出决定。依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在上述期限内，本机关将书面告知。`,
      ),
      p('请妥善保管本通知书，并可凭办件编号通过审批服务协同平台查询办理进度。'),
    ],
    date: data.date,
    note: contactNote(data.contact),
  });
}

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

/** 不予受理决定书 with reasons and the applicant's rights (复议 60 days, 诉讼 6 months). */
export function rejectionDecision(data: RejectionDecisionData): OfficialDocument {
  const blocks: DocumentBlock[] = [
    p(
      `你（单位）于${d(data.applicationDate)}提出的${data.matterName}申请（办件编号：${data.caseNumber}），经审查，存在下列情形：`,
    ),
    ...data.reasons.map(item),
    p(`根据${data.legalBasis}的规定，本机关决定不予受理。`),
  ];
  if (data.competentAuthority) blocks.push(p(`请你（单位）向${data.competentAuthority}提出申请。`));
  blocks.push(
    p(
      `如不服本决定，可以自收到本决定书之日起六十日内向${data.reviewOrgan}申请行政复议，或者自收到本决定书之日起六个月内向${data.court}提起行政诉讼。`,
    ),
  );
  return base(data, 'letter', {
    number: data.number,
    title: '不予受理决定书',
    addressee: data.applicant,
    blocks,
    date: data.date,
  });
}

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
  const deadline = data.correctBy ? `请于${d(data.correctBy)}前` : '请';
  return base(data, 'letter', {
    number: data.number,
    title: '补正材料一次性告知书',
    addressee: data.applicant,
    blocks: [
      p(
        `你（单位）于${d(data.applicationDate)}提出的${data.matterName}申请（办件编号：${data.caseNumber}），经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：`,
      ),
      ...data.missing.map((m) => item(m.requirement ? `${m.name}：${m.requirement}` : m.name)),
      p(
        `${deadline}按上述要求补正全部材料后重新提交。补正期间不计入审批时限，自收到全部补正材料之日起，视为受理。`,
      ),
    ],
    date: data.date,
    note: contactNote(data.contact),
  });
}

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
  return base(data, 'letter', {
    number: data.number,
    title: '准予行政许可决定书',
    addressee: data.applicant,
    blocks: [
      p(
        `你（单位）于${d(data.applicationDate)}提出的${data.matterName}申请（办件编号：${data.caseNumber}），经审查，符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。`,
      ),
      p(
        `许可证件：${data.resultName}（编号：${data.resultNumber}）${data.validTo ? `，有效期至${d(data.validTo)}` : ''}。请凭本决定书到政务服务中心综合窗口领取，或按你（单位）选择的方式送达。`,
      ),
    ],
    date: data.date,
    note: contactNote(data.contact),
  });
}

export interface DenialDecisionData extends Issuer, ApplicationRef {
  number: string;
  date: IsoDate;
  reasons: string[];
  reviewOrgan: string;
  court: string;
}

/** 不予行政许可决定书 with reasons and the applicant's rights (行政许可法 Art. 38 (2)). */
export function denialDecision(data: DenialDecisionData): OfficialDocument {
  return base(data, 'letter', {
    number: data.number,
    title: '不予行政许可决定书',
    addressee: data.applicant,
    blocks: [
      p(
        `你（单位）于${d(data.applicationDate)}提出的${data.matterName}申请（办件编号：${data.caseNumber}），经审查，存在下列情形：`,
      ),
      ...data.reasons.map(item),
      p('根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。'),
      p(
        `如不服本决定，可以自收到本决定书之日起六十日内向${data.reviewOrgan}申请行政复议，或者自收到本决定书之日起六个月内向${data.court}提起行政诉讼。`,
      ),
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
  return base(data, 'letter', {
    number: data.number,
    title: '工程建设项目审批代办服务委托协议',
    blocks: [
      p(`${partyLine('委托方（甲方）', data.principal)}。`),
      p(`${partyLine('受托方（乙方）', data.agent)}。`),
      p(
        `为加快${projectLine(data.project)}审批进程，甲乙双方本着自愿、平等的原则，就工程建设项目审批代办服务事项达成如下协议：`,
      ),
      h1('代办事项'),
      ...data.scope.map(item),
      h1('代办期限'),
      p(`自${d(data.from)}起至${d(data.to)}止。`),
      h1('甲方责任'),
      p(
        '甲方对提供的申请材料的真实性、合法性、有效性负责，按照乙方一次性告知的要求及时补正材料，并按照法律法规规定缴纳相关费用。',
      ),
      h1('乙方责任'),
      p(
        '乙方提供无偿代办服务，负责政策咨询、申报辅导、材料预审、跟踪协调等工作，及时向甲方反馈办理进度，不得收取任何费用，不得代替审批部门作出审批决定。',
      ),
      h1('协议终止'),
      p(
        '代办事项全部办结、代办期限届满、甲方书面申请终止或者甲方不配合补正材料致使代办无法进行的，本协议终止。乙方终止代办的，应当书面告知甲方并退还有关材料。',
      ),
      h1('其他'),
      p('本协议一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。'),
      p(`甲方（盖章）：${data.principal.name}`),
      p('甲方代表（签字）：'),
    ],
    date: data.date,
  });
}

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
  const agreement = data.agreementNumber ? `（协议编号：${data.agreementNumber}）` : '';
  const blocks: DocumentBlock[] = [
    p(
      `你（单位）与我中心签订的${projectLine(data.project)}审批代办服务委托协议${agreement}，因${data.reason}，根据协议约定，代办服务自${d(data.effectiveDate)}起终止。`,
    ),
  ];
  if (data.returned.length > 0) {
    blocks.push(p('现将代办期间收取的下列材料退还你（单位），请予签收：'), ...data.returned.map(item));
  }
  blocks.push(
    p('代办终止后，你（单位）可以自行向有关审批部门申请办理，也可以重新申请代办服务。'),
    p('特此告知。'),
  );
  return base(data, 'letter', {
    number: data.number,
    title: '审批代办服务终止告知书',
    addressee: data.principal,
    blocks,
    date: data.date,
    note: contactNote(data.contact),
  });
}
