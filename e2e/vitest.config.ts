import { defineConfig } from 'vitest/config';

// Browser tests: a real server per spec file and Debian's chromium. Files run one at a time (the
// machine has 2 cores: one for the server, one for the browser). Not the unit suite's global setup.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 45_000,
    // One retry for a browser test that lost a race with the 2-core machine's load; a test that
    // fails twice fails the run, and the report shows every retry.
    retry: 1,
    hookTimeout: 90_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
