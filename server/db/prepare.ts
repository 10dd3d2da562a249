import { seedDemo } from '../demo/seed.ts';
import { ensureNationalCalendar } from '../platform/calendar/store.ts';
import type { Db } from './client.ts';
import { type Migration, migrate } from './migrate.ts';

/** Everything a database needs before serving: migrations, reference data, demo data on request. */
export async function prepareDatabase(
  db: Db,
  opts: { demo: boolean },
): Promise<{ applied: Migration[]; seeded: boolean }> {
  const applied = await migrate(db);
  await ensureNationalCalendar(db);
  const seeded = opts.demo ? await seedDemo(db) : false;
  return { applied, seeded };
}
