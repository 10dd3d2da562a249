// 指定代办员: the window names (or clears) the agent who follows a case and its commitments.
import type { Db } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { problems } from '../../platform/http/problem.ts';
import type { NewNotification } from '../../platform/notify/notify.ts';
import { type ActionContext, runAction } from '../../platform/workflow/runner.ts';
import { agentNotice } from './cases.notices.ts';
import { decideAgentChange } from './cases.policy.ts';
import { regionAgents } from './cases.repo.ts';
import { caseWorkflow } from './cases.workflow.ts';

/** An agent the window may name on a case of the region; anyone else is refused. */
export async function agentFor(db: Db, regionCode: string, agentId: number) {
  const [agent] = await regionAgents(db, regionCode, agentId);
  if (!agent) {
    throw problems.validation([{ field: 'body.agentId', message: '所选人员不是本区划启用中的代办员' }]);
  }
  return agent;
}

/** Agents the window may name on cases of a region. */
export function agents(db: Db, principal: Principal, regionCode: string) {
  // Any window serving the region, region-wide or for some of its departments.
  const intake = scopeFor(principal, 'case:intake');
  const serves =
    intake.kind === 'all' ||
    (intake.kind === 'some' &&
      principal.kind === 'staff' &&
      principal.visibleRegionCodes.includes(regionCode));
  if (!serves) throw problems.forbidden('您不能查看该区划的代办员。');
  return regionAgents(db, regionCode);
}

/** Names (or, with null, clears) the case's agent; the new agent and the replaced one are told. */
export function assignAgent(ctx: ActionContext, id: number, version: number, agentId: number | null) {
  return runAction(ctx, caseWorkflow, id, version, {
    decide: (row) => {
      const v = decideAgentChange(ctx.principal, row, agentId);
      return v.ok ? { ok: true, step: 'agent' as const, audit: 'case.agent' as const, next: null } : v;
    },
    async effect(trx, row) {
      const agent = agentId === null ? null : await agentFor(trx, row.region_code, agentId);
      const current = row.agent_id === null ? null : Number(row.agent_id);
      const c = { id, number: row.number, applicant: row.applicant_name, item: row.item_name };
      const notices: NewNotification[] = agent ? [agentNotice(Number(agent.id), c)] : [];
      if (current !== null) {
        notices.push({
          userIds: [current],
          kind: 'case.agent',
          title: `您已不再代办：${c.number}（${c.applicant}，${c.item}）`,
          body: agent ? `窗口已改由 ${agent.display_name} 代办。` : '窗口已取消本办件的代办员。',
        });
      }
      return {
        set: { agent_id: agent ? Number(agent.id) : null },
        stepName: agent ? `指定代办员：${agent.display_name}` : '取消代办员',
        summary: { number: row.number, from: current, to: agent ? Number(agent.id) : null },
        notices,
      };
    },
  });
}
