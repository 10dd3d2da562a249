import { addDays, type IsoDate } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.ts';
import { addWorkingDays, type Calendar } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { type ExternalChannel, notify, unitUserIds } from '../../platform/notify/notify.ts';
import { windowUserIds } from './cases.notices.ts';
import { breachedCommitments, commitmentsDueSoon, insertStep, stampCommitment } from './cases.repo.ts';

// Tolerant-acceptance commitments (容缺受理承诺, R-TOL-1): the applicant promised to hand in a
// missing material by a date. The sweep reminds the window (and the case's agent, 代办员) shortly
// before that date and, once it has passed unfulfilled, flags the breach to the window, the
// department handling the case and the agent, and proposes a credit record (诚信不良记录).

/** Reminders go out this many working days (region calendar) before the committed date. */
export const REMIND_WORKING_DAYS = 2;

/**
 * Candidates are read for this many calendar days ahead, then cut per region at the 2nd working
 * day. The longest run of days off in a Chinese calendar (春节 / 国庆 with their weekends) is 8–9
 * days, so a month covers two working days with room for local closures; anything further out is
 * picked up by a later run once it comes into the window.
 */
const LOOKAHEAD_DAYS = 31;

export interface CommitmentSweepResult {
  reminded: number;
  breached: number;
  /** In-app notifications written (0 on a re-run). */
  notifications: number;
}

/**
 * One pass of the sweep with the caller's executor (the job runs it in one transaction): stamps
 * `reminded_at` / `breached_at`, notifies with dedupe keys and audits each breach. A re-run on the
 * same day writes nothing: stamped rows are no longer selected, and the notification keys exist.
 */
export async function sweepCommitments(
  db: Db,
  on: IsoDate,
  channels: readonly ExternalChannel[] = [],
): Promise<CommitmentSweepResult> {
  const result: CommitmentSweepResult = { reminded: 0, breached: 0, notifications: 0 };
  const calendars = new Map<string, Calendar>();
  const windowUsers = new Map<string, number[]>();
  const windowStaff = async (regionCode: string) => {
    let users = windowUsers.get(regionCode);
    if (!users) {
      users = await windowUserIds(db, regionCode);
      windowUsers.set(regionCode, users);
    }
    return users;
  };
  const agentOf = (c: { agent_id: number | null }) => (c.agent_id === null ? [] : [Number(c.agent_id)]);
  const remindUntil = async (regionCode: string) => {
    let cal = calendars.get(regionCode);
    if (!cal) {
      cal = (await loadCalendar(db, regionCode)).calendar;
      calendars.set(regionCode, cal);
    }
    return addWorkingDays(cal, on, REMIND_WORKING_DAYS).date;
  };

  // (a) Due within the next two working days: remind the window (and the agent) once.
  for (const c of await commitmentsDueSoon(db, on, addDays(on, LOOKAHEAD_DAYS))) {
    if (c.committed_date! > (await remindUntil(c.region_code))) continue;
    if (!(await stampCommitment(db, Number(c.id), 'reminded_at'))) continue;
    result.reminded++;
    result.notifications += await notify(
      db,
      {
        userIds: [...(await windowStaff(c.region_code)), ...agentOf(c)],
        kind: 'case.commitment.due',
        title: `容缺材料即将到期：${c.name}（${c.number} ${c.applicant_name}）`,
        body: `申请人承诺于 ${c.committed_date} 前补齐“${c.name}”，请提醒申请人按时提交。`,
        link: `/cases/${c.case_id}`,
        dedupeKey: `commitment:${c.id}:due:${c.committed_date}`,
      },
      channels,
    );
    await writeAudit(db, SYSTEM_ACTOR, {
      action: 'case.commitment.remind',
      targetType: 'case',
      targetId: c.case_id,
      summary: { number: c.number, material: c.name, committedDate: c.committed_date },
    });
  }

  // (b) The committed date has passed unfulfilled: a breach, told to the window, the department and
  // the agent.
  for (const c of await breachedCommitments(db, on)) {
    if (!(await stampCommitment(db, Number(c.id), 'breached_at'))) continue;
    result.breached++;
    const users = [
      ...(await windowStaff(c.region_code)),
      ...(await unitUserIds(db, Number(c.department_id))),
      ...agentOf(c),
    ];
    result.notifications += await notify(
      db,
      {
        userIds: users,
        kind: 'case.commitment.breach',
        title: `容缺承诺逾期：${c.name}（${c.number} ${c.applicant_name}）`,
        body: `申请人承诺于 ${c.committed_date} 前补齐“${c.name}”，逾期未补齐。建议记入诚信不良记录（承诺未履行）。`,
        link: `/cases/${c.case_id}`,
        dedupeKey: `commitment:${c.id}:breach`,
      },
      channels,
    );
    await insertStep(db, {
      case_id: c.case_id,
      name: `容缺承诺逾期：${c.name}`,
      event: 'breach',
      action: 'other',
      from_state: c.state,
      to_state: c.state,
      opinion: `承诺补齐日期 ${c.committed_date}，逾期未补齐；建议记入诚信不良记录（承诺未履行）`,
    });
    await writeAudit(db, SYSTEM_ACTOR, {
      action: 'case.commitment.breach',
      targetType: 'case',
      targetId: c.case_id,
      summary: {
        number: c.number,
        material: c.name,
        committedDate: c.committed_date,
        applicant: c.applicant_name,
        creditRecordProposed: true,
      },
    });
  }
  return result;
}
