import type { Db } from '../db/client.ts';
import { consult } from '../modules/coordination/consult.ts';
import { requestDetail } from '../modules/coordination/coordination.read.ts';
import { decideOutcome } from '../modules/coordination/decide-outcome.ts';
import { saveReply } from '../modules/coordination/save-reply.ts';
import { signReply } from '../modules/coordination/sign-reply.ts';
import { submitRequest } from '../modules/coordination/submit-request.ts';
import { uploadFile } from '../modules/coordination/upload-file.ts';
import { acknowledgeMeeting } from '../modules/meetings/acknowledge-meeting.ts';
import { addMaterial } from '../modules/meetings/add-material.ts';
import { approveAgenda } from '../modules/meetings/approve-agenda.ts';
import { approveMinutes } from '../modules/meetings/approve-minutes.ts';
import { conveneMeeting } from '../modules/meetings/convene-meeting.ts';
import { createMeeting } from '../modules/meetings/create-meeting.ts';
import { decideProposal } from '../modules/meetings/decide-proposal.ts';
import { holdMeeting } from '../modules/meetings/hold-meeting.ts';
import { issueMinutes } from '../modules/meetings/issue-minutes.ts';
import { meetingDetail, scheduleList } from '../modules/meetings/meetings.read.ts';
import { planRegularMeeting } from '../modules/meetings/plan-regular-meeting.ts';
import { proposeTopic } from '../modules/meetings/propose-topic.ts';
import { receiveMinutes } from '../modules/meetings/receive-minutes.ts';
import { saveJointSystem } from '../modules/meetings/save-joint-system.ts';
import { saveMinutes } from '../modules/meetings/save-minutes.ts';
import { saveSchedule } from '../modules/meetings/save-schedule.ts';
import { SYSTEM_ACTOR } from '../platform/audit/audit.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';
import { signatureScanner } from '../platform/files/files.ts';
import { demoCtx } from './principals.ts';

// Demo meetings in 南湖区, made through the same use cases a user drives: a special meeting whose
// minutes are issued and whose decisions are tracked; one under way waiting for its record; a
// request proposed for a meeting not yet convened; then (after the cases) a joint meeting chaired
// by a deputy convener and the regular meeting of a standing schedule. A meeting cannot be scheduled in the past, so the ones already held are
// scheduled two weeks ahead (a notice period never spans a whole holiday), convened, and then
// moved to the time they "took place".

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const at = (days: number, hour: number, minute = 0) => {
  const d = new Date(Date.now() + days * DAY);
  const ymd = new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${ymd}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
};

export async function seedDemoMeetings(db: Db, secrets: SecretBox) {
  const ctx = (username: string) => demoCtx(db, secrets, username);
  const coord = await ctx('nanhu.coord');
  const leader = await ctx('nanhu.leader');
  const unitId = async (name: string) =>
    Number(
      (await db.selectFrom('unit').select('id').where('name', '=', `南湖区${name}`).executeTakeFirstOrThrow())
        .id,
    );
  const requestVersion = async (id: number) => (await requestDetail(db, coord.principal, id)).row.version;
  const meetingVersion = async (id: number) => (await meetingDetail(db, coord.principal, id)).row.version;
  const startedAgo = (id: number, hours: number) =>
    db
      .updateTable('meeting')
      .set({ starts_at: new Date(Date.now() - hours * 3_600_000) })
      .where('id', '=', id)
      .execute();

  /** A request whose departments disagree, proposed for a special meeting. */
  const disagreeing = async (input: {
    user: string;
    projectName: string;
    problem: string;
    matter: string;
    replies: [string, string, 'agree' | 'conditional' | 'disagree', string][];
  }) => {
    const sub = await ctx(input.user);
    const letter = await uploadFile(sub, signatureScanner, PDF, `关于${input.projectName}的协调申请.pdf`);
    const r = await submitRequest(sub, {
      source: 'enterprise',
      projectName: input.projectName,
      overview: `${input.projectName}，总投资约8亿元，计划明年开工。`,
      problem: input.problem,
      positions: input.replies.map(([, dept, , opinion]) => ({ department: dept, position: opinion })),
      proposal: '请中心组织相关部门研究。',
      contactName: '沈立新',
      contactPhone: '13905730611',
      fileIds: [letter.id],
      urgent: false,
    });
    await consult(coord, r.id, await requestVersion(r.id), {
      matters: [
        {
          title: input.matter,
          complexity: 'major',
          departmentIds: await Promise.all(input.replies.map(([, dept]) => unitId(dept))),
        },
      ],
    });
    for (const [user, dept, stance, opinion] of input.replies) {
      const d = await requestDetail(db, coord.principal, r.id);
      const c = d.cons.find((x) => x.department_name === `南湖区${dept}`)!;
      const replier = await ctx(user);
      await saveReply(replier, Number(c.id), c.version, {
        stance,
        opinion,
        legalBasis: '',
        conditions: stance === 'conditional' ? '须先完成区域评估。' : '',
        commitments: [],
        fileIds: [],
      });
      await signReply(replier, Number(c.id), c.version + 1);
    }
    await decideOutcome(coord, r.id, await requestVersion(r.id), { outcome: 'meeting' });
    return r.id;
  };

  // 1. Held last week; minutes issued; two decisions tracked on the request.
  const a = await disagreeing({
    user: 'ent.zhineng',
    projectName: '年产2万吨新型复合材料项目',
    problem: '项目用地规划条件与产业准入要求不一致，环评与规划许可互为前置，项目无法推进。',
    matter: '用地规划条件调整与环评审批的衔接',
    replies: [
      ['nanhu.lead2', '自然资源和规划局', 'disagree', '规划条件不宜调整，须按现行控规执行。'],
      ['nanhu.lead', '发展和改革局', 'conditional', '同意调整，须符合产业准入目录。'],
    ],
  });
  const m1 = await createMeeting(coord, {
    kind: 'special',
    title: '年产2万吨新型复合材料项目专题协调会',
    startsAt: at(14, 14, 30),
    place: '南湖区行政审批局三楼第一会议室',
    chair: '区政府副区长 周强',
    urgent: false,
    noticeDays: 2,
    requestId: a,
  });
  await approveAgenda(leader, m1, await meetingVersion(m1), {});
  await conveneMeeting(coord, m1, await meetingVersion(m1));
  await acknowledgeMeeting(await ctx('nanhu.lead2'), m1, { attendee: '资规 钱磊', substitute: false });
  await acknowledgeMeeting(await ctx('nanhu.lead'), m1, { attendee: '发改 孙伟', substitute: false });
  await startedAgo(m1, 24 * 6);
  await holdMeeting(coord, m1, await meetingVersion(m1), {
    attendance: [
      { unitId: await unitId('自然资源和规划局'), attendance: 'present', attendee: '资规 钱磊' },
      { unitId: await unitId('发展和改革局'), attendance: 'present', attendee: '发改 孙伟' },
    ],
    discussions: [{ seq: 1, discussion: '会议认为项目符合产业导向，规划条件可在控规允许范围内优化。' }],
    decisions: [
      {
        content: '自然资源和规划局在控规允许范围内优化规划条件并出具书面意见',
        ownerUnitId: await unitId('自然资源和规划局'),
        coOwnerUnitIds: [],
        dueDays: 10,
        topicSeq: 1,
      },
      {
        content: '生态环境分局提前介入，同步开展环评技术审查',
        ownerUnitId: await unitId('生态环境分局'),
        coOwnerUnitIds: [],
        dueDays: 5,
        topicSeq: 1,
      },
    ],
  });
  await saveMinutes(
    coord,
    m1,
    await meetingVersion(m1),
    '会议听取了项目单位关于用地规划条件与环评审批衔接问题的汇报，自然资源和规划局、发展和改革局分别发表了意见。经研究，形成如下议定事项。',
  );
  await approveMinutes(leader, m1, await meetingVersion(m1));
  await issueMinutes(coord, m1, await meetingVersion(m1));

  // 2. Under way since an hour ago: convened, one unit acknowledged as a substitute; the record waits.
  const b = await disagreeing({
    user: 'ent.zhineng',
    projectName: '南湖区分布式光伏储能一体化项目',
    problem: '屋顶光伏项目备案与建筑安全鉴定的先后顺序不明确，住建与发改意见不一致。',
    matter: '光伏项目备案与既有建筑安全鉴定的办理顺序',
    replies: [
      ['nanhu.lead', '发展和改革局', 'agree', '同意先行备案。'],
      ['nanhu.lead3', '住房和城乡建设局', 'disagree', '须先取得建筑安全鉴定报告。'],
    ],
  });
  const m2 = await createMeeting(coord, {
    kind: 'special',
    title: '分布式光伏储能一体化项目专题协调会',
    startsAt: at(14, 9, 0),
    place: '南湖区行政审批局二楼会议室',
    chair: '区行政审批局局长 沈建华',
    urgent: false,
    noticeDays: 2,
    requestId: b,
  });
  await approveAgenda(leader, m2, await meetingVersion(m2), {});
  await conveneMeeting(coord, m2, await meetingVersion(m2));
  await acknowledgeMeeting(await ctx('nanhu.lead3'), m2, { attendee: '住建 何静', substitute: true });
  await startedAgo(m2, 1);

  // 3. Proposed for a meeting, not yet convened.
  await disagreeing({
    user: 'ent.zhineng',
    projectName: '智能网联汽车零部件产业园',
    problem: '园区道路接入省道的开口许可与交通影响评价结论不一致，施工许可无法办理。',
    matter: '省道开口许可与交通影响评价的衔接',
    replies: [
      ['nanhu.lead', '发展和改革局', 'conditional', '同意，须先完成交通影响评价。'],
      ['nanhu.lead2', '自然资源和规划局', 'disagree', '开口位置与规划不符。'],
    ],
  });

  // One of the decisions' owners has signed for the minutes; the other has not yet.
  await receiveMinutes(await ctx('nanhu.lead2'), m1, {});
}

/**
 * The meeting system of 南湖区: the joint-meeting system with a joint meeting chaired by a deputy
 * convener, and the weekly regular meeting planned from its standing schedule with the figures of
 * the demo cases (so it is seeded after them).
 */
export async function seedDemoMeetingSystem(db: Db, secrets: SecretBox) {
  const ctx = (username: string) => demoCtx(db, secrets, username);
  const coord = await ctx('nanhu.coord');
  const leader = await ctx('nanhu.leader');
  const director = await ctx('nanhu.leader2');
  const unitId = async (name: string) =>
    Number(
      (await db.selectFrom('unit').select('id').where('name', '=', `南湖区${name}`).executeTakeFirstOrThrow())
        .id,
    );
  const version = async (id: number) => (await meetingDetail(db, coord.principal, id)).row.version;
  const depts = await Promise.all(
    [
      '发展和改革局',
      '自然资源和规划局',
      '住房和城乡建设局',
      '市场监督管理局',
      '交通运输局',
      '应急管理局',
    ].map((n) => unitId(n)),
  );
  await saveJointSystem(coord, 0, {
    name: '南湖区工程建设项目审批制度改革联席会议',
    convenerUserId: leader.principal.id,
    deputyUserIds: [director.principal.id],
    officeUnitId: (coord.principal as { unitId: number }).unitId,
    memberUnitIds: depts,
    workingGroups: [
      { name: '项目推进组', leadUserId: (await ctx('nanhu.lead')).principal.id, unitIds: depts.slice(0, 2) },
      { name: '审批服务组', leadUserId: (await ctx('nanhu.lead3')).principal.id, unitIds: depts.slice(2, 4) },
    ],
  });

  // 4. A joint meeting: a member unit's topic accepted, the agenda approved by the convener, who
  // names the deputy convener to chair it; convened with its materials.
  const joint = await createMeeting(coord, {
    kind: 'joint',
    title: '南湖区工程建设项目审批制度改革联席会议第四次会议',
    startsAt: at(28, 14, 0),
    place: '南湖区政府第二会议室',
    urgent: false,
    noticeDays: 3,
    topics: [{ title: '研究工程建设项目“拿地即开工”推进中的共性问题', requestId: null }],
  });
  await proposeTopic(await ctx('nanhu.lead2'), joint, {
    title: '规划许可与施工图审查并联办理的衔接',
    reason: '上季度 6 个项目因两者先后顺序不明而延误。',
  });
  const proposal = (await meetingDetail(db, coord.principal, joint)).facts.proposals[0]!;
  await decideProposal(coord, joint, await version(joint), { proposalId: Number(proposal.id), accept: true });
  await addMaterial(coord, signatureScanner, joint, PDF, '拿地即开工推进情况汇报.pdf');
  await approveAgenda(leader, joint, await version(joint), { chairUserId: director.principal.id });
  await conveneMeeting(coord, joint, await version(joint));
  await acknowledgeMeeting(await ctx('nanhu.lead'), joint, { attendee: '发改 孙伟', substitute: false });

  // 5. The weekly regular meeting, planned from its schedule with this week's figures.
  const scheduleId = await saveSchedule(coord, null, 0, {
    title: '南湖区审批服务工作例会',
    cadence: 'weekly',
    day: 1,
    startTime: '09:00',
    place: '南湖区行政审批局一楼会议室',
    chair: '区行政审批局局长 沈建华',
    inviteeUnitIds: depts.slice(0, 4),
    noticeDays: 2,
    leadDays: 5,
    enabled: true,
  });
  const [schedule] = (await scheduleList(db, coord.principal)).filter((s) => Number(s.row.id) === scheduleId);
  const regular = await planRegularMeeting(db, SYSTEM_ACTOR, schedule!.row, { whenDue: false });
  if (regular !== null) await addMaterial(coord, signatureScanner, regular, PDF, '上周审批办件统计表.pdf');
}
