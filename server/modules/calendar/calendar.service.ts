import { eachDay, fromParts, type IsoDate } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversRegion, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import {
  type CalendarDayRecord,
  CalendarInputError,
  makeCalendar,
  type NoticeSource,
  validateLocalOverrides,
  validateYearImport,
} from '../../platform/calendar/engine.ts';
import {
  bumpCalendarRevision,
  type CalendarCache,
  officialYears,
  regionOverrides,
  storeOfficialYear,
} from '../../platform/calendar/store.ts';
import {
  notifyChanges,
  type RecomputeChange,
  recomputeOpenDeadlines,
} from '../../platform/deadlines/deadlines.ts';
import { problems } from '../../platform/http/problem.ts';
import { deleteOverride, insertOverride, overridesOf, regionWithChildren } from './calendar.repo.ts';

/** Every day of a year in a region's calendar, for the year view. */
export async function yearView(db: Db, cache: CalendarCache, regionCode: string, year: number) {
  const { calendar, revision } = await cache.get(db, regionCode);
  const days = eachDay(fromParts(year, 1, 1), fromParts(year, 12, 31)).map((date) => {
    const k = calendar.dayKind(date);
    return {
      date,
      workday: k.workday,
      category: k.category ?? (k.workday ? 'workday' : 'weekend'),
      name: k.name ?? null,
      provisional: k.provisional,
    };
  });
  const official = calendar.isOfficialYear(year);
  const sources = (await officialYears(db)).find((y) => y.year === year)?.sources ?? [];
  return {
    regionCode,
    year,
    official,
    revision,
    sources: [...sources],
    workingDays: days.filter((d) => d.workday).length,
    days,
  };
}

function manageable(principal: Principal, regionCode: string) {
  return scopeCoversRegion(scopeFor(principal, 'calendar:manage'), regionCode);
}

const sample = (changes: RecomputeChange[]) =>
  changes.slice(0, 200).map((c) => ({
    id: c.id,
    title: c.title,
    oldDue: c.oldDue,
    newDue: c.newDue,
    provisional: c.newProvisional,
  }));

export async function listOverrides(db: Db, regionCode: string) {
  return overridesOf(db, [regionCode]);
}

/**
 * A local closure or make-up day: stored, the revision bumped, every open deadline of the region
 * (and of its counties, for a city) recomputed and the owners told, all in one transaction.
 */
export async function addOverride(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: { regionCode: string; date: IsoDate; kind: 'closure' | 'workday'; reason: string },
) {
  if (!manageable(principal, input.regionCode)) throw problems.forbidden('您不能调整该区划的工作日历。');
  const regions = await regionWithChildren(db, input.regionCode);
  if (!regions.length) throw problems.validation([{ field: 'body.regionCode', message: '区划不存在' }]);
  const current = makeCalendar({
    years: await officialYears(db),
    overrides: await regionOverrides(db, input.regionCode),
  });
  const check = validateLocalOverrides(current, [
    { date: input.date, kind: input.kind, reason: input.reason },
  ]);
  if (check.errors.length) throw problems.unprocessable(check.errors.join('；'));
  return transaction(db, async (trx) => {
    const row = await insertOverride(trx, {
      region_code: input.regionCode,
      date: input.date,
      kind: input.kind,
      reason: input.reason,
      created_by: principal.id,
    });
    const revision = await bumpCalendarRevision(trx);
    const why = `${input.date} ${input.kind === 'closure' ? '停止办公' : '调整为工作日'}（${input.reason}）`;
    const changes = await recomputeOpenDeadlines(
      trx,
      regions.map((r) => r.code),
      `工作日历调整：${why}`,
    );
    await notifyChanges(trx, changes, why);
    await writeAudit(trx, actor, {
      action: 'calendar.override_add',
      targetType: 'region',
      targetId: input.regionCode,
      summary: { ...input, revision, deadlinesChanged: changes.length },
    });
    return {
      override: row,
      revision,
      warnings: check.warnings,
      changed: changes.length,
      changes: sample(changes),
    };
  });
}

export async function removeOverride(
  db: Db,
  actor: Actor,
  principal: Principal,
  regionCode: string,
  date: IsoDate,
) {
  if (!manageable(principal, regionCode)) throw problems.forbidden('您不能调整该区划的工作日历。');
  const regions = await regionWithChildren(db, regionCode);
  return transaction(db, async (trx) => {
    const row = await deleteOverride(trx, regionCode, date);
    if (!row) throw problems.notFound('该日期没有本地调整。');
    const revision = await bumpCalendarRevision(trx);
    const why = `撤销 ${date} 的本地调整（${row.reason}）`;
    const changes = await recomputeOpenDeadlines(
      trx,
      regions.map((r) => r.code),
      `工作日历调整：${why}`,
    );
    await notifyChanges(trx, changes, why);
    await writeAudit(trx, actor, {
      action: 'calendar.override_remove',
      targetType: 'region',
      targetId: regionCode,
      summary: { date, revision, deadlinesChanged: changes.length },
    });
    return { revision, changed: changes.length, changes: sample(changes) };
  });
}

export interface YearImport {
  year: number;
  sources: NoticeSource[];
  days: CalendarDayRecord[];
}

class PreviewRollback extends Error {}

/**
 * Loads a State Council arrangement for a year (R-CAL-4/5/7). `preview` runs the very same
 * transaction and rolls it back, so the preview shows exactly what applying would change.
 */
export async function importYear(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: YearImport,
  opts: { preview: boolean; onProgress?: (done: number) => void },
) {
  if (scopeFor(principal, 'calendar:manage').kind !== 'all') {
    throw problems.forbidden('全国放假安排只能由全局管理员导入。');
  }
  return loadYear(db, actor, principal.id, input, opts);
}

/** The import itself, for a global administrator or the system (CLI). */
export async function loadYear(
  db: Db,
  actor: Actor,
  by: number | null,
  input: YearImport,
  opts: { preview: boolean; onProgress?: (done: number) => void },
) {
  const validation = validateYearImport(input.year, input.days);
  if (!validation.ok) {
    throw problems.unprocessable(
      validation.errors.join('；'),
      validation.errors.map((message) => ({ field: 'body.days', message })),
    );
  }
  let outcome: { revision: number; changes: RecomputeChange[] } | undefined;
  try {
    await transaction(db, async (trx) => {
      await storeOfficialYear(trx, input.year, input.days, input.sources, by);
      const revision = await bumpCalendarRevision(trx);
      const why = `导入 ${input.year} 年放假安排（${input.sources.map((s) => s.docNo).join('、')}）`;
      const changes = await recomputeOpenDeadlines(trx, null, why, { onProgress: opts.onProgress });
      outcome = { revision, changes };
      if (opts.preview) throw new PreviewRollback();
      await notifyChanges(trx, changes, why);
      await writeAudit(trx, actor, {
        action: 'calendar.import',
        targetType: 'calendar_year',
        targetId: input.year,
        summary: {
          sources: input.sources,
          days: input.days.length,
          revision,
          deadlinesChanged: changes.length,
        },
      });
    });
  } catch (err) {
    if (!(err instanceof PreviewRollback)) {
      if (err instanceof CalendarInputError) throw problems.unprocessable(err.message);
      throw err;
    }
  }
  return {
    preview: opts.preview,
    year: input.year,
    validation,
    changed: outcome!.changes.length,
    changes: sample(outcome!.changes),
  };
}
