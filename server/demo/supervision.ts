import { addDays, todayIn } from '../../lib/dates.ts';
import type { Db } from '../db/client.ts';
import { decideExtension, requestExtension } from '../modules/supervision/extensions.ts';
import { reportItem } from '../modules/supervision/report-item.ts';
import { itemDetail } from '../modules/supervision/supervision.read.ts';
import { trackItem } from '../modules/supervision/track-item.ts';
import { uploadEvidence } from '../modules/supervision/upload-evidence.ts';
import { urgeItem } from '../modules/supervision/urge-item.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';
import { signatureScanner } from '../platform/files/files.ts';
import { demoCtx } from './principals.ts';

// Demo supervision in 南湖区, made through the same use cases: leader instructions in every state
// the supervision office's workbench shows — one overdue and urged twice, one reported done with
// evidence waiting for confirmation, one with an extension waiting, one on time with progress.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function seedDemoSupervision(db: Db, secrets: SecretBox) {
  const ctx = (username: string) => demoCtx(db, secrets, username);
  const leader = await ctx('nanhu.leader');
  const office = await ctx('nanhu.super');
  const unit = async (name: string) =>
    db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('name', '=', `南湖区${name}`)
      .executeTakeFirstOrThrow();
  const today = todayIn();
  const track = async (dept: string, content: string, days: number, startedDaysAgo: number) => {
    const u = await unit(dept);
    return (
      await trackItem(db, leader.actor, {
        source: 'instruction',
        sourceTitle: '区政府副区长周强批示',
        regionCode: '330402',
        ownerUnitId: Number(u.id),
        ownerName: u.name,
        responsiblePerson: dept === '自然资源和规划局' ? '钱磊' : null,
        content,
        due: { days },
        startDate: addDays(today, -startedDaysAgo),
        createdBy: leader.principal.id,
      })
    ).id;
  };
  const version = async (id: number) => (await itemDetail(db, office.principal, id)).row.version;

  // Overdue, urged twice.
  const late = await track('自然资源和规划局', '完成智能装备产业园地块规划条件核实', 5, 14);
  await urgeItem(office, late, '请于本周内办结。');
  await urgeItem(office, late, '已超期，请说明原因。');

  // Reported done with evidence, waiting for the office's confirmation.
  const officer = await ctx('nanhu.officer2');
  const reported = await track('自然资源和规划局', '梳理年度重点项目用地预审办理清单', 10, 6);
  await reportItem(officer, reported, 0, {
    kind: 'progress',
    note: '已梳理 18 个重点项目，其中 5 个用地预审材料不全。',
    nextWork: '逐一对接项目单位，明确补办时间。',
    fileIds: [],
  });
  const evidence = await uploadEvidence(officer, signatureScanner, PDF, '重点项目用地预审清单.pdf');
  await reportItem(officer, reported, await version(reported), {
    kind: 'done',
    note: '清单已梳理完毕并报区政府。',
    nextWork: '',
    fileIds: [evidence.id],
  });

  // An extension asked for; one granted earlier.
  const lead3 = await ctx('nanhu.lead3');
  const waiting = await track('住房和城乡建设局', '牵头制定既有建筑屋顶光伏安全鉴定指引', 8, 3);
  await requestExtension(lead3, waiting, { days: 5, reason: '需征求省住建厅意见。' });
  const granted = await track('住房和城乡建设局', '完成施工图联合审查系统对接', 6, 5);
  await requestExtension(lead3, granted, { days: 3, reason: '系统接口调试延后。' });
  await decideExtension(office, granted, await version(granted), { grant: true });

  // On time, just handed over.
  await track('市场监督管理局', '推行企业开办全程网办，压缩至 1 个工作日', 20, 1);
}
