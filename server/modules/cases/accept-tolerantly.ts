// 容缺受理 (R-TOL-1): only tolerable materials are missing; for each the applicant signs a
// commitment to hand it in by a date before the decision is due. The dates are checked before the
// receipt is numbered and sealed.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { dueDateOf } from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { startClock } from './accept-case.ts';
import { updateCaseMaterial } from './cases.repo.ts';
import { type CaseMaterials, missingOf, runCaseEvent } from './cases.workflow.ts';

export interface TolerantAcceptInput {
  commitments: { materialId: number; committedDate: IsoDate; commitmentText?: string }[];
}

/** Every commitment names a missing, tolerable material, and every such material has one. */
function assertCovered(materials: CaseMaterials, input: TolerantAcceptInput) {
  const missing = missingOf(materials);
  const notTolerable = missing.filter((m) => m.required && !m.tolerable);
  if (notTolerable.length) {
    throw problems.unprocessable(
      `必备材料不能容缺：${notTolerable.map((m) => m.name).join('、')}。请一次性告知补正。`,
    );
  }
  const byMaterial = new Map(input.commitments.map((c) => [c.materialId, c]));
  for (const [i, c] of input.commitments.entries()) {
    const m = missing.find((x) => Number(x.material_id) === c.materialId);
    const field = `body.commitments.${i}.materialId`;
    if (!m) throw problems.validation([{ field, message: '该材料不是本办件缺少的材料' }]);
    if (!m.tolerable) throw problems.validation([{ field, message: `“${m.name}”不可容缺` }]);
  }
  const uncovered = missing.filter((m) => m.tolerable && !byMaterial.has(Number(m.material_id)));
  if (uncovered.length) {
    throw problems.validation([
      {
        field: 'body.commitments',
        message: `请为每项缺少的容缺材料填写承诺补齐日期：${uncovered.map((m) => m.name).join('、')}`,
      },
    ]);
  }
  if (missing.length === 0) throw problems.unprocessable('材料齐全，无需容缺受理，请直接受理。');
}

export function acceptTolerantly(
  ctx: ActionContext,
  id: number,
  version: number,
  input: TolerantAcceptInput,
) {
  const on = todayIn();
  return runCaseEvent(ctx, id, version, 'accept_tolerantly', 'window', {
    async check(trx, row, facts) {
      assertCovered(facts.materials, input);
      // The commitment falls before the decision is due (R-TOL-1).
      const due = await dueDateOf(trx, {
        regionCode: row.region_code,
        startDate: on,
        limitDays: row.promised_days,
        unit: row.promised_unit,
      });
      for (const [i, c] of input.commitments.entries()) {
        if (c.committedDate <= on || c.committedDate > due) {
          throw problems.validation([
            {
              field: `body.commitments.${i}.committedDate`,
              message: `承诺补齐日期应在受理日之后、承诺办结日期（${due}）之前`,
            },
          ]);
        }
      }
    },
    async effect(trx, row, facts) {
      const missing = missingOf(facts.materials);
      for (const c of input.commitments) {
        const m = missing.find((x) => Number(x.material_id) === c.materialId)!;
        await updateCaseMaterial(trx, Number(m.id), {
          status: 'tolerated',
          committed_date: c.committedDate,
          commitment_text: c.commitmentText ?? `申请人承诺于${c.committedDate}前补齐“${m.name}”`,
          commitment_signed_at: new Date(),
        });
      }
      return {
        ...(await startClock(ctx, trx, row, on)),
        stepName: '容缺受理',
        opinion: `容缺材料 ${input.commitments.length} 项，申请人已签署承诺书`,
      };
    },
  });
}
