import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import {
  type Calendar,
  type CalendarDayRecord,
  type LocalOverride,
  makeCalendar,
  type NoticeSource,
  type OfficialYear,
} from './engine.ts';
import { OFFICIAL_YEARS } from './national.ts';

// The calendar as stored: national days of officially loaded years, and per-region overrides
// (a county inherits its city's, its own win). Every change bumps calendar_state.revision.

export async function calendarRevision(db: Db): Promise<number> {
  const r = await db
    .selectFrom('calendar_state')
    .select('revision')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.revision);
}

/** Increments the revision with the caller's executor (inside the change's transaction). */
export async function bumpCalendarRevision(db: Db): Promise<number> {
  const r = await db
    .updateTable('calendar_state')
    .set({ revision: sql`revision + 1` })
    .where('id', '=', 1)
    .returning('revision')
    .executeTakeFirstOrThrow();
  return Number(r.revision);
}

export async function officialYears(db: Db): Promise<OfficialYear[]> {
  const years = await db.selectFrom('calendar_year').select(['year', 'sources']).orderBy('year').execute();
  const days = await db.selectFrom('national_day').select(['date', 'kind', 'name']).orderBy('date').execute();
  return years.map((y) => ({
    year: y.year,
    sources: y.sources as NoticeSource[],
    days: days
      .filter((d) => d.date.startsWith(`${y.year}-`))
      .map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  }));
}

/** The region's overrides merged with its parent's (the region's own win on the same date). */
export async function regionOverrides(db: Db, regionCode: string): Promise<LocalOverride[]> {
  const region = await db
    .selectFrom('region')
    .select('parent_code')
    .where('code', '=', regionCode)
    .executeTakeFirst();
  const codes = region?.parent_code ? [regionCode, region.parent_code] : [regionCode];
  const rows = await db
    .selectFrom('calendar_override')
    .select(['region_code', 'date', 'kind', 'reason'])
    .where('region_code', 'in', codes)
    .orderBy('date')
    .execute();
  const byDate = new Map<string, LocalOverride>();
  for (const r of rows.filter((r) => r.region_code !== regionCode)) byDate.set(r.date, r);
  for (const r of rows.filter((r) => r.region_code === regionCode)) byDate.set(r.date, r);
  return [...byDate.values()].map((o) => ({ date: o.date, kind: o.kind, reason: o.reason }));
}

export async function loadCalendar(
  db: Db,
  regionCode: string,
): Promise<{ calendar: Calendar; revision: number }> {
  const [revision, years, overrides] = await Promise.all([
    calendarRevision(db),
    officialYears(db),
    regionOverrides(db, regionCode),
  ]);
  return { calendar: makeCalendar({ years, overrides, version: `r${revision}` }), revision };
}

/**
 * Calendars per region, rebuilt only when the revision moved (one small query per use). Several
 * servers stay consistent because the revision lives in the database.
 */
export class CalendarCache {
  readonly #entries = new Map<string, { revision: number; calendar: Calendar }>();
  async get(db: Db, regionCode: string): Promise<{ calendar: Calendar; revision: number }> {
    const revision = await calendarRevision(db);
    const hit = this.#entries.get(regionCode);
    if (hit && hit.revision === revision) return hit;
    const fresh = await loadCalendar(db, regionCode);
    this.#entries.set(regionCode, fresh);
    return fresh;
  }
}

export async function storeOfficialYear(
  db: Db,
  year: number,
  days: readonly CalendarDayRecord[],
  sources: readonly NoticeSource[],
  by: number | null,
) {
  await db
    .deleteFrom('national_day')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  if (days.length)
    await db
      .insertInto('national_day')
      .values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })))
      .execute();
  await db
    .insertInto('calendar_year')
    .values({ year, sources: JSON.stringify(sources), loaded_by: by })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet({ sources: JSON.stringify(sources), loaded_at: sql`now()`, loaded_by: by }),
    )
    .execute();
}

/** Loads the packaged official years (2020–2026) into an empty calendar; a no-op afterwards. */
export async function ensureNationalCalendar(db: Db): Promise<number> {
  const existing = await db.selectFrom('calendar_year').select('year').limit(1).execute();
  if (existing.length) return 0;
  for (const y of OFFICIAL_YEARS) await storeOfficialYear(db, y.year, y.days, y.sources ?? [], null);
  await bumpCalendarRevision(db);
  return OFFICIAL_YEARS.length;
}
