import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, ROOT, startServer, waitReady } from '../test/process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory migrated and seeded with demo data; specs copy it (0.4 s) instead of seeding (5 s). */
    e2eTemplateDir: string;
  }
}

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app when dist/web is missing or older than any file under web/. */
function buildWebIfStale() {
  const index = path.join(ROOT, 'dist', 'web', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built >= newest(path.join(ROOT, 'web'))) return;
  console.log('[e2e] 网页端已过期，正在构建…');
  // Vitest sets NODE_ENV=test, which would make Vite build a development bundle.
  const r = spawnSync('npm', ['run', '-s', 'build:web'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('npm run build:web 失败');
  fs.writeFileSync(path.join(ROOT, 'dist', 'web', '.build-stamp'), new Date().toISOString());
}

export default async function setup(project: TestProject) {
  buildWebIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-e2e-template-'));
  const server = startServer(dir, await freePort(), { LOG_LEVEL: 'warn' });
  try {
    await waitReady(server);
  } finally {
    // SIGTERM: the server checkpoints and releases its lock, leaving a clean directory to copy.
    server.child.kill('SIGTERM');
    await server.exited;
  }
  project.provide('e2eTemplateDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
