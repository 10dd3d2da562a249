// 提交协调申请: an enterprise online, or staff for a window, a case, a park or town, or a stage lead
// department, submits a problem; it starts on the ladder at the level its source sets and must
// hold the contents that level requires.
import type { z } from 'zod';
import {
  type CoordinationSource,
  LADDER_LABELS,
  SOURCE_LABELS,
  startLevel,
} from '../../../lib/coordination.ts';
import { todayIn } from '../../../lib/dates.ts';
import { transaction } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import { notify } from '../../platform/notify/notify.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { caseRow } from '../cases/cases.workflow.ts';
import { enterprise as enterpriseOf } from '../enterprises/enterprises.service.ts';
import { insertRequest, nextRequestNumber, unitOfKind, unitsNear } from './coordination.repo.ts';
import type { RequestSubmit } from './coordination.schemas.ts';
import { record } from './coordination.workflow.ts';
import { assertComplete, ladderOf, openStep, present, stepOf } from './ladder.ts';
import { attachFiles } from './upload-file.ts';

type SubmitInput = z.infer<typeof RequestSubmit>;

/** The search words of a request: project, applicant, problem, overview, proposal, positions. */
export function tokensOf(r: {
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

async function resolveSource(ctx: ActionContext, input: SubmitInput) {
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

export async function submitRequest(ctx: ActionContext, input: SubmitInput) {
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
        : { id: Number(center.id), name: center.name };
    const notice = await openStep(
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
    await notify(trx, notice);
    return { id, number, state: 'submitted' as const, level };
  });
}

// --- facts, parties and the generic action ------------------------------------------------------
