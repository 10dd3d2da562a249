// 容缺材料补齐: the applicant (online) or the window hands in a material accepted on a commitment;
// the commitment sweep stops reminding, and an approval is no longer held back by it.
import { problems } from '../../platform/http/problem.ts';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { decideFulfilment } from './cases.policy.ts';
import { findStoredMaterials, updateCaseMaterial } from './cases.repo.ts';
import { caseWorkflow } from './cases.workflow.ts';

export function fulfilCommitment(
  ctx: ActionContext,
  id: number,
  caseMaterialId: number,
  storedMaterialId?: number,
) {
  return runAction(ctx, caseWorkflow, id, undefined, {
    decide: (row) => {
      const v = decideFulfilment(ctx.principal, row);
      return v.ok
        ? { ok: true, step: 'fulfil' as const, audit: 'case.commitment.fulfil' as const, next: null }
        : v;
    },
    async check(trx, row, facts) {
      const m = facts.materials.find((x) => Number(x.id) === caseMaterialId);
      if (m?.status !== 'tolerated') throw problems.notFound('该办件没有这项容缺材料。');
      if (m.fulfilled_at) throw problems.conflict('该容缺材料已补齐。');
      if (storedMaterialId) {
        const [s] = await findStoredMaterials(trx, [storedMaterialId]);
        if (!s || (s.enterprise_id !== null && Number(s.enterprise_id) !== Number(row.enterprise_id))) {
          throw problems.validation([
            { field: 'body.storedMaterialId', message: '材料文件不存在或不属于申请人' },
          ]);
        }
      } else if (ctx.principal.kind !== 'staff') {
        throw problems.validation([{ field: 'body.storedMaterialId', message: '请上传补齐的材料文件' }]);
      }
    },
    async effect(trx, _row, facts) {
      const m = facts.materials.find((x) => Number(x.id) === caseMaterialId)!;
      await updateCaseMaterial(trx, caseMaterialId, {
        fulfilled_at: new Date(),
        stored_material_id: storedMaterialId ?? null,
      });
      return {
        stepName: `容缺材料补齐：${m.name}`,
        summary: { material: m.name, committedDate: m.committed_date },
      };
    },
  });
}
