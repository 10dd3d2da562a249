import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.ts';
import { type Database, prepared, transaction } from './client.ts';

// Hot fixed queries (the session lookup) run as named prepared statements on PostgreSQL; on PGlite
// the marker is only a comment. Either way the results are those of the plain query.
describe('prepared statements', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  it('marked queries give the same rows, variants of one marker never collide, and PostgreSQL keeps them prepared', async () => {
    const names = await transaction(database.db, async (trx) => {
      const byUnit = (codes: string[]) =>
        trx
          .selectFrom('region')
          .modifyFront(prepared('test_regions'))
          .select('code')
          .where('code', 'in', codes)
          .orderBy('code')
          .execute();
      // The same marker with two different texts (one and two parameters), each run twice.
      for (let i = 0; i < 2; i++) {
        expect((await byUnit(['330402'])).map((r) => r.code)).toEqual(['330402']);
        expect((await byUnit(['330411', '330402'])).map((r) => r.code)).toEqual(['330402', '330411']);
      }
      const raw = await sql<{ n: number }>`/* prepared:test_plain */ select ${41}::int + 1 as n`.execute(trx);
      expect(raw.rows[0]?.n).toBe(42);
      const r = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(
        trx,
      );
      return r.rows.map((x) => x.name);
    });
    const ours = names.filter((n) => n.startsWith('test_'));
    if (database.kind === 'postgres') {
      expect(ours.filter((n) => n.startsWith('test_regions_'))).toHaveLength(2);
      expect(ours.filter((n) => n.startsWith('test_plain_'))).toHaveLength(1);
    } else {
      expect(ours).toEqual([]);
    }
  });
});
