// 逐级上报: the level handling a request passes it up the ladder (window → stage lead department →
// center → leader) with a reason; the request must hold what the next level requires, and the
// handler may supply what is missing as it escalates. The state does not change; the level does.
import type { z } from 'zod';
import {
  CONTENT_LABELS,
  LADDER_LABELS,
  type LadderLevel,
  type LadderStep,
  nextLevel,
} from '../../../lib/coordination.ts';
import { todayIn } from '../../../lib/dates.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { consultationsOf } from './consultations.repo.ts';
import { filesOf, type RequestRow, unitsNear } from './coordination.repo.ts';
import type { Escalate } from './coordination.schemas.ts';
import { overdue, runRequestEvent } from './coordination.workflow.ts';
import { assertComplete, ladderOf, openStep, present, stepOf, stepUnit } from './ladder.ts';
import { tokensOf } from './submit-request.ts';
import { attachFiles } from './upload-file.ts';

type Supplement = NonNullable<z.infer<typeof Escalate>['supplement']>;

/** The request's contents with the handler's supplement taking precedence. */
function merged(row: RequestRow, s: Supplement) {
  return {
    overview: s.overview || row.overview,
    problem: s.problem || row.problem,
    positions: s.positions?.length
      ? s.positions
      : (row.positions as { department: string; position: string }[]),
    proposal: s.proposal || row.proposal,
    contactName: s.contactName || row.contact_name,
    contactPhone: s.contactPhone || row.contact_phone,
  };
}

/** The contents the supplement added, by their labels (for the timeline). */
function suppliedLabels(s: Supplement) {
  return (['overview', 'problem', 'positions', 'proposal', 'contact', 'attachments'] as const)
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
}

export function escalate(ctx: ActionContext, id: number, version: number, input: z.infer<typeof Escalate>) {
  const s = input.supplement ?? {};
  let to: LadderLevel;
  let step: LadderStep;
  let stageLead: { id: number; name: string } | null = null;
  return runRequestEvent(ctx, id, version, 'escalate', {
    async check(trx, row) {
      // The machine refuses at the top of the ladder, so there is a next level here.
      to = nextLevel(row.level as LadderLevel)!;
      step = stepOf(await ladderOf(trx, row.region_code), to);
      const files =
        (await filesOf(trx, id)).filter((f) => f.consultation_id === null).length + (s.fileIds?.length ?? 0);
      const today = todayIn();
      const consulted = (await consultationsOf(trx, id)).some(
        (c) => c.status === 'answered' || overdue(c, today),
      );
      assertComplete(step, present(merged(row, s), files, consulted), `上报至${LADDER_LABELS[to]}`);
      if (to === 'stage_lead') {
        if (!input.stageLeadUnitId)
          throw problems.unprocessable('请选择阶段牵头部门。', [
            { field: 'stageLeadUnitId', message: '请选择阶段牵头部门' },
          ]);
        const [u] = await unitsNear(trx, row.region_code, [input.stageLeadUnitId]);
        if (u?.kind !== 'department' || !u.enabled)
          throw problems.unprocessable('阶段牵头部门应为本区（或上级市）的审批部门。');
        stageLead = { id: Number(u.id), name: u.name };
      }
    },
    async effect(trx, r) {
      const m = merged(r, s);
      const supplied = suppliedLabels(s);
      await attachFiles(trx, ctx.principal, s.fileIds ?? [], id, null);
      const unit = stageLead ?? (await stepUnit(trx, r, to));
      const notice = await openStep(
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
          overview: m.overview,
          problem: m.problem,
          positions: JSON.stringify(m.positions),
          proposal: m.proposal,
          contact_name: m.contactName,
          contact_phone: m.contactPhone,
          search_text: `${r.project_name} ${r.applicant_name} ${m.problem}`.slice(0, 2000),
        },
        tokens: tokensOf({ ...m, projectName: r.project_name, applicantName: r.applicant_name }),
        event: {
          kind: 'escalated',
          title: `由${LADDER_LABELS[r.level as LadderLevel]}上报至${LADDER_LABELS[to]}（${unit.name}）`,
          detail: `${input.reason}（${step.limitDays} 个工作日内办理）${supplied.length ? `；补充了${supplied.join('、')}` : ''}`,
          public: true,
        },
        audit: { from: r.level, to, unit: unit.id, supplied },
        notices: [notice],
      };
    },
  });
}
