import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates.ts';
import { freshDatabase } from '../../../test/db.ts';
import { demoItemVersion, makeCase } from '../../../test/factories.ts';
import type { Database } from '../../db/client.ts';
import { principal } from '../../demo/principals.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { caseDetail, cases } from './cases.read.ts';

// The department queue and the detail's buttons on cases written straight into the database by
// the factories (no use case runs), in the states the test needs.
let database: Database;
let lead: Principal;
let otherLead: Principal;
beforeAll(async () => {
  database = await freshDatabase();
  lead = await principal(database.db, 'nanhu.lead3');
  otherLead = await principal(database.db, 'nanhu.lead');
});
afterAll(() => database.close());

describe('case read models', () => {
  it('the queue puts an overdue case before one due later, and shows only the department’s cases', async () => {
    const later = await makeCase(database.db, { state: 'in_review', promisedDue: addDays(todayIn(), 30) });
    const overdue = await makeCase(database.db, { state: 'in_review', promisedDue: addDays(todayIn(), -1) });
    const queue = await cases(database.db, lead, { states: ['in_review'], order: 'queue' }, { limit: 200 });
    const ids = queue.rows.map((c) => Number(c.id));
    expect(ids.indexOf(Number(overdue.id))).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(Number(overdue.id))).toBeLessThan(ids.indexOf(Number(later.id)));
    expect(queue.total).toBe(ids.length);
    const elsewhere = await cases(
      database.db,
      otherLead,
      { states: ['in_review'], order: 'queue' },
      { limit: 200 },
    );
    expect(elsewhere.rows.map((c) => Number(c.id))).not.toContain(Number(overdue.id));
  });

  it('numbered pages of the queue continue one another and carry the whole count', async () => {
    for (let i = 0; i < 3; i++)
      await makeCase(database.db, { state: 'in_review', promisedDue: addDays(todayIn(), i) });
    const f = { states: ['in_review' as const], order: 'queue' as const };
    const all = await cases(database.db, lead, f, { limit: 500 });
    expect(all.rows.length).toBeGreaterThanOrEqual(3);
    const first = await cases(database.db, lead, f, { limit: 2, page: 1 });
    const second = await cases(database.db, lead, f, { limit: 2, page: 2 });
    expect([...first.rows, ...second.rows].map((c) => Number(c.id))).toEqual(
      all.rows.slice(0, 4).map((c) => Number(c.id)),
    );
    expect(first.total).toBe(all.rows.length);
    expect(second.total).toBe(all.rows.length);
    expect(first.capped).toBe(false);
  });

  it('the department head is offered the decision at the last level; another department gets a 404', async () => {
    const { approval_levels } = await demoItemVersion(database.db);
    const c = await makeCase(database.db, { state: 'in_review', level: approval_levels });
    const d = await caseDetail(database.db, lead, Number(c.id));
    expect(d.actions).toEqual(expect.arrayContaining(['approve', 'deny']));
    await expect(caseDetail(database.db, otherLead, Number(c.id))).rejects.toMatchObject({ status: 404 });
  });
});
