import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { type Database, openPostgres } from './db/client.ts';
import { backupPglite, DataDirLockedError, openDataDir } from './db/data-dir.ts';
import { prepareDatabase } from './db/prepare.ts';
import { DEMO_PASSWORD, demoAccounts, demoLogins, seedDemo } from './demo/seed.ts';
import { modules } from './modules/index.ts';
import { sealAudit } from './platform/audit/audit.ts';
import { resolveSecretKey } from './platform/crypto/key-file.ts';
import { SecretBox } from './platform/crypto/secrets.ts';
import { buildApp } from './platform/http/app.ts';
import { JobWorker } from './platform/jobs/jobs.ts';
import { everyMinute } from './platform/jobs/schedule.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  const log = (msg: string) => console.log(`[xietong] ${msg}`);
  let database: Database;
  try {
    database =
      config.database.kind === 'postgres'
        ? await openPostgres(config.database.url)
        : await openDataDir(config.dataDir, log);
  } catch (err) {
    if (err instanceof DataDirLockedError) fail(err.message);
    fail((err as Error).message);
  }

  const secrets = new SecretBox(resolveSecretKey(config.SECRET_KEY, config.dataDir, log));
  const { applied, seeded } = await prepareDatabase(database.db, {
    seed: config.DEMO ? (db) => seedDemo(db, secrets) : undefined,
  });
  if (applied.length) log(`已应用 ${applied.length} 个数据库迁移`);
  if (seeded) log('已写入演示数据（嘉兴市、南湖区、秀洲区）');

  const app = await buildApp(
    { database, config, secrets, demoAccounts: config.DEMO ? demoAccounts() : undefined },
    modules,
    {
      webDir: path.join(root, 'dist', 'web'),
    },
  );

  const worker = new JobWorker(database.db, { log: (msg, extra) => app.log.warn(extra ?? {}, msg) });
  for (const m of modules) m.jobs?.(worker, { database, config, secrets });
  worker.start();
  const schedules = modules.flatMap((m) =>
    (m.everyMinute ?? []).map((kind) =>
      everyMinute(database.db, kind, (err) => app.log.error({ err, kind }, 'minute job scheduling failed')),
    ),
  );

  // Seal audit rows shortly after they commit; the chain is never more than a few seconds behind.
  const sealer = setInterval(() => {
    sealAudit(database.db).catch((err) => app.log.error({ err }, 'audit sealing failed'));
  }, 2000);
  const backups =
    database.kind === 'pglite' && config.BACKUP_INTERVAL_HOURS > 0
      ? setInterval(() => {
          backupPglite(database, config.backupDir, config.BACKUP_KEEP)
            .then((file) => app.log.info({ file }, 'scheduled backup written'))
            .catch((err) => app.log.error({ err }, 'scheduled backup failed'));
        }, config.BACKUP_INTERVAL_HOURS * 3600_000)
      : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止：不再接受请求，写入检查点后关闭数据库`);
    clearInterval(sealer);
    if (backups) clearInterval(backups);
    for (const stopSchedule of schedules) stopSchedule();
    try {
      await app.close(); // waits for in-flight requests
      await worker.stop(); // lets the job in progress finish
      await sealAudit(database.db);
      await database.close(); // CHECKPOINT + close + release the lock
      log('已安全停止');
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await database.close();
    fail(`无法监听端口 ${config.PORT}：${(err as Error).message}（可用 PORT 环境变量换一个端口）`);
  }
  const url = `http://localhost:${config.PORT}/`;
  log(`审批服务协同平台已启动：${url}`);
  log(`接口文档：${url}api/docs`);
  log(`数据库：${database.kind === 'pglite' ? `嵌入式 PGlite（${config.dataDir}）` : 'PostgreSQL'}`);
  if (config.DEMO) {
    log(`演示模式：所有演示账号的密码均为 ${DEMO_PASSWORD}`);
    for (const l of demoLogins().filter((l) => l.username.startsWith('city.') || l.role === 'enterprise')) {
      log(`  ${l.username.padEnd(18)} ${l.role.padEnd(14)} ${l.unit}`);
    }
    log('  （南湖区、秀洲区账号以 nanhu.、xiuzhou. 开头，角色同上）');
  }
}

await main();
