import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates.ts';
import { freshDatabase } from '../../../test/db.ts';
import { TEST_SECRET_KEY } from '../../../test/keys.ts';
import type { Database } from '../../db/client.ts';
import { demoCtx } from '../../demo/principals.ts';
import { SecretBox } from '../../platform/crypto/secrets.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { itemVersion } from '../catalog/catalog.service.ts';
import { acceptTolerantly } from './accept-tolerantly.ts';
import { caseRow } from './cases.workflow.ts';
import { submitCase } from './submit-case.ts';

// The service tier: use cases called directly as the window would, no HTTP. Tolerant acceptance
// checks the committed dates before the receipt is numbered and sealed, so a refused acceptance
// takes no number from the center's series and leaves the case as it was.
let database: Database;
let clerk: ActionContext;
beforeAll(async () => {
  database = await freshDatabase();
  clerk = await demoCtx(database.db, new SecretBox(TEST_SECRET_KEY), 'nanhu.clerk');
});
afterAll(() => database.close());

/** A walk-in application for the construction permit with one tolerable material left out. */
async function caseMissingOneTolerable() {
  const db = database.db;
  const { id: versionId } = await db
    .selectFrom('service_item')
    .innerJoin('service_item_version as v', 'v.id', 'service_item.current_version_id')
    .select('v.id')
    .where('service_item.region_code', '=', '330402')
    .where('v.name', '=', '建筑工程施工许可证核发')
    .executeTakeFirstOrThrow();
  const { materials } = await itemVersion(db, Number(versionId));
  const tolerable = materials.find((m) => m.tolerable)!;
  const { id } = await submitCase(db, clerk.actor, clerk.principal, {
    itemVersionId: Number(versionId),
    applicant: { name: '嘉兴南湖测试建设有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' },
    contact: { name: '钱志远', phone: '13905730001' },
    project: { code: '2026-330402-47-01-000001', name: '测试厂房' },
    form: {},
    materials: materials
      .filter((m) => m.id !== tolerable.id)
      .map((m) => ({ materialId: Number(m.id), paperChecked: true })),
  });
  return { id, materialId: Number(tolerable.id) };
}

const issued = async () =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from document where kind = 'acceptance_notice'`.execute(
        database.db,
      )
    ).rows[0]!.n,
  );

describe('tolerant acceptance (service tier)', () => {
  it('a committed date after the decision is due is refused before anything is numbered or sealed', async () => {
    const { id, materialId } = await caseMissingOneTolerable();
    const before = await issued();
    const row = await caseRow(database.db, clerk.principal, id);
    const tooLate = addDays(todayIn(), 400);
    const err = await acceptTolerantly(clerk, id, row.version, {
      commitments: [{ materialId, committedDate: tooLate }],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Problem);
    expect((err as Problem).status).toBe(400);
    expect((err as Problem).errors?.[0]?.message).toMatch(/承诺办结日期/);
    expect(await issued()).toBe(before);
    const after = await caseRow(database.db, clerk.principal, id);
    expect(after.state).toBe('submitted');
    expect(after.version).toBe(row.version);
  });

  it('a date before the due date accepts the case and issues one receipt', async () => {
    const { id, materialId } = await caseMissingOneTolerable();
    const before = await issued();
    const row = await caseRow(database.db, clerk.principal, id);
    await acceptTolerantly(clerk, id, row.version, {
      commitments: [{ materialId, committedDate: addDays(todayIn(), 3) }],
    });
    const after = await caseRow(database.db, clerk.principal, id);
    expect(after.state).toBe('tolerantly_accepted');
    expect(after.acceptance_number).toMatch(/受/);
    expect(await issued()).toBe(before + 1);
  });
});
