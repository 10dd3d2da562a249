import { seedDemo } from '../demo/seed.ts';
import { ensureNationalCalendar } from '../platform/calendar/store.ts';
import type { SecretBox } from '../platform/crypto/secrets.ts';
import type { Db } from './client.ts';
import { type Migration, migrate } from './migrate.ts';

/**
 * Everything a database needs before serving: migrations, reference data, and demo data on
 * request (its seals' keys are encrypted with `secrets`).
 */
export async function prepareDatabase(
  db: Db,
  opts: { demo: false } | { demo: boolean; secrets: SecretBox },
): Promise<{ applied: Migration[]; seeded: boolean }> {
  const applied = await migrate(db);
  await ensureNationalCalendar(db);
  const seeded = opts.demo && 'secrets' in opts ? await seedDemo(db, opts.secrets) : false;
  return { applied, seeded };
}
