// The password policy shared with the server (lib/password-policy.ts), as the form uses it.
import { passwordProblems } from '../../../../lib/password-policy.ts';

export { type PasswordCheck, passwordChecks } from '../../../../lib/password-policy.ts';

/** The first unmet rule as a sentence, or null when the password is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  return passwordProblems(password, username)[0] ?? null;
}
