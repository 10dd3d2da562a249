import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/seed.ts';
import { freePort, ROOT, type ServerProcess, startServer, waitReady } from './process.ts';

// The embedded database's guards, on real server processes: graceful stop, one process per data
// directory, stale lock repair, backup and restore through the CLI.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xt-life-'));
const backupDir = path.join(dataDir, '..', `${path.basename(dataDir)}-backups`);
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) s.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(backupDir, { recursive: true, force: true });
});

async function boot() {
  const s = startServer(dataDir, await freePort());
  running.push(s);
  await waitReady(s);
  return s;
}

async function login(s: ServerProcess): Promise<string> {
  const res = await fetch(s.url('/api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'nanhu.admin', password: DEMO_PASSWORD }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function createUnit(s: ServerProcess, name: string) {
  const cookie = await login(s);
  const res = await fetch(s.url('/api/units'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ regionCode: '330402', kind: 'town', name }),
  });
  expect(res.status).toBe(201);
  return cookie;
}

async function unitNames(s: ServerProcess, cookie: string): Promise<string[]> {
  const res = await fetch(s.url('/api/units?kind=town'), { headers: { cookie } });
  return ((await res.json()) as { items: { name: string }[] }).items.map((u) => u.name);
}

function cli(...args: string[]) {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: dataDir, BACKUP_DIR: backupDir },
    encoding: 'utf8',
  });
}

// Real server and CLI processes on a shared 2-core machine: generous time limits, no speed asserted.
describe('embedded database lifecycle', { timeout: 90_000 }, () => {
  it('SIGTERM stops cleanly and a restart keeps every committed row', async () => {
    const first = await boot();
    await createUnit(first, '新丰镇');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('已安全停止');
    expect(fs.existsSync(path.join(dataDir, 'xietong.lock'))).toBe(false);

    const second = await boot();
    const cookie = await createUnit(second, '凤桥镇');
    expect(await unitNames(second, cookie)).toEqual(expect.arrayContaining(['新丰镇', '凤桥镇']));

    // A second server on the same data directory is refused with a clear message.
    const intruder = startServer(dataDir, await freePort());
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('正被另一个进程');
    expect(intruder.output()).toContain(String(second.child.pid));

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    // Two server starts and a refused third: real processes on a shared 2-core machine.
  }, 60_000);

  it('a server killed with SIGKILL leaves a stale lock that the next start repairs', async () => {
    const s = await boot();
    const cookie = await createUnit(s, '余新镇');
    s.child.kill('SIGKILL');
    await s.exited;
    expect(fs.existsSync(path.join(dataDir, 'xietong.lock'))).toBe(true);

    const again = await boot();
    expect(again.output()).toContain('修复过期的锁文件');
    expect(await unitNames(again, cookie)).toContain('余新镇');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('backup and restore through the CLI', async () => {
    const backup = cli('backup');
    expect(backup.status, backup.stderr + backup.stdout).toBe(0);
    const file = /已备份到 (\S+)/.exec(backup.stdout)?.[1];
    expect(file && fs.existsSync(file)).toBe(true);

    const s = await boot();
    const cookie = await createUnit(s, '备份后新建镇');
    expect(await unitNames(s, cookie)).toContain('备份后新建镇');
    // The CLI refuses to touch a directory a running server holds.
    const refused = cli('restore', file!);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('正被另一个进程');
    s.child.kill('SIGTERM');
    await s.exited;

    const restore = cli('restore', file!);
    expect(restore.status, restore.stderr + restore.stdout).toBe(0);
    const after = await boot();
    // Sessions live in the database too: the restored one has none of the later sessions.
    const names = await unitNames(after, await login(after));
    expect(names).toContain('新丰镇');
    expect(names).not.toContain('备份后新建镇');
    after.child.kill('SIGTERM');
    await after.exited;
  });
});
