import { describe, expect, it } from 'vitest';
import { fillPlaceholders, type WordingSlots, wordingOf, wordingProblems } from './wording.ts';

const slots = {
  reply: {
    label: '答复要求',
    text: '请于{答复期限}前反馈。',
    vars: { 答复期限: '答复截止日期', 单位: '发函单位' },
    required: ['答复期限'],
  },
  ending: { label: '结束语', text: '特此函询。' },
  rules: { label: '有关要求', text: '第一条\n第二条', list: true },
} satisfies WordingSlots;

describe('fillPlaceholders', () => {
  it.each([
    ['请于{答复期限}前反馈。', { 答复期限: '9月25日' }, '请于9月25日前反馈。'],
    ['{a}{a}', { a: 'x' }, 'xx'],
    ['{未知}', { a: 'x' }, '{未知}'],
    // A value is not scanned again: a placeholder inside data stays literal.
    ['{a}', { a: '{b}', b: 'no' }, '{b}'],
    ['{a}', { a: '$& $1 <script>' }, '$& $1 <script>'],
    ['{toString}', {}, '{toString}'],
  ])('%s with %o → %s', (text, vars, expected) => {
    expect(fillPlaceholders(text, vars)).toBe(expected);
  });
});

describe('wordingOf', () => {
  it('uses the region’s text where set and the default elsewhere; lists split by line', () => {
    const w = wordingOf(slots, { reply: '务必于{答复期限}前回复。', rules: ' 甲 \n\n乙' });
    expect(w.text('reply', { 答复期限: '明日' })).toBe('务必于明日前回复。');
    expect(w.text('ending')).toBe('特此函询。');
    expect(w.lines('rules')).toEqual(['甲', '乙']);
    expect(wordingOf(slots).lines('rules')).toEqual(['第一条', '第二条']);
  });
});

describe('wordingProblems', () => {
  it.each([
    [{ reply: '务必于{答复期限}前回复。' }, []],
    [{ reply: '请{单位}于{答复期限}前回复。', ending: '此致' }, []],
    [{ rules: '甲\n乙' }, []],
    [{ nope: '文字' }, ['没有名为“nope”的措辞项。']],
    [{ ending: '好' }, ['“结束语”应为 2–1000 个字。']],
    [{ ending: 'x'.repeat(1001) }, ['“结束语”应为 2–1000 个字。']],
    [{ ending: '特此\n函询' }, ['“结束语”须为一段文字，不能换行。']],
    [{ reply: '请尽快回复。' }, ['“答复要求”须保留占位符{答复期限}（答复截止日期）。']],
    [
      { reply: '请于{期限}前回复{答复期限}。' },
      ['“答复要求”中的{期限}不是可用的占位符（可用的有：{答复期限}、{单位}）。'],
    ],
    [{ ending: '特此{函询}。' }, ['“结束语”中的{函询}不是可用的占位符（此项不含可替换内容）。']],
    [
      { reply: '请于{答复期限前回复。' },
      [
        '“答复要求”中的花括号须成对使用，如{答复期限}。',
        '“答复要求”须保留占位符{答复期限}（答复截止日期）。',
      ],
    ],
    [{ constructor: '文字' }, ['没有名为“constructor”的措辞项。']],
    [{ ending: '特此\t函询。' }, ['“结束语”含有制表符或其他不可见的控制字符，请删除。']],
    [{ ending: '特此\u2028函询。' }, ['“结束语”含有制表符或其他不可见的控制字符，请删除。']],
    [{ ending: '特此\u202e函询。' }, ['“结束语”含有制表符或其他不可见的控制字符，请删除。']],
    [{ rules: '甲\r\n乙\u0007' }, ['“有关要求”含有制表符或其他不可见的控制字符，请删除。']],
    [{ rules: '甲\r\n乙' }, []],
  ])('%o → %o', (wording, expected) => {
    expect(wordingProblems(slots, wording).map((p) => p.message)).toEqual(expected);
  });
});
