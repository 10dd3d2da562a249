// The escalation ladder (逐级协调, DOMAIN.md workflow 3): each region's levels with their time limits
// and required contents, the check of a request's contents against a level, and the steps a
// request climbs (each its own row and deadline, closed when that level acts).
import {
  CONTENT_LABELS,
  type ContentKey,
  DEFAULT_LADDER,
  LADDER_LABELS,
  type LadderLevel,
  type LadderStep,
  missingContents,
} from '../../../lib/coordination.ts';
import { todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { closeDeadline, createDeadline } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import type { NewNotification } from '../../platform/notify/notify.ts';
import { unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { type RequestRow, unitOfKind } from './coordination.repo.ts';
import { staffId } from './coordination.workflow.ts';
import { insertEscalation, openStepDeadlines, regionLadder, setEscalationDeadline } from './ladder.repo.ts';

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

export function stepOf(ladder: LadderStep[], level: LadderLevel) {
  return ladder.find((s) => s.level === level)!;
}

export interface Contents {
  overview: string;
  problem: string;
  positions: unknown;
  proposal: string;
  contactName: string;
  contactPhone: string;
}

export function present(c: Contents, files: number, consulted: boolean): Record<ContentKey, boolean> {
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

export function assertComplete(step: LadderStep, has: Record<ContentKey, boolean>, what: string) {
  const missing = missingContents(step, has);
  if (missing.length) {
    throw problems.unprocessable(
      `${what}须包含：${missing.map((k) => CONTENT_LABELS[k]).join('、')}。请补充后再提交。`,
      missing.map((k) => ({ field: k, message: `缺少${CONTENT_LABELS[k]}` })),
    );
  }
}

/** Who handles a request at each level: those who may act there. */
const HANDLERS: Record<LadderLevel, Permission> = {
  window: 'case:intake',
  stage_lead: 'coordination:escalate',
  center: 'coordination:manage',
  leader: 'coordination:instruct',
};

/** Opens a step of the ladder: its row and its own time limit; returns the notice to its handlers. */
export async function openStep(
  trx: Db,
  ctx: ActionContext,
  r: { id: number; number: string; project_name: string; region_code: string },
  from: LadderLevel | null,
  step: LadderStep,
  unit: { id: number; name: string },
  reason: string,
): Promise<NewNotification> {
  const row = await insertEscalation(trx, {
    request_id: r.id,
    from_level: from,
    to_level: step.level,
    to_unit_id: unit.id,
    reason,
    escalated_by: staffId(ctx),
  });
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
  await setEscalationDeadline(trx, Number(row.id), Number(deadline.id));
  return {
    userIds: await unitUsersWith(trx, unit.id, HANDLERS[step.level]),
    kind: 'coordination.step',
    title: `协调事项 ${r.number} 已${from ? '上报' : '提交'}至${LADDER_LABELS[step.level]}`,
    body: `${r.project_name}：${reason}（${step.limitDays} 个工作日内办理）`,
    link: `/coordination/${r.id}`,
  };
}

/** Closes the open ladder step's time limit: the level has acted. */
export async function closeStep(trx: Db, requestId: number) {
  for (const d of await openStepDeadlines(trx, requestId)) await closeDeadline(trx, Number(d.id), 'done');
}

/** The unit that handles a request at a level. */
export async function stepUnit(db: Db, r: RequestRow, level: LadderLevel) {
  if (level === 'stage_lead') return { id: Number(r.stage_lead_unit_id), name: r.stage_lead_name ?? '' };
  if (level === 'leader') {
    const u = await unitOfKind(db, r.region_code, 'leadership');
    if (!u) throw problems.unprocessable('本区未设置分管领导所在单位，不能上报。');
    return { id: Number(u.id), name: u.name };
  }
  return { id: Number(r.center_unit_id), name: r.center_name };
}
