// 筹备会议: the center's organiser schedules a meeting. A special meeting convened on a coordination
// request in 拟召开协调会 starts with the request's matters as topics and its consulted departments
// as invitees; the organiser edits both while the meeting is a draft.
import type { z } from 'zod';
import { beijingClock, todayIn } from '../../../lib/dates.ts';
import { MEETING_KIND_LABELS } from '../../../lib/meeting.ts';
import { transaction } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { partiesOf } from '../coordination/coordination.policy.ts';
import { requestDetail } from '../coordination/coordination.read.ts';
import { record } from '../coordination/coordination.workflow.ts';
import { findJointSystem } from './meeting-system.repo.ts';
import { insertMeeting, meetingsOfRequest, replaceTopics, setInvitees, unitsByIds } from './meetings.repo.ts';
import type { MeetingCreate } from './meetings.schemas.ts';
import { checkStart } from './meetings.workflow.ts';

type Input = z.infer<typeof MeetingCreate>;

/** The chair of a joint meeting until its convener names one when approving the agenda. */
export const JOINT_CHAIR_PENDING = '待召集人指定';

/** Invited units and decision owners: existing, enabled units of the region or its city. */
export async function checkUnits(
  trx: Parameters<typeof unitsByIds>[0],
  regionCode: string,
  ids: number[],
  field: string,
) {
  const unique = [...new Set(ids)];
  const rows = await unitsByIds(trx, unique);
  const city = `${regionCode.slice(0, 4)}00`;
  const bad = unique.filter((id) => {
    const u = rows.find((r) => Number(r.id) === id);
    return !u?.enabled || (u.region_code !== regionCode && u.region_code !== city);
  });
  if (bad.length) {
    throw problems.validation([{ field, message: `单位不存在、已停用或不在本区划：${bad.join('、')}` }]);
  }
  return rows;
}

export async function createMeeting(ctx: ActionContext, input: Input) {
  const p = ctx.principal;
  if (p.kind !== 'staff') throw problems.forbidden('仅限工作人员使用。');
  checkStart(input.startsAt);
  return transaction(ctx.db, async (trx) => {
    let topics = input.topics;
    let invitees = input.inviteeUnitIds;
    if (input.requestId !== undefined) {
      if (input.kind !== 'special') {
        throw problems.validation([{ field: 'body.kind', message: '由协调事项召开的会议应为专题协调会' }]);
      }
      const d = await requestDetail(trx, p, input.requestId);
      if (d.row.state !== 'meeting_proposed' || !partiesOf(p, d.row).includes('coordinator')) {
        throw problems.conflict('该协调事项未处于“拟召开协调会”，或您不是其协调人员。');
      }
      const open = (await meetingsOfRequest(trx, input.requestId)).filter((m) => m.state !== 'cancelled');
      if (open.length) throw problems.conflict(`该协调事项已安排会议“${open[0]!.title}”。`);
      // The request's matters, or its problem when it was consulted without listing matters.
      topics ??= (
        d.matters.length ? d.matters.map((m) => m.title) : [`${d.row.project_name}：${d.row.problem}`]
      ).map((title) => ({ title: title.slice(0, 200), requestId: input.requestId! }));
      invitees ??= [...new Set(d.cons.map((c) => Number(c.department_id)))];
    }
    let chair = input.chair;
    if (input.kind === 'joint') {
      // A joint meeting invites the system's member units; its convener names the chair.
      const system = await findJointSystem(trx, p.regionCode);
      if (!system) throw problems.unprocessable('本区尚未设置联席会议制度，请先在“会议制度”中设置。');
      invitees ??= system.member_unit_ids.map(Number);
      chair = JOINT_CHAIR_PENDING;
    } else if (!chair) {
      throw problems.validation([{ field: 'body.chair', message: '请填写主持人' }]);
    }
    if (!invitees?.length) {
      throw problems.validation([{ field: 'body.inviteeUnitIds', message: '请至少邀请一个参会单位' }]);
    }
    if (!topics?.length) throw problems.validation([{ field: 'body.topics', message: '请至少列出一个议题' }]);
    await checkUnits(trx, p.regionCode, invitees, 'body.inviteeUnitIds');
    const id = await insertMeeting(trx, {
      region_code: p.regionCode,
      center_unit_id: p.unitId,
      kind: input.kind,
      title: input.title,
      starts_at: new Date(input.startsAt),
      place: input.place,
      chair,
      urgent: input.urgent,
      notice_days: input.noticeDays,
      request_id: input.requestId ?? null,
      created_by: p.id,
    });
    await replaceTopics(trx, id, topics);
    await setInvitees(trx, id, invitees);
    if (input.requestId !== undefined) {
      await record(trx, ctx, input.requestId, {
        kind: 'meeting.create',
        title: `筹备${MEETING_KIND_LABELS[input.kind]}：${input.title}`,
        detail: `拟于 ${todayIn('Asia/Shanghai', new Date(input.startsAt))} ${beijingClock(new Date(input.startsAt))} 在${input.place}召开，邀请 ${invitees.length} 个单位。`,
      });
    }
    await writeAudit(trx, ctx.actor, {
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: id,
      summary: { kind: input.kind, title: input.title, requestId: input.requestId ?? null },
    });
    return id;
  });
}
