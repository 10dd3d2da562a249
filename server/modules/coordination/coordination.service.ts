import type { z } from 'zod';
import {
  availableEvents,
  CONTENT_LABELS,
  COORDINATION_EVENT_LABELS,
  COORDINATION_STATE_LABELS,
  type Complexity,
  type ContentKey,
  type CoordinationEvent,
  type CoordinationFacts,
  type CoordinationParty,
  type CoordinationSource,
  type CoordinationState,
  DEFAULT_LADDER,
  LADDER_LABELS,
  type LadderLevel,
  type LadderStep,
  missingContents,
  nextLevel,
  OPEN_STATES,
  proposeOutcome,
  type ReplyFacts,
  SOURCE_LABELS,
  STANCE_LABELS,
  startLevel,
  transition,
} from '../../../lib/coordination.ts';
import { addDays, type IsoDate, todayIn } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.ts';
import { addWorkingDays, countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import { closeDeadline, createDeadline } from '../../platform/deadlines/deadlines.ts';
import { formatChineseDate } from '../../platform/documents/model.ts';
import { consultationLetter, notificationLetter } from '../../platform/documents/templates.ts';
import { getBlob, putBlob } from '../../platform/files/blobs.ts';
import {
  ACCEPTED_LABELS,
  type FileScanner,
  MAX_MATERIAL_BYTES,
  sniffMaterial,
} from '../../platform/files/files.ts';
import { problems } from '../../platform/http/problem.ts';
import { notify, unitRoleUserIds } from '../../platform/notify/notify.ts';
import { sm3Hex } from '../../platform/seals/seals.ts';
import { caseRow, searchTokens } from '../cases/cases.service.ts';
import { issueDocument, subjectDocumentFile } from '../documents/documents.service.ts';
import { enterprise as enterpriseOf } from '../enterprises/enterprises.service.ts';
import {
  boardCounts,
  type CommitmentFilter,
  type CommitmentRow,
  type ConsultationRow,
  commitmentsOf,
  consultationsOf,
  departmentConsultations,
  eventsOf,
  filesOf,
  findCommitment,
  findConsultation,
  findRequest,
  insertCommitments,
  insertEvent,
  insertRequest,
  ladderStepsOf,
  listCommitments,
  listRequests,
  lockLadder,
  lockRequest,
  mattersOf,
  nextRequestNumber,
  overdueConsultations,
  type RequestFilter,
  type RequestReader,
  type RequestRow,
  regionLadder,
  unitOfKind,
  unitsNear,
  updateCommitment,
  updateConsultation,
  updateRequest,
} from './coordination.repo.ts';
import type {
  CloseInput,
  Consult,
  Decide,
  DoneInput,
  Escalate,
  Instruct,
  LetterDraft,
  ReplyInput,
  RequestContents,
  RequestSubmit,
  ReturnInput,
  UrgeInput,
} from './coordination.schemas.ts';

export type { CommitmentRow, ConsultationRow, RequestRow };

// Coordination requests (DOMAIN.md workflow 3). Each action checks the pure rules of
// lib/coordination.ts and writes its change, timeline event, audit row, deadlines, documents and
// notifications in one transaction; a stale version is refused (412), never overwritten.

export interface Ctx {
  db: Db;
  secrets: SecretBox;
  actor: Actor;
  principal: Principal;
}

/** Default reply time of a written consultation (DOMAIN.md workflow 3). */
export const CONSULTATION_DAYS = 5;
const WARNING = ['green', 'yellow', 'red'] as const;

export function readerOf(principal: Principal): RequestReader {
  return principal.kind === 'enterprise'
    ? { kind: 'enterprise', enterpriseId: principal.id }
    : { kind: 'staff', scope: scopeFor(principal, 'coordination:read'), userId: principal.id };
}

export async function requestRow(db: Db, principal: Principal, id: number): Promise<RequestRow> {
  const row = await findRequest(db, readerOf(principal), id, todayIn());
  if (!row) throw problems.notFound('协调事项不存在或不在您的数据范围内。');
  return row;
}

const staffId = (a: Actor) => (a.kind === 'staff' ? a.id : null);
const centerUnit = (r: RequestRow) => ({ id: Number(r.center_unit_id), regionCode: r.region_code });
const covers = (
  p: Principal,
  permission: Parameters<typeof scopeFor>[1],
  unit: { id: number; regionCode: string },
) => scopeCoversUnit(scopeFor(p, permission), unit);

// --- the ladder ---------------------------------------------------------------------------------

/** The region's ladder: its own configuration where set, the default elsewhere. */
export async function ladderOf(db: Db, regionCode: string): Promise<LadderStep[]> {
  return (await ladderWithVersion(db, regionCode)).steps;
}

/** The ladder and its version, for the ETag of an edit (0 while the region uses the default). */
export async function ladderWithVersion(db: Db, regionCode: string) {
  const rows = await regionLadder(db, regionCode);
  const version = Math.max(0, ...rows.map((r) => r.version));
  const steps = DEFAULT_LADDER.map((d): LadderStep => {
    const own = rows.find((r) => r.level === d.level);
    return own
      ? { level: d.level, limitDays: own.limit_days, required: own.required as ContentKey[] }
      : { ...d };
  });
  return { steps, version };
}

export async function saveLadder(
  db: Db,
  actor: Actor,
  principal: Principal,
  regionCode: string,
  steps: LadderStep[],
  expectedVersion: number,
) {
  if (principal.kind !== 'staff' || !scopeCoversRegionFor(principal, regionCode)) {
    throw problems.forbidden('只能配置本级及所辖区县的逐级协调。');
  }
  const levels = new Set(steps.map((s) => s.level));
  if (levels.size !== 4) throw problems.unprocessable('每个层级只能配置一次。');
  // Consultations are sent by the center: only the leader's level can require their results.
  if (steps.some((s) => s.level !== 'leader' && s.required.includes('consultations'))) {
    throw problems.unprocessable('“书面征询结果”只能作为上报分管领导时的要求（征询由中心发出）。');
  }
  await transaction(db, async (trx) => {
    const current = await lockLadder(trx, regionCode);
    if (current !== expectedVersion)
      throw problems.preconditionFailed('逐级协调配置已被他人修改，请刷新后再保存。');
    const version = current + 1;
    for (const s of steps) {
      await trx
        .insertInto('escalation_step')
        .values({
          region_code: regionCode,
          level: s.level,
          limit_days: s.limitDays,
          required: s.required,
          version,
          updated_by: actor.id,
        })
        .onConflict((oc) =>
          oc.columns(['region_code', 'level']).doUpdateSet({
            limit_days: s.limitDays,
            required: s.required,
            version,
            updated_by: actor.id,
            updated_at: new Date(),
          }),
        )
        .execute();
    }
    await writeAudit(trx, actor, {
      action: 'coordination.ladder',
      targetType: 'region',
      targetId: regionCode,
      summary: { steps },
    });
  });
  return ladderOf(db, regionCode);
}

function scopeCoversRegionFor(principal: Principal, regionCode: string) {
  const s = scopeFor(principal, 'coordination:ladder');
  return s.kind === 'all' || (s.kind === 'some' && s.regionCodes.includes(regionCode));
}

function stepOf(ladder: LadderStep[], level: LadderLevel) {
  return ladder.find((s) => s.level === level)!;
}

interface Contents {
  overview: string;
  problem: string;
  positions: unknown;
  proposal: string;
  contactName: string;
  contactPhone: string;
}

function present(c: Contents, files: number, consulted: boolean): Record<ContentKey, boolean> {
  return {
    overview: c.overview.trim().length > 0,
    problem: c.problem.trim().length > 0,
    positions: Array.isArray(c.positions) && c.positions.length > 0,
    proposal: c.proposal.trim().length > 0,
    contact: c.contactName.trim().length > 0 && c.contactPhone.trim().length > 0,
    attachments: files > 0,
    consultations: consulted,
  };
}

function assertComplete(step: LadderStep, has: Record<ContentKey, boolean>, what: string) {
  const missing = missingContents(step, has);
  if (missing.length) {
    throw problems.unprocessable(
      `${what}须包含：${missing.map((k) => CONTENT_LABELS[k]).join('、')}。请补充后再提交。`,
      missing.map((k) => ({ field: k, message: `缺少${CONTENT_LABELS[k]}` })),
    );
  }
}

/** Opens a step of the ladder: its row, its own time limit, and who is told. */
async function openStep(
  trx: Db,
  ctx: Ctx,
  r: { id: number; number: string; project_name: string; region_code: string },
  from: LadderLevel | null,
  step: LadderStep,
  unit: { id: number; name: string },
  reason: string,
) {
  const row = await trx
    .insertInto('coordination_escalation')
    .values({
      request_id: r.id,
      from_level: from,
      to_level: step.level,
      to_unit_id: unit.id,
      reason,
      escalated_by: staffId(ctx.actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const deadline = await createDeadline(trx, {
    subjectType: 'coordination_escalation',
    subjectId: String(row.id),
    kind: 'target',
    title: `协调事项 ${r.number}（${r.project_name}）${LADDER_LABELS[step.level]}办理`,
    regionCode: r.region_code,
    unitId: unit.id,
    startDate: todayIn(),
    limitDays: step.limitDays,
  });
  await trx
    .updateTable('coordination_escalation')
    .set({ deadline_id: deadline.id })
    .where('id', '=', row.id)
    .execute();
  const roles: Record<LadderLevel, string[]> = {
    window: ['window_clerk'],
    stage_lead: ['dept_lead', 'liaison'],
    center: ['coordinator'],
    leader: ['leader'],
  };
  await notify(trx, {
    userIds: await unitRoleUserIds(trx, unit.id, roles[step.level]),
    kind: 'coordination.step',
    title: `协调事项 ${r.number} 已${from ? '上报' : '提交'}至${LADDER_LABELS[step.level]}`,
    body: `${r.project_name}：${reason}（${step.limitDays} 个工作日内办理）`,
    link: `/coordination/${r.id}`,
  });
}

/** Closes the open ladder step's time limit: the level has acted. */
async function closeStep(trx: Db, requestId: number) {
  const open = await trx
    .selectFrom('coordination_escalation as e')
    .innerJoin('deadline as d', 'd.id', 'e.deadline_id')
    .select('d.id')
    .where('e.request_id', '=', requestId)
    .where('d.status', '=', 'open')
    .execute();
  for (const d of open) await closeDeadline(trx, Number(d.id), 'done');
}

// --- timeline -----------------------------------------------------------------------------------

async function record(
  trx: Db,
  ctx: Ctx,
  requestId: number,
  e: { kind: string; title: string; detail?: string; public?: boolean; documentId?: number | null },
) {
  await insertEvent(trx, {
    request_id: requestId,
    kind: e.kind,
    title: e.title,
    detail: e.detail ?? '',
    public: e.public ?? false,
    actor_name: ctx.actor.kind === 'system' ? '系统' : ctx.principal.displayName,
    unit_name: ctx.principal.kind === 'staff' ? ctx.principal.unitName : ctx.principal.displayName,
    document_id: e.documentId ?? null,
  });
}

// --- intake -------------------------------------------------------------------------------------

type SubmitInput = z.infer<typeof RequestSubmit>;
type ContentsInput = z.infer<typeof RequestContents>;

function tokensOf(r: {
  projectName: string;
  applicantName: string;
  overview: string;
  problem: string;
  proposal: string;
  positions: { department: string; position: string }[];
}) {
  return searchTokens(
    [
      r.projectName,
      r.applicantName,
      r.problem,
      r.overview,
      r.proposal,
      ...r.positions.map((p) => `${p.department} ${p.position}`),
    ].join(' '),
  );
}

/** Uploads a file for a request or a reply; it is attached when the form is submitted. */
export async function uploadFile(ctx: Ctx, scanner: FileScanner, bytes: Buffer, fileName: string) {
  if (bytes.length === 0) throw problems.badRequest('上传的文件是空的。');
  if (bytes.length > MAX_MATERIAL_BYTES)
    throw problems.tooLarge(`附件不能超过 ${MAX_MATERIAL_BYTES / 1024 / 1024} MB。`);
  const type = sniffMaterial(bytes);
  if (!type) throw problems.unsupportedType(`不支持该文件类型，请上传 ${ACCEPTED_LABELS} 文件。`);
  const scan = await scanner.scan(bytes);
  if (!scan.clean) throw problems.unprocessable(`文件未通过病毒扫描（${scan.finding}），已拒收。`);
  return transaction(ctx.db, async (trx) => {
    const hash = sm3Hex(bytes);
    await putBlob(trx, hash, type.contentType, bytes);
    const row = await trx
      .insertInto('coordination_file')
      .values({
        file_name: fileName,
        blob_hash: hash,
        content_type: type.contentType,
        size: bytes.length,
        uploaded_by: ctx.principal.kind === 'staff' ? ctx.principal.id : null,
        uploaded_by_enterprise: ctx.principal.kind === 'enterprise' ? ctx.principal.id : null,
      })
      .returning(['id', 'file_name', 'content_type', 'size'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx.actor, {
      action: 'coordination.file.upload',
      targetType: 'coordination_file',
      targetId: row.id,
      summary: { fileName, contentType: type.contentType, size: bytes.length, sm3: hash },
    });
    return {
      id: Number(row.id),
      consultationId: null,
      fileName: row.file_name,
      contentType: row.content_type,
      size: row.size,
    };
  });
}

/** Attaches the uploader's own unattached files; anything else is refused. */
async function attachFiles(
  trx: Db,
  principal: Principal,
  fileIds: number[],
  requestId: number,
  consultationId: number | null,
) {
  if (!fileIds.length) return;
  const owner = principal.kind === 'staff' ? ('uploaded_by' as const) : ('uploaded_by_enterprise' as const);
  const r = await trx
    .updateTable('coordination_file')
    .set({ request_id: requestId, consultation_id: consultationId })
    .where('id', 'in', fileIds)
    .where(owner, '=', principal.id)
    .where('request_id', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== new Set(fileIds).size) {
    throw problems.unprocessable('附件不存在、不是您上传的或已被使用，请重新上传。');
  }
}

async function resolveSource(ctx: Ctx, input: SubmitInput) {
  const p = ctx.principal;
  if (p.kind === 'enterprise') {
    if (input.source !== 'enterprise') throw problems.unprocessable('企业提交的协调事项来源应为“企业”。');
    return {
      regionCode: p.regionCode,
      applicantName: p.displayName,
      enterpriseId: p.id,
      sourceUnitId: null,
      caseId: null,
      stageLeadUnitId: null,
      projectCode: input.projectCode ?? null,
    };
  }
  let enterpriseId: number | null = null;
  let applicantName = input.applicantName ?? null;
  let projectCode = input.projectCode ?? null;
  if (input.enterpriseId) {
    const e = await enterpriseOf(ctx.db, p, input.enterpriseId);
    enterpriseId = Number(e.id);
    applicantName ??= e.name;
  }
  let caseId: number | null = null;
  let sourceUnitId: number | null = null;
  let stageLeadUnitId: number | null = null;
  switch (input.source) {
    case 'enterprise':
      throw problems.unprocessable('企业的协调申请由企业在网上提交；窗口代为登记请选择来源“综合窗口”。');
    case 'case': {
      if (!input.caseId) throw problems.unprocessable('从办件发起协调须指明办件。');
      const c = await caseRow(ctx.db, p, input.caseId);
      caseId = Number(c.id);
      applicantName ??= c.applicant_name;
      enterpriseId ??= c.enterprise_id === null ? null : Number(c.enterprise_id);
      projectCode ??= c.project_code;
      break;
    }
    case 'park':
    case 'town': {
      const [u] = input.sourceUnitId ? await unitsNear(ctx.db, p.regionCode, [input.sourceUnitId]) : [];
      if (!u || u.kind !== input.source) {
        throw problems.unprocessable(`请选择提出协调的${input.source === 'park' ? '园区' : '镇（街道）'}。`);
      }
      sourceUnitId = Number(u.id);
      applicantName ??= u.name;
      break;
    }
    case 'stage_lead': {
      const [u] = await unitsNear(ctx.db, p.regionCode, [p.unitId]);
      if (u?.kind !== 'department')
        throw problems.unprocessable('只有审批部门可以作为阶段牵头部门提出协调。');
      stageLeadUnitId = p.unitId;
      sourceUnitId = p.unitId;
      break;
    }
    case 'window':
      break;
  }
  if (!applicantName)
    throw problems.unprocessable('请填写申请单位。', [{ field: 'applicantName', message: '请填写申请单位' }]);
  return {
    regionCode: p.regionCode,
    applicantName,
    enterpriseId,
    sourceUnitId,
    caseId,
    stageLeadUnitId,
    projectCode,
  };
}

export async function submitRequest(ctx: Ctx, input: SubmitInput) {
  const src = await resolveSource(ctx, input);
  const center = await unitOfKind(ctx.db, src.regionCode, 'center');
  if (!center) throw problems.unprocessable('本区尚未设置政务服务中心，不能受理协调事项。');
  const level = startLevel(input.source as CoordinationSource);
  const ladder = await ladderOf(ctx.db, src.regionCode);
  const step = stepOf(ladder, level);
  assertComplete(step, present(input, new Set(input.fileIds).size, false), '协调申请');
  const today = todayIn();
  return transaction(ctx.db, async (trx) => {
    const number = await nextRequestNumber(trx, src.regionCode, Number(today.slice(0, 4)));
    const tokens = tokensOf({ ...input, applicantName: src.applicantName });
    const row = await insertRequest(trx, tokens, {
      number,
      region_code: src.regionCode,
      center_unit_id: Number(center.id),
      source: input.source,
      source_unit_id: src.sourceUnitId,
      enterprise_id: src.enterpriseId,
      case_id: src.caseId,
      stage_lead_unit_id: src.stageLeadUnitId,
      applicant_name: src.applicantName,
      project_name: input.projectName,
      project_code: src.projectCode,
      overview: input.overview,
      problem: input.problem,
      positions: JSON.stringify(input.positions),
      proposal: input.proposal,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      urgent: input.urgent,
      state: 'submitted',
      level,
      search_text: `${input.projectName} ${src.applicantName} ${input.problem}`.slice(0, 2000),
      created_by: ctx.principal.kind === 'staff' ? ctx.principal.id : null,
    });
    const id = Number(row.id);
    await attachFiles(trx, ctx.principal, input.fileIds, id, null);
    const unit =
      level === 'stage_lead'
        ? { id: src.stageLeadUnitId!, name: ctx.principal.kind === 'staff' ? ctx.principal.unitName : '' }
        : level === 'window'
          ? { id: Number(center.id), name: center.name }
          : { id: Number(center.id), name: center.name };
    await openStep(
      trx,
      ctx,
      { id, number, project_name: input.projectName, region_code: src.regionCode },
      null,
      step,
      unit,
      `新提交的协调事项（来源：${SOURCE_LABELS[input.source as CoordinationSource]}）`,
    );
    await record(trx, ctx, id, {
      kind: 'submitted',
      title: `提交协调申请，由${LADDER_LABELS[level]}办理`,
      detail: input.problem.slice(0, 200),
      public: true,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'coordination.submit',
      targetType: 'coordination_request',
      targetId: id,
      summary: { number, source: input.source, level, files: input.fileIds.length },
    });
    return { id, number, state: 'submitted' as const, level };
  });
}

// --- facts, parties and the generic action ------------------------------------------------------

async function factsOf(db: Db, row: RequestRow): Promise<CoordinationFacts> {
  const today = todayIn();
  const cons = await consultationsOf(db, Number(row.id));
  const ks = await commitmentsOf(db, Number(row.id));
  return {
    state: row.state as CoordinationState,
    level: row.level as LadderLevel,
    pendingConsultations: cons.filter((c) => c.status !== 'answered' && !overdue(c, today)).length,
    openCommitments: ks.filter((k) => k.status === 'open').length,
  };
}

/** The stage lead department acts through its lead (who signs for it), not through the center. */
const stageLead = (p: Principal, unit: { id: number; regionCode: string }) =>
  covers(p, 'consultation:sign', unit) && covers(p, 'coordination:escalate', unit);

function partiesOf(p: Principal, row: RequestRow): CoordinationParty[] {
  if (p.kind === 'enterprise')
    return Number(row.enterprise_id) === p.id && row.created_by === null ? ['submitter'] : [];
  const parties: CoordinationParty[] = [];
  const center = centerUnit(row);
  if (row.created_by !== null && Number(row.created_by) === p.id) parties.push('submitter');
  // The city sees its counties' requests (两级联动) but acts only in its own region: a county's
  // letters carry the county center's number series and seal.
  const local = p.regionCode === row.region_code;
  if (local && covers(p, 'coordination:manage', center)) parties.push('coordinator');
  const level = row.level as LadderLevel;
  const handler =
    level === 'window'
      ? local && covers(p, 'case:intake', center) && covers(p, 'coordination:escalate', center)
      : level === 'stage_lead'
        ? row.stage_lead_unit_id !== null &&
          stageLead(p, { id: Number(row.stage_lead_unit_id), regionCode: row.region_code })
        : level === 'center'
          ? local && covers(p, 'coordination:manage', center)
          : false; // the leader instructs; nobody is above
  if (handler) parties.push('handler');
  if (level === 'leader' && local && covers(p, 'coordination:instruct', center)) parties.push('leader');
  return parties;
}

interface Change {
  set?: Parameters<typeof updateRequest>[3];
  tokens?: string[];
  event: { kind: string; title: string; detail?: string; public?: boolean; documentId?: number | null };
  audit?: Record<string, unknown>;
}

/** Loads the request and checks the rules for the event: 403 for the wrong party, 409 for the wrong moment. */
async function may(ctx: Ctx, id: number, event: CoordinationEvent) {
  const row = await requestRow(ctx.db, ctx.principal, id);
  const t = transition(await factsOf(ctx.db, row), event, partiesOf(ctx.principal, row));
  if (!t.ok) throw t.reason.startsWith('您无权') ? problems.forbidden(t.reason) : problems.conflict(t.reason);
  return { row, to: t.to };
}

async function act(
  ctx: Ctx,
  id: number,
  version: number,
  event: CoordinationEvent,
  effect: (trx: Db, row: RequestRow) => Promise<Change>,
) {
  const { row, to } = await may(ctx, id, event);
  if (row.version !== version)
    throw problems.preconditionFailed('协调事项已被他人办理或修改，请刷新后再操作。');
  return transaction(ctx.db, async (trx) => {
    if ((await lockRequest(trx, id)).version !== version) {
      throw problems.preconditionFailed('协调事项已被他人办理或修改，请刷新后再操作。');
    }
    const change = await effect(trx, row);
    const moved = await updateRequest(trx, id, version, { state: to, ...change.set }, change.tokens);
    if (!moved) throw problems.preconditionFailed('协调事项已被他人办理或修改，请刷新后再操作。');
    await record(trx, ctx, id, change.event);
    await writeAudit(trx, ctx.actor, {
      action: `coordination.${event}`,
      targetType: 'coordination_request',
      targetId: id,
      summary: { number: row.number, from: row.state, to: to, ...change.audit },
    });
  });
}

// --- return, resubmit, withdraw, close ----------------------------------------------------------

export function returnRequest(ctx: Ctx, id: number, version: number, input: z.infer<typeof ReturnInput>) {
  return act(ctx, id, version, 'return', async (trx) => {
    await closeStep(trx, id);
    const what = input.missing.map((k) => CONTENT_LABELS[k]).join('、');
    return {
      set: { returned_missing: input.missing, return_note: input.note },
      event: {
        kind: 'returned',
        title: '退回补充',
        detail: `${what ? `请补充：${what}。` : ''}${input.note}`,
        public: true,
      },
      audit: { missing: input.missing },
    };
  });
}

export async function resubmitRequest(ctx: Ctx, id: number, version: number, input: ContentsInput) {
  const { row } = await may(ctx, id, 'resubmit');
  const ladder = await ladderOf(ctx.db, row.region_code);
  const step = stepOf(ladder, row.level as LadderLevel);
  const files = (await filesOf(ctx.db, id)).filter((f) => f.consultation_id === null).length;
  assertComplete(step, present(input, files + new Set(input.fileIds).size, false), '协调申请');
  return act(ctx, id, version, 'resubmit', async (trx, r) => {
    await attachFiles(trx, ctx.principal, input.fileIds, id, null);
    const unit = await stepUnit(trx, r, r.level as LadderLevel);
    await openStep(
      trx,
      ctx,
      { id, number: r.number, project_name: r.project_name, region_code: r.region_code },
      r.level as LadderLevel,
      step,
      unit,
      '补充材料后重新提交',
    );
    return {
      set: {
        overview: input.overview,
        problem: input.problem,
        positions: JSON.stringify(input.positions),
        proposal: input.proposal,
        contact_name: input.contactName,
        contact_phone: input.contactPhone,
        returned_missing: [],
        search_text: `${r.project_name} ${r.applicant_name} ${input.problem}`.slice(0, 2000),
      },
      tokens: tokensOf({ ...input, projectName: r.project_name, applicantName: r.applicant_name }),
      event: { kind: 'resubmitted', title: '补充后重新提交', public: true },
    };
  });
}

async function stepUnit(db: Db, r: RequestRow, level: LadderLevel) {
  if (level === 'stage_lead') return { id: Number(r.stage_lead_unit_id), name: r.stage_lead_name ?? '' };
  if (level === 'leader') {
    const u = await unitOfKind(db, r.region_code, 'leadership');
    if (!u) throw problems.unprocessable('本区未设置分管领导所在单位，不能上报。');
    return { id: Number(u.id), name: u.name };
  }
  return { id: Number(r.center_unit_id), name: r.center_name };
}

export function withdrawRequest(ctx: Ctx, id: number, version: number) {
  return act(ctx, id, version, 'withdraw', async (trx) => {
    await closeStep(trx, id);
    return {
      set: { closed_at: new Date() },
      event: { kind: 'withdrawn', title: '申请人撤回', public: true },
    };
  });
}

export function closeRequest(ctx: Ctx, id: number, version: number, input: z.infer<typeof CloseInput>) {
  return act(ctx, id, version, 'close', async (trx) => {
    await closeStep(trx, id);
    await cancelOpenConsultations(trx, id);
    return {
      set: { resolution: input.resolution, closed_at: new Date() },
      event: { kind: 'closed', title: '办结', detail: input.resolution, public: true },
    };
  });
}

async function cancelOpenConsultations(trx: Db, requestId: number) {
  const open = await trx
    .selectFrom('consultation as c')
    .innerJoin('deadline as d', 'd.id', 'c.deadline_id')
    .select('d.id')
    .where('c.request_id', '=', requestId)
    .where('d.status', '=', 'open')
    .execute();
  for (const d of open) await closeDeadline(trx, Number(d.id), 'cancelled');
}

// --- triage and consultations -------------------------------------------------------------------

/** Splits the request into matters and sends one sealed written consultation per department. */
export async function consult(ctx: Ctx, id: number, version: number, input: z.infer<typeof Consult>) {
  const { row } = await may(ctx, id, 'consult');
  const deptIds = [...new Set(input.matters.flatMap((m) => m.departmentIds))];
  const units = await unitsNear(ctx.db, row.region_code, deptIds);
  for (const uid of deptIds) {
    const u = units.find((x) => Number(x.id) === uid);
    if (!u) throw problems.unprocessable(`单位 ${uid} 不存在或不属于本区（及上级市）。`);
    if (u.kind !== 'department') throw problems.unprocessable(`${u.name}不是审批部门，不能书面征询。`);
    if (!u.enabled) throw problems.unprocessable(`${u.name}已停用。`);
  }
  const today = todayIn();
  const { calendar } = await loadCalendar(ctx.db, row.region_code);
  const standard = addWorkingDays(calendar, today, CONSULTATION_DAYS).date;
  let replyBy = standard;
  if (input.replyBy) {
    if (input.replyBy <= today) throw problems.unprocessable('答复期限应晚于今天。');
    if (input.replyBy > standard) {
      throw problems.unprocessable(
        `答复期限不能晚于 ${CONSULTATION_DAYS} 个工作日（${standard}）；急件可提前。`,
      );
    }
    if (!calendar.dayKind(input.replyBy).workday)
      throw problems.unprocessable(`${input.replyBy} 不是工作日，请选择工作日。`);
    replyBy = input.replyBy;
  }
  const limitDays = countWorkingDays(calendar, today, replyBy);
  const complexity = worst(input.matters.map((m) => m.complexity));
  return act(ctx, id, version, 'consult', async (trx, r) => {
    await closeStep(trx, id);
    await trx
      .insertInto('coordination_matter')
      .values(
        input.matters.map((m, i) => ({
          request_id: id,
          seq: i + 1,
          title: m.title,
          complexity: m.complexity,
          department_ids: [...new Set(m.departmentIds)],
        })),
      )
      .execute();
    const numbers: string[] = [];
    for (const uid of deptIds) {
      const u = units.find((x) => Number(x.id) === uid)!;
      const questions = input.matters.filter((m) => m.departmentIds.includes(uid)).map((m) => m.title);
      if (input.note) questions.push(input.note);
      const c = await trx
        .insertInto('consultation')
        .values({ request_id: id, department_id: uid, questions, reply_by: replyBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      const deadline = await createDeadline(trx, {
        subjectType: 'consultation',
        subjectId: String(c.id),
        kind: 'reply',
        title: `书面征询 ${r.number}（${r.project_name}）${u.name}答复`,
        regionCode: r.region_code,
        unitId: uid,
        startDate: today,
        limitDays,
      });
      const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
        subjectType: 'consultation',
        subjectId: String(c.id),
        kind: 'consultation_letter',
        issuerUnitId: Number(r.center_unit_id),
        numbered: true,
        sealed: true,
        build: (number, wording) =>
          consultationLetter({
            issuerMark: r.center_name,
            signatureName: r.center_name,
            number: number!,
            wording,
            date: today,
            addressee: u.name,
            project: { name: r.project_name, code: r.project_code },
            matter: '审批服务协调',
            questions,
            replyBy,
          }),
      });
      numbers.push(`${u.name}（${doc.number}）`);
      await trx
        .updateTable('consultation')
        .set({ deadline_id: deadline.id, document_id: doc.id })
        .where('id', '=', c.id)
        .execute();
      await record(trx, ctx, id, {
        kind: 'consultation.sent',
        title: `向${u.name}发出书面征询意见函`,
        detail: `${doc.number}，请于${formatChineseDate(replyBy)}前答复`,
        documentId: doc.id,
      });
      await notify(trx, {
        userIds: await unitRoleUserIds(trx, uid, ['liaison', 'dept_lead', 'dept_officer']),
        kind: 'consultation.received',
        title: `书面征询：${r.project_name}`,
        body: `${r.center_name}征询贵单位意见（${doc.number}），请于 ${replyBy} 前答复。`,
        link: `/consultations/${c.id}`,
      });
    }
    return {
      set: { complexity },
      event: {
        kind: 'consulting',
        title: `分办为 ${input.matters.length} 个协调事项，书面征询 ${deptIds.length} 个部门`,
        detail: `答复期限 ${formatChineseDate(replyBy)}${input.replyBy ? '（急件）' : ''}：${numbers.join('；')}`,
        public: true,
      },
      audit: { departments: deptIds, replyBy, complexity },
    };
  });
}

function worst(list: Complexity[]): Complexity {
  if (list.includes('complex')) return 'complex';
  if (list.includes('major')) return 'major';
  return 'simple';
}

// --- replies ------------------------------------------------------------------------------------

async function consultationFor(ctx: Ctx, id: number) {
  const c = await findConsultation(ctx.db, scopeFor(ctx.principal, 'coordination:read'), id);
  if (!c) throw problems.notFound('书面征询不存在或不是发给您单位的。');
  return c;
}

const deptUnit = (c: { department_id: number; department_region: string }) => ({
  id: Number(c.department_id),
  regionCode: c.department_region,
});

async function assertCommitmentDates(db: Db, regionCode: string, list: { dueDate?: string }[]) {
  const today = todayIn();
  const dated = list.filter((k) => k.dueDate);
  if (!dated.length) return;
  const { calendar } = await loadCalendar(db, regionCode);
  const latest = addDays(today, 366);
  for (const k of dated) {
    if (k.dueDate! <= today) throw problems.unprocessable(`承诺完成日期 ${k.dueDate} 应晚于今天。`);
    if (k.dueDate! > latest)
      throw problems.unprocessable(`承诺完成日期 ${k.dueDate} 不能晚于一年之后（${latest}）。`);
    if (!calendar.dayKind(k.dueDate!).workday)
      throw problems.unprocessable(`承诺完成日期 ${k.dueDate} 不是工作日。`);
  }
}

/** Inside the transaction: the request still takes replies (a decision or a close may have won). */
async function stillConsulting(trx: Db, requestId: number) {
  if ((await lockRequest(trx, requestId)).state !== 'consulting') {
    throw problems.conflict('协调事项已不在征询阶段，不再接收答复。');
  }
}

/** Drafts (or redrafts) a department's reply; it counts only once the department lead signs it. */
export async function saveReply(ctx: Ctx, id: number, version: number, input: z.infer<typeof ReplyInput>) {
  const c = await consultationFor(ctx, id);
  if (!covers(ctx.principal, 'consultation:reply', deptUnit(c)))
    throw problems.forbidden('只有被征询部门可以答复。');
  if (c.status === 'answered') throw problems.conflict('该征询已答复并签发，不能重复答复。');
  if (c.request_state !== 'consulting') throw problems.conflict('协调事项已不在征询阶段，不再接收答复。');
  if (c.version !== version) throw problems.preconditionFailed('答复已被他人修改，请刷新后再保存。');
  const region = (await requestRow(ctx.db, ctx.principal, Number(c.request_id))).region_code;
  await assertCommitmentDates(ctx.db, region, input.commitments);
  await transaction(ctx.db, async (trx) => {
    await stillConsulting(trx, Number(c.request_id));
    const ok = await updateConsultation(trx, id, version, {
      status: 'drafted',
      stance: input.stance,
      opinion: input.opinion,
      legal_basis: input.legalBasis,
      conditions: input.conditions,
      drafted_by: staffId(ctx.actor),
      drafted_at: new Date(),
    });
    if (!ok) throw problems.preconditionFailed('答复已被他人修改，请刷新后再保存。');
    await trx
      .deleteFrom('coordination_commitment')
      .where('consultation_id', '=', id)
      .where('status', '=', 'proposed')
      .execute();
    await insertCommitments(
      trx,
      input.commitments.map((k) => ({
        request_id: Number(c.request_id),
        consultation_id: id,
        department_id: Number(c.department_id),
        content: k.content,
        due_days: k.dueDays ?? null,
        due_on: k.dueDate ?? null,
      })),
    );
    await attachFiles(trx, ctx.principal, input.fileIds, Number(c.request_id), id);
    await writeAudit(trx, ctx.actor, {
      action: 'consultation.draft',
      targetType: 'consultation',
      targetId: id,
      summary: { stance: input.stance, commitments: input.commitments.length },
    });
  });
}

/** The department lead signs the reply: from now on it counts, and it cannot be changed. */
export async function signReply(ctx: Ctx, id: number, version: number) {
  const c = await consultationFor(ctx, id);
  if (!covers(ctx.principal, 'consultation:sign', deptUnit(c)))
    throw problems.forbidden('答复须由被征询部门负责人签发。');
  if (c.status === 'answered') throw problems.conflict('该征询已答复并签发，不能重复签发。');
  if (c.status !== 'drafted') throw problems.conflict('答复尚未起草，不能签发。');
  if (c.request_state !== 'consulting') throw problems.conflict('协调事项已不在征询阶段，不再接收答复。');
  // A reply counts when signed: it is late if signed after the (possibly recomputed) due date.
  const late = todayIn() > (c.due_date ?? c.reply_by);
  await transaction(ctx.db, async (trx) => {
    await stillConsulting(trx, Number(c.request_id));
    const ok = await updateConsultation(trx, id, version, {
      status: 'answered',
      signed_by: staffId(ctx.actor),
      signed_at: new Date(),
      late,
    });
    if (!ok) throw problems.preconditionFailed('答复已被他人修改，请刷新后再签发。');
    if (c.deadline_id) await closeDeadline(trx, Number(c.deadline_id), 'done');
    await record(trx, ctx, Number(c.request_id), {
      kind: 'consultation.answered',
      title: `${c.department_name}答复：${STANCE_LABELS[c.stance!]}`,
      detail: `${c.opinion ?? ''}${late ? '（逾期答复）' : ''}`,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'consultation.sign',
      targetType: 'consultation',
      targetId: id,
      summary: { request: c.request_number, stance: c.stance, late },
    });
    const remaining = await trx
      .selectFrom('consultation')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('request_id', '=', Number(c.request_id))
      .where('status', '!=', 'answered')
      .executeTakeFirstOrThrow();
    await notify(trx, {
      userIds: await unitRoleUserIds(trx, Number(c.center_unit_id), ['coordinator']),
      kind: 'consultation.answered',
      title: `${c.department_name}已答复书面征询（${c.request_number}）`,
      body:
        Number(remaining.n) === 0 ? '各部门均已答复，请确定处理方式。' : `尚有 ${remaining.n} 个部门未答复。`,
      link: `/coordination/${c.request_id}`,
    });
  });
}

// --- outcome and the notification letter --------------------------------------------------------

/**
 * Silence past the due date: recorded by the sweep, or the reply deadline (recomputed with the
 * calendar) has passed while open. A consultation cancelled by a decision is not overdue.
 */
export function overdue(
  c: Pick<ConsultationRow, 'status' | 'overdue_at' | 'deadline_status' | 'due_date'>,
  today: IsoDate,
) {
  if (c.status === 'answered') return false;
  return c.overdue_at !== null || (c.deadline_status === 'open' && c.due_date !== null && today > c.due_date);
}

function replyFacts(cons: ConsultationRow[], today: IsoDate): ReplyFacts[] {
  return cons.map((c) => ({
    department: c.department_name,
    stance: c.status === 'answered' ? c.stance : null,
    overdue: overdue(c, today),
    conditions: c.conditions ?? '',
  }));
}

export async function decide(ctx: Ctx, id: number, version: number, input: z.infer<typeof Decide>) {
  const { row } = await may(ctx, id, input.outcome === 'letter' ? 'decide_letter' : 'decide_meeting');
  const today = todayIn();
  const cons = await consultationsOf(ctx.db, id);
  const proposal = proposeOutcome((row.complexity ?? 'simple') as Complexity, replyFacts(cons, today));
  const override = input.outcome !== proposal.outcome;
  if (override && (input.overrideReason ?? '').length < 4) {
    throw problems.unprocessable(
      `系统建议${proposal.outcome === 'letter' ? '以告知函答复' : '召开专题协调会'}（${proposal.reasons.join('')}）；如需调整，请写明理由。`,
      [{ field: 'overrideReason', message: '请写明调整理由' }],
    );
  }
  const event = input.outcome === 'letter' ? 'decide_letter' : 'decide_meeting';
  return act(ctx, id, version, event, async (trx, r) => {
    // Replies are signed under the same row lock: re-read them; a change means decide again.
    const now = await consultationsOf(trx, id);
    const fresh = proposeOutcome((r.complexity ?? 'simple') as Complexity, replyFacts(now, today));
    if (fresh.outcome !== proposal.outcome || fresh.reasons.join() !== proposal.reasons.join()) {
      throw problems.conflict('部门答复情况刚刚有变化，请刷新后重新确定处理方式。');
    }
    await cancelOpenConsultations(trx, id);
    const silent = now.filter((c) => c.status !== 'answered');
    if (silent.length) {
      // Unanswered consultations no longer count: drafts are dropped, silence stays on record.
      await trx
        .deleteFrom('coordination_commitment')
        .where('request_id', '=', id)
        .where(
          'consultation_id',
          'in',
          silent.map((c) => Number(c.id)),
        )
        .execute();
    }
    const why = override ? `（调整系统建议，理由：${input.overrideReason}）` : '';
    await record(trx, ctx, id, {
      kind: `${event}.public`,
      title: input.outcome === 'letter' ? '各部门意见一致，将以告知函答复' : '将召开专题协调会研究',
      public: true,
    });
    return {
      set: {
        outcome: input.outcome,
        outcome_reasons: proposal.reasons,
        override_reason: override ? input.overrideReason! : null,
        letter_addressee: input.outcome === 'letter' ? r.applicant_name : null,
      },
      // The applicant sees the decision; the reasons and any override stay internal.
      event: {
        kind: event,
        title: COORDINATION_EVENT_LABELS[event],
        detail: `${proposal.reasons.join('')}${why}`,
      },
      audit: { proposal: proposal.outcome, override, reason: input.overrideReason ?? null },
    };
  });
}

export async function saveLetter(ctx: Ctx, id: number, version: number, input: z.infer<typeof LetterDraft>) {
  const row = await requestRow(ctx.db, ctx.principal, id);
  if (!partiesOf(ctx.principal, row).includes('coordinator'))
    throw problems.forbidden('只有中心协调人员可以修改告知函。');
  if (row.state !== 'letter_drafting') throw problems.conflict('协调事项不在告知函拟稿阶段。');
  const ks = (await commitmentsOf(ctx.db, id)).filter((k) => k.status === 'proposed');
  const given = new Set(input.commitments.map((k) => k.id));
  if (given.size !== ks.length || ks.some((k) => !given.has(Number(k.id)))) {
    throw problems.unprocessable('告知函须列明各部门答复中的全部承诺事项（可修改文字和时限，不能增删）。');
  }
  await assertCommitmentDates(ctx.db, row.region_code, input.commitments);
  await transaction(ctx.db, async (trx) => {
    if (!(await updateRequest(trx, id, version, { letter_addressee: input.addressee }))) {
      throw problems.preconditionFailed('协调事项已被他人修改，请刷新后再保存。');
    }
    for (const k of input.commitments) {
      await trx
        .updateTable('coordination_commitment')
        .set({ content: k.content, due_days: k.dueDays ?? null, due_on: k.dueDate ?? null })
        .where('id', '=', k.id)
        .execute();
    }
    await writeAudit(trx, ctx.actor, {
      action: 'coordination.letter_draft',
      targetType: 'coordination_request',
      targetId: id,
      summary: { addressee: input.addressee, commitments: input.commitments.length },
    });
  });
}

/** Issues the sealed notification letter; every commitment in it becomes a tracked item. */
export async function sendLetter(ctx: Ctx, id: number, version: number) {
  const { row } = await may(ctx, id, 'send_letter');
  const today = todayIn();
  const { calendar } = await loadCalendar(ctx.db, row.region_code);
  const cons = (await consultationsOf(ctx.db, id)).filter((c) => c.status === 'answered');
  const ks = (await commitmentsOf(ctx.db, id)).filter((k) => k.status === 'proposed');
  const due = (k: CommitmentRow) => (k.due_on ? k.due_on : addWorkingDays(calendar, today, k.due_days!).date);
  for (const k of ks)
    if (k.due_on && k.due_on <= today)
      throw problems.unprocessable(`“${k.content}”的承诺日期已过，请先在告知函中调整。`);
  return act(ctx, id, version, 'send_letter', async (trx, r) => {
    const doc = await issueDocument(trx, ctx.secrets, ctx.actor, {
      subjectType: 'coordination',
      subjectId: String(id),
      kind: 'notification_letter',
      issuerUnitId: Number(r.center_unit_id),
      numbered: true,
      sealed: true,
      build: (number, wording) =>
        notificationLetter({
          issuerMark: r.center_name,
          signatureName: r.center_name,
          number: number!,
          wording,
          date: today,
          addressee: r.letter_addressee ?? r.applicant_name,
          project: { name: r.project_name, code: r.project_code },
          commitments: cons.map((c) => {
            const own = ks.filter((k) => Number(k.consultation_id) === Number(c.id));
            return {
              department: c.department_name,
              items: own.length
                ? own.map((k) => `${k.content}（${formatChineseDate(due(k))}前完成）`)
                : [`${STANCE_LABELS[c.stance!]}。${c.opinion ?? ''}`],
            };
          }),
          copyTo: cons.map((c) => c.department_name),
        }),
    });
    for (const k of ks) {
      const deadline = await createDeadline(trx, {
        subjectType: 'coordination_commitment',
        subjectId: String(k.id),
        kind: 'commitment',
        title: `承诺事项：${k.department_name} ${k.content}`.slice(0, 200),
        regionCode: r.region_code,
        unitId: Number(k.department_id),
        startDate: today,
        limitDays: k.due_days ?? countWorkingDays(calendar, today, k.due_on!),
      });
      await trx
        .updateTable('coordination_commitment')
        .set({ status: 'open', deadline_id: deadline.id })
        .where('id', '=', k.id)
        .execute();
      await notify(trx, {
        userIds: await unitRoleUserIds(trx, Number(k.department_id), ['liaison', 'dept_lead']),
        kind: 'commitment.tracked',
        title: `承诺事项已纳入督办：${k.content}`.slice(0, 200),
        body: `${doc.number} 告知函已送达申请人，请于 ${due(k)} 前办结并在平台报告。`,
        link: '/commitments',
      });
    }
    return {
      set: { letter_document_id: doc.id },
      event: {
        kind: 'letter.sent',
        title: `签发告知函 ${doc.number}`,
        detail: `列明 ${cons.length} 个部门的 ${ks.length} 项承诺事项，均已纳入督办。`,
        public: true,
        documentId: doc.id,
      },
      audit: { document: doc.number, commitments: ks.length },
    };
  });
}

// --- escalation ---------------------------------------------------------------------------------

export async function escalate(ctx: Ctx, id: number, version: number, input: z.infer<typeof Escalate>) {
  const { row } = await may(ctx, id, 'escalate');
  const to = nextLevel(row.level as LadderLevel);
  if (!to) throw problems.conflict('已上报至分管领导，无更高层级。');
  const ladder = await ladderOf(ctx.db, row.region_code);
  const step = stepOf(ladder, to);
  const s = input.supplement ?? {};
  const merged = {
    overview: s.overview || row.overview,
    problem: s.problem || row.problem,
    positions: s.positions?.length
      ? s.positions
      : (row.positions as { department: string; position: string }[]),
    proposal: s.proposal || row.proposal,
    contactName: s.contactName || row.contact_name,
    contactPhone: s.contactPhone || row.contact_phone,
  };
  const files =
    (await filesOf(ctx.db, id)).filter((f) => f.consultation_id === null).length + (s.fileIds?.length ?? 0);
  const cons = await consultationsOf(ctx.db, id);
  const today = todayIn();
  const consulted = cons.some((c) => c.status === 'answered' || overdue(c, today));
  const supplied = (['overview', 'problem', 'positions', 'proposal', 'contact', 'attachments'] as const)
    .filter((k) =>
      k === 'positions'
        ? Boolean(s.positions?.length)
        : k === 'contact'
          ? Boolean(s.contactName || s.contactPhone)
          : k === 'attachments'
            ? Boolean(s.fileIds?.length)
            : Boolean(s[k]),
    )
    .map((k) => CONTENT_LABELS[k]);
  assertComplete(step, present(merged, files, consulted), `上报至${LADDER_LABELS[to]}`);
  let stageLead: { id: number; name: string } | null = null;
  if (to === 'stage_lead') {
    if (!input.stageLeadUnitId)
      throw problems.unprocessable('请选择阶段牵头部门。', [
        { field: 'stageLeadUnitId', message: '请选择阶段牵头部门' },
      ]);
    const [u] = await unitsNear(ctx.db, row.region_code, [input.stageLeadUnitId]);
    if (u?.kind !== 'department' || !u.enabled)
      throw problems.unprocessable('阶段牵头部门应为本区（或上级市）的审批部门。');
    stageLead = { id: Number(u.id), name: u.name };
  }
  return act(ctx, id, version, 'escalate', async (trx, r) => {
    await closeStep(trx, id);
    await attachFiles(trx, ctx.principal, s.fileIds ?? [], id, null);
    const unit = stageLead ?? (await stepUnit(trx, r, to));
    await openStep(
      trx,
      ctx,
      { id, number: r.number, project_name: r.project_name, region_code: r.region_code },
      r.level as LadderLevel,
      step,
      unit,
      input.reason,
    );
    return {
      set: {
        level: to,
        ...(stageLead ? { stage_lead_unit_id: stageLead.id } : {}),
        overview: merged.overview,
        problem: merged.problem,
        positions: JSON.stringify(merged.positions),
        proposal: merged.proposal,
        contact_name: merged.contactName,
        contact_phone: merged.contactPhone,
        search_text: `${r.project_name} ${r.applicant_name} ${merged.problem}`.slice(0, 2000),
      },
      tokens: tokensOf({ ...merged, projectName: r.project_name, applicantName: r.applicant_name }),
      event: {
        kind: 'escalated',
        title: `由${LADDER_LABELS[r.level as LadderLevel]}上报至${LADDER_LABELS[to]}（${unit.name}）`,
        detail: `${input.reason}（${step.limitDays} 个工作日内办理）${supplied.length ? `；补充了${supplied.join('、')}` : ''}`,
        public: true,
      },
      audit: { from: r.level, to, unit: unit.id, supplied },
    };
  });
}

/** The leader's instruction (批示) at the top of the ladder; the center tracks its follow-up. */
export async function instruct(ctx: Ctx, id: number, version: number, input: z.infer<typeof Instruct>) {
  const { row } = await may(ctx, id, 'instruct');
  let owner = { id: Number(row.center_unit_id), name: row.center_name };
  if (input.ownerUnitId) {
    const [u] = await unitsNear(ctx.db, row.region_code, [input.ownerUnitId]);
    if (!u || (u.kind !== 'department' && u.kind !== 'center'))
      throw problems.unprocessable('落实单位应为中心或审批部门。');
    owner = { id: Number(u.id), name: u.name };
  }
  return act(ctx, id, version, 'instruct', async (trx, r) => {
    await closeStep(trx, id);
    const k = await trx
      .insertInto('coordination_commitment')
      .values({
        request_id: id,
        department_id: owner.id,
        content: `落实领导批示：${input.instruction}`.slice(0, 500),
        due_days: input.dueDays,
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const deadline = await createDeadline(trx, {
      subjectType: 'coordination_commitment',
      subjectId: String(k.id),
      kind: 'commitment',
      title: `落实领导批示：${r.project_name}`.slice(0, 200),
      regionCode: r.region_code,
      unitId: owner.id,
      startDate: todayIn(),
      limitDays: input.dueDays,
    });
    await trx
      .updateTable('coordination_commitment')
      .set({ deadline_id: deadline.id })
      .where('id', '=', k.id)
      .execute();
    await notify(trx, {
      userIds: [
        ...(await unitRoleUserIds(trx, owner.id, ['coordinator', 'dept_lead', 'liaison'])),
        ...(await unitRoleUserIds(trx, Number(r.center_unit_id), ['coordinator'])),
      ],
      kind: 'coordination.instructed',
      title: `领导批示：${r.project_name}（${r.number}）`,
      body: `${input.instruction}（由${owner.name}于 ${input.dueDays} 个工作日内落实）`,
      link: `/coordination/${id}`,
    });
    return {
      event: {
        kind: 'instructed',
        title: '分管领导批示',
        detail: `${input.instruction}（落实单位：${owner.name}）`,
        public: true,
      },
      audit: { owner: owner.id, dueDays: input.dueDays },
    };
  });
}

// --- the commitment tracker ---------------------------------------------------------------------

type CommitmentLike = Pick<
  CommitmentRow,
  'department_id' | 'department_region' | 'center_unit_id' | 'region_code' | 'status'
>;

export function commitmentActions(p: Principal, k: CommitmentLike): ('urge' | 'done')[] {
  if (k.status !== 'open' || p.kind !== 'staff') return [];
  const out: ('urge' | 'done')[] = [];
  const center = { id: Number(k.center_unit_id), regionCode: k.region_code };
  if (covers(p, 'commitment:urge', center)) out.push('urge');
  if (covers(p, 'consultation:reply', deptUnit(k)) || covers(p, 'coordination:manage', center))
    out.push('done');
  return out;
}

async function commitmentFor(ctx: Ctx, id: number) {
  const k = await findCommitment(ctx.db, scopeFor(ctx.principal, 'coordination:read'), id);
  if (!k) throw problems.notFound('承诺事项不存在或不在您的数据范围内。');
  return k;
}

export async function urgeCommitment(ctx: Ctx, id: number, input: z.infer<typeof UrgeInput>) {
  const k = await commitmentFor(ctx, id);
  if (k.status !== 'open') throw problems.conflict('该承诺事项已办结，无需催办。');
  if (!commitmentActions(ctx.principal, k).includes('urge'))
    throw problems.forbidden('您无权催办该承诺事项。');
  await transaction(ctx.db, async (trx) => {
    const urged = await trx
      .updateTable('coordination_commitment')
      .set((eb) => ({ urged_count: eb('urged_count', '+', 1), last_urged_at: new Date() }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(urged.numUpdatedRows) !== 1) throw problems.conflict('该承诺事项已办结，无需催办。');
    await notify(trx, {
      userIds: await unitRoleUserIds(trx, Number(k.department_id), [
        'liaison',
        'dept_lead',
        'dept_officer',
        'coordinator',
      ]),
      kind: 'commitment.urged',
      title: `【催办】${k.content}`.slice(0, 200),
      body: `${k.project_name}（${k.request_number}）的承诺事项${k.due_date ? `应于 ${k.due_date} 前办结` : ''}，请抓紧办理。${input.note}`,
      link: '/commitments',
    });
    await record(trx, ctx, Number(k.request_id), {
      kind: 'commitment.urged',
      title: `催办${k.department_name}：${k.content}`.slice(0, 200),
      detail: input.note,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'commitment.urge',
      targetType: 'coordination_commitment',
      targetId: id,
      summary: { count: k.urged_count + 1 },
    });
  });
}

export async function completeCommitment(
  ctx: Ctx,
  id: number,
  version: number,
  input: z.infer<typeof DoneInput>,
) {
  const k = await commitmentFor(ctx, id);
  if (k.status !== 'open') throw problems.conflict('该承诺事项已办结。');
  if (!commitmentActions(ctx.principal, k).includes('done'))
    throw problems.forbidden('只有承诺部门或中心协调人员可以报告办结。');
  await transaction(ctx.db, async (trx) => {
    if (
      !(await updateCommitment(trx, id, version, {
        status: 'done',
        done_at: new Date(),
        done_note: input.note,
      }))
    ) {
      throw problems.preconditionFailed('承诺事项已被他人修改，请刷新后再操作。');
    }
    if (k.deadline_id) await closeDeadline(trx, Number(k.deadline_id), 'done');
    await record(trx, ctx, Number(k.request_id), {
      kind: 'commitment.done',
      title: `${k.department_name}承诺事项办结`,
      detail: `${k.content}：${input.note}`,
      public: true,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'commitment.done',
      targetType: 'coordination_commitment',
      targetId: id,
      summary: { note: input.note },
    });
    const left = await trx
      .selectFrom('coordination_commitment')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('request_id', '=', Number(k.request_id))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) {
      await notify(trx, {
        userIds: await unitRoleUserIds(trx, Number(k.center_unit_id), ['coordinator']),
        kind: 'coordination.commitments_done',
        title: `协调事项 ${k.request_number} 的承诺事项已全部办结`,
        body: `${k.project_name}：可以办结该协调事项。`,
        link: `/coordination/${k.request_id}`,
      });
    }
  });
}

// --- the overdue sweep --------------------------------------------------------------------------

/**
 * Records silence: each consultation still unanswered after its reply date is marked overdue once
 * (never as agreement), on the timeline, and the center's coordinators and the supervision office
 * are told. The deadline itself is already red in the supervision view.
 */
export async function sweepConsultations(db: Db, on: IsoDate = todayIn()) {
  const due = await overdueConsultations(db, on);
  for (const c of due) {
    await transaction(db, async (trx) => {
      const r = await trx
        .updateTable('consultation')
        .set({ overdue_at: new Date() })
        .where('status', '!=', 'answered')
        .where('id', '=', c.id)
        .where('overdue_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return;
      await insertEvent(trx, {
        request_id: c.request_id,
        kind: 'consultation.overdue',
        title: `${c.department_name}逾期未答复`,
        detail: `答复期限 ${c.reply_by} 已过，记为逾期未答复（不视为同意），已转督查。`,
        actor_name: '系统',
      });
      await writeAudit(trx, SYSTEM_ACTOR, {
        action: 'consultation.overdue',
        targetType: 'consultation',
        targetId: c.id,
        summary: { request: c.number, replyBy: c.reply_by },
      });
      const office = await unitOfKind(trx, c.region_code, 'supervision_office');
      const users = [
        ...(await unitRoleUserIds(trx, Number(c.center_unit_id), ['coordinator'])),
        ...(office ? await unitRoleUserIds(trx, Number(office.id), ['supervisor']) : []),
      ];
      await notify(trx, {
        userIds: users,
        kind: 'consultation.overdue',
        title: `【逾期】${c.department_name}未答复书面征询（${c.number}）`,
        body: `${c.project_name}：答复期限 ${c.reply_by} 已过。`,
        link: `/coordination/${c.request_id}`,
        dedupeKey: `consultation-overdue:${c.id}`,
      });
    });
  }
  return due.length;
}

// --- reads --------------------------------------------------------------------------------------

export const warningOf = (rank: number | string) => WARNING[Number(rank)] ?? 'green';

export function warningFromDates(today: IsoDate, due: string | null, yellow: string | null, open: boolean) {
  if (!open) return null;
  if (due && today > due) return 'red' as const;
  if (yellow && today >= yellow) return 'yellow' as const;
  return 'green' as const;
}

export async function requestDetail(db: Db, principal: Principal, id: number) {
  const row = await requestRow(db, principal, id);
  const today = todayIn();
  const center = centerUnit(row);
  const fullView = principal.kind === 'staff' && covers(principal, 'coordination:read', center);
  const readScope = scopeFor(principal, 'coordination:read');
  const mine = (unit: { department_id: number; department_region: string }) =>
    fullView || scopeCoversUnit(readScope, deptUnit(unit));
  const [allCons, allKs, files, matters, steps, events, ladder] = await Promise.all([
    consultationsOf(db, id),
    commitmentsOf(db, id),
    filesOf(db, id),
    mattersOf(db, id),
    ladderStepsOf(db, id),
    eventsOf(db, id, !fullView),
    ladderOf(db, row.region_code),
  ]);
  const cons = principal.kind === 'enterprise' ? [] : allCons.filter(mine);
  // The applicant sees its own attachments; staff-added ones (escalation notes) are internal.
  const visibleFiles =
    principal.kind === 'enterprise' ? files.filter((f) => f.uploaded_by_enterprise !== null) : files;
  const ks =
    principal.kind === 'enterprise' ? allKs.filter((k) => k.status !== 'proposed') : allKs.filter(mine);
  const facts = await factsOf(db, row);
  const parties = partiesOf(principal, row);
  const actions: string[] = availableEvents(facts, parties);
  if (parties.includes('coordinator') && row.state === 'letter_drafting') actions.push('edit_letter');
  const to = nextLevel(row.level as LadderLevel);
  let next = null;
  if (to) {
    const step = stepOf(ladder, to);
    const consulted = allCons.some((c) => c.status === 'answered' || overdue(c, today));
    const has = present(
      {
        overview: row.overview,
        problem: row.problem,
        positions: row.positions,
        proposal: row.proposal,
        contactName: row.contact_name,
        contactPhone: row.contact_phone,
      },
      files.filter((f) => f.consultation_id === null).length,
      consulted,
    );
    next = {
      level: to,
      label: LADDER_LABELS[to],
      limitDays: step.limitDays,
      missing: missingContents(step, has).map((k) => CONTENT_LABELS[k]),
    };
  }
  const analysis =
    fullView && allCons.length && ['consulting', 'letter_drafting', 'meeting_proposed'].includes(row.state)
      ? proposeOutcome((row.complexity ?? 'simple') as Complexity, replyFacts(allCons, today))
      : null;
  return {
    row,
    today,
    fullView,
    cons,
    ks,
    files: visibleFiles.filter(
      (f) => f.consultation_id === null || cons.some((c) => Number(c.id) === Number(f.consultation_id)),
    ),
    matters,
    steps,
    // Staff read the full entry; its applicant-facing twin (kind *.public) is for the portal.
    events: fullView ? events.filter((e) => !e.kind.endsWith('.public')) : events,
    actions,
    next,
    analysis,
    principal,
  };
}

export function requests(db: Db, principal: Principal, f: Omit<RequestFilter, 'today' | 'tokens'>) {
  const tokens = f.q ? searchTokens(f.q).filter((w) => /^[\p{L}\p{N}]+$/u.test(w)) : undefined;
  return listRequests(db, readerOf(principal), { ...f, tokens, today: todayIn() });
}

/** Open requests per board column with their red and yellow counts. */
export async function board(db: Db, principal: Principal) {
  const rows = await boardCounts(db, readerOf(principal), todayIn());
  return OPEN_STATES.map((state) => {
    const mine = rows.filter((r) => r.state === state);
    return {
      state,
      label: COORDINATION_STATE_LABELS[state],
      total: mine.length,
      red: mine.filter((r) => Number(r.rank) === 2).length,
      yellow: mine.filter((r) => Number(r.rank) === 1).length,
    };
  });
}

export async function consultation(db: Db, principal: Principal, id: number) {
  const c = await findConsultation(db, scopeFor(principal, 'coordination:read'), id);
  if (!c) throw problems.notFound('书面征询不存在或不是发给您单位的。');
  const [ks, files] = await Promise.all([
    commitmentsOf(db, Number(c.request_id)),
    filesOf(db, Number(c.request_id)),
  ]);
  return {
    c,
    ks: ks.filter((k) => Number(k.consultation_id) === id),
    files: files.filter((f) => f.consultation_id === null || Number(f.consultation_id) === id),
  };
}

export function consultationQueue(db: Db, principal: Principal, status: 'open' | 'all', limit: number) {
  return departmentConsultations(db, scopeFor(principal, 'coordination:read'), status, limit);
}

/** What the principal may do with a consultation now (the workbench's buttons). */
export function consultationActions(
  p: Principal,
  c: Pick<ConsultationRow, 'status' | 'department_id' | 'department_region'> & { request_state?: string },
  requestState: string,
): ('reply' | 'sign')[] {
  if (p.kind !== 'staff' || c.status === 'answered' || requestState !== 'consulting') return [];
  const out: ('reply' | 'sign')[] = [];
  if (covers(p, 'consultation:reply', deptUnit(c))) out.push('reply');
  if (c.status === 'drafted' && covers(p, 'consultation:sign', deptUnit(c))) out.push('sign');
  return out;
}

export function commitments(db: Db, principal: Principal, f: Omit<CommitmentFilter, 'today'>) {
  return listCommitments(db, scopeFor(principal, 'coordination:read'), { ...f, today: todayIn() });
}

/** A file of a request the reader may see (a reply's files only for that reply's readers). */
export async function requestFile(db: Db, principal: Principal, id: number, fileId: number) {
  const d = await requestDetail(db, principal, id);
  const f = d.files.find((x) => Number(x.id) === fileId);
  if (!f) throw problems.notFound('附件不存在。');
  const blob = await getBlob(db, f.blob_hash);
  if (!blob) throw problems.notFound('附件内容不存在。');
  return { name: f.file_name, contentType: f.content_type, content: blob.content };
}

/** The request's letter, or a consultation letter the reader may see. */
export async function requestDocumentFile(
  db: Db,
  principal: Principal,
  id: number,
  documentId: number,
  format: 'pdf' | 'docx',
) {
  const d = await requestDetail(db, principal, id);
  if (Number(d.row.letter_document_id) === documentId) {
    return subjectDocumentFile(db, 'coordination', String(id), documentId, format);
  }
  const c = d.cons.find((x) => Number(x.document_id) === documentId);
  if (!c) throw problems.notFound('文书不存在。');
  return subjectDocumentFile(db, 'consultation', String(c.id), documentId, format);
}
