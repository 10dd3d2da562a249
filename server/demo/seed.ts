import { addDays, todayIn } from '../../lib/dates.ts';
import { usccCheckChar } from '../../lib/uscc.ts';
import type { Db } from '../db/client.ts';
import { transaction } from '../db/client.ts';
import type { DataScope, UnitKind } from '../db/types.ts';
import type { Role } from '../platform/access/permissions.ts';
import { SYSTEM_ACTOR, writeAudit } from '../platform/audit/audit.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';
import { createDeadline } from '../platform/deadlines/deadlines.ts';
import { BuiltinSealProvider } from '../platform/seals/seals.ts';
import { seedDemoCases } from './cases.ts';
import { seedDemoCatalog, seedDemoLicences } from './catalog.ts';
import { seedDemoCoordination } from './coordination.ts';
import { seedDemoMeetingSystem, seedDemoMeetings } from './meetings.ts';
import { seedDemoSupervision } from './supervision.ts';

// The demo region: 嘉兴市 with two districts, each with its center and departments. Names are
// real-sounding so that a demo reads like a real service center; the codes are GB/T 2260 codes.
export const DEMO_PASSWORD = 'Xietong#2026';

const REGIONS = [
  {
    code: '330400',
    name: '嘉兴市',
    parent: null,
    level: 'city',
    key: 'city',
    center: '嘉兴市行政审批局',
    short: '嘉审',
  },
  {
    code: '330402',
    name: '南湖区',
    parent: '330400',
    level: 'county',
    key: 'nanhu',
    center: '南湖区行政审批局',
    short: '南审',
  },
  {
    code: '330411',
    name: '秀洲区',
    parent: '330400',
    level: 'county',
    key: 'xiuzhou',
    center: '秀洲区行政审批局',
    short: '秀审',
  },
] as const;

const DEPARTMENTS = [
  ['发展和改革局', '发改'],
  ['自然资源和规划局', '资规'],
  ['生态环境分局', '环'],
  ['住房和城乡建设局', '建'],
  ['市场监督管理局', '市监'],
  ['交通运输局', '交'],
  ['水利局', '水'],
  ['卫生健康局', '卫健'],
  ['商务局', '商'],
  ['应急管理局', '应急'],
] as const;

/** Who logs in as what: one user per role per level (plus a second department for scope demos). */
const USERS: { key: string; role: Role; unit: string; scope: DataScope; name: string }[] = [
  { key: 'admin', role: 'admin', unit: 'center', scope: 'region', name: '系统管理员' },
  { key: 'clerk', role: 'window_clerk', unit: 'center', scope: 'region', name: '窗口 陈静' },
  { key: 'coord', role: 'coordinator', unit: 'center', scope: 'region', name: '协调 王磊' },
  { key: 'agent', role: 'agent', unit: 'center', scope: 'self', name: '代办 李娜' },
  { key: 'super', role: 'supervisor', unit: 'supervision', scope: 'region', name: '督查 赵敏' },
  { key: 'leader', role: 'leader', unit: 'leadership', scope: 'region', name: '分管领导 周强' },
  // The approval bureau's director: a deputy convener of the joint meeting.
  { key: 'leader2', role: 'leader', unit: 'center', scope: 'region', name: '审批局局长 沈建华' },
  { key: 'officer', role: 'dept_officer', unit: '发展和改革局', scope: 'own_unit', name: '发改 刘洋' },
  { key: 'lead', role: 'dept_lead', unit: '发展和改革局', scope: 'own_unit', name: '发改 孙伟' },
  { key: 'liaison', role: 'liaison', unit: '发展和改革局', scope: 'own_unit', name: '发改联络员 吴芳' },
  { key: 'officer2', role: 'dept_officer', unit: '自然资源和规划局', scope: 'own_unit', name: '资规 郑凯' },
  { key: 'lead2', role: 'dept_lead', unit: '自然资源和规划局', scope: 'own_unit', name: '资规 钱磊' },
  { key: 'lead3', role: 'dept_lead', unit: '住房和城乡建设局', scope: 'own_unit', name: '住建 何静' },
];

export const DEMO_ENTERPRISES = [
  {
    uscc: '91330402MA2B8K3P51',
    name: '嘉兴南湖智能装备有限公司',
    legal: '钱志远',
    region: '330402',
    username: 'ent.zhineng',
  },
  {
    uscc: '91330411MA29F7XN1J',
    name: '嘉兴秀洲新材料科技有限公司',
    legal: '冯晓梅',
    region: '330411',
    username: 'ent.xincailiao',
  },
  {
    uscc: '91330400MA2CQJ6R8P',
    name: '嘉兴港区绿色能源有限公司',
    legal: '蒋国华',
    region: '330400',
    username: 'ent.nengyuan',
  },
];

export interface DemoLogin {
  username: string;
  role: string;
  unit: string;
}

/** The demo accounts the login page lists (handed to the app by the composition root). */
export const demoAccounts = () => ({ password: DEMO_PASSWORD, logins: demoLogins() });

export function demoLogins(): DemoLogin[] {
  const out: DemoLogin[] = [];
  for (const r of REGIONS) {
    for (const u of USERS) {
      out.push({ username: `${r.key}.${u.key}`, role: u.role, unit: `${r.name} ${unitName(r, u.unit)}` });
    }
  }
  for (const e of DEMO_ENTERPRISES) out.push({ username: e.username, role: 'enterprise', unit: e.name });
  return out;
}

function unitName(r: (typeof REGIONS)[number], unit: string): string {
  if (unit === 'center') return r.center;
  if (unit === 'supervision') return `${r.name}效能督查室`;
  if (unit === 'leadership') return `${r.name}人民政府`;
  return `${r.name}${unit}`;
}

/** Seeds the demo region once; returns false when data already exists. */
export async function seedDemo(db: Db, secrets: SecretBox): Promise<boolean> {
  const existing = await db.selectFrom('region').select('code').limit(1).execute();
  if (existing.length) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  await transaction(db, async (trx) => {
    const unitIds = new Map<string, number>();
    for (const r of REGIONS) {
      await trx
        .insertInto('region')
        .values({ code: r.code, name: r.name, parent_code: r.parent, level: r.level })
        .execute();
      const units: { name: string; kind: UnitKind; short: string | null; key: string }[] = [
        { name: r.center, kind: 'center', short: r.short, key: 'center' },
        { name: `${r.name}效能督查室`, kind: 'supervision_office', short: null, key: 'supervision' },
        { name: `${r.name}人民政府`, kind: 'leadership', short: null, key: 'leadership' },
        ...DEPARTMENTS.map(([name, short]) => ({
          name: `${r.name}${name}`,
          kind: 'department' as const,
          short: `${r.name.slice(0, 1)}${short}`,
          key: name,
        })),
        {
          name: r.level === 'city' ? '嘉兴市消防救援支队' : `${r.name}消防救援大队`,
          kind: 'department',
          short: `${r.name.slice(0, 1)}消`,
          key: 'fire',
        },
      ];
      for (const [i, u] of units.entries()) {
        // A made-up but well-formed 机关 code: 11 + region + sequence + check character.
        const first17 = `11${r.code}MB${String(i + 1).padStart(7, '0')}`;
        const row = await trx
          .insertInto('unit')
          .values({
            region_code: r.code,
            kind: u.kind,
            name: u.name,
            short_name: u.short,
            uscc: first17 + usccCheckChar(first17)!,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        unitIds.set(`${r.key}:${u.key}`, Number(row.id));
      }
      for (const u of USERS) {
        const user = await trx
          .insertInto('app_user')
          .values({
            username: `${r.key}.${u.key}`,
            display_name: u.name,
            unit_id: unitIds.get(`${r.key}:${u.unit}`)!,
            password_hash: hash,
            must_change_password: false,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The city's administrator is the top administrator of the whole region tree.
        const scope = r.level === 'city' && u.role === 'admin' ? 'all' : u.scope;
        await trx.insertInto('role_assignment').values({ user_id: user.id, role: u.role, scope }).execute();
      }
    }
    for (const e of DEMO_ENTERPRISES) {
      await trx
        .insertInto('enterprise')
        .values({
          uscc: e.uscc,
          name: e.name,
          legal_representative: e.legal,
          region_code: e.region,
          username: e.username,
          password_hash: hash,
        })
        .execute();
    }
    await seedDemoDeadlines(trx, unitIds);
    await seedDemoSeals(trx, secrets, unitIds);
    await seedDemoCatalog(trx, REGIONS, unitIds);
    await seedDemoLicences(trx, DEMO_ENTERPRISES);
    await seedDemoCoordination(trx, secrets);
    await seedDemoMeetings(trx, secrets);
    await seedDemoCases(trx, secrets);
    // After the cases: a regular meeting reports on them.
    await seedDemoMeetingSystem(trx, secrets);
    await seedDemoSupervision(trx, secrets);
    await writeAudit(trx, SYSTEM_ACTOR, { action: 'demo.seed', summary: { regions: REGIONS.length } });
  });
  return true;
}

// Time limits of a few real-sounding approvals, started so that the workbench shows every warning
// level on any day the demo is opened (start days are relative to today).
const DEMO_DEADLINES: {
  region: string;
  key: string;
  unit: string;
  title: string;
  limit: number;
  daysAgo: number;
}[] = [
  {
    region: '330402',
    key: 'nanhu',
    unit: '发展和改革局',
    title: '南湖智能装备 年产5万台工业机器人项目 企业投资项目备案',
    limit: 3,
    daysAgo: 1,
  },
  {
    region: '330402',
    key: 'nanhu',
    unit: '发展和改革局',
    title: '南湖智能装备 年产5万台工业机器人项目 节能审查',
    limit: 15,
    daysAgo: 17,
  },
  {
    region: '330402',
    key: 'nanhu',
    unit: '发展和改革局',
    title: '南湖数字经济产业园二期 可行性研究报告审批',
    limit: 20,
    daysAgo: 40,
  },
  {
    region: '330402',
    key: 'nanhu',
    unit: '自然资源和规划局',
    title: '南湖智能装备 建设用地规划许可证核发',
    limit: 20,
    daysAgo: 9,
  },
  {
    region: '330402',
    key: 'nanhu',
    unit: '生态环境分局',
    title: '南湖智能装备 环境影响报告表审批',
    limit: 15,
    daysAgo: 20,
  },
  {
    region: '330402',
    key: 'nanhu',
    unit: '住房和城乡建设局',
    title: '南湖智能装备 建筑工程施工许可证核发',
    limit: 7,
    daysAgo: 3,
  },
  {
    region: '330402',
    key: 'nanhu',
    unit: 'fire',
    title: '南湖智能装备 特殊建设工程消防设计审查',
    limit: 15,
    daysAgo: 30,
  },
  {
    region: '330411',
    key: 'xiuzhou',
    unit: '发展和改革局',
    title: '秀洲新材料 年产3万吨高性能膜材料项目 企业投资项目核准',
    limit: 20,
    daysAgo: 6,
  },
  {
    region: '330411',
    key: 'xiuzhou',
    unit: '水利局',
    title: '秀洲新材料 取水许可审批',
    limit: 20,
    daysAgo: 26,
  },
  {
    region: '330400',
    key: 'city',
    unit: '发展和改革局',
    title: '港区绿色能源 分布式光伏发电项目 企业投资项目备案',
    limit: 5,
    daysAgo: 2,
  },
];

async function seedDemoDeadlines(db: Db, unitIds: Map<string, number>) {
  const today = todayIn();
  for (const [i, d] of DEMO_DEADLINES.entries()) {
    await createDeadline(db, {
      subjectType: 'demo',
      subjectId: `demo-${i + 1}`,
      kind: 'promised',
      title: d.title,
      regionCode: d.region,
      unitId: unitIds.get(`${d.key}:${d.unit}`)!,
      startDate: addDays(today, -d.daysAgo),
      limitDays: d.limit,
    });
  }
}

/** Each center gets a 协调专用章 (business seal) so coordination documents can be sealed in the demo. */
async function seedDemoSeals(db: Db, secrets: SecretBox, unitIds: Map<string, number>) {
  const year = Number(todayIn().slice(0, 4));
  for (const r of REGIONS) {
    const keys = BuiltinSealProvider.newKeys(secrets);
    await db
      .insertInto('seal')
      .values({
        unit_id: unitIds.get(`${r.key}:center`)!,
        kind: 'business',
        name: '协调专用章',
        public_key: keys.publicKey,
        private_key_enc: keys.privateKeyEnc,
        valid_from: `${year - 1}-01-01`,
        valid_to: `${year + 4}-12-31`,
        created_by: null,
      })
      .execute();
  }
}
