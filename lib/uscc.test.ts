import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckChar, usccProblem } from './uscc.ts';

// GB 32100-2015 vectors (STANDARDS R-ID-2): real public-body codes, and mutations of them.
describe('USCC check character', () => {
  it.each([
    ['12441500196720244T', true],
    ['11511301008778183N', true],
    ['115113010833722043', true],
    ['91110000600037341L', true],
    ['91440300MA5DC0HU2X', false], // mutated
    ['91110000600037341M', false], // wrong check character
    ['9111000060003734IL', false], // I is not in the alphabet
    ['91110000600037341', false], // 17 characters
    ['91110000600037341l', false], // lower case
  ])('%s → %s', (code, valid) => {
    expect(isValidUscc(code)).toBe(valid);
  });

  it('maps c = 31 (a sum divisible by 31) to the character 0', () => {
    expect(usccCheckChar('91330400000000012')).toBe('0');
    expect(isValidUscc('913304000000000120')).toBe(true);
    expect(usccCheckChar('1151130108337220')).toBeUndefined(); // 16 characters
  });

  it('explains what is wrong in Chinese', () => {
    expect(usccProblem('123')).toBe('统一社会信用代码应为 18 位');
    expect(usccProblem('91110000600037341M')).toBe('统一社会信用代码校验位不正确');
    expect(usccProblem('9111000060003734OL')).toMatch(/I、O、S、V、Z/);
    expect(usccProblem('91110000600037341L')).toBeUndefined();
  });
});
