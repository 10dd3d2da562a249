import fs from 'node:fs';
import path from 'node:path';
import { newSecretKey } from './secrets.ts';

/**
 * SECRET_KEY from the environment; without it, a key kept in the data directory (created once,
 * readable by the owner only). Several servers on PostgreSQL must share one SECRET_KEY.
 */
export function resolveSecretKey(
  envKey: string | undefined,
  dataDir: string,
  log: (m: string) => void,
): string {
  if (envKey) return envKey;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = newSecretKey();
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  log(`已生成数据加密密钥 ${file}（生产环境请改用 SECRET_KEY 环境变量，并妥善备份）`);
  return key;
}
