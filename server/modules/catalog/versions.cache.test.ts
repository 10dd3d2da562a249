import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import { type Database, type Db, transaction } from '../../db/client.ts';
import { itemVersion } from './catalog.service.ts';

// itemVersion remembers published versions (they are immutable) per database and process. These
// cases are where remembering could go wrong: two databases in one process, a read inside a
// transaction that rolls back, and the item's live state, which must never come from memory.
let a: Database;
let b: Database;

beforeAll(async () => {
  a = await freshDatabase();
  b = await freshDatabase();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** A copy of an existing version under a new number and name, as publishing would insert it. */
async function copyVersion(db: Db, from: number, name: string, bump = 100): Promise<number> {
  const cols = (
    await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_name = 'service_item_version' and column_name not in ('id', 'version_no', 'name')
      order by ordinal_position`.execute(db)
  ).rows.map((r) => sql.ref(r.column_name));
  const list = sql.join(cols);
  const r = await sql<{ id: number }>`insert into service_item_version (version_no, name, ${list})
    select version_no + ${bump}, ${name}, ${list} from service_item_version where id = ${from}
    returning id`.execute(db);
  return Number(r.rows[0]!.id);
}

const firstVersion = async (db: Db) =>
  Number(
    (await db.selectFrom('service_item').select('current_version_id').orderBy('id').executeTakeFirstOrThrow())
      .current_version_id,
  );

describe('published versions read once', () => {
  it('keeps databases opened side by side apart, even where their ids coincide', async () => {
    const base = await firstVersion(a.db);
    const inA = await copyVersion(a.db, base, '甲库新版本');
    const inB = await copyVersion(b.db, base, '乙库新版本');
    expect(inA).toBe(inB); // clones of one template hand out the same next id
    expect((await itemVersion(a.db, inA)).name).toBe('甲库新版本');
    expect((await itemVersion(b.db, inB)).name).toBe('乙库新版本');
    expect((await itemVersion(a.db, inA)).name).toBe('甲库新版本');
  });

  it('does not remember a version read inside a transaction that rolled back', async () => {
    const base = await firstVersion(a.db);
    let ghost = 0;
    await expect(
      transaction(a.db, async (trx) => {
        ghost = await copyVersion(trx, base, '回滚的版本', 200);
        expect((await itemVersion(trx, ghost)).name).toBe('回滚的版本');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(itemVersion(a.db, ghost)).rejects.toMatchObject({ status: 404 });
  });

  it('reads the item’s status and current version live, not from memory', async () => {
    const base = await firstVersion(a.db);
    const before = await itemVersion(a.db, base);
    expect(before.status).toBe('active');
    await a.db
      .updateTable('service_item')
      .set({ status: 'withdrawn' })
      .where('id', '=', before.item_id)
      .execute();
    const after = await itemVersion(a.db, base);
    expect(after.status).toBe('withdrawn');
    expect(after.name).toBe(before.name);
    // What every caller shares cannot be changed by one of them.
    expect(() => (after.materials as unknown[]).push({})).toThrow(TypeError);
  });
});
