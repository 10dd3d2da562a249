// 统一出件: all the bundle's cases are handed out together once every one is decided.
import { transaction } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { bundleCase } from './cases.read.ts';
import { markBundleDelivered } from './cases.repo.ts';
import { type DeliveryMethod, deliverCase } from './deliver-case.ts';

export async function deliverBundle(ctx: ActionContext, id: number, method: DeliveryMethod) {
  const { cases: list, bundleCase: bc } = await bundleCase(ctx.db, ctx.principal, id);
  if (bc.delivered_at) throw problems.conflict('该一件事已统一出件。');
  const open = list.filter((c) => !['approved', 'denied', 'rejected', 'withdrawn'].includes(c.state));
  if (open.length) {
    throw problems.conflict(
      `尚有 ${open.length} 个事项未办结（${open.map((c) => c.item_name).join('、')}），不能统一出件。`,
    );
  }
  await transaction(ctx.db, async (trx) => {
    for (const c of list.filter((x) => ['approved', 'denied'].includes(x.state))) {
      await deliverCase({ ...ctx, db: trx }, Number(c.id), c.version, method);
    }
    await markBundleDelivered(trx, id);
    await writeAudit(trx, ctx.actor, {
      action: 'bundle_case.deliver',
      targetType: 'bundle_case',
      targetId: id,
      summary: { method },
    });
  });
}
