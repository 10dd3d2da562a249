// The meetings' minute sweep, run as the system: plans each standing schedule's next regular
// meeting when it is due, reminds once the invited units that have not acknowledged a notice a day
// before the meeting, and the units that have not signed for issued minutes two days after them
// (a unit the organiser already reminded is not reminded again). One failing schedule or meeting
// does not stop the others; the first failure fails the job afterwards, so it is seen.
import { type Db, transaction } from '../../db/client.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.ts';
import { notify } from '../../platform/notify/notify.ts';
import { record } from '../coordination/coordination.workflow.ts';
import { enabledSchedules, meetingsToRemind, REMIND } from './meeting-system.repo.ts';
import { findMeeting, lockMeeting, type MeetingRow } from './meetings.repo.ts';
import { meetingFacts } from './meetings.workflow.ts';
import { planRegularMeeting } from './plan-regular-meeting.ts';
import { remindSilent } from './remind-invitees.ts';

const SYSTEM_READER = { scope: { kind: 'all' as const } };

/** Still due under the lock: the meeting may have been cancelled or held since it was picked. */
const stillDue = (row: MeetingRow, now: Date) =>
  row.state === 'minutes_issued' ||
  (row.state === 'convened' &&
    row.starts_at > now &&
    row.starts_at.getTime() <= now.getTime() + REMIND.beforeMeeting);

export async function sweepMeetings(db: Db, now = new Date()) {
  let failure: unknown;
  const each = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      failure ??= err;
    }
  };
  let planned = 0;
  for (const s of await enabledSchedules(db)) {
    await each(async () => {
      if (await planRegularMeeting(db, SYSTEM_ACTOR, s, { whenDue: true })) planned++;
    });
  }
  let reminded = 0;
  for (const id of await meetingsToRemind(db, now)) {
    await each(() =>
      transaction(db, async (trx) => {
        await lockMeeting(trx, id);
        const row = await findMeeting(trx, SYSTEM_READER, id);
        if (!row || !stillDue(row, now)) return;
        const change = await remindSilent(trx, row, await meetingFacts(trx, row, now), 'system');
        if (!change) return;
        reminded++;
        if (row.request_id !== null) {
          await record(trx, { actor: SYSTEM_ACTOR }, Number(row.request_id), change.timeline);
        }
        await writeAudit(trx, SYSTEM_ACTOR, {
          action: 'meeting.remind',
          targetType: 'meeting',
          targetId: id,
          summary: { title: row.title, ...change.audit },
        });
        for (const n of change.notices) await notify(trx, n);
      }),
    );
  }
  if (failure) throw failure;
  return { planned, reminded };
}
