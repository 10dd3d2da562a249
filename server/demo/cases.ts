import { todayIn } from '../../lib/dates.ts';
import type { Db } from '../db/client.ts';
import { acceptCase } from '../modules/cases/accept-case.ts';
import { acceptTolerantly } from '../modules/cases/accept-tolerantly.ts';
import { archiveCase } from '../modules/cases/archive-case.ts';
import { caseRow } from '../modules/cases/cases.workflow.ts';
import { decideCase } from '../modules/cases/decide-case.ts';
import { deliverCase } from '../modules/cases/deliver-case.ts';
import { dispatchCase } from '../modules/cases/dispatch-case.ts';
import { passCase } from '../modules/cases/review-case.ts';
import { suspendCase } from '../modules/cases/special-procedure.ts';
import { submitCase } from '../modules/cases/submit-case.ts';
import { itemVersion } from '../modules/catalog/catalog.service.ts';
import { addWorkingDays } from '../platform/calendar/engine.ts';
import { loadCalendar } from '../platform/calendar/store.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';
import { demoCtx } from './principals.ts';

// Demo cases in 南湖区, walked through the same services the window and the departments use, so the
// workbenches, the lists, the board and the exchange have real cases to show on first start. The
// applicants are walk-in companies (no portal account), in 资规 and 住建: the 发改 officer's demo
// deadlines stay as they are.

type Stage = 'submitted' | 'tolerant' | 'in_review' | 'suspended' | 'approved' | 'archived';

const CASES: {
  item: string;
  applicant: string;
  uscc: string;
  contact: [string, string];
  project: [string, string];
  stage: Stage;
  reviewer: string;
  lead: string;
  /** A tolerable material left out at intake and promised by a date (容缺受理). */
  tolerated?: string;
  agent?: string;
}[] = [
  {
    item: '建设用地规划许可证核发',
    applicant: '嘉兴禾丰食品有限公司',
    uscc: '91330402MA2C1A2B34',
    contact: ['沈佳怡', '13905731021'],
    project: ['2610-330402-04-01-201314', '年产2万吨速冻食品生产线项目'],
    stage: 'submitted',
    reviewer: 'nanhu.officer2',
    lead: 'nanhu.lead2',
  },
  {
    item: '建设工程规划许可证核发',
    applicant: '浙江南湖新材料科技有限公司',
    uscc: '91330402MA2C7H8J4H',
    contact: ['朱文斌', '13905731022'],
    project: ['2609-330402-04-01-188260', '高性能复合材料研发中心项目'],
    stage: 'in_review',
    reviewer: 'nanhu.officer2',
    lead: 'nanhu.lead2',
  },
  {
    item: '建设工程规划许可证核发',
    applicant: '嘉兴市南湖区城市建设投资有限公司',
    uscc: '91330402313579246J',
    contact: ['陆海峰', '13905731023'],
    project: ['2608-330402-04-01-176532', '东栅街道安置房二期项目'],
    stage: 'suspended',
    reviewer: 'nanhu.officer2',
    lead: 'nanhu.lead2',
  },
  {
    item: '建筑工程施工许可证核发',
    applicant: '嘉兴南湖云谷数字科技有限公司',
    uscc: '91330402MA2F6G7H80',
    contact: ['蒋雨萱', '13905731026'],
    project: ['2611-330402-04-01-213478', '云谷数字经济产业园一期项目'],
    stage: 'tolerant',
    reviewer: 'nanhu.lead3',
    lead: 'nanhu.lead3',
    tolerated: '施工合同',
    agent: 'nanhu.agent',
  },
  {
    item: '建筑工程施工许可证核发',
    applicant: '嘉兴恒创电子有限公司',
    uscc: '91330402MA2D5E6F7R',
    contact: ['顾晓东', '13905731024'],
    project: ['2607-330402-04-01-165418', '智能传感器生产基地项目'],
    stage: 'approved',
    reviewer: 'nanhu.lead3',
    lead: 'nanhu.lead3',
  },
  {
    item: '建筑工程施工许可证核发',
    applicant: '嘉兴港区绿源环保科技有限公司',
    uscc: '91330400MA2E3K4L5P',
    contact: ['许立新', '13905731025'],
    project: ['2606-330402-04-01-152207', '固废资源化利用中心项目'],
    stage: 'archived',
    reviewer: 'nanhu.lead3',
    lead: 'nanhu.lead3',
  },
];

async function userId(db: Db, username: string) {
  const u = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return Number(u.id);
}

export async function seedDemoCases(db: Db, secrets: SecretBox) {
  const clerk = await demoCtx(db, secrets, 'nanhu.clerk');
  const items = await db
    .selectFrom('service_item')
    .innerJoin('service_item_version as v', 'v.id', 'service_item.current_version_id')
    .select(['v.id', 'v.name'])
    .where('service_item.region_code', '=', '330402')
    .where('service_item.status', '=', 'active')
    .execute();
  for (const c of CASES) {
    const versionId = Number(items.find((i) => i.name === c.item)!.id);
    const { materials } = await itemVersion(db, versionId);
    const { id } = await submitCase(db, clerk.actor, clerk.principal, {
      itemVersionId: versionId,
      applicant: { name: c.applicant, idType: 'uscc', idNumber: c.uscc },
      contact: { name: c.contact[0], phone: c.contact[1] },
      project: { code: c.project[0], name: c.project[1] },
      form: {},
      materials: materials
        .filter((m) => m.name !== c.tolerated)
        .map((m) => ({ materialId: Number(m.id), paperChecked: true })),
      ...(c.agent ? { agentId: await userId(db, c.agent) } : {}),
    });
    if (c.stage === 'submitted') continue;
    const reviewer = await demoCtx(db, secrets, c.reviewer);
    const lead = await demoCtx(db, secrets, c.lead);
    const v = async () => (await caseRow(db, clerk.principal, id)).version;
    const missing = materials.find((m) => m.name === c.tolerated);
    if (missing) {
      // Promised in two working days: the window's panel and the agent show it as due soon.
      const { calendar } = await loadCalendar(db, '330402');
      await acceptTolerantly(clerk, id, await v(), {
        commitments: [
          { materialId: Number(missing.id), committedDate: addWorkingDays(calendar, todayIn(), 2).date },
        ],
      });
    } else {
      await acceptCase(clerk, id, await v());
    }
    await dispatchCase(clerk, id, await v());
    if (c.stage === 'tolerant') continue;
    if (c.stage === 'in_review') continue;
    if (c.stage === 'suspended') {
      await suspendCase(reviewer, id, await v(), {
        kind: 'site_inspection',
        reason: '需现场核实安置房二期用地红线与周边道路退让距离',
      });
      continue;
    }
    await passCase(reviewer, id, await v(), '材料齐全，符合法定条件，报部门负责人审批');
    await decideCase(lead, id, await v(), { approve: true });
    if (c.stage === 'approved') continue;
    await deliverCase(clerk, id, await v(), 'window');
    await archiveCase(clerk, id, await v());
  }
}
