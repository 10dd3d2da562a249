// Who is told of what happens to a case, named by what they may do about it.
import type { Db } from '../../db/client.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import { centerOf } from './cases.repo.ts';

/**
 * The window staff of a region's center (who hold case:intake): told of new applications and of
 * commitments. Other center staff, agents included, are not.
 */
export async function windowUserIds(db: Db, regionCode: string): Promise<number[]> {
  const center = await centerOf(db, regionCode);
  return center ? unitUsersWith(db, Number(center.id), 'case:intake') : [];
}

export async function windowNotice(
  db: Db,
  regionCode: string,
  caseId: number,
  title: string,
): Promise<NewNotification> {
  return { userIds: await windowUserIds(db, regionCode), kind: 'case', title, link: `/cases/${caseId}` };
}

/** Tells an agent it follows a case from now on. */
export function agentNotice(
  agentId: number,
  c: { id: number; number: string; applicant: string; item: string },
): NewNotification {
  return {
    userIds: [agentId],
    kind: 'case.agent',
    title: `您已被指定为代办员：${c.number}（${c.applicant}，${c.item}）`,
    body: '请跟进办理进度；容缺材料的承诺补齐日期临近和逾期时，系统会同时提醒您。',
    link: `/cases/${c.id}`,
  };
}
