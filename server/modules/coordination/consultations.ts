// The consultation's part of the workflow runner: a reply is locked through its request's row (so
// a decision and a late signature cannot both win), loaded through the reader's scope, and written
// at the version the drafter saw, with its audit row and, once signed, its timeline entry.
import type { AuditAction } from '../../../lib/audit-actions.ts';
import { addDays, todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { scopeFor } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { problems } from '../../platform/http/problem.ts';
import type { Effect, Workflow } from '../../platform/workflow/runner.ts';
import { findConsultation, updateConsultation } from './consultations.repo.ts';
import { lockRequestOfConsultation } from './coordination.repo.ts';
import { record, type TimelineEntry } from './coordination.workflow.ts';

export async function consultationFor(db: Db, principal: Principal, id: number) {
  const c = await findConsultation(db, scopeFor(principal, 'coordination:read'), id);
  if (!c) throw problems.notFound('书面征询不存在或不是发给您单位的。');
  return c;
}
export type ConsultationFull = Awaited<ReturnType<typeof consultationFor>>;

/** Committed dates are working days after today and within a year. */
export async function assertCommitmentDates(db: Db, regionCode: string, list: { dueDate?: string }[]) {
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

export interface ReplyMove {
  audit: AuditAction;
}

export interface ReplyChange extends Effect {
  set: Parameters<typeof updateConsultation>[3];
  event?: TimelineEntry;
  summary: Record<string, unknown>;
}

export const consultationWorkflow: Workflow<ConsultationFull, object, ReplyMove, ReplyChange> = {
  lock: lockRequestOfConsultation,
  load: consultationFor,
  version: (c) => c.version,
  stale: '答复已被他人修改，请刷新后再操作。',
  facts: async () => ({}),
  async commit(trx, ctx, c, move, change) {
    const id = Number(c.id);
    if (!(await updateConsultation(trx, id, c.version, change.set))) {
      throw problems.preconditionFailed('答复已被他人修改，请刷新后再操作。');
    }
    if (change.event) await record(trx, ctx, Number(c.request_id), change.event);
    await writeAudit(trx, ctx.actor, {
      action: move.audit,
      targetType: 'consultation',
      targetId: id,
      summary: change.summary,
    });
  },
};
