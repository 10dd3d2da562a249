import path from 'node:path';
import { z } from 'zod';

// Validation messages in Chinese everywhere (API, CLI, configuration).
z.config(z.locales.zhCN());

// Configuration comes only from the environment, validated once at start (R-SEC-4).
const boolFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头 / must start with postgres://')
    .optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  DEMO: boolFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolFlag.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  PUBLIC_ORIGIN: z.string().url().optional(),
  OIDC_ISSUER: z.string().url('OIDC_ISSUER 应为统一身份认证平台的地址 / must be a URL').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_NAME: z.string().min(1).default('统一身份认证'),
  NOTIFY_CHANNELS: z
    .string()
    .regex(
      /^((email|sms)(,(email|sms))*)?$/,
      'NOTIFY_CHANNELS 为逗号分隔的 email、sms / comma list of email, sms',
    )
    .default(''),
  EXCHANGE_URL: z.string().url('EXCHANGE_URL 应为上级平台接收办件交换批次的地址 / must be a URL').optional(),
  EXCHANGE_TOKEN: z.string().min(1).optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'SECRET_KEY 应为 32 位十六进制（128 位 SM4 密钥）/ must be 32 hex digits')
    .optional(),
});

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const oidcKeys = [c.OIDC_ISSUER, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET, c.OIDC_REDIRECT_URI];
  if (oidcKeys.some(Boolean) && !oidcKeys.every(Boolean)) {
    throw new ConfigError(
      '配置错误 / invalid configuration:\n  OIDC_ISSUER、OIDC_CLIENT_ID、OIDC_CLIENT_SECRET、OIDC_REDIRECT_URI 须同时设置 / set all four or none',
    );
  }
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    ...c,
    dataDir,
    notifyChannels: [...new Set(c.NOTIFY_CHANNELS.split(',').filter(Boolean))] as ('email' | 'sms')[],
    backupDir: path.resolve(c.BACKUP_DIR ?? path.join(dataDir, '..', 'backups')),
    oidc:
      c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET && c.OIDC_REDIRECT_URI
        ? {
            issuer: c.OIDC_ISSUER,
            clientId: c.OIDC_CLIENT_ID,
            clientSecret: c.OIDC_CLIENT_SECRET,
            redirectUri: c.OIDC_REDIRECT_URI,
            usernameClaim: c.OIDC_USERNAME_CLAIM,
            name: c.OIDC_NAME,
          }
        : undefined,
    database: c.DATABASE_URL
      ? ({ kind: 'postgres', url: c.DATABASE_URL } as const)
      : ({ kind: 'pglite' } as const),
  };
}
