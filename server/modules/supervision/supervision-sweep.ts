// The supervision sweep (a minute job, as the system): every open item is reminded once from its
// first yellow day, once on its due date and once when it is overdue — each recorded as an
// urging with its rule and warning (R-SUP-1) and told to the owner unit; an extension that moves
// the due date starts the reminders again. Items overdue are also told to the supervision office.
import { todayIn } from '../../../lib/dates.ts';
import { warningLevelFromDates } from '../../../lib/warning.ts';
import { type Db, transaction } from '../../db/client.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.ts';
import { notify, regionUsersWith, unitUsersWith } from '../../platform/notify/notify.ts';
import { countUrging, findItem, insertUrging, itemsToRemind, lockItem } from './supervision.repo.ts';

const SYSTEM = { kind: 'all' as const };

const WORDS = {
  before_due: (due: string) => `将于 ${due} 到期，请抓紧办理并报告进展。`,
  on_due: (due: string) => `今天（${due}）到期，请办结并附证明材料报告办结。`,
  overdue: (due: string) => `已于 ${due} 到期仍未办结，已转督查室督办，请立即办理并说明原因。`,
};

export async function sweepSupervision(db: Db, today = todayIn()) {
  const due = await itemsToRemind(db, today);
  let reminded = 0;
  for (const candidate of due) {
    await transaction(db, async (trx) => {
      await lockItem(trx, Number(candidate.id));
      // Re-read under the lock: it may have been reported, closed or extended meanwhile.
      const row = await findItem(trx, SYSTEM, Number(candidate.id));
      if (row?.status !== 'open' || row.due_date !== candidate.due_date) return;
      const warning = warningLevelFromDates(today, row.due_date, row.yellow_from);
      await insertUrging(trx, {
        item_id: Number(row.id),
        rule: candidate.rule,
        warning,
        note: '',
        due_date: row.due_date,
        urged_by: null,
      });
      await countUrging(trx, Number(row.id));
      await writeAudit(trx, SYSTEM_ACTOR, {
        action: 'supervision.urge',
        targetType: 'supervision_item',
        targetId: Number(row.id),
        summary: { rule: candidate.rule, warning, dueDate: row.due_date },
      });
      const key = `supervision:${row.id}:${candidate.rule}:${row.due_date}`;
      await notify(trx, {
        userIds: await unitUsersWith(trx, Number(row.owner_unit_id), 'supervision:report'),
        kind: 'supervision.urged',
        title: `【${candidate.rule === 'overdue' ? '超期' : '督办提醒'}】${row.content}`.slice(0, 200),
        body: WORDS[candidate.rule](row.due_date!),
        link: `/supervision/${row.id}`,
        dedupeKey: key,
      });
      if (candidate.rule === 'overdue') {
        await notify(trx, {
          userIds: await regionUsersWith(trx, row.region_code, 'supervision:manage'),
          kind: 'supervision.overdue',
          title: `【超期】${row.owner_name}：${row.content}`.slice(0, 200),
          body: `${row.due_date} 到期仍未办结。`,
          link: `/supervision/${row.id}`,
          dedupeKey: `${key}:office`,
        });
      }
      reminded++;
    });
  }
  return reminded;
}
