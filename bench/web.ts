// `npm run bench:web`: what a clerk's browser downloads and how soon the login page is usable,
// against the real server on localhost (Debian chromium). Prints figures; never passes/fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, startServer, waitReady } from '../test/process.ts';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xt-web-bench-'));
const server = startServer(dir, await freePort());
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  await waitReady(server);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const measure = async (context: Awaited<ReturnType<typeof browser.newContext>>) => {
    const page = await context.newPage();
    let js = 0;
    page.on('response', async (r) => {
      if (r.url().endsWith('.js'))
        js += Number((await r.allHeaders())['content-length'] ?? (await r.body()).length);
    });
    const t = performance.now();
    await page.goto(server.url('/login'), { waitUntil: 'commit' });
    await page.getByLabel('用户名').first().waitFor({ state: 'visible' });
    const interactive = performance.now() - t;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { domInteractive: n.domInteractive, load: n.loadEventEnd };
    });
    await page.close();
    return { interactive, js, ...nav };
  };
  const cold: Awaited<ReturnType<typeof measure>>[] = [];
  const warm: Awaited<ReturnType<typeof measure>>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    cold.push(await measure(context)); // empty cache
    warm.push(await measure(context)); // assets cached (immutable)
    await context.close();
  }
  console.log(`# 网页端首屏（登录页，localhost，${RUNS} 次取中位数）`);
  console.log('| | 首屏 JS（压缩后大小） | DOM 可交互 | 登录表单可用 |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [label, xs] of [
    ['冷启动（无缓存）', cold],
    ['再次打开（有缓存）', warm],
  ] as const) {
    console.log(
      `| ${label} | ${(median(xs.map((x) => x.js)) / 1024).toFixed(0)} KiB | ${median(xs.map((x) => x.domInteractive)).toFixed(0)} ms | ${median(xs.map((x) => x.interactive)).toFixed(0)} ms |`,
    );
  }
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dir, { recursive: true, force: true });
}
