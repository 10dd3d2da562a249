import { describe, expect, it } from 'vitest';
import { breakLines, type Cell, graphemes, NO_LINE_START } from './linebreak.ts';
import {
  attachmentItems,
  chineseNumeral,
  DOC_NUMBER_RE,
  formatChineseDate,
  headingOrdinal,
  imprintPlacement,
  numberBlocks,
  type OfficialDocument,
  validateDocument,
} from './model.ts';
import { sampleDocument } from './test-helpers.ts';

describe('发文字号 (R-DOC-6)', () => {
  it.each(['闵协〔2026〕12号', '南审协〔2026〕1号', 'ABC〔2026〕105号'])('accepts %s', (n) => {
    expect(DOC_NUMBER_RE.test(n)).toBe(true);
  });
  it.each([
    '闵协（2026）12号',
    '闵协[2026]12号',
    '闵协〔2026〕第12号',
    '闵协〔2026〕012号',
    '闵协〔26〕12号',
    '〔2026〕12号',
    '闵协〔2026〕12',
  ])('rejects %s', (n) => {
    expect(DOC_NUMBER_RE.test(n)).toBe(false);
    expect(validateDocument(sampleDocument({ number: n })).join()).toContain('发文字号格式不正确');
  });
});

describe('dates and ordinals', () => {
  it('formats 成文日期 without leading zeros (R-DOC-12)', () => {
    expect(formatChineseDate('2026-09-18')).toBe('2026年9月18日');
    expect(formatChineseDate('2026-10-01')).toBe('2026年10月1日');
    expect(() => formatChineseDate('2026-02-30')).toThrow(/日期格式无效/);
  });
  it('writes Chinese numerals', () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105, 110].map(chineseNumeral)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
    ]);
  });
  it('numbers headings per level and resets deeper levels (R-DOC-10)', () => {
    expect([1, 2, 3, 4].map((l) => headingOrdinal(l as 1 | 2 | 3 | 4, 2))).toEqual([
      '二、',
      '（二）',
      '2.',
      '（2）',
    ]);
    const out = numberBlocks([
      { kind: 'heading', level: 1, text: 'a' },
      { kind: 'heading', level: 2, text: 'b' },
      { kind: 'heading', level: 2, text: 'c' },
      { kind: 'heading', level: 3, text: 'd' },
      { kind: 'paragraph', text: 'p' },
      { kind: 'heading', level: 1, text: 'e' },
      { kind: 'heading', level: 2, text: 'f' },
    ]);
    expect(out.map((b) => (b.kind === 'heading' ? b.ordinal : '-'))).toEqual([
      '一、',
      '（一）',
      '（二）',
      '1.',
      '-',
      '二、',
      '（一）',
    ]);
  });
  it('lists attachments with Arabic ordinals only when several (R-DOC-11)', () => {
    expect(attachmentItems(['甲'])).toEqual(['甲']);
    expect(attachmentItems(['甲', '乙'])).toEqual(['1. 甲', '2. 乙']);
  });
});

describe('validateDocument', () => {
  it('accepts the complete sample', () => {
    expect(validateDocument(sampleDocument())).toEqual([]);
  });
  it('reports problems in Chinese', () => {
    const bad = {
      ...sampleDocument(),
      format: 'letter',
      title: ' ',
      signer: '张三',
      date: '2026-9-18',
      blocks: [
        { kind: 'heading', level: 1, text: '一、工作目标' },
        { kind: 'paragraph', text: '第一行\n第二行' },
      ],
      attachments: ['规则。'],
      minutes: { present: [] },
    } as OfficialDocument;
    const errors = validateDocument(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        '标题不能为空',
        '签发人仅用于文件格式（上行文）',
        '成文日期无效：2026-9-18（应为 YYYY-MM-DD）',
        '正文第2段不得包含换行符或控制字符',
        '附件名称后不加标点符号：规则。',
        '信函格式的版记不标注印发机关和印发日期',
        '出席/请假/列席名单仅用于纪要格式',
      ]),
    );
    expect(errors.some((e) => e.startsWith('正文第1段：标题序号由系统自动生成'))).toBe(true);
  });
  it('requires the minutes mark and attendance for 纪要格式', () => {
    const errors = validateDocument(sampleDocument({ format: 'minutes', issuerMark: '南湖区行政审批局' }));
    expect(errors).toContain('纪要格式须列出出席人员');
    expect(errors.some((e) => e.includes('纪要格式的标志应以“纪要”结尾'))).toBe(true);
  });
});

describe('CJK line breaking', () => {
  const cells = (s: string): Cell[] =>
    graphemes(s).map((g) => ({ text: g, width: /[\x20-\x7e]/.test(g) ? 8 : 16 }));
  it('keeps every character, in order, and fills lines', () => {
    const text = '一二三四五六七八九十'.repeat(5);
    const c = cells(text);
    const ranges = breakLines(c, 160, 160);
    expect(ranges.map(([a, b]) => b - a)).toEqual([10, 10, 10, 10, 10]);
    expect(
      ranges
        .map(([a, b]) =>
          c
            .slice(a, b)
            .map((x) => x.text)
            .join(''),
        )
        .join(''),
    ).toBe(text);
  });
  it('moves a character down instead of starting a line with closing punctuation', () => {
    const c = cells('一二三四五六七八九十，一二三四五六七八九十。');
    const ranges = breakLines(c, 160, 160);
    const lines = ranges.map(([a, b]) =>
      c
        .slice(a, b)
        .map((x) => x.text)
        .join(''),
    );
    expect(lines.join('')).toBe('一二三四五六七八九十，一二三四五六七八九十。');
    for (const l of lines) expect(NO_LINE_START.has(l[0] ?? '')).toBe(false);
    expect(lines[0]).toBe('一二三四五六七八九');
  });
  it('keeps a Latin word or number together and splits an overlong one', () => {
    const c = cells(`一二三四五六七八ABCDEFG${'X'.repeat(40)}`);
    const ranges = breakLines(c, 160, 160);
    const lines = ranges.map(([a, b]) =>
      c
        .slice(a, b)
        .map((x) => x.text)
        .join(''),
    );
    expect(lines.join('')).toBe(`一二三四五六七八ABCDEFG${'X'.repeat(40)}`);
    expect(lines.every((l) => l.length > 0)).toBe(true);
  });
  it('treats an emoji with modifiers as one grapheme', () => {
    expect(graphemes('a👍🏽b')).toEqual(['a', '👍🏽', 'b']);
  });
});

describe('imprintPlacement (版记 on the last side of a double-sided document)', () => {
  it.each([
    ['standard', 1, true, 'next'],
    ['standard', 1, false, 'next'],
    ['standard', 2, true, 'same'],
    ['standard', 2, false, 'blank'],
    ['standard', 3, true, 'next'],
    ['minutes', 4, true, 'same'],
    ['minutes', 4, false, 'blank'],
    ['minutes', 5, true, 'next'],
    ['letter', 1, true, 'same'],
    ['letter', 1, false, 'next'],
    ['letter', 2, false, 'next'],
  ] as const)('%s ending on page %i, room %s → %s', (format, page, fits, expected) => {
    expect(imprintPlacement(format, page, fits)).toBe(expected);
  });
});
