// The password policy (R-SEC-1), one rule set for the server's check and the form's checklist.

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
  'aa123456',
  '1qaz2wsx',
  'qwer1234',
  'abc@1234',
  'xietong@123',
]);

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
}

export interface PasswordCheck {
  key: 'length' | 'classes' | 'username' | 'common';
  /** The rule, shown as a checklist item while the user types. */
  label: string;
  /** What to tell the user when the rule is broken. */
  problem: string;
  ok: boolean;
}

export function passwordChecks(password: string, username: string): PasswordCheck[] {
  const lower = password.toLowerCase();
  return [
    {
      key: 'length',
      label: '长度 10～128 位',
      problem: password.length > 128 ? '密码长度不能超过 128 位' : '密码长度至少 10 位',
      ok: password.length >= 10 && password.length <= 128,
    },
    {
      key: 'classes',
      label: '包含大写字母、小写字母、数字、符号中的至少三类',
      problem: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      ok: characterClasses(password) >= 3,
    },
    {
      key: 'username',
      label: '不包含用户名',
      problem: '密码不能包含用户名',
      ok: password.length > 0 && !(username && lower.includes(username.toLowerCase())),
    },
    {
      key: 'common',
      label: '不是常见密码',
      problem: '该密码过于常见，请换一个',
      ok: password.length > 0 && !COMMON.has(lower),
    },
  ];
}

/** Every broken rule as a Chinese sentence; empty when the password is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  return passwordChecks(password, username)
    .filter((c) => !c.ok)
    .map((c) => c.problem);
}
