// Sample data for each template: the preview an administrator sees while rewording a region's
// templates, and the documents the template tests render.

import type { OfficialDocument } from './model.ts';
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

/** One sample document per template kind, issued by the given issuer. */
export const SAMPLE_DOCUMENTS: Readonly<Record<string, (issuer: Issuer) => OfficialDocument>> = {
  notification_letter: (issuer) =>
    notificationLetter({
      ...issuer,
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
  consultation_letter: (issuer) =>
    consultationLetter({
      ...issuer,
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
  meeting_notice: (issuer) =>
    meetingNotice({
      ...issuer,
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
  minutes: (issuer) =>
    meetingMinutes({
      ...issuer,
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
  supervision_order: (issuer) =>
    supervisionNotice({
      ...issuer,
      number: '南审督〔2026〕8号',
      date: '2026-09-18',
      addressee: '区住建局',
      items: [overdue[0]!],
      replyBy: '2026-09-21',
      contact,
    }),
  supervision_notice: (issuer) =>
    supervisionBulletin({
      ...issuer,
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
  acceptance_notice: (issuer) =>
    acceptanceNotice({
      ...issuer,
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
  rejection_decision: (issuer) =>
    rejectionDecision({
      ...issuer,
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
  one_time_notice: (issuer) =>
    oneTimeNotice({
      ...issuer,
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
  licence_decision: (issuer) =>
    licenceDecision({
      ...issuer,
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
  denial_decision: (issuer) =>
    denialDecision({
      ...issuer,
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
  agency_agreement: (issuer) =>
    agencyAgreement({
      ...issuer,
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
  agency_termination: (issuer) =>
    agencyTerminationNotice({
      ...issuer,
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
};
