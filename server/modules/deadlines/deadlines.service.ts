import type { IsoDate } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { CalendarInputError } from '../../platform/calendar/engine.ts';
import type { CalendarCache } from '../../platform/calendar/store.ts';
import {
  type DeadlineFilter,
  explainDeadline,
  findDeadline,
  listDeadlines,
  resumeDeadline,
  suspendDeadline,
  today,
} from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';

export function deadlines(
  db: Db,
  principal: Principal,
  filter: Omit<DeadlineFilter, 'today'>,
  page: PageRequest,
) {
  return listDeadlines(db, scopeFor(principal, 'deadline:read'), { ...filter, today: today() }, page);
}

export async function deadline(db: Db, cache: CalendarCache, principal: Principal, id: number) {
  const r = await explainDeadline(db, scopeFor(principal, 'deadline:read'), id, cache);
  if (!r) throw problems.notFound('办理时限不存在或不在您的数据范围内。');
  return r;
}

async function inSuspendScope(db: Db, principal: Principal, id: number) {
  const row = await findDeadline(db, scopeFor(principal, 'deadline:suspend'), id);
  if (!row) throw problems.notFound('办理时限不存在或不在您的数据范围内。');
  if (row.status !== 'open') throw problems.conflict('该时限已办结或撤销，不能再挂起或恢复。');
  return row;
}

// The engine's checks (overlap, order, start day) surface as a 422 with its Chinese message.
async function engineChecked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CalendarInputError) throw problems.unprocessable(err.message);
    throw err;
  }
}

export async function suspend(
  db: Db,
  cache: CalendarCache,
  actor: Actor,
  principal: Principal,
  id: number,
  input: { kind: string; from: IsoDate; reason: string },
) {
  await inSuspendScope(db, principal, id);
  await engineChecked(() =>
    transaction(db, async (trx) => {
      await suspendDeadline(trx, id, { ...input, by: principal.id });
      await writeAudit(trx, actor, {
        action: 'deadline.suspend',
        targetType: 'deadline',
        targetId: id,
        summary: input,
      });
    }),
  );
  return deadline(db, cache, principal, id);
}

export async function resume(
  db: Db,
  cache: CalendarCache,
  actor: Actor,
  principal: Principal,
  id: number,
  to: IsoDate,
) {
  await inSuspendScope(db, principal, id);
  await engineChecked(() =>
    transaction(db, async (trx) => {
      const r = await resumeDeadline(trx, id, to);
      if (!r) throw problems.conflict('该时限当前没有挂起，无需恢复。');
      await writeAudit(trx, actor, {
        action: 'deadline.resume',
        targetType: 'deadline',
        targetId: id,
        summary: { to },
      });
    }),
  );
  return deadline(db, cache, principal, id);
}
