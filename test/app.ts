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

// biome-ignore lint/suspicious/noExplicitAny: API responses are checked field by field
export type Json = Record<string, any>;

/**
 * The one API caller of the HTTP tests: `call(user, method, url, body?, headers?)` as a demo user
 * (logged in once per file, the cookie reused) or anonymously with null. `app` is read lazily, so
 * the caller can be made before `beforeAll` opens the app.
 */
export function apiCaller(app: () => TestApp) {
  const cookies: Record<string, string> = {};
  const as = async (user: string) => (cookies[user] ??= await app().login(user));
  const call = async (
    user: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Json = {},
  ) =>
    app().app.inject({
      method,
      url,
      payload: payload as Json,
      headers: { ...(user ? { cookie: await as(user) } : {}), ...headers },
    });
  /** Logs the user in again on its next call (after its roles or unit changed). */
  const forget = (user: string) => {
    delete cookies[user];
  };
  return { as, call, forget };
}
