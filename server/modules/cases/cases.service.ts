import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import {
  availableEvents,
  CASE_EVENT_LABELS,
  CASE_STATE_LABELS,
  type CaseEvent,
  type CaseFacts,
  type CaseParty,
  type CaseState,
  CLOSED_STATES,
  transition,
} from '../../../lib/case-machine.ts';
import { SUSPENSION_KIND_LABELS } from '../../../lib/catalog-codes.ts';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';

type SuspensionKind = keyof typeof SUSPENSION_KIND_LABELS;

import { type Db, transaction } from '../../db/client.ts';
import type { CaseMaterialStatus } from '../../db/types.ts';
import { rolesWith } from '../../platform/access/permissions.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { DAY_UNIT_WORDS } from '../../platform/calendar/engine.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import {
  closeDeadline,
  createDeadline,
  extendDeadline,
  resumeDeadline,
  suspendDeadline,
} from '../../platform/deadlines/deadlines.ts';
import {
  acceptanceNotice,
  denialDecision,
  licenceDecision,
  oneTimeNotice,
  rejectionDecision,
} from '../../platform/documents/templates.ts';
import { putBlob } from '../../platform/files/blobs.ts';
import type { FileScanner } from '../../platform/files/files.ts';
import { ACCEPTED_LABELS, MAX_MATERIAL_BYTES, sniffMaterial } from '../../platform/files/files.ts';
import { problems } from '../../platform/http/problem.ts';
import { notify, unitRoleUserIds, unitUserIds } from '../../platform/notify/notify.ts';
import { sm3Hex } from '../../platform/seals/seals.ts';
import { bundle as bundleOf, itemVersion, windowAuthorized } from '../catalog/catalog.service.ts';
import { issueDocument, subjectDocuments } from '../documents/documents.service.ts';
import { enterprise as enterpriseOf } from '../enterprises/enterprises.service.ts';
import {
  bundleCaseRow,
  type CaseFilter,
  type CaseReader,
  type CaseRow,
  caseCounts,
  caseMaterials,
  centerOf,
  endSpecialProcedure,
  findCase,
  findStoredMaterials,
  insertBundleCase,
  insertCase,
  insertCaseMaterials,
  insertSpecialProcedure,
  insertStep,
  insertStoredMaterial,
  listCases,
  markBundleDelivered,
  materialInUse,
  nextCaseNumber,
  regionAgents,
  reusableMaterials,
  specialProceduresOf,
  stepsOf,
  updateCase,
  updateCaseMaterial,
  upgradeTrust,
} from './cases.repo.ts';

// Cases (办件, DOMAIN.md workflow 2): every transition goes through the pure state machine and is
// written with its step record, audit row, deadline change and notifications in one transaction.

// The dictionary takes a moment to load: on first use, not at server start.
let jieba: Jieba | undefined;
export function searchTokens(text: string): string[] {
  // The dictionary module reads a 5 MB file when imported: required here, not at import time.
  if (!jieba)
    jieba = Jieba.withDict(createRequire(import.meta.url)('@node-rs/jieba/dict').dict as Uint8Array);
  return jieba.cutForSearch(text, true).filter((w) => w.trim().length > 0);
}

export function readerOf(principal: Principal): CaseReader {
  return principal.kind === 'enterprise'
    ? { kind: 'enterprise', enterpriseId: principal.id }
    : { kind: 'staff', scope: scopeFor(principal, 'case:read') };
}

export async function caseRow(db: Db, principal: Principal, id: number): Promise<CaseRow> {
  const row = await findCase(db, readerOf(principal), id, todayIn());
  if (!row) throw problems.notFound('办件不存在或不在您的数据范围内。');
  return row;
}

const staffId = (a: Actor) => (a.kind === 'staff' ? a.id : null);

// --- materials --------------------------------------------------------------------------------

/**
 * Stores an uploaded material in the enterprise's store after checking size, type (by its bytes)
 * and the scanner. Enterprise uploads are grade C until a window checks them against the original.
 */
export async function uploadMaterial(
  db: Db,
  actor: Actor,
  principal: Principal,
  scanner: FileScanner,
  input: { bytes: Buffer; fileName: string; sharedKey: string; name: string; enterpriseId?: number },
) {
  if (input.bytes.length === 0) throw problems.badRequest('上传的文件是空的。');
  if (input.bytes.length > MAX_MATERIAL_BYTES) {
    throw problems.tooLarge(`材料文件不能超过 ${MAX_MATERIAL_BYTES / 1024 / 1024} MB。`);
  }
  const type = sniffMaterial(input.bytes);
  if (!type) throw problems.unsupportedType(`不支持该文件类型，请上传 ${ACCEPTED_LABELS} 文件。`);
  const scan = await scanner.scan(input.bytes);
  if (!scan.clean) throw problems.unprocessable(`文件未通过病毒扫描（${scan.finding}），已拒收。`);
  let enterpriseId: number | null;
  if (principal.kind === 'enterprise') enterpriseId = principal.id;
  else {
    if (scopeFor(principal, 'case:intake').kind === 'none') throw problems.forbidden();
    enterpriseId = input.enterpriseId
      ? Number((await enterpriseOf(db, principal, input.enterpriseId)).id)
      : null;
  }
  return transaction(db, async (trx) => {
    const hash = sm3Hex(input.bytes);
    await putBlob(trx, hash, type.contentType, input.bytes);
    const row = await insertStoredMaterial(trx, {
      enterprise_id: enterpriseId,
      shared_key: input.sharedKey,
      name: input.name,
      file_name: input.fileName,
      blob_hash: hash,
      content_type: type.contentType,
      size: input.bytes.length,
      trust_grade: principal.kind === 'enterprise' ? 'C' : 'B',
      source: principal.kind === 'enterprise' ? 'upload' : 'window',
      verified_by: principal.kind === 'enterprise' ? null : staffId(actor),
    });
    await writeAudit(trx, actor, {
      action: 'material.upload',
      targetType: 'stored_material',
      targetId: row.id,
      summary: { sharedKey: input.sharedKey, size: input.bytes.length, contentType: type.contentType, hash },
    });
    return Number(row.id);
  });
}

/** The enterprise's reusable materials (A/B grade, e-licences) for the given keys (不重复提交). */
export async function materialOffers(
  db: Db,
  principal: Principal,
  sharedKeys: string[],
  enterpriseId?: number,
) {
  const id =
    principal.kind === 'enterprise'
      ? principal.id
      : enterpriseId
        ? Number((await enterpriseOf(db, principal, enterpriseId)).id)
        : undefined;
  if (!id) return [];
  return reusableMaterials(db, id, sharedKeys);
}

// --- submission ---------------------------------------------------------------------------------

interface SubmitInput {
  itemVersionId: number;
  enterpriseId?: number;
  applicant?: { name: string; idType: 'uscc' | 'id_card' | 'other'; idNumber: string };
  contact: { name: string; phone: string };
  project?: { code: string; name: string };
  form: Record<string, string>;
  materials: { materialId: number; storedMaterialId?: number; paperChecked?: boolean }[];
  /** The agent (代办员) accompanying the applicant; named by the window only. */
  agentId?: number;
}

async function applicantFor(db: Db, principal: Principal, input: SubmitInput) {
  if (principal.kind === 'enterprise') {
    return {
      enterpriseId: principal.id,
      applicant: { name: principal.displayName, idType: 'uscc' as const, idNumber: principal.uscc },
    };
  }
  if (input.enterpriseId) {
    const e = await enterpriseOf(db, principal, input.enterpriseId);
    return {
      enterpriseId: Number(e.id),
      applicant: input.applicant ?? { name: e.name, idType: 'uscc' as const, idNumber: e.uscc },
    };
  }
  if (!input.applicant)
    throw problems.validation([{ field: 'body.applicant', message: '窗口收件须填写申请人信息' }]);
  return { enterpriseId: null, applicant: input.applicant };
}

/** How each material of a version is supplied; unknown, foreign or duplicate supplies are refused. */
async function supplies(
  db: Db,
  principal: Principal,
  enterpriseId: number | null,
  version: Awaited<ReturnType<typeof itemVersion>>,
  given: SubmitInput['materials'],
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
function assertApplicable(v: Awaited<ReturnType<typeof itemVersion>>, channel: 'window' | 'online') {
  if (v.status !== 'active' || Number(v.current_version_id) !== Number(v.id)) {
    throw problems.conflict(`“${v.name}”已发布新版本或已取消，请按当前版本重新填报。`);
  }
  if (channel === 'online' && !v.online) {
    throw problems.unprocessable(`“${v.name}”暂不支持网上申请，请到政务服务中心窗口办理。`);
  }
}

export async function submitCase(db: Db, actor: Actor, principal: Principal, input: SubmitInput) {
  const channel = principal.kind === 'enterprise' ? 'online' : 'window';
  if (principal.kind === 'staff' && scopeFor(principal, 'case:intake').kind === 'none')
    throw problems.forbidden();
  if (channel === 'online' && input.agentId) {
    throw problems.validation([
      { field: 'body.agentId', message: '代办员由政务服务中心指派，网上申请不能自行指定' },
    ]);
  }
  const version = await itemVersion(db, input.itemVersionId);
  assertApplicable(version, channel);
  if (
    principal.kind === 'staff' &&
    !scopeCoversUnit(scopeFor(principal, 'case:intake'), {
      id: Number(version.department_id),
      regionCode: version.region_code,
    })
  ) {
    throw problems.forbidden('该事项不在您窗口的受理范围内。');
  }
  if (version.requires_project_code && !input.project) {
    throw problems.validation([
      { field: 'body.project', message: '该事项须填写投资项目代码和项目名称（R-PRJ-1）' },
    ]);
  }
  const who = await applicantFor(db, principal, input);
  const materials = await supplies(db, principal, who.enterpriseId, version, input.materials);
  const agent = input.agentId ? await agentFor(db, version.region_code, input.agentId) : null;
  return transaction(db, async (trx) => {
    const { id, number } = await insertSubmitted(trx, actor, {
      agentId: agent ? Number(agent.id) : null,
      version,
      channel,
      enterpriseId: who.enterpriseId,
      applicant: who.applicant,
      contact: input.contact,
      project: input.project,
      form: input.form,
      materials,
      bundleCaseId: null,
    });
    if (channel === 'online') await tellWindow(trx, version.region_code, id, `新的网上申请：${version.name}`);
    if (agent) {
      await tellAgent(trx, Number(agent.id), {
        id,
        number,
        applicant: who.applicant.name,
        item: version.name,
      });
    }
    const missing = new Set(materials.filter((m) => m.status === 'missing').map((m) => m.material_id));
    return {
      id,
      number,
      missing: version.materials.filter((m) => missing.has(Number(m.id))).map((m) => m.name),
    };
  });
}

async function insertSubmitted(
  trx: Db,
  actor: Actor,
  c: {
    version: Awaited<ReturnType<typeof itemVersion>>;
    channel: 'window' | 'online';
    enterpriseId: number | null;
    applicant: { name: string; idType: 'uscc' | 'id_card' | 'other'; idNumber: string };
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
    intake_by: staffId(actor),
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
    actor_user_id: staffId(actor),
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

/**
 * The window staff of a region's center (who hold case:intake): told of new applications and of
 * commitments. Other center staff, agents included, are not.
 */
export async function windowUserIds(db: Db, regionCode: string): Promise<number[]> {
  const center = await centerOf(db, regionCode);
  return center ? unitRoleUserIds(db, Number(center.id), rolesWith('case:intake')) : [];
}

async function tellWindow(trx: Db, regionCode: string, caseId: number, title: string) {
  await notify(trx, {
    userIds: await windowUserIds(trx, regionCode),
    kind: 'case',
    title,
    link: `/cases/${caseId}`,
  });
}

/** An agent the window may name on a case of the region; anyone else is refused. */
async function agentFor(db: Db, regionCode: string, agentId: number) {
  const [agent] = await regionAgents(db, regionCode, agentId);
  if (!agent) {
    throw problems.validation([{ field: 'body.agentId', message: '所选人员不是本区划启用中的代办员' }]);
  }
  return agent;
}

async function tellAgent(
  trx: Db,
  agentId: number,
  c: { id: number; number: string; applicant: string; item: string },
) {
  await notify(trx, {
    userIds: [agentId],
    kind: 'case.agent',
    title: `您已被指定为代办员：${c.number}（${c.applicant}，${c.item}）`,
    body: '请跟进办理进度；容缺材料的承诺补齐日期临近和逾期时，系统会同时提醒您。',
    link: `/cases/${c.id}`,
  });
}

/** Agents the window may name on cases of a region. */
export function agents(db: Db, principal: Principal, regionCode: string) {
  // Any window serving the region, region-wide or for some of its departments.
  const intake = scopeFor(principal, 'case:intake');
  const serves =
    intake.kind === 'all' ||
    (intake.kind === 'some' &&
      principal.kind === 'staff' &&
      principal.visibleRegionCodes.includes(regionCode));
  if (!serves) throw problems.forbidden('您不能查看该区划的代办员。');
  return regionAgents(db, regionCode);
}

/**
 * Names (or clears) the case's agent: the window, while the case is not closed. The agent is told
 * and from then on follows the case and its commitments.
 */
export async function assignAgent(ctx: Ctx, id: number, version: number, agentId: number | null) {
  const row = await caseRow(ctx.db, ctx.principal, id);
  if (!partiesOf(ctx.principal, row).includes('window')) {
    throw problems.forbidden('代办员由受理窗口指定。');
  }
  if (CLOSED_STATES.includes(row.state as CaseState)) {
    throw problems.conflict(`该办件当前为“${CASE_STATE_LABELS[row.state as CaseState]}”，不能再指定代办员。`);
  }
  const current = row.agent_id === null ? null : Number(row.agent_id);
  if (agentId === current) {
    throw problems.conflict(agentId === null ? '该办件没有代办员。' : '该代办员已是本办件的代办员。');
  }
  const agent = agentId === null ? null : await agentFor(ctx.db, row.region_code, agentId);
  await transaction(ctx.db, async (trx) => {
    const moved = await updateCase(trx, id, version, { agent_id: agent ? Number(agent.id) : null });
    if (!moved) throw problems.preconditionFailed('办件已被他人办理或修改，请刷新后再操作。');
    await insertStep(trx, {
      case_id: id,
      name: agent ? `指定代办员：${agent.display_name}` : '取消代办员',
      event: 'agent',
      action: 'other',
      from_state: row.state,
      to_state: row.state,
      actor_user_id: staffId(ctx.actor),
      unit_id: ctx.principal.kind === 'staff' ? ctx.principal.unitId : null,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'case.agent',
      targetType: 'case',
      targetId: id,
      summary: {
        number: row.number,
        from: current,
        to: agent ? Number(agent.id) : null,
      },
    });
    const c = { id, number: row.number, applicant: row.applicant_name, item: row.item_name };
    if (agent) await tellAgent(trx, Number(agent.id), c);
    if (current !== null) {
      await notify(trx, {
        userIds: [current],
        kind: 'case.agent',
        title: `您已不再代办：${c.number}（${c.applicant}，${c.item}）`,
        body: agent ? `窗口已改由 ${agent.display_name} 代办。` : '窗口已取消本办件的代办员。',
      });
    }
  });
}

/** A bundle application: one form and one set of materials, one case per item in parallel. */
export async function submitBundle(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: {
    bundleId: number;
    contact: { name: string; phone: string };
    project?: { code: string; name: string };
    form: Record<string, string>;
    materials: { sharedKey: string; storedMaterialId: number }[];
  },
) {
  if (principal.kind !== 'enterprise') throw problems.forbidden('一件事网上申请由企业账号提交。');
  const b = await bundleOf(db, input.bundleId);
  const missingFields = (b.bundle.form as { key: string; label: string; required: boolean }[]).filter(
    (f) => f.required && !input.form[f.key]?.trim(),
  );
  if (missingFields.length) {
    throw problems.validation(
      missingFields.map((f) => ({ field: `body.form.${f.key}`, message: `请填写${f.label}` })),
    );
  }
  const bySharedKey = new Map(input.materials.map((m) => [m.sharedKey, m.storedMaterialId]));
  const versions = await Promise.all(b.items.map((i) => itemVersion(db, Number(i.version_id))));
  const prepared: {
    v: (typeof versions)[number];
    fields: Record<string, string>;
    materials: Awaited<ReturnType<typeof supplies>>;
  }[] = [];
  for (const v of versions) {
    assertApplicable(v, 'online');
    if (v.requires_project_code && !input.project) {
      throw problems.validation([{ field: 'body.project', message: '该一件事须填写投资项目代码和项目名称' }]);
    }
    const given = v.materials.flatMap((m) => {
      const s = bySharedKey.get(m.shared_key);
      return s ? [{ materialId: Number(m.id), storedMaterialId: s }] : [];
    });
    const fields = Object.fromEntries(
      (b.bundle.form as { key: string; itemIds: number[] }[])
        .filter((f) => f.itemIds.includes(Number(v.item_id)) && input.form[f.key] !== undefined)
        .map((f) => [f.key, input.form[f.key]!]),
    );
    prepared.push({ v, fields, materials: await supplies(db, principal, principal.id, v, given) });
  }
  return transaction(db, async (trx) => {
    const bc = await insertBundleCase(trx, {
      number: `${await nextCaseNumber(trx, b.bundle.region_code, todayIn())}-B`,
      bundle_id: Number(b.bundle.id),
      region_code: b.bundle.region_code,
      lead_department_id: Number(b.bundle.lead_department_id),
      enterprise_id: principal.id,
      applicant_name: principal.displayName,
      form: JSON.stringify(input.form),
    });
    const caseIds: number[] = [];
    for (const p of prepared) {
      caseIds.push(
        (
          await insertSubmitted(trx, actor, {
            version: p.v,
            channel: 'online',
            enterpriseId: principal.id,
            applicant: { name: principal.displayName, idType: 'uscc', idNumber: principal.uscc },
            contact: input.contact,
            project: input.project,
            form: p.fields,
            materials: p.materials,
            bundleCaseId: Number(bc.id),
          })
        ).id,
      );
    }
    await writeAudit(trx, actor, {
      action: 'bundle_case.submit',
      targetType: 'bundle_case',
      targetId: bc.id,
      summary: { bundleId: input.bundleId, caseIds },
    });
    await tellWindow(trx, b.bundle.region_code, caseIds[0]!, `新的一件事申请：${b.bundle.name}`);
    return { id: Number(bc.id), number: bc.number, caseIds };
  });
}

// --- transitions --------------------------------------------------------------------------------

interface Ctx {
  db: Db;
  secrets: SecretBox;
  actor: Actor;
  principal: Principal;
}

type Materials = Awaited<ReturnType<typeof caseMaterials>>;

async function factsOf(db: Db, principal: Principal, row: CaseRow, materials: Materials): Promise<CaseFacts> {
  return {
    state: row.state,
    level: row.review_level,
    levels: row.approval_levels,
    suspended: row.suspended,
    outstandingTolerated: materials.filter((m) => m.status === 'tolerated' && !m.fulfilled_at).length,
    windowAuthorized:
      principal.kind === 'staff' ? await windowAuthorized(db, Number(row.item_id), principal.id) : false,
    extensionAllowed: row.suspension_kinds.includes('extension'),
    extended: row.extended_days > 0,
  };
}

/**
 * Which party the principal acts as on this case: window staff of the region, the department's
 * reviewers, or the applicant enterprise itself.
 */
function partiesOf(principal: Principal, row: CaseRow): CaseParty[] {
  if (principal.kind === 'enterprise') return Number(row.enterprise_id) === principal.id ? ['applicant'] : [];
  const unit = { id: Number(row.department_id), regionCode: row.region_code };
  const parties: CaseParty[] = [];
  if (scopeCoversUnit(scopeFor(principal, 'case:intake'), unit)) parties.push('window');
  if (scopeCoversUnit(scopeFor(principal, 'case:review'), unit)) parties.push('department');
  return parties;
}

/** The final decision of a department is the lead's (case:decide); lower levels any reviewer. */
/** Decisions at the last level and 延长审批 (approved by the agency's head) need case:decide. */
function mayActAtLevel(principal: Principal, row: CaseRow, event: CaseEvent): boolean {
  if (event !== 'extend' && (!['approve', 'deny'].includes(event) || row.state !== 'in_review')) return true;
  return scopeCoversUnit(scopeFor(principal, 'case:decide'), {
    id: Number(row.department_id),
    regionCode: row.region_code,
  });
}

export async function caseActions(db: Db, principal: Principal, row: CaseRow, materials: Materials) {
  const facts = await factsOf(db, principal, row, materials);
  const events = new Set<CaseEvent>();
  for (const p of partiesOf(principal, row)) {
    for (const e of availableEvents(facts, p)) if (mayActAtLevel(principal, row, e)) events.add(e);
  }
  return [...events];
}

interface Change {
  set?: Parameters<typeof updateCase>[3];
  opinion?: string | null;
  stepName?: string;
}

/**
 * Applies one event: checks the party and the machine, then, in one transaction, runs the
 * event's own effects, moves the case at the version the caller saw, writes the step and the
 * audit row. A refusal changes nothing.
 */
async function apply(
  ctx: Ctx,
  id: number,
  version: number,
  event: CaseEvent,
  party: CaseParty,
  effect: (trx: Db, row: CaseRow, materials: Materials) => Promise<Change> = async () => ({}),
) {
  const row = await caseRow(ctx.db, ctx.principal, id);
  if (!partiesOf(ctx.principal, row).includes(party)) {
    throw problems.forbidden(
      `您不能以${party === 'window' ? '窗口' : party === 'department' ? '审批部门' : '申请人'}身份办理该办件。`,
    );
  }
  if (!mayActAtLevel(ctx.principal, row, event)) {
    throw problems.forbidden(
      event === 'extend'
        ? '延长审批期限须经部门负责人批准，请由部门负责人办理。'
        : '最后一级审查的准予或不予许可决定须由部门负责人作出。',
    );
  }
  const materials = await caseMaterials(ctx.db, id);
  const r = transition(await factsOf(ctx.db, ctx.principal, row, materials), event, party);
  if (!r.ok) throw problems.conflict(r.reason);
  return transaction(ctx.db, async (trx) => {
    const change = await effect(trx, row, materials);
    const moved = await updateCase(trx, id, version, {
      state: r.next.to,
      review_level: r.next.level,
      suspended: r.next.suspended,
      ...change.set,
    });
    if (!moved) throw problems.preconditionFailed('办件已被他人办理或修改，请刷新后再操作。');
    await insertStep(trx, {
      case_id: id,
      name: change.stepName ?? CASE_EVENT_LABELS[event],
      event,
      action: r.next.action,
      from_state: row.state,
      to_state: r.next.to,
      level: r.next.level || null,
      actor_user_id: staffId(ctx.actor),
      actor_enterprise_id: ctx.actor.kind === 'enterprise' ? ctx.actor.id : null,
      unit_id: ctx.principal.kind === 'staff' ? ctx.principal.unitId : null,
      opinion: change.opinion ?? null,
    });
    await writeAudit(trx, ctx.actor, {
      action: `case.${event}`,
      targetType: 'case',
      targetId: id,
      summary: { number: row.number, from: row.state, to: r.next.to, level: r.next.level },
    });
    return moved;
  });
}

function missingOf(materials: Materials) {
  return materials.filter((m) => m.status === 'missing');
}

const issuer = async (trx: Db, regionCode: string) => {
  const center = await centerOf(trx, regionCode);
  if (!center) throw problems.unprocessable('本区划没有启用中的政务服务中心，不能出具文书。');
  return center;
};

/** 复议机关 and court of the region where the center sits (e.g. 嘉兴市南湖区). */
function rightsOf(center: { region_name: string; parent_region_name: string | null }) {
  const place = `${center.parent_region_name ?? ''}${center.region_name}`;
  return { reviewOrgan: `${place}人民政府`, court: `${place}人民法院` };
}

const appRef = (row: CaseRow) => ({
  applicant: row.applicant_name,
  matterName: row.item_name,
  caseNumber: row.number,
  applicationDate: todayIn('Asia/Shanghai', row.submitted_at),
});

/** Starts the promised-days clock on acceptance (受理次日起算) and issues the receipt. */
async function startClock(ctx: Ctx, trx: Db, row: CaseRow, on: IsoDate) {
  const deadline = await createDeadline(
    trx,
    {
      subjectType: 'case',
      subjectId: String(row.id),
      kind: 'promised',
      title: `${row.applicant_name} ${row.item_name}`,
      regionCode: row.region_code,
      unitId: Number(row.department_id),
      startDate: on,
      limitDays: row.promised_days,
      unit: row.promised_unit,
    },
    on,
  );
  const center = await issuer(trx, row.region_code);
  const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
    subjectType: 'case',
    subjectId: String(row.id),
    kind: 'acceptance_notice',
    issuerUnitId: Number(center.id),
    numbered: true,
    sealed: true,
    issuedOn: on,
    build: (number, wording) =>
      acceptanceNotice({
        issuerMark: center.name,
        signatureName: center.name,
        number: number!,
        wording,
        date: on,
        dueDate: deadline.due_date!,
        limitDays: row.promised_days,
        limitUnit: row.promised_unit,
        ...appRef(row),
      }),
  });
  return { deadline, acceptanceNumber: doc.number! };
}

export async function acceptCase(ctx: Ctx, id: number, version: number) {
  return apply(ctx, id, version, 'accept', 'window', async (trx, row, materials) => {
    const missing = missingOf(materials).filter((m) => m.required);
    if (missing.length) {
      throw problems.unprocessable(
        `材料不齐全：${missing.map((m) => m.name).join('、')}。请一次性告知补正，或对可容缺材料办理容缺受理。`,
      );
    }
    const on = todayIn();
    const { deadline, acceptanceNumber } = await startClock(ctx, trx, row, on);
    await upgradeTrust(trx, id, staffId(ctx.actor));
    return {
      set: {
        accepted_at: new Date(),
        acceptance_number: acceptanceNumber,
        deadline_id: Number(deadline.id),
        promised_due: deadline.due_date,
      },
      stepName: '受理',
    };
  });
}

export async function acceptTolerantly(
  ctx: Ctx,
  id: number,
  version: number,
  input: { commitments: { materialId: number; committedDate: IsoDate; commitmentText?: string }[] },
) {
  return apply(ctx, id, version, 'accept_tolerantly', 'window', async (trx, row, materials) => {
    const missing = missingOf(materials);
    const notTolerable = missing.filter((m) => m.required && !m.tolerable);
    if (notTolerable.length) {
      throw problems.unprocessable(
        `必备材料不能容缺：${notTolerable.map((m) => m.name).join('、')}。请一次性告知补正。`,
      );
    }
    const byMaterial = new Map(input.commitments.map((c) => [c.materialId, c]));
    for (const [i, c] of input.commitments.entries()) {
      const m = missing.find((x) => Number(x.material_id) === c.materialId);
      if (!m) {
        throw problems.validation([
          { field: `body.commitments.${i}.materialId`, message: '该材料不是本办件缺少的材料' },
        ]);
      }
      if (!m.tolerable) {
        throw problems.validation([
          { field: `body.commitments.${i}.materialId`, message: `“${m.name}”不可容缺` },
        ]);
      }
    }
    const uncovered = missing.filter((m) => m.tolerable && !byMaterial.has(Number(m.material_id)));
    if (uncovered.length) {
      throw problems.validation([
        {
          field: 'body.commitments',
          message: `请为每项缺少的容缺材料填写承诺补齐日期：${uncovered.map((m) => m.name).join('、')}`,
        },
      ]);
    }
    if (missing.length === 0) throw problems.unprocessable('材料齐全，无需容缺受理，请直接受理。');
    const on = todayIn();
    const { deadline, acceptanceNumber } = await startClock(ctx, trx, row, on);
    for (const [i, c] of input.commitments.entries()) {
      // The commitment falls before the decision is due (R-TOL-1).
      if (c.committedDate <= on || c.committedDate > deadline.due_date!) {
        throw problems.validation([
          {
            field: `body.commitments.${i}.committedDate`,
            message: `承诺补齐日期应在受理日之后、承诺办结日期（${deadline.due_date}）之前`,
          },
        ]);
      }
      const m = missing.find((x) => Number(x.material_id) === c.materialId)!;
      await updateCaseMaterial(trx, Number(m.id), {
        status: 'tolerated',
        committed_date: c.committedDate,
        commitment_text: c.commitmentText ?? `申请人承诺于${c.committedDate}前补齐“${m.name}”`,
        commitment_signed_at: new Date(),
      });
    }
    await upgradeTrust(trx, id, staffId(ctx.actor));
    return {
      set: {
        accepted_at: new Date(),
        acceptance_number: acceptanceNumber,
        deadline_id: Number(deadline.id),
        promised_due: deadline.due_date,
      },
      stepName: '容缺受理',
      opinion: `容缺材料 ${input.commitments.length} 项，申请人已签署承诺书`,
    };
  });
}

export async function requestCorrection(
  ctx: Ctx,
  id: number,
  version: number,
  input: { extra: string[]; correctBy?: IsoDate },
) {
  return apply(ctx, id, version, 'request_correction', 'window', async (trx, row, materials) => {
    const missing = missingOf(materials);
    if (missing.length + input.extra.length === 0) {
      throw problems.unprocessable('没有缺少的材料或需补正的内容，请直接受理。');
    }
    const on = todayIn();
    if (input.correctBy && input.correctBy <= on) {
      throw problems.validation([{ field: 'body.correctBy', message: '补正期限应晚于今天' }]);
    }
    const center = await issuer(trx, row.region_code);
    await issueDocument(trx, ctx.secrets, ctx.actor, {
      subjectType: 'case',
      subjectId: String(id),
      kind: 'one_time_notice',
      issuerUnitId: Number(center.id),
      numbered: true,
      sealed: true,
      issuedOn: on,
      build: (number, wording) =>
        oneTimeNotice({
          issuerMark: center.name,
          signatureName: center.name,
          number: number!,
          wording,
          date: on,
          missing: [
            ...missing.map((m) => ({ name: m.name, requirement: m.requirement ?? undefined })),
            ...input.extra.map((name) => ({ name })),
          ],
          correctBy: input.correctBy,
          ...appRef(row),
        }),
    });
    return {
      opinion: [...missing.map((m) => m.name), ...input.extra].join('；'),
      stepName: '一次性告知补正',
    };
  });
}

export async function resubmit(
  ctx: Ctx,
  id: number,
  version: number,
  input: { materials: { materialId: number; storedMaterialId?: number; paperChecked?: boolean }[] },
) {
  const row = await caseRow(ctx.db, ctx.principal, id);
  const party: CaseParty = ctx.principal.kind === 'enterprise' ? 'applicant' : 'window';
  const v = await itemVersion(ctx.db, Number(row.item_version_id));
  const supplied = await supplies(
    ctx.db,
    ctx.principal,
    row.enterprise_id === null ? null : Number(row.enterprise_id),
    v,
    input.materials,
  );
  return apply(ctx, id, version, 'resubmit', party, async (trx, _row, materials) => {
    for (const m of materials) {
      const s = supplied.find((x) => x.material_id === Number(m.material_id));
      if (m.status === 'missing' && s && s.status !== 'missing') {
        await updateCaseMaterial(trx, Number(m.id), { status: s.status, stored_material_id: s.storedId });
      }
    }
    return { stepName: '提交补正材料' };
  });
}

export async function rejectCase(
  ctx: Ctx,
  id: number,
  version: number,
  input: { reasons: string[]; legalBasis: string; competentAuthority?: string },
) {
  return apply(ctx, id, version, 'reject', 'window', async (trx, row) => {
    const center = await issuer(trx, row.region_code);
    const on = todayIn();
    await issueDocument(trx, ctx.secrets, ctx.actor, {
      subjectType: 'case',
      subjectId: String(id),
      kind: 'rejection_decision',
      issuerUnitId: Number(center.id),
      numbered: true,
      sealed: true,
      issuedOn: on,
      build: (number, wording) =>
        rejectionDecision({
          issuerMark: center.name,
          signatureName: center.name,
          number: number!,
          wording,
          date: on,
          reasons: input.reasons,
          legalBasis: input.legalBasis,
          competentAuthority: input.competentAuthority,
          ...rightsOf(center),
          ...appRef(row),
        }),
    });
    return { opinion: input.reasons.join('；'), set: { decision_reason: input.reasons.join('；') } };
  });
}

export function withdrawCase(ctx: Ctx, id: number, version: number) {
  const party: CaseParty = ctx.principal.kind === 'enterprise' ? 'applicant' : 'window';
  return apply(ctx, id, version, 'withdraw', party);
}

export function dispatchCase(ctx: Ctx, id: number, version: number) {
  return apply(ctx, id, version, 'dispatch', 'window', async (trx, row) => {
    await notify(trx, {
      userIds: await unitUserIds(trx, Number(row.department_id)),
      kind: 'case',
      title: `新办件待审查：${row.item_name}（${row.applicant_name}）`,
      link: `/cases/${id}`,
    });
    return { stepName: '分送部门' };
  });
}

export function passCase(ctx: Ctx, id: number, version: number, opinion: string) {
  return apply(ctx, id, version, 'pass', 'department', async (_trx, row) => ({
    opinion,
    stepName: `第 ${row.review_level} 级审查通过`,
  }));
}

export function returnCase(ctx: Ctx, id: number, version: number, opinion: string) {
  return apply(ctx, id, version, 'return', 'department', async (_trx, row) => ({
    opinion,
    stepName: `第 ${row.review_level} 级退回`,
  }));
}

/** 特别程序: only the kinds configured on the item version may stop its clock (R-CAT-5). */
export function suspendCase(
  ctx: Ctx,
  id: number,
  version: number,
  input: { kind: string; reason: string; from?: IsoDate },
) {
  return apply(ctx, id, version, 'suspend', 'department', async (trx, row) => {
    if (!row.suspension_kinds.includes(input.kind)) {
      throw problems.unprocessable(
        `“${row.item_name}”的事项清单未设置“${SUSPENSION_KIND_LABELS[input.kind as SuspensionKind]}”特别程序，不能以此挂起计时。`,
      );
    }
    const from = input.from ?? todayIn();
    if (!row.deadline_id) throw problems.unprocessable('办件尚未开始计时。');
    await suspendDeadline(trx, Number(row.deadline_id), {
      kind: input.kind,
      from,
      reason: input.reason,
      by: staffId(ctx.actor),
    });
    await insertSpecialProcedure(trx, {
      case_id: id,
      kind: input.kind,
      kind_code: '2',
      reason: input.reason,
      requester: ctx.principal.displayName,
      started_on: from,
      unit_id: Number(row.department_id),
      handler_user_id: staffId(ctx.actor),
    });
    return {
      opinion: input.reason,
      stepName: `特别程序开始：${SUSPENSION_KIND_LABELS[input.kind as SuspensionKind]}`,
    };
  });
}

/**
 * 延长审批 (行政许可法 Art. 42, R-CASE-4): the department's head adds days (in the item's unit) to the case's
 * time limit once; the clock keeps running. Recorded as a special procedure of kind 1.
 */
export function extendCase(ctx: Ctx, id: number, version: number, input: { days: number; reason: string }) {
  return apply(ctx, id, version, 'extend', 'department', async (trx, row) => {
    if (!row.deadline_id) throw problems.unprocessable('办件尚未开始计时。');
    const on = todayIn();
    const r = await extendDeadline(trx, Number(row.deadline_id), {
      days: input.days,
      reason: input.reason,
      by: staffId(ctx.actor),
    });
    const due = r.dueDate ? `，承诺办结日延至 ${r.dueDate}` : '';
    const days = `${input.days} ${DAY_UNIT_WORDS[row.promised_unit]}`;
    await insertSpecialProcedure(trx, {
      case_id: id,
      kind: 'extension',
      kind_code: '1',
      reason: input.reason,
      requester: ctx.principal.displayName,
      started_on: on,
      ended_on: on,
      result: `延长 ${days}${due}`,
      unit_id: Number(row.department_id),
      handler_user_id: staffId(ctx.actor),
    });
    return {
      opinion: `${input.reason}（延长 ${days}${due}）`,
      stepName: `延长审批期限 ${days}`,
      set: { promised_due: r.dueDate, extended_days: input.days },
    };
  });
}

export function resumeCase(
  ctx: Ctx,
  id: number,
  version: number,
  input: { to?: IsoDate; result: string; opinion?: string },
) {
  return apply(ctx, id, version, 'resume', 'department', async (trx, row) => {
    const to = input.to ?? todayIn();
    const ended = await endSpecialProcedure(trx, id, {
      ended_on: to,
      result: input.result,
      opinion: input.opinion ?? null,
    });
    if (!ended) throw problems.conflict('没有进行中的特别程序。');
    const r = await resumeDeadline(trx, Number(row.deadline_id), to);
    return {
      opinion: input.result,
      stepName: `特别程序结束：${SUSPENSION_KIND_LABELS[ended.kind as SuspensionKind] ?? ended.kind}`,
      set: r ? { promised_due: r.dueDate } : {},
    };
  });
}

/** Approval or denial: by the department's final level, or on the spot by an authorized window. */
export async function decideCase(
  ctx: Ctx,
  id: number,
  version: number,
  input: {
    approve: boolean;
    reason?: string;
    resultName?: string;
    resultNumber?: string;
    resultValidTo?: IsoDate;
  },
) {
  const row = await caseRow(ctx.db, ctx.principal, id);
  const parties = partiesOf(ctx.principal, row);
  const party: CaseParty = row.state === 'in_review' || !parties.includes('window') ? 'department' : 'window';
  const event = input.approve ? 'approve' : 'deny';
  return apply(ctx, id, version, event, party, async (trx, current) => {
    if (current.deadline_id) await closeDeadline(trx, Number(current.deadline_id), 'done');
    const resultName = input.resultName ?? current.item_name;
    const resultNumber = input.resultNumber ?? `${current.number}-R`;
    // The decision letter (准予 / 不予行政许可决定书) is the result the applicant downloads or collects.
    const center = await issuer(trx, current.region_code);
    const on = todayIn();
    const common = {
      issuerMark: center.name,
      signatureName: center.name,
      date: on,
      ...appRef(current),
    };
    await issueDocument(trx, ctx.secrets, ctx.actor, {
      subjectType: 'case',
      subjectId: String(id),
      kind: input.approve ? 'licence_decision' : 'denial_decision',
      issuerUnitId: Number(center.id),
      numbered: true,
      sealed: true,
      issuedOn: on,
      build: (number, wording) =>
        input.approve
          ? licenceDecision({
              ...common,
              number: number!,
              wording,
              resultName,
              resultNumber,
              validTo: input.resultValidTo,
            })
          : denialDecision({
              ...common,
              number: number!,
              wording,
              reasons: [input.reason ?? '不符合法定条件'],
              ...rightsOf(center),
            }),
    });
    await tellWindow(
      trx,
      current.region_code,
      id,
      `办件已办结待出件：${current.item_name}（${current.applicant_name}）`,
    );
    return {
      opinion: input.reason ?? (input.approve ? '准予许可' : null),
      stepName:
        party === 'window' ? '窗口当场办结（首席事务代表授权）' : input.approve ? '准予许可' : '不予许可',
      set: {
        decided_at: new Date(),
        decided_by: staffId(ctx.actor),
        decision_reason: input.reason ?? null,
        result_name: input.approve ? resultName : null,
        result_number: input.approve ? resultNumber : null,
        result_valid_to: input.resultValidTo ?? null,
      },
    };
  });
}

export function deliverCase(ctx: Ctx, id: number, version: number, method: 'window' | 'post' | 'online') {
  return apply(ctx, id, version, 'deliver', 'window', async () => ({
    set: { delivery_method: method, delivered_at: new Date() },
    stepName: method === 'window' ? '窗口出件' : method === 'post' ? '邮寄送达' : '网上送达',
  }));
}

export function archiveCase(ctx: Ctx, id: number, version: number) {
  return apply(ctx, id, version, 'archive', 'window', async () => ({ set: { archived_at: new Date() } }));
}

/** A tolerated material handed in (by the applicant online or at the window). */
export async function fulfilCommitment(
  ctx: Ctx,
  id: number,
  caseMaterialId: number,
  storedMaterialId?: number,
) {
  const row = await caseRow(ctx.db, ctx.principal, id);
  const parties = partiesOf(ctx.principal, row);
  if (!parties.includes('applicant') && !parties.includes('window')) throw problems.forbidden();
  const m = (await caseMaterials(ctx.db, id)).find((x) => Number(x.id) === caseMaterialId);
  if (m?.status !== 'tolerated') throw problems.notFound('该办件没有这项容缺材料。');
  if (m.fulfilled_at) throw problems.conflict('该容缺材料已补齐。');
  if (storedMaterialId) {
    const [s] = await findStoredMaterials(ctx.db, [storedMaterialId]);
    if (!s || (s.enterprise_id !== null && Number(s.enterprise_id) !== Number(row.enterprise_id))) {
      throw problems.validation([
        { field: 'body.storedMaterialId', message: '材料文件不存在或不属于申请人' },
      ]);
    }
  } else if (ctx.principal.kind !== 'staff') {
    throw problems.validation([{ field: 'body.storedMaterialId', message: '请上传补齐的材料文件' }]);
  }
  await transaction(ctx.db, async (trx) => {
    await updateCaseMaterial(trx, caseMaterialId, {
      fulfilled_at: new Date(),
      stored_material_id: storedMaterialId ?? null,
    });
    await insertStep(trx, {
      case_id: id,
      name: `容缺材料补齐：${m.name}`,
      event: 'fulfil',
      action: 'other',
      from_state: row.state,
      to_state: row.state,
      actor_user_id: staffId(ctx.actor),
      actor_enterprise_id: ctx.actor.kind === 'enterprise' ? ctx.actor.id : null,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'case.commitment.fulfil',
      targetType: 'case',
      targetId: id,
      summary: { material: m.name, committedDate: m.committed_date },
    });
  });
}

// --- reads ----------------------------------------------------------------------------------------

export async function caseDetail(db: Db, principal: Principal, id: number) {
  const row = await caseRow(db, principal, id);
  const materials = await caseMaterials(db, id);
  return {
    row,
    materials,
    steps: await stepsOf(db, id),
    specialProcedures: await specialProceduresOf(db, id),
    documents: await subjectDocuments(db, 'case', String(id)),
    actions: await caseActions(db, principal, row, materials),
  };
}

export function cases(db: Db, principal: Principal, f: CaseFilter) {
  return listCases(db, readerOf(principal), f, todayIn());
}

export function caseBoard(db: Db, principal: Principal) {
  return caseCounts(db, scopeFor(principal, 'case:read'), todayIn());
}

// --- bundle applications --------------------------------------------------------------------------

// Progress order: the bundle shows the state of its slowest case.
const PROGRESS = [
  'correction_requested',
  'submitted',
  'accepted',
  'tolerantly_accepted',
  'in_review',
  'approved',
  'denied',
  'delivered',
  'archived',
] as const;

export async function bundleCase(db: Db, principal: Principal, id: number) {
  const bc = await bundleCaseRow(db, id);
  if (!bc) throw problems.notFound('一件事申请不存在或不在您的数据范围内。');
  const list = await listCases(db, readerOf(principal), { bundleCaseId: id, limit: 100 }, todayIn());
  if (list.length === 0) throw problems.notFound('一件事申请不存在或不在您的数据范围内。');
  const rank = (s: string) => PROGRESS.indexOf(s as (typeof PROGRESS)[number]);
  const live = list.filter((c) => !['rejected', 'withdrawn'].includes(c.state));
  const slowest = [...(live.length ? live : list)].sort((a, b) => rank(a.state) - rank(b.state))[0]!;
  return { bundleCase: bc, cases: list, slowest };
}

/** 统一出件: all the bundle's cases are handed out together once every one is decided. */
export async function deliverBundle(ctx: Ctx, id: number, method: 'window' | 'post' | 'online') {
  const { cases: list, bundleCase: bc } = await bundleCase(ctx.db, ctx.principal, id);
  if (bc.delivered_at) throw problems.conflict('该一件事已统一出件。');
  const open = list.filter((c) => !['approved', 'denied', 'rejected', 'withdrawn'].includes(c.state));
  if (open.length) {
    throw problems.conflict(
      `尚有 ${open.length} 个事项未办结（${open.map((c) => c.item_name).join('、')}），不能统一出件。`,
    );
  }
  await transaction(ctx.db, async (trx) => {
    for (const c of list.filter((x) => ['approved', 'denied'].includes(x.state))) {
      await deliverCase({ ...ctx, db: trx }, Number(c.id), c.version, method);
    }
    await markBundleDelivered(trx, id);
    await writeAudit(trx, ctx.actor, {
      action: 'bundle_case.deliver',
      targetType: 'bundle_case',
      targetId: id,
      summary: { method },
    });
  });
}
