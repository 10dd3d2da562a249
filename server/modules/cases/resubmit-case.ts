// 提交补正材料: the applicant (online, or the window on its behalf) supplies what the 一次性告知书
// listed; the case is back with the window to accept.
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { itemVersion } from '../catalog/catalog.service.ts';
import { applicantSide } from './cases.policy.ts';
import { updateCaseMaterial } from './cases.repo.ts';
import { runCaseEvent } from './cases.workflow.ts';
import { type MaterialSupplyInput, supplies } from './intake.ts';

export function resubmitCase(
  ctx: ActionContext,
  id: number,
  version: number,
  input: { materials: MaterialSupplyInput[] },
) {
  return runCaseEvent(ctx, id, version, 'resubmit', applicantSide(ctx.principal), {
    async effect(trx, row, facts) {
      const v = await itemVersion(trx, Number(row.item_version_id));
      const enterpriseId = row.enterprise_id === null ? null : Number(row.enterprise_id);
      const supplied = await supplies(trx, ctx.principal, enterpriseId, v, input.materials);
      for (const m of facts.materials) {
        const s = supplied.find((x) => x.material_id === Number(m.material_id));
        if (m.status === 'missing' && s && s.status !== 'missing') {
          await updateCaseMaterial(trx, Number(m.id), { status: s.status, stored_material_id: s.storedId });
        }
      }
      return { stepName: '提交补正材料' };
    },
  });
}
