// 窗口收件 / 网上申请: an application for one item under its current version. Missing materials are
// recorded as missing; the window then accepts, accepts tolerantly or asks for a correction.

import type { Db } from '../../db/client.ts';
import { transaction } from '../../db/client.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import { notify } from '../../platform/notify/notify.ts';
import { itemVersion } from '../catalog/catalog.service.ts';
import { enterprise as enterpriseOf } from '../enterprises/enterprises.service.ts';
import { agentFor } from './assign-agent.ts';
import { agentNotice, windowNotice } from './cases.notices.ts';
import {
  type Applicant,
  assertApplicable,
  insertSubmitted,
  type MaterialSupplyInput,
  supplies,
} from './intake.ts';

export interface SubmitInput {
  itemVersionId: number;
  enterpriseId?: number;
  applicant?: Applicant;
  contact: { name: string; phone: string };
  project?: { code: string; name: string };
  form: Record<string, string>;
  materials: MaterialSupplyInput[];
  /** The agent (代办员) accompanying the applicant; named by the window only. */
  agentId?: number;
}

async function applicantFor(db: Db, principal: Principal, input: SubmitInput) {
  if (principal.kind === 'enterprise') {
    return {
      enterpriseId: principal.id,
      applicant: { name: principal.displayName, idType: 'uscc' as const, idNumber: principal.uscc },
    };
  }
  if (input.enterpriseId) {
    const e = await enterpriseOf(db, principal, input.enterpriseId);
    return {
      enterpriseId: Number(e.id),
      applicant: input.applicant ?? { name: e.name, idType: 'uscc' as const, idNumber: e.uscc },
    };
  }
  if (!input.applicant)
    throw problems.validation([{ field: 'body.applicant', message: '窗口收件须填写申请人信息' }]);
  return { enterpriseId: null, applicant: input.applicant };
}

export async function submitCase(db: Db, actor: Actor, principal: Principal, input: SubmitInput) {
  const channel = principal.kind === 'enterprise' ? 'online' : 'window';
  if (principal.kind === 'staff' && scopeFor(principal, 'case:intake').kind === 'none')
    throw problems.forbidden();
  if (channel === 'online' && input.agentId) {
    throw problems.validation([
      { field: 'body.agentId', message: '代办员由政务服务中心指派，网上申请不能自行指定' },
    ]);
  }
  const version = await itemVersion(db, input.itemVersionId);
  assertApplicable(version, channel);
  if (
    principal.kind === 'staff' &&
    !scopeCoversUnit(scopeFor(principal, 'case:intake'), {
      id: Number(version.department_id),
      regionCode: version.region_code,
    })
  ) {
    throw problems.forbidden('该事项不在您窗口的受理范围内。');
  }
  if (version.requires_project_code && !input.project) {
    throw problems.validation([
      { field: 'body.project', message: '该事项须填写投资项目代码和项目名称（R-PRJ-1）' },
    ]);
  }
  const who = await applicantFor(db, principal, input);
  const materials = await supplies(db, principal, who.enterpriseId, version, input.materials);
  const agent = input.agentId ? await agentFor(db, version.region_code, input.agentId) : null;
  return transaction(db, async (trx) => {
    const { id, number } = await insertSubmitted(trx, actor, {
      agentId: agent ? Number(agent.id) : null,
      version,
      channel,
      enterpriseId: who.enterpriseId,
      applicant: who.applicant,
      contact: input.contact,
      project: input.project,
      form: input.form,
      materials,
      bundleCaseId: null,
    });
    if (channel === 'online')
      await notify(trx, await windowNotice(trx, version.region_code, id, `新的网上申请：${version.name}`));
    if (agent) {
      await notify(
        trx,
        agentNotice(Number(agent.id), { id, number, applicant: who.applicant.name, item: version.name }),
      );
    }
    const missing = new Set(materials.filter((m) => m.status === 'missing').map((m) => m.material_id));
    return {
      id,
      number,
      missing: version.materials.filter((m) => missing.has(Number(m.id))).map((m) => m.name),
    };
  });
}
