import { expect, it } from 'vitest';

// Runs only in the TZ projects of vitest.config.ts: proves each really runs in its zone
// (otherwise the multi-zone runs would prove nothing).
const OFFSETS: Record<string, number> = { UTC: 0, 'Asia/Shanghai': -480, 'America/Los_Angeles': 480 };

it(`runs in ${process.env.TZ}`, () => {
  expect(Object.keys(OFFSETS)).toContain(process.env.TZ);
  // 2026-01-15 is outside daylight saving in Los Angeles.
  expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(OFFSETS[process.env.TZ!]);
});
