import { randomBytes } from 'node:crypto';
import type { CaseState } from '../lib/case-machine.ts';
import type { CoordinationState, LadderLevel } from '../lib/coordination.ts';
import type { CommitmentStatus, ConsultationStatus } from '../lib/vocabularies.ts';
import type { Db } from '../server/db/client.ts';
import type { DataScope, UnitKind } from '../server/db/types.ts';
import type { Role } from '../server/platform/access/permissions.ts';
import { hashPassword } from '../server/platform/auth/passwords.ts';

// Row factories: realistic defaults, a unique suffix so tests never collide, overrides per call.
const suffix = () => randomBytes(3).toString('hex');
let cachedHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = 'Factory#Pass2026';

export async function makeUnit(
  db: Db,
  over: Partial<{ regionCode: string; kind: UnitKind; name: string; shortName: string }> = {},
) {
  return db
    .insertInto('unit')
    .values({
      region_code: over.regionCode ?? '330402',
      kind: over.kind ?? 'department',
      name: over.name ?? `测试局${suffix()}`,
      short_name: over.shortName ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeUser(
  db: Db,
  over: Partial<{
    unitId: number;
    username: string;
    role: Role;
    scope: DataScope;
    mustChangePassword: boolean;
  }> = {},
) {
  cachedHash ??= hashPassword(FACTORY_PASSWORD);
  const unitId = over.unitId ?? Number((await makeUnit(db)).id);
  const user = await db
    .insertInto('app_user')
    .values({
      username: over.username ?? `user.${suffix()}`,
      display_name: '测试用户',
      unit_id: unitId,
      password_hash: await cachedHash,
      must_change_password: over.mustChangePassword ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (over.role) {
    await db
      .insertInto('role_assignment')
      .values({ user_id: user.id, role: over.role, scope: over.scope ?? 'own_unit' })
      .execute();
  }
  return user;
}

// --- workflow subjects in a given state, written directly (no use case runs) ----------------------

/** The current published version of a demo item of 南湖区 (330402), by name. */
export async function demoItemVersion(db: Db, name = '建筑工程施工许可证核发') {
  return db
    .selectFrom('service_item as i')
    .innerJoin('service_item_version as v', 'v.id', 'i.current_version_id')
    .select(['v.id', 'v.item_id', 'v.approval_levels', 'i.department_id', 'i.region_code'])
    .where('i.region_code', '=', '330402')
    .where('v.name', '=', name)
    .executeTakeFirstOrThrow();
}

/** A case of a demo item in the given state, with every material provided. */
export async function makeCase(
  db: Db,
  over: Partial<{
    state: CaseState;
    item: string;
    applicant: string;
    promisedDue: string;
    level: number;
  }> = {},
) {
  const v = await demoItemVersion(db, over.item);
  const row = await db
    .insertInto('service_case')
    .values({
      number: `TEST-${suffix()}`,
      region_code: v.region_code,
      item_id: Number(v.item_id),
      item_version_id: Number(v.id),
      department_id: Number(v.department_id),
      enterprise_id: null,
      channel: 'window',
      state: over.state ?? 'submitted',
      review_level: over.level ?? (over.state === 'in_review' ? 1 : 0),
      applicant_name: over.applicant ?? `测试申请人${suffix()}`,
      applicant_id_type: 'uscc',
      applicant_id_number: '91330402MA2B8K3P51',
      contact_name: '钱志远',
      contact_phone: '13905730001',
      promised_due: over.promisedDue ?? null,
      form: '{}',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const materials = await db
    .selectFrom('item_material')
    .select('id')
    .where('version_id', '=', v.id)
    .execute();
  if (materials.length) {
    await db
      .insertInto('case_material')
      .values(
        materials.map((m) => ({ case_id: row.id, material_id: Number(m.id), status: 'provided' as const })),
      )
      .execute();
  }
  return row;
}

/** A coordination request of 南湖区's center in the given state and level. */
export async function makeRequest(
  db: Db,
  over: Partial<{ state: CoordinationState; level: LadderLevel; project: string }> = {},
) {
  const center = await db
    .selectFrom('unit')
    .select('id')
    .where('region_code', '=', '330402')
    .where('kind', '=', 'center')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('coordination_request')
    .values({
      number: `XT-TEST-${suffix()}`,
      region_code: '330402',
      center_unit_id: Number(center.id),
      source: 'window',
      applicant_name: `测试企业${suffix()}`,
      project_name: over.project ?? `测试项目${suffix()}`,
      overview: '项目概况',
      problem: '需要协调的问题',
      positions: '[]',
      proposal: '建议',
      contact_name: '钱志远',
      contact_phone: '13905730001',
      state: over.state ?? 'submitted',
      level: over.level ?? 'center',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A consultation of a request to a department, pending unless a status is given. */
export async function makeConsultation(
  db: Db,
  requestId: number,
  departmentId: number,
  over: Partial<{ status: ConsultationStatus; replyBy: string }> = {},
) {
  return db
    .insertInto('consultation')
    .values({
      request_id: requestId,
      department_id: departmentId,
      questions: ['是否同意'],
      reply_by: over.replyBy ?? '2099-01-01',
      status: over.status ?? 'pending',
      ...(over.status === 'answered'
        ? { stance: 'agree' as const, opinion: '同意', signed_at: new Date() }
        : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A commitment of a department on a request, open (tracked) unless a status is given. */
export async function makeCommitment(
  db: Db,
  requestId: number,
  departmentId: number,
  over: Partial<{ status: CommitmentStatus; content: string }> = {},
) {
  return db
    .insertInto('coordination_commitment')
    .values({
      request_id: requestId,
      department_id: departmentId,
      content: over.content ?? `承诺事项${suffix()}`,
      due_days: 5,
      status: over.status ?? 'open',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
