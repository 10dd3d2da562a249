// The password policy of server/platform/auth/passwords.ts (R-SEC-1), as a checklist the form can
// show while the user types. The server checks again; this only saves a round trip.

// Same list as the server (kept in step by hand: the server module also hashes, so it cannot be bundled).
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

export interface PasswordCheck {
  key: 'length' | 'classes' | 'username' | 'common';
  label: string;
  ok: boolean;
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
}

export function passwordChecks(password: string, username: string): PasswordCheck[] {
  const lower = password.toLowerCase();
  return [
    { key: 'length', label: '长度 10～128 位', ok: password.length >= 10 && password.length <= 128 },
    {
      key: 'classes',
      label: '包含大写字母、小写字母、数字、符号中的至少三类',
      ok: characterClasses(password) >= 3,
    },
    {
      key: 'username',
      label: '不包含用户名',
      ok: password.length > 0 && !(username && lower.includes(username.toLowerCase())),
    },
    {
      key: 'common',
      label: '不是常见密码',
      ok: password.length > 0 && !COMMON.has(password) && !COMMON.has(lower),
    },
  ];
}

/** The first unmet rule as a sentence, or null when the password is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return '密码长度至少 10 位';
  if (password.length > 128) return '密码长度不能超过 128 位';
  if (characterClasses(password) < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (COMMON.has(password) || COMMON.has(password.toLowerCase())) return '该密码过于常见，请换一个';
  return null;
}
