import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Database, openPglite } from './client.ts';

// PGlite guards (ARCHITECTURE.md): one process per data directory, stale locks repaired, a
// clean CHECKPOINT on close, and backups by dumping the data directory.

export class DataDirLockedError extends Error {}

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the exclusive lock of a data directory; returns a release function. */
export function lockDataDir(dataDir: string, log: (msg: string) => void = () => {}): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'xietong.lock');
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(info), { flag: 'wx' });
      return () => {
        try {
          const held = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(lockFile);
        } catch {}
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let held: LockInfo | undefined;
      try {
        held = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
      } catch {}
      if (held && held.host === os.hostname() && alive(held.pid) && held.pid !== process.pid) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被另一个进程（PID ${held.pid}，启动于 ${held.startedAt}）使用。` +
            '嵌入式数据库只允许一个进程打开，请先停止该进程。' +
            ` / The data directory is in use by process ${held.pid}; stop it first.`,
        );
      }
      // The holder is gone (killed): the lock is stale. PGlite's own pid file goes with it.
      log(`修复过期的锁文件（原进程 ${held?.pid ?? '未知'} 已不存在）`);
      fs.rmSync(lockFile, { force: true });
      fs.rmSync(path.join(dataDir, 'pg', 'postmaster.pid'), { force: true });
    }
  }
  throw new DataDirLockedError(`无法获得数据目录锁：${lockFile}`);
}

export function pgDir(dataDir: string): string {
  return path.join(dataDir, 'pg');
}

/** Opens the embedded database of a data directory under its lock. */
export async function openDataDir(dataDir: string, log?: (msg: string) => void): Promise<Database> {
  const release = lockDataDir(dataDir, log);
  try {
    const database = await openPglite(pgDir(dataDir));
    const close = database.close;
    return {
      ...database,
      close: async () => {
        try {
          await close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw new Error(
      `无法打开数据目录 ${dataDir}：${(err as Error).message}。` +
        '如数据已损坏，可用 `npm run cli -- restore <备份文件>` 从备份恢复。',
    );
  }
}

function stamp(d = new Date()): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Writes a compressed dump of the open database to `backupDir` and keeps the newest `keep`. */
export async function backupPglite(database: Database, backupDir: string, keep: number): Promise<string> {
  if (!database.pglite) throw new Error('PostgreSQL 请使用 pg_dump 备份 / use pg_dump for PostgreSQL');
  fs.mkdirSync(backupDir, { recursive: true });
  await database.pglite.exec('CHECKPOINT');
  const blob = await database.pglite.dumpDataDir('gzip');
  const file = path.join(backupDir, `xietong-${stamp()}.tar.gz`);
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file); // a half-written backup never looks like a good one
  const old = fs
    .readdirSync(backupDir)
    .filter((f) => /^xietong-\d{8}T\d{6}Z\.tar\.gz$/.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) fs.rmSync(path.join(backupDir, f));
  return file;
}

/**
 * Replaces the data directory's database with a backup. The current one is kept aside (never
 * deleted) so a wrong restore can be undone by hand.
 */
export async function restorePglite(dataDir: string, backupFile: string): Promise<string> {
  if (!fs.existsSync(backupFile)) throw new Error(`备份文件不存在：${backupFile}`);
  const release = lockDataDir(dataDir);
  try {
    const dir = pgDir(dataDir);
    const aside = `${dir}.before-restore-${stamp()}`;
    if (fs.existsSync(dir)) fs.renameSync(dir, aside);
    const blob = new Blob([fs.readFileSync(backupFile)]);
    const database = await openPglite(dir, blob);
    await database.close();
    return aside;
  } finally {
    release();
  }
}
