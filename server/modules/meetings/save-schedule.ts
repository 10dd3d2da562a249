// 工作例会制度: the center's organiser sets a standing schedule of regular meetings (weekly or
// monthly, its day, hour, place, chair and the units it invites); the sweep plans each meeting
// from it. Edits are versioned (If-Match).
import type { z } from 'zod';
import { transaction } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { checkUnits } from './create-meeting.ts';
import { findSchedule, insertSchedule, updateSchedule } from './meeting-system.repo.ts';
import type { ScheduleInput } from './meetings.schemas.ts';

type Input = z.infer<typeof ScheduleInput>;

const columns = (input: Input) => ({
  title: input.title,
  cadence: input.cadence,
  day: input.day,
  start_time: input.startTime,
  place: input.place,
  chair: input.chair,
  invitee_unit_ids: input.inviteeUnitIds,
  notice_days: input.noticeDays,
  lead_days: input.leadDays,
  enabled: input.enabled,
});

/** Creates a schedule (version 0) or changes one at the version the caller read. */
export function saveSchedule(ctx: ActionContext, id: number | null, version: number, input: Input) {
  const p = ctx.principal;
  if (p.kind !== 'staff') throw problems.forbidden('仅限工作人员使用。');
  return transaction(ctx.db, async (trx) => {
    await checkUnits(trx, p.regionCode, input.inviteeUnitIds, 'body.inviteeUnitIds');
    let scheduleId: number;
    if (id === null) {
      scheduleId = await insertSchedule(trx, {
        ...columns(input),
        region_code: p.regionCode,
        center_unit_id: p.unitId,
        created_by: p.id,
      });
    } else {
      if (!(await findSchedule(trx, p.regionCode, id))) throw problems.notFound('例会制度不存在。');
      if (!(await updateSchedule(trx, id, version, columns(input)))) {
        throw problems.preconditionFailed('例会制度已被他人修改，请刷新后再保存。');
      }
      scheduleId = id;
    }
    await writeAudit(trx, ctx.actor, {
      action: 'meeting.schedule.save',
      targetType: 'meeting_schedule',
      targetId: scheduleId,
      summary: { title: input.title, cadence: input.cadence, day: input.day, enabled: input.enabled },
    });
    return scheduleId;
  });
}
