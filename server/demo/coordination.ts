import type { Db } from '../db/client.ts';
import { closeRequest } from '../modules/coordination/close-request.ts';
import { completeCommitment } from '../modules/coordination/complete-commitment.ts';
import { consult } from '../modules/coordination/consult.ts';
import { requestDetail } from '../modules/coordination/coordination.read.ts';
import { decideOutcome } from '../modules/coordination/decide-outcome.ts';
import { escalate } from '../modules/coordination/escalate.ts';
import { saveReply } from '../modules/coordination/save-reply.ts';
import { sendLetter } from '../modules/coordination/send-letter.ts';
import { signReply } from '../modules/coordination/sign-reply.ts';
import { submitRequest } from '../modules/coordination/submit-request.ts';
import { uploadFile } from '../modules/coordination/upload-file.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';
import { signatureScanner } from '../platform/files/files.ts';
import type { ActionContext as Ctx } from '../platform/workflow/runner.ts';
import { demoCtx } from './principals.ts';

// Demo coordination requests in 南湖区, made through the same services a user drives, so that the
// board, the department workbenches, the tracker and the precedents have something real to show:
// one resolved by a letter (a precedent), one waiting for replies, one at the window level.

export async function seedDemoCoordination(db: Db, secrets: SecretBox) {
  const ctx = (username: string): Promise<Ctx> => demoCtx(db, secrets, username);
  const unitId = async (name: string) =>
    Number(
      (await db.selectFrom('unit').select('id').where('name', '=', `南湖区${name}`).executeTakeFirstOrThrow())
        .id,
    );
  const version = async (id: number) =>
    (await requestDetail(db, (await ctx('nanhu.coord')).principal, id)).row.version;
  const consultationOf = async (id: number, department: string) => {
    const d = await requestDetail(db, (await ctx('nanhu.coord')).principal, id);
    return d.cons.find((c) => c.department_name === `南湖区${department}`)!;
  };
  const answer = async (
    user: string,
    id: number,
    department: string,
    reply: Parameters<typeof saveReply>[3],
  ) => {
    const c = await consultationOf(id, department);
    await saveReply(await ctx(user), Number(c.id), c.version, reply);
    await signReply(await ctx(user), Number(c.id), c.version + 1);
  };

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const attach = async (c: Ctx, name: string) => (await uploadFile(c, signatureScanner, pdf, name)).id;
  const coord = await ctx('nanhu.coord');

  // 1. Resolved by a notification letter, its commitments done: a precedent for similar problems.
  const ent = await ctx('ent.zhineng');
  const a = await submitRequest(ent, {
    source: 'enterprise',
    projectName: '年产5万台工业机器人项目',
    projectCode: '2611-330402-04-01-123456',
    overview: '项目总投资12亿元，用地120亩，建设机器人整机及核心部件生产线，计划明年一季度开工。',
    problem:
      '建设工程规划许可证核发需要施工图审查意见，施工图审查又要求先取得规划许可，两个环节互为前置，项目无法按期开工。',
    positions: [
      { department: '自然资源和规划局', position: '须先完成施工图审查。' },
      { department: '住房和城乡建设局', position: '须先取得建设工程规划许可证。' },
    ],
    proposal: '以告知承诺方式先行核发规划许可，施工图审查并联开展。',
    contactName: '钱志远',
    contactPhone: '13905730001',
    fileIds: [await attach(ent, '关于请求协调规划许可与施工图审查时序的函.pdf')],
    urgent: false,
  });
  await consult(coord, a.id, await version(a.id), {
    matters: [
      {
        title: '建设工程规划许可与施工图审查的办理时序',
        complexity: 'simple',
        departmentIds: [await unitId('自然资源和规划局'), await unitId('住房和城乡建设局')],
      },
    ],
  });
  await answer('nanhu.lead2', a.id, '自然资源和规划局', {
    stance: 'conditional',
    opinion: '同意以告知承诺方式先行核发建设工程规划许可证。',
    legalBasis: '《浙江省工程建设项目审批制度改革实施方案》',
    conditions: '建设单位须在开工前补交施工图审查合格书。',
    commitments: [{ content: '核发建设工程规划许可证', dueDays: 5 }],
    fileIds: [],
  });
  await answer('nanhu.lead3', a.id, '住房和城乡建设局', {
    stance: 'agree',
    opinion: '同意施工图审查与规划许可并联开展。',
    legalBasis: '',
    conditions: '',
    commitments: [{ content: '完成施工图审查并核发施工许可证', dueDays: 10 }],
    fileIds: [],
  });
  await decideOutcome(coord, a.id, await version(a.id), { outcome: 'letter' });
  await sendLetter(coord, a.id, await version(a.id));
  for (const k of (await requestDetail(db, coord.principal, a.id)).ks) {
    await completeCommitment(coord, Number(k.id), k.version, { note: '已按承诺办结。' });
  }
  await closeRequest(coord, a.id, await version(a.id), {
    resolution: '规划许可以告知承诺方式先行核发，施工图审查并联开展，项目已开工。',
  });

  // 2. Registered at the window, escalated through the stage lead department to the center,
  // now waiting for the departments' replies.
  const clerk = await ctx('nanhu.clerk');
  const b = await submitRequest(clerk, {
    source: 'window',
    applicantName: '嘉兴南湖数字产业发展有限公司',
    projectName: '南湖数字经济产业园二期',
    overview: '产业园二期建设研发楼及数据中心，建筑面积8.6万平方米。',
    problem: '数据中心特殊建设工程消防设计审查与施工图审查如何衔接不明确，消防审查意见迟迟未出。',
    positions: [],
    proposal: '',
    contactName: '沈晓燕',
    contactPhone: '13857300212',
    fileIds: [],
    urgent: true,
  });
  const lead3 = await ctx('nanhu.lead3');
  await escalate(clerk, b.id, await version(b.id), {
    reason: '涉及住建、消防两个部门，窗口无法协调。',
    stageLeadUnitId: await unitId('住房和城乡建设局'),
    supplement: { positions: [{ department: '消防救援大队', position: '须先取得施工图审查合格书。' }] },
  });
  await escalate(lead3, b.id, await version(b.id), {
    reason: '牵头部门协调未果，提请中心组织书面征询。',
    supplement: {
      proposal: '消防设计审查与施工图审查并联开展，以联合审查意见为准。',
      fileIds: [await attach(lead3, '施工图审查情况说明.pdf')],
    },
  });
  await consult(coord, b.id, await version(b.id), {
    matters: [
      {
        title: '特殊建设工程消防设计审查与施工图审查的衔接',
        complexity: 'simple',
        departmentIds: [await unitId('住房和城乡建设局'), await unitId('自然资源和规划局')],
      },
    ],
  });
  await answer('nanhu.lead3', b.id, '住房和城乡建设局', {
    stance: 'agree',
    opinion: '同意并联开展联合审查。',
    legalBasis: '',
    conditions: '',
    commitments: [{ content: '组织消防设计与施工图联合审查', dueDays: 5 }],
    fileIds: [],
  });

  // 3. Just handed in at the window.
  await submitRequest(clerk, {
    source: 'window',
    applicantName: '嘉兴凤桥农产品加工有限公司',
    projectName: '凤桥镇农产品精深加工园',
    overview: '农产品冷链加工园，计划接入省道出入口。',
    problem: '道路开口审批与建筑工程施工许可的先后顺序不明确。',
    positions: [],
    proposal: '',
    contactName: '姚建平',
    contactPhone: '13605730388',
    fileIds: [],
    urgent: false,
  });
}
