import { ensureNationalCalendar } from '../platform/calendar/store.ts';
import type { Db } from './client.ts';
import { type Migration, migrate } from './migrate.ts';

/**
 * Everything a database needs before serving: migrations, reference data, and what the
 * composition root asks to seed (the demo data; the database layer knows nothing of it).
 */
export async function prepareDatabase(
  db: Db,
  opts: { seed?: (db: Db) => Promise<boolean> } = {},
): Promise<{ applied: Migration[]; seeded: boolean }> {
  const applied = await migrate(db);
  await ensureNationalCalendar(db);
  const seeded = opts.seed ? await opts.seed(db) : false;
  return { applied, seeded };
}
