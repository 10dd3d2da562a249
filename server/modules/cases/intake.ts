// The building blocks of intake shared by a single application, a bundle and a resubmission: how
// each material is supplied, whether a version may still be applied for, and the submitted case
// with its materials, first step and audit row.
import { todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { CaseMaterialStatus } from '../../db/types.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import type { itemVersion } from '../catalog/catalog.service.ts';
import {
  findStoredMaterials,
  insertCase,
  insertCaseMaterials,
  insertStep,
  materialInUse,
  nextCaseNumber,
} from './cases.repo.ts';

export type ItemVersion = Awaited<ReturnType<typeof itemVersion>>;

/** One material as the applicant supplies it: a stored file, or a paper original checked at the window. */
export interface MaterialSupplyInput {
  materialId: number;
  storedMaterialId?: number;
  paperChecked?: boolean;
}

export interface Applicant {
  name: string;
  idType: 'uscc' | 'id_card' | 'other';
  idNumber: string;
}

/** How each material of a version is supplied; unknown, foreign or duplicate supplies are refused. */
export async function supplies(
  db: Db,
  principal: Principal,
  enterpriseId: number | null,
  version: ItemVersion,
  given: MaterialSupplyInput[],
) {
  const byId = new Map(version.materials.map((m) => [Number(m.id), m]));
  const seen = new Set<number>();
  const storedIds = given.flatMap((g) => (g.storedMaterialId ? [g.storedMaterialId] : []));
  const stored = new Map((await findStoredMaterials(db, storedIds)).map((s) => [Number(s.id), s]));
  const out = new Map<number, { status: CaseMaterialStatus; storedId: number | null }>();
  for (const [i, g] of given.entries()) {
    const field = `body.materials.${i}`;
    if (!byId.has(g.materialId)) {
      throw problems.validation([{ field, message: '该材料不属于所申请事项的当前版本' }]);
    }
    if (seen.has(g.materialId)) throw problems.validation([{ field, message: '同一材料重复提交' }]);
    seen.add(g.materialId);
    if (g.storedMaterialId) {
      const s = stored.get(g.storedMaterialId);
      const own =
        s &&
        (s.enterprise_id === null ? principal.kind === 'staff' : Number(s.enterprise_id) === enterpriseId);
      if (!s || !own) throw problems.validation([{ field, message: '材料文件不存在或不属于申请人' }]);
      // Reused from the store (an e-licence or an earlier case) rather than handed in now.
      const shared = s.source === 'licence' || (await materialInUse(db, Number(s.id)));
      if (shared && s.trust_grade === 'C') {
        throw problems.validation([
          { field, message: `“${s.name}”尚未经窗口核验原件，不能复用，请重新上传` },
        ]);
      }
      out.set(g.materialId, { status: shared ? 'shared' : 'provided', storedId: Number(s.id) });
    } else if (g.paperChecked) {
      if (principal.kind !== 'staff') throw problems.validation([{ field, message: '纸质材料须在窗口核验' }]);
      out.set(g.materialId, { status: 'provided', storedId: null });
    } else {
      throw problems.validation([{ field, message: '请上传材料文件或选择已有材料' }]);
    }
  }
  return version.materials.map((m) => ({
    material_id: Number(m.id),
    ...(out.get(Number(m.id)) ?? { status: 'missing' as const, storedId: null }),
  }));
}

/** Versions can be applied for only while current: an expired version is refused. */
export function assertApplicable(v: ItemVersion, channel: 'window' | 'online') {
  if (v.status !== 'active' || Number(v.current_version_id) !== Number(v.id)) {
    throw problems.conflict(`“${v.name}”已发布新版本或已取消，请按当前版本重新填报。`);
  }
  if (channel === 'online' && !v.online) {
    throw problems.unprocessable(`“${v.name}”暂不支持网上申请，请到政务服务中心窗口办理。`);
  }
}

export async function insertSubmitted(
  trx: Db,
  actor: Actor,
  c: {
    version: ItemVersion;
    channel: 'window' | 'online';
    enterpriseId: number | null;
    applicant: Applicant;
    contact: { name: string; phone: string };
    project?: { code: string; name: string };
    form: Record<string, string>;
    materials: { material_id: number; status: CaseMaterialStatus; storedId: number | null }[];
    bundleCaseId: number | null;
    agentId?: number | null;
  },
) {
  const number = await nextCaseNumber(trx, c.version.region_code, todayIn());
  const text = [number, c.applicant.name, c.project?.name ?? '', c.project?.code ?? '', c.version.name].join(
    ' ',
  );
  const row = await insertCase(trx, searchTokens(text), {
    number,
    region_code: c.version.region_code,
    item_id: Number(c.version.item_id),
    item_version_id: Number(c.version.id),
    department_id: Number(c.version.department_id),
    bundle_case_id: c.bundleCaseId,
    enterprise_id: c.enterpriseId,
    channel: c.channel,
    state: 'submitted',
    applicant_name: c.applicant.name,
    applicant_id_type: c.applicant.idType,
    applicant_id_number: c.applicant.idNumber,
    contact_name: c.contact.name,
    contact_phone: c.contact.phone,
    project_code: c.project?.code ?? null,
    project_name: c.project?.name ?? null,
    form: JSON.stringify(c.form),
    intake_by: actor.kind === 'staff' ? actor.id : null,
    agent_id: c.agentId ?? null,
    search_text: text,
  });
  const id = Number(row.id);
  await insertCaseMaterials(
    trx,
    c.materials.map((m) => ({
      case_id: id,
      material_id: m.material_id,
      status: m.status,
      stored_material_id: m.storedId,
    })),
  );
  await insertStep(trx, {
    case_id: id,
    name: c.channel === 'online' ? '网上申请' : '窗口收件',
    event: 'submit',
    action: 'other',
    from_state: null,
    to_state: 'submitted',
    actor_user_id: actor.kind === 'staff' ? actor.id : null,
    actor_enterprise_id: actor.kind === 'enterprise' ? actor.id : null,
  });
  await writeAudit(trx, actor, {
    action: 'case.submit',
    targetType: 'case',
    targetId: id,
    summary: {
      number,
      itemVersionId: Number(c.version.id),
      channel: c.channel,
      missing: c.materials.filter((m) => m.status === 'missing').length,
      ...(c.agentId ? { agentId: c.agentId } : {}),
    },
  });
  return { id, number };
}
