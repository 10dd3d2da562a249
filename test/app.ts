import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { DEMO_PASSWORD, demoAccounts } from '../server/demo/seed.ts';
import { modules } from '../server/modules/index.ts';
import { SecretBox } from '../server/platform/crypto/secrets.ts';
import { buildApp } from '../server/platform/http/app.ts';
import { TEST_SECRET_KEY } from './keys.ts';

export { TEST_SECRET_KEY };

import { freshDatabase } from './db.ts';

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: Database;
  secrets: SecretBox;
  /** Logs in a demo account (or one made with another password) and returns its cookie header. */
  login(username: string, kind?: 'staff' | 'enterprise', password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', DEMO: '1', ...env });
  const secrets = new SecretBox(TEST_SECRET_KEY);
  const app = await buildApp(
    { database, config, secrets, demoAccounts: config.DEMO ? demoAccounts() : undefined },
    modules,
  );
  await app.ready();
  return {
    app,
    database,
    secrets,
    async login(
      username,
      kind = username.startsWith('ent.') ? 'enterprise' : 'staff',
      password = DEMO_PASSWORD,
    ) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password, kind },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return cookieOf(res);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error('no set-cookie');
  return first.split(';')[0]!;
}
