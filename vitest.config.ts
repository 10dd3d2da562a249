import { defineConfig } from 'vitest/config';

// Calendar and date logic must not depend on the server's zone (R-CAL-6, R-CAL-9): those files
// run again under three TZ values besides the main run.
const CALENDAR = ['server/platform/calendar/**/*.test.ts', 'lib/**/*.test.ts'];
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: 'silent' },
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: [
            'server/**/*.test.ts',
            'lib/**/*.test.ts',
            'test/**/*.test.ts',
            'scripts/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'server/platform/calendar/zone.test.ts'],
        },
      },
      ...ZONES.map((tz) => ({
        extends: true as const,
        test: { name: `TZ=${tz}`, include: CALENDAR, env: { LOG_LEVEL: 'silent', TZ: tz } },
      })),
    ],
  },
});
