// 安排工作例会: the next meeting of a standing schedule is planned as a draft, with the figures
// of the period before it filled in as its first topics. The minute sweep plans each schedule's
// meeting when it is `lead_days` working days away; the organiser may plan it at once. A date
// already planned (or cancelled) is never planned twice.
import { addDays, type IsoDate, todayIn } from '../../../lib/dates.ts';
import { nextOccurrence } from '../../../lib/meeting.ts';
import { type Db, transaction } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { problems } from '../../platform/http/problem.ts';
import { notify, unitUsersWith } from '../../platform/notify/notify.ts';
import { insertScheduledMeeting, type ScheduleRow, scheduledMeeting } from './meeting-system.repo.ts';
import { replaceTopics, setInvitees, unitsByIds } from './meetings.repo.ts';
import { figureTopics, regularFigures } from './regular-figures.ts';

/** The schedule's next meeting that can still be convened: its date and its start (Beijing). */
export async function nextMeetingOf(db: Db, s: ScheduleRow, today: IsoDate = todayIn()) {
  const { calendar } = await loadCalendar(db, s.region_code);
  const working = (d: IsoDate) => calendar.dayKind(d).workday;
  let next = nextOccurrence(s, today, working);
  let startsAt = new Date(`${next.on}T${s.start_time}:00+08:00`);
  // Today's meeting whose hour has passed is not the next one.
  if (startsAt.getTime() <= Date.now()) {
    next = nextOccurrence(s, addDays(today, 1), working);
    startsAt = new Date(`${next.on}T${s.start_time}:00+08:00`);
  }
  return { ...next, startsAt, workingDaysAway: countWorkingDays(calendar, today, next.on) };
}

/**
 * Plans the schedule's next meeting unless it exists; `whenDue` plans only within the lead time.
 * Returns the new meeting's id, or null when nothing was planned.
 */
export async function planRegularMeeting(
  db: Db,
  actor: Actor,
  s: ScheduleRow,
  opts: { whenDue: boolean },
): Promise<number | null> {
  const today = todayIn();
  const next = await nextMeetingOf(db, s, today);
  if (opts.whenDue && next.workingDaysAway > s.lead_days) return null;
  return transaction(db, async (trx) => {
    if (await scheduledMeeting(trx, Number(s.id), next.on)) return null;
    // Units disabled since the schedule was set are left out; with none left there is no meeting.
    const units = await unitsByIds(trx, [Number(s.center_unit_id), ...s.invitee_unit_ids.map(Number)]);
    const enabled = (id: number) => units.some((u) => Number(u.id) === id && u.enabled);
    const invitees = s.invitee_unit_ids.map(Number).filter(enabled);
    if (!enabled(Number(s.center_unit_id)) || !invitees.length) {
      if (opts.whenDue) return null;
      throw problems.conflict('召集单位已停用，或例会制度中的参会单位均已停用，请先修改例会制度。');
    }
    const figures = await regularFigures(trx, s.region_code, next.period, today);
    const [, month, day] = next.on.split('-').map(Number);
    // Two servers (or the sweep and the organiser) may plan the same date: one wins, quietly.
    const id = await insertScheduledMeeting(trx, {
      region_code: s.region_code,
      center_unit_id: s.center_unit_id,
      kind: 'regular',
      title: `${s.title}（${month}月${day}日）`,
      starts_at: next.startsAt,
      place: s.place,
      chair: s.chair,
      notice_days: s.notice_days,
      schedule_id: s.id,
      schedule_on: next.on,
      figures: JSON.stringify(figures),
      created_by: s.created_by,
    });
    if (id === null) return null;
    await replaceTopics(
      trx,
      id,
      figureTopics(figures).map((title) => ({ title, requestId: null })),
    );
    await setInvitees(trx, id, invitees);
    await writeAudit(trx, actor, {
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: id,
      summary: { kind: 'regular', scheduleId: Number(s.id), on: next.on },
    });
    await notify(trx, {
      userIds: await unitUsersWith(trx, Number(s.center_unit_id), 'meeting:manage'),
      kind: 'meeting.planned',
      title: `已安排${s.title}（${month}月${day}日）`,
      body: `议程已按例会制度生成，并填入 ${figures.period.from} 至 ${figures.period.to} 的审批数据；请核对后印发会议通知。`,
      link: `/meetings/${id}`,
      dedupeKey: `meeting-planned:${s.id}:${next.on}`,
    });
    return id;
  });
}
