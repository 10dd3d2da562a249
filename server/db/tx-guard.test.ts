import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.ts';
import { type Database, transaction } from './client.ts';
import { RootQueryInTransactionError } from './tx-guard.ts';

describe('transactions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  it('a query on the root handle inside a transaction throws at once instead of hanging', async () => {
    const root = database.db;
    await expect(
      transaction(root, async (trx) => {
        await sql`select 1`.execute(trx);
        await sql`select 1`.execute(root); // the bug this guard catches
      }),
    ).rejects.toThrow(RootQueryInTransactionError);
    // The connection is usable afterwards (the transaction rolled back and released it).
    const r = await sql<{ n: number }>`select 1 as n`.execute(root);
    expect(r.rows[0]?.n).toBe(1);
  });

  it('rolls back every write of a failed transaction', async () => {
    const before = await database.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      transaction(database.db, async (trx) => {
        await trx
          .insertInto('unit')
          .values({ region_code: '330400', kind: 'department', name: '临时测试局' })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await database.db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('concurrent callers outside a transaction queue rather than fail', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? transaction(
              database.db,
              async (trx) => (await sql<{ n: number }>`select ${i}::int as n`.execute(trx)).rows[0]!.n,
            )
          : sql<{ n: number }>`select ${i}::int as n`.execute(database.db).then((r) => r.rows[0]!.n),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
