// Shared browser-test harness: a real server on a copy of the seeded data directory, Debian's
// chromium through playwright-core, a screenshot per test, and a failure on any console error,
// page error, failed request or server error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { freePort, ROOT, type ServerProcess, startServer, waitReady } from '../test/process.ts';

export const DEMO_PASSWORD = 'Xietong#2026';
export const SCREENSHOT_DIR = path.join(ROOT, 'artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface E2eApp {
  server: ServerProcess;
  browser: Browser;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<E2eApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-e2e-'));
  fs.cpSync(inject('e2eTemplateDir'), dataDir, { recursive: true });
  const server = startServer(dataDir, await freePort(), { LOG_LEVEL: 'warn', ...env });
  const [browser] = await Promise.all([
    chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }),
    waitReady(server),
  ]);
  return {
    server,
    browser,
    baseUrl: server.url(''),
    async stop() {
      await browser.close().catch(() => {});
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What counts as a broken page. 4xx answers of the API are part of normal flows (401 before login,
 * 404 for a unit outside the user's scope): the app handles them and the tests assert what the user
 * sees, so Chromium's generic "Failed to load resource … 4xx" console line is not an error here.
 * Any other console error, an uncaught exception, a failed request, a 5xx, or a 4xx for a static
 * asset (a missing chunk) is.
 */
function watch(page: Page, base: string): { problems: string[]; settle: () => void } {
  const problems: string[] = [];
  const abortedScripts = new Map<string, number>();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // A new top-level navigation (page.goto) cancels what the previous document was still loading,
  // e.g. a lazily loaded chart chunk: that is not a failure. Judged after the test, because Chromium
  // may report the cancelled load before the navigation that caused it.
  const documents: number[] = []; // when each new document was loaded (not client-side route changes)
  const started = new WeakMap<object, number>();
  page.on('domcontentloaded', () => documents.push(performance.now()));
  page.on('request', (req) => started.set(req, performance.now()));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    // A download navigates away from nothing; aborted prefetches after navigation are not failures.
    if (reason === 'net::ERR_ABORTED' && req.resourceType() !== 'document' && req.resourceType() !== 'script')
      return;
    const message = `requestfailed: ${req.method()} ${req.url()} ${reason}`;
    const at = started.get(req);
    if (reason === 'net::ERR_ABORTED' && req.resourceType() === 'script' && at !== undefined) {
      problems.push(message);
      abortedScripts.set(message, at);
      return;
    }
    problems.push(message);
  });
  page.on('response', (res) => {
    const url = res.url();
    if (res.status() >= 500) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${url}`);
    else if (res.status() >= 400 && url.startsWith(base) && !new URL(url).pathname.startsWith('/api/')) {
      problems.push(`HTTP ${res.status()} for asset: ${url}`);
    }
  });
  // Drops the aborted script loads that a later document replaced.
  const settle = () => {
    for (const [message, at] of abortedScripts) {
      if (documents.some((t) => t > at)) problems.splice(problems.indexOf(message), 1);
    }
  };
  return { problems, settle };
}

export interface PageRun {
  page: Page;
  context: BrowserContext;
  /** Problems seen so far (console errors etc.). */
  problems: string[];
}

/**
 * Runs one test body in a fresh browser context, saves `artifacts/screenshots/<name>.png` (also when
 * the body fails), then fails if the page logged errors.
 */
export async function withPage(app: E2eApp, name: string, body: (run: PageRun) => Promise<void>) {
  const context = await app.browser.newContext({
    baseURL: app.baseUrl,
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const { problems, settle } = watch(page, app.baseUrl);
  let failure: unknown;
  try {
    await body({ page, context, problems });
  } catch (err) {
    failure = err;
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => {});
  await context.close();
  if (failure) throw failure;
  settle();
  if (problems.length > 0) throw new Error(`页面出现错误：\n${problems.join('\n')}`);
}

/** Logs in through the login form as a staff or enterprise user and waits for the workbench. */
export async function login(page: Page, username: string, kind: 'staff' | 'enterprise' = 'staff') {
  await page.goto('/login');
  if (kind === 'enterprise') await page.getByRole('tab', { name: '企业用户' }).click();
  await page.getByLabel(kind === 'staff' ? '用户名' : '企业账号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** The visible labels of the main menu, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByTestId('main-menu').getByRole('menuitem');
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/** The text of an element (empty when missing). */
export async function text(l: Locator): Promise<string> {
  return (await l.textContent()) ?? '';
}

/** Clicks an entry of the main menu (the sidebar), waiting for its page heading. */
export async function openMenu(page: Page, label: string) {
  await page.getByTestId('main-menu').getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Picks an option in the open antd Select dropdown (the visible list, not the hidden a11y copy). */
export async function pickOption(page: Page, label: string) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}
