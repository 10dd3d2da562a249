import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres } from '../../../test/db.ts';
import { type Database, transaction } from '../../db/client.ts';
import { SYSTEM_ACTOR, sealAudit, verifyAudit, writeAudit } from './audit.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

const write = (i: number) =>
  transaction(database.db, (trx) =>
    writeAudit(trx, SYSTEM_ACTOR, { action: 'demo.seed', targetId: i, summary: { i } }),
  );

describe('audit chain', () => {
  it('seals rows into one SM3 chain that verifies', async () => {
    for (let i = 0; i < 20; i++) await write(i);
    await sealAudit(database.db);
    const r = await verifyAudit(database.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThanOrEqual(20);
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['chain_seq', 'prev_hash', 'hash'])
      .orderBy('chain_seq')
      .execute();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the trigger', async () => {
    await expect(
      sql`update audit_event set action = 'x' where id = (select min(id) from audit_event)`.execute(
        database.db,
      ),
    ).rejects.toThrow(/只可追加/);
    await expect(sql`delete from audit_event`.execute(database.db)).rejects.toThrow(/只可追加/);
    await expect(sql`truncate audit_event`.execute(database.db)).rejects.toThrow(/只可追加/);
  });

  it('finds a row edited directly in SQL by someone who disabled the trigger', async () => {
    const victim = await database.db
      .selectFrom('audit_event')
      .select(['id', 'chain_seq'])
      .where('chain_seq', '=', 5)
      .executeTakeFirstOrThrow();
    await transaction(database.db, async (trx) => {
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(trx);
      await sql`update audit_event set summary = '{"i": 999}' where id = ${victim.id}`.execute(trx);
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(trx);
    });
    const r = await verifyAudit(database.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ id: Number(victim.id), chainSeq: 5 });
    expect(r.firstBroken!.reason).toMatch(/篡改/);
  });

  it('finds a deleted row', async () => {
    const other = await freshDatabase();
    try {
      for (let i = 0; i < 5; i++) {
        await transaction(other.db, (trx) =>
          writeAudit(trx, SYSTEM_ACTOR, { action: 'demo.seed', targetId: i }),
        );
      }
      await sealAudit(other.db);
      await transaction(other.db, async (trx) => {
        await sql`alter table audit_event disable trigger audit_event_append_only`.execute(trx);
        await sql`delete from audit_event where chain_seq = 3`.execute(trx);
        await sql`alter table audit_event enable trigger audit_event_append_only`.execute(trx);
      });
      const r = await verifyAudit(other.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.chainSeq).toBe(4);
      expect(r.firstBroken!.reason).toMatch(/不连续/);
    } finally {
      await other.close();
    }
  });
});

describe('concurrent writers', () => {
  it(`do not fork the chain (${onPostgres ? 'PostgreSQL, parallel connections' : 'PGlite'})`, async () => {
    const fresh = await freshDatabase();
    try {
      // Writers and sealers interleave; every row must end up in one unbroken chain.
      await Promise.all([
        ...Array.from({ length: 200 }, (_, i) =>
          transaction(fresh.db, (trx) => writeAudit(trx, SYSTEM_ACTOR, { action: 'demo.seed', targetId: i })),
        ),
        ...Array.from({ length: 5 }, () => sealAudit(fresh.db, 7)),
      ]);
      const r = await verifyAudit(fresh.db);
      expect(r.ok).toBe(true);
      expect(r.unsealed).toBe(0);
      const total = await fresh.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(r.checked).toBe(Number(total.n));
    } finally {
      await fresh.close();
    }
  });
});
