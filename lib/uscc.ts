// 统一社会信用代码 (GB 32100-2015, R-ID-1/2): 18 characters, the last a mod-31 check character.
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or undefined if one is not in the alphabet. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return USCC_ALPHABET[c === 31 ? 0 : c];
}

export function isValidUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Why a USCC is invalid, in Chinese, or undefined when it is valid. */
export function usccProblem(code: string): string | undefined {
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code))
    return '统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母';
  if (!isValidUscc(code)) return '统一社会信用代码校验位不正确';
  return undefined;
}
