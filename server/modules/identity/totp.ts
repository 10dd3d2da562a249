import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// TOTP (RFC 6238, 6 digits, 30 s) for staff. Pure helpers: the service stores and checks.
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secret: string, username: string): string {
  return new TOTP({
    issuer: '审批服务协同平台',
    label: username,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
  }).toString();
}

/**
 * The time step a code belongs to (±1 step for clock drift), or null. A step at or before
 * `lastStep` is refused: a code cannot be replayed.
 */
export function matchTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export function totpCodeAt(secret: string, timestamp: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD }).generate({ timestamp });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten one-time recovery codes like `k7mq-2xhd`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const c = Array.from({ length: 8 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(
      '',
    );
    return `${c.slice(0, 4)}-${c.slice(4)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
