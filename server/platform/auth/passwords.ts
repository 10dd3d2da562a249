import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (m=19 MiB, t=2), as OWASP recommends.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

// A dummy hash verified when the account does not exist, so timing does not reveal existence.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('xietong-dummy-password');
  await verifyPassword(await dummy, password);
}

const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'password123',
  'qwerty123',
  '11111111',
  '88888888',
  '66666666',
  '00000000',
  'abc12345',
  'abcd1234',
  'admin123',
  'admin@123',
  'root1234',
  'iloveyou',
  'a1234567',
  'qq123456',
  'woaini1314',
  'p@ssw0rd',
  'passw0rd',
  'welcome1',
  'zxcvbnm1',
  'Aa123456',
  'aa123456',
  '1qaz2wsx',
  'qwer1234',
  'Admin@123',
  'Abc@1234',
  'Xietong@123',
]);

/** Password rules (R-SEC-1): length, character classes, not the username, not a common password. */
export function passwordProblems(password: string, username: string): string[] {
  const out: string[] = [];
  if (password.length < 10) out.push('密码长度至少 10 位');
  if (password.length > 128) out.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) out.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  if (COMMON.has(password) || COMMON.has(password.toLowerCase())) out.push('该密码过于常见，请换一个');
  return out;
}

/** A one-time password an administrator hands over; the user must change it at first login. */
export function initialPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#@%+=!'];
  const chars = sets.flatMap((s) => Array.from({ length: 3 }, () => s[randomInt(s.length)]!));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
