// 一件事网上申请: one form and one set of materials for a bundle of items; one case per item, handled
// in parallel and delivered together (deliver-bundle.ts).
import { todayIn } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import { notify } from '../../platform/notify/notify.ts';
import { bundle as bundleOf } from '../catalog/bundles.service.ts';
import { itemVersion } from '../catalog/catalog.service.ts';
import { windowNotice } from './cases.notices.ts';
import { insertBundleCase, nextCaseNumber } from './cases.repo.ts';
import { assertApplicable, insertSubmitted, supplies } from './intake.ts';

export async function submitBundle(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: {
    bundleId: number;
    contact: { name: string; phone: string };
    project?: { code: string; name: string };
    form: Record<string, string>;
    materials: { sharedKey: string; storedMaterialId: number }[];
  },
) {
  if (principal.kind !== 'enterprise') throw problems.forbidden('一件事网上申请由企业账号提交。');
  const b = await bundleOf(db, input.bundleId);
  const missingFields = (b.bundle.form as { key: string; label: string; required: boolean }[]).filter(
    (f) => f.required && !input.form[f.key]?.trim(),
  );
  if (missingFields.length) {
    throw problems.validation(
      missingFields.map((f) => ({ field: `body.form.${f.key}`, message: `请填写${f.label}` })),
    );
  }
  const bySharedKey = new Map(input.materials.map((m) => [m.sharedKey, m.storedMaterialId]));
  const versions = await Promise.all(b.items.map((i) => itemVersion(db, Number(i.version_id))));
  const prepared: {
    v: (typeof versions)[number];
    fields: Record<string, string>;
    materials: Awaited<ReturnType<typeof supplies>>;
  }[] = [];
  for (const v of versions) {
    assertApplicable(v, 'online');
    if (v.requires_project_code && !input.project) {
      throw problems.validation([{ field: 'body.project', message: '该一件事须填写投资项目代码和项目名称' }]);
    }
    const given = v.materials.flatMap((m) => {
      const s = bySharedKey.get(m.shared_key);
      return s ? [{ materialId: Number(m.id), storedMaterialId: s }] : [];
    });
    const fields = Object.fromEntries(
      (b.bundle.form as { key: string; itemIds: number[] }[])
        .filter((f) => f.itemIds.includes(Number(v.item_id)) && input.form[f.key] !== undefined)
        .map((f) => [f.key, input.form[f.key]!]),
    );
    prepared.push({ v, fields, materials: await supplies(db, principal, principal.id, v, given) });
  }
  return transaction(db, async (trx) => {
    const bc = await insertBundleCase(trx, {
      number: `${await nextCaseNumber(trx, b.bundle.region_code, todayIn())}-B`,
      bundle_id: Number(b.bundle.id),
      region_code: b.bundle.region_code,
      lead_department_id: Number(b.bundle.lead_department_id),
      enterprise_id: principal.id,
      applicant_name: principal.displayName,
      form: JSON.stringify(input.form),
    });
    const caseIds: number[] = [];
    for (const p of prepared) {
      caseIds.push(
        (
          await insertSubmitted(trx, actor, {
            version: p.v,
            channel: 'online',
            enterpriseId: principal.id,
            applicant: { name: principal.displayName, idType: 'uscc', idNumber: principal.uscc },
            contact: input.contact,
            project: input.project,
            form: p.fields,
            materials: p.materials,
            bundleCaseId: Number(bc.id),
          })
        ).id,
      );
    }
    await writeAudit(trx, actor, {
      action: 'bundle_case.submit',
      targetType: 'bundle_case',
      targetId: bc.id,
      summary: { bundleId: input.bundleId, caseIds },
    });
    await notify(
      trx,
      await windowNotice(trx, b.bundle.region_code, caseIds[0]!, `新的一件事申请：${b.bundle.name}`),
    );
    return { id: Number(bc.id), number: bc.number, caseIds };
  });
}
