// 配置逐级协调: a region's administrator sets each level's time limit and required contents; the
// ladder is saved as a whole under one version (If-Match), the region row locked while saving.
import type { LadderStep } from '../../../lib/coordination.ts';
import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversRegion, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import { lockLadder, upsertLadderSteps } from './ladder.repo.ts';
import { ladderOf } from './ladder.ts';

export async function saveLadder(
  db: Db,
  actor: Actor,
  principal: Principal,
  regionCode: string,
  steps: LadderStep[],
  expectedVersion: number,
) {
  if (
    principal.kind !== 'staff' ||
    !scopeCoversRegion(scopeFor(principal, 'coordination:ladder'), regionCode)
  ) {
    throw problems.forbidden('只能配置本级及所辖区县的逐级协调。');
  }
  const levels = new Set(steps.map((s) => s.level));
  if (levels.size !== 4) throw problems.unprocessable('每个层级只能配置一次。');
  // Consultations are sent by the center: only the leader's level can require their results.
  if (steps.some((s) => s.level !== 'leader' && s.required.includes('consultations'))) {
    throw problems.unprocessable('“书面征询结果”只能作为上报分管领导时的要求（征询由中心发出）。');
  }
  await transaction(db, async (trx) => {
    const current = await lockLadder(trx, regionCode);
    if (current !== expectedVersion)
      throw problems.preconditionFailed('逐级协调配置已被他人修改，请刷新后再保存。');
    await upsertLadderSteps(trx, regionCode, current + 1, actor.id, steps);
    await writeAudit(trx, actor, {
      action: 'coordination.ladder',
      targetType: 'region',
      targetId: regionCode,
      summary: { steps },
    });
  });
  return ladderOf(db, regionCode);
}
