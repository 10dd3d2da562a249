import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type TestApp, testApp } from '../../../test/app.ts';
import { COUNT_CAP } from '../../db/paging.ts';

let t: TestApp;
const { call } = apiCaller(() => t);
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Page = { items: { id: number }[]; total: number; totalCapped: boolean; nextAfter?: number | null };
const get = async (user: string, url: string) => {
  const res = await call(user, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

describe('numbered pages with a total, on every list', () => {
  it('pages of the unit list continue one another and all carry the filter’s total', async () => {
    const all = await get('city.admin', '/api/units?limit=500');
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(6);
    const first = await get('city.admin', '/api/units?limit=3&page=1');
    const second = await get('city.admin', '/api/units?limit=3&page=2');
    expect([...first.items, ...second.items].map((u) => u.id)).toEqual(
      all.items.slice(0, 6).map((u) => u.id),
    );
    expect(first.total).toBe(all.total);
    expect(second.total).toBe(all.total);
    expect(first.totalCapped).toBe(false);
    // A page past the end is empty and still knows the total.
    const beyond = await get('city.admin', `/api/units?limit=3&page=${Math.ceil(all.total / 3) + 1}`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(all.total);
  });

  it('the keyset cursor still walks the list, and the total ignores the cursor', async () => {
    const all = await get('city.admin', '/api/units?limit=500');
    const first = await get('city.admin', '/api/units?limit=4');
    const next = await get('city.admin', `/api/units?limit=4&after=${first.nextAfter}`);
    expect(next.items.map((u) => u.id)).toEqual(all.items.slice(4, 8).map((u) => u.id));
    expect(next.total).toBe(all.total);
  });

  it('the total follows the filter and the data scope', async () => {
    const city = await get('city.admin', '/api/units?limit=500');
    const county = await get('nanhu.admin', '/api/units?limit=500');
    const centers = await get('city.admin', '/api/units?limit=1&kind=center');
    expect(county.total).toBeLessThan(city.total);
    expect(centers.total).toBeGreaterThan(0);
    expect(centers.total).toBeLessThan(city.total);
  });

  it('refuses a page beyond the counted range with a Chinese problem', async () => {
    const res = await call('city.admin', 'GET', `/api/units?limit=100&page=${COUNT_CAP / 100 + 1}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toContain('页码超出范围');
    expect((await call('city.admin', 'GET', '/api/units?page=0')).statusCode).toBe(400);
  });

  it('the deadline list shows every status when asked for all (全部状态), open ones by default', async () => {
    const open = await get('city.admin', '/api/deadlines?limit=500');
    const all = await get('city.admin', '/api/deadlines?limit=500&status=all');
    const done = await get('city.admin', '/api/deadlines?limit=500&status=done');
    expect(all.total).toBe(
      open.total + done.total + (await get('city.admin', '/api/deadlines?status=cancelled')).total,
    );
    expect(done.total).toBeGreaterThan(0);
  });
});
