// 受理: the materials are complete; the promised-days clock starts the day after (受理次日起算) and
// the center issues the numbered, sealed 受理通知书.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';
import { acceptanceNotice } from '../../platform/documents/templates.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueCaseDocument } from './cases.documents.ts';
import { type CaseRow, upgradeTrust } from './cases.repo.ts';
import { missingOf, runCaseEvent, staffId } from './cases.workflow.ts';

/** The promised time limit of a case accepted on a day: its deadline row and the receipt. */
export async function startClock(ctx: ActionContext, trx: Db, row: CaseRow, on: IsoDate) {
  const deadline = await createDeadline(
    trx,
    {
      subjectType: 'case',
      subjectId: String(row.id),
      kind: 'promised',
      title: `${row.applicant_name} ${row.item_name}`,
      regionCode: row.region_code,
      unitId: Number(row.department_id),
      startDate: on,
      limitDays: row.promised_days,
      unit: row.promised_unit,
    },
    on,
  );
  const doc = await issueCaseDocument(
    trx,
    ctx,
    row,
    'acceptance_notice',
    (base) =>
      acceptanceNotice({
        ...base,
        dueDate: deadline.due_date!,
        limitDays: row.promised_days,
        limitUnit: row.promised_unit,
      }),
    on,
  );
  // Accepted: the window has checked the uploads against the originals (grade C → B, R-MAT-1).
  await upgradeTrust(trx, Number(row.id), staffId(ctx));
  return {
    set: {
      accepted_at: new Date(),
      acceptance_number: doc.number!,
      deadline_id: Number(deadline.id),
      promised_due: deadline.due_date,
    },
  };
}

export function acceptCase(ctx: ActionContext, id: number, version: number) {
  return runCaseEvent(ctx, id, version, 'accept', 'window', {
    check(_trx, _row, facts) {
      const missing = missingOf(facts.materials).filter((m) => m.required);
      if (missing.length) {
        throw problems.unprocessable(
          `材料不齐全：${missing.map((m) => m.name).join('、')}。请一次性告知补正，或对可容缺材料办理容缺受理。`,
        );
      }
    },
    async effect(trx, row) {
      return { ...(await startClock(ctx, trx, row, todayIn())), stepName: '受理' };
    },
  });
}
