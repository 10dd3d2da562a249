import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import { type Database, openPostgres, transaction } from './db/client.ts';
import { backupPglite, openDataDir, restorePglite } from './db/data-dir.ts';
import { migrationStatus } from './db/migrate.ts';
import { prepareDatabase } from './db/prepare.ts';
import { seedDemo } from './demo/seed.ts';
import { YearImportSchema } from './modules/calendar/calendar.schemas.ts';
import { loadYear } from './modules/calendar/calendar.service.ts';
import { SYSTEM_ACTOR, verifyAudit, writeAudit } from './platform/audit/audit.ts';
import { hashPassword, passwordProblems } from './platform/auth/passwords.ts';
import { resolveSecretKey } from './platform/crypto/key-file.ts';
import { SecretBox } from './platform/crypto/secrets.ts';
import { countOpenDeadlines } from './platform/deadlines/deadlines.ts';

const HELP = `审批服务协同平台 命令行 / xietong CLI

用法: npm run cli -- <命令> [参数]

  migrate              应用数据库迁移（重复执行无副作用）
  status               显示迁移状态
  seed-demo            写入演示数据（仅在空库上）
  create-admin         交互式创建管理员（非演示模式的第一个账号）
  backup               备份嵌入式数据库到 BACKUP_DIR（服务须已停止；运行中的服务会按计划自动备份）
  restore <文件>       从备份恢复嵌入式数据库（服务须已停止；原数据移到旁边保留）
  import-calendar <文件> [--preview]
                       导入某年国务院办公厅放假安排（JSON：year、sources、days），重算在办时限
  audit verify         校验审计日志的 SM3 哈希链，报告第一条被篡改的记录
  --help               显示本帮助

环境变量见 README（DATA_DIR、DATABASE_URL、BACKUP_DIR 等）。`;

async function open(config: ReturnType<typeof loadConfig>): Promise<Database> {
  return config.database.kind === 'postgres'
    ? openPostgres(config.database.url)
    : openDataDir(config.dataDir);
}

async function withDb<T>(config: ReturnType<typeof loadConfig>, fn: (d: Database) => Promise<T>): Promise<T> {
  const database = await open(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function createAdmin(database: Database) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (q: string, check: (v: string) => string | undefined) => {
    for (;;) {
      const v = (await rl.question(q)).trim();
      const problem = check(v);
      if (!problem) return v;
      console.log(`  ✖ ${problem}`);
    }
  };
  try {
    const regions = await database.db.selectFrom('region').select(['code', 'name']).execute();
    let regionCode = regions[0]?.code;
    if (!regionCode) {
      regionCode = await ask('本级区划代码（6 位，如 330400）: ', (v) =>
        /^\d{6}$/.test(v) ? undefined : '应为 6 位数字',
      );
      const regionName = await ask('区划名称（如 嘉兴市）: ', (v) =>
        v.length >= 2 ? undefined : '至少 2 个字',
      );
      await database.db
        .insertInto('region')
        .values({ code: regionCode, name: regionName, level: 'city', parent_code: null })
        .execute();
    }
    const unitName = await ask('所属单位名称（如 嘉兴市行政审批局）: ', (v) =>
      v.length >= 2 ? undefined : '至少 2 个字',
    );
    const username = await ask('管理员用户名（小写字母、数字）: ', (v) =>
      /^[a-z0-9_.-]{3,32}$/.test(v) ? undefined : '3–32 位小写字母、数字或 . _ -',
    );
    const password = await ask('初始密码: ', (v) => passwordProblems(v, username).join('；') || undefined);
    const hash = await hashPassword(password);
    await transaction(database.db, async (trx) => {
      const unit =
        (await trx.selectFrom('unit').select('id').where('name', '=', unitName).executeTakeFirst()) ??
        (await trx
          .insertInto('unit')
          .values({ region_code: regionCode, kind: 'center', name: unitName })
          .returning('id')
          .executeTakeFirstOrThrow());
      const user = await trx
        .insertInto('app_user')
        .values({
          username,
          display_name: '系统管理员',
          unit_id: unit.id,
          password_hash: hash,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_assignment')
        .values({ user_id: user.id, role: 'admin', scope: 'region' })
        .execute();
      await writeAudit(trx, SYSTEM_ACTOR, {
        action: 'user.create_admin',
        targetType: 'user',
        targetId: user.id,
      });
    });
    console.log(`✔ 已创建管理员 ${username}（首次登录须修改密码）`);
  } finally {
    rl.close();
  }
}

/** A one-line progress bar on the terminal: `label ███████░░░ 70% (70000/100000)`. */
function progressBar(label: string, total: number) {
  return (done: number) => {
    const ratio = total ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * 30);
    process.stdout.write(
      `\r${label} ${'█'.repeat(filled)}${'░'.repeat(30 - filled)} ${Math.round(ratio * 100)}% (${done}/${total})`,
    );
  };
}

async function run(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help' || command === '-h') {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      await withDb(config, async (d) => {
        const { applied } = await prepareDatabase(d.db);
        console.log(applied.length ? `✔ 已应用 ${applied.length} 个迁移` : '✔ 数据库已是最新');
      });
      return;
    case 'status':
      await withDb(config, async (d) => {
        const s = await migrationStatus(d.db);
        console.log(`已应用 ${s.applied} 个迁移，待应用 ${s.pending.length} 个`);
      });
      return;
    case 'seed-demo':
      await withDb(config, async (d) => {
        const secrets = new SecretBox(resolveSecretKey(config.SECRET_KEY, config.dataDir, console.log));
        const { seeded } = await prepareDatabase(d.db, { seed: (db) => seedDemo(db, secrets) });
        console.log(seeded ? '✔ 已写入演示数据' : '数据库中已有数据，未写入演示数据');
      });
      return;
    case 'create-admin':
      await withDb(config, async (d) => {
        await prepareDatabase(d.db);
        await createAdmin(d);
      });
      return;
    case 'backup':
      if (config.database.kind === 'postgres')
        throw new Error('PostgreSQL 请使用 pg_dump / pg_restore 备份与恢复。');
      await withDb(config, async (d) => {
        const file = await backupPglite(d, config.backupDir, config.BACKUP_KEEP);
        console.log(`✔ 已备份到 ${file}`);
      });
      return;
    case 'restore': {
      if (config.database.kind === 'postgres')
        throw new Error('PostgreSQL 请使用 pg_dump / pg_restore 备份与恢复。');
      const file = rest[0];
      if (!file) throw new Error('请指定备份文件：npm run cli -- restore <文件>');
      const aside = await restorePglite(config.dataDir, path.resolve(file));
      console.log(`✔ 已从 ${file} 恢复；原数据保留在 ${aside}`);
      return;
    }
    case 'import-calendar': {
      const file = rest.find((a) => !a.startsWith('--'));
      if (!file) throw new Error('请指定文件：npm run cli -- import-calendar <文件> [--preview]');
      const body = YearImportSchema.parse(JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')));
      const preview = rest.includes('--preview');
      await withDb(config, async (d) => {
        await prepareDatabase(d.db);
        const total = await countOpenDeadlines(d.db);
        const bar = progressBar(`${preview ? '预览' : '导入'} ${body.year} 年并重算在办时限`, total);
        const r = await loadYear(d.db, SYSTEM_ACTOR, null, body, { preview, onProgress: bar });
        process.stdout.write('\n');
        for (const w of r.validation.warnings) console.log(`  ! ${w}`);
        console.log(
          `${preview ? '预览（未保存）' : '✔ 已导入'}：${body.year} 年工作日 ${r.validation.workingDays} 天；` +
            `${r.changed} 项在办时限的截止日${preview ? '将' : '已'}改变`,
        );
        for (const c of r.changes.slice(0, 20))
          console.log(`  #${c.id} ${c.title}：${c.oldDue ?? '—'} → ${c.newDue ?? '—'}`);
      });
      return;
    }
    case 'audit':
      if (rest[0] !== 'verify') throw new Error('用法：npm run cli -- audit verify');
      await withDb(config, async (d) => {
        const t = performance.now();
        const r = await verifyAudit(d.db);
        const ms = Math.round(performance.now() - t);
        if (r.ok) console.log(`✔ 审计链完整：已校验 ${r.checked} 条（${ms} ms）`);
        else {
          console.log(
            `✖ 审计链被破坏：记录 #${r.firstBroken!.id}（链序 ${r.firstBroken!.chainSeq}）— ${r.firstBroken!.reason}`,
          );
          process.exitCode = 2;
        }
      });
      return;
    default:
      throw new Error(`未知命令：${command}（npm run cli -- --help 查看帮助）`);
  }
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof z.ZodError) {
    console.error(
      `✖ 文件内容不符合要求：\n${err.issues.map((i) => `  ${i.path.join('.') || '(根)'}：${i.message}`).join('\n')}`,
    );
  } else console.error(`✖ ${(err as Error).message}`);
  process.exitCode = 1;
}
