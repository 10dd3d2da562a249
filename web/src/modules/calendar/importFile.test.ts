import { describe, expect, it } from 'vitest';
import { importTemplate, parseImportFile } from './importFile.ts';
import { recalcHeadline } from './recalc.ts';

const valid = {
  year: 2027,
  sources: [
    {
      docNo: '国办发明电〔2026〕1号',
      title: '国务院办公厅关于2027年部分节假日安排的通知',
      publishedOn: '2026-11-20',
      url: 'https://www.gov.cn/zhengce/content/1.htm',
    },
  ],
  days: [
    { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  ],
};

describe('parseImportFile', () => {
  it('reads a valid file and sorts the days', () => {
    const r = parseImportFile(JSON.stringify(valid));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body.year).toBe(2027);
    expect(r.body.days.map((d) => d.date)).toEqual(['2027-01-01', '2027-02-20']);
    expect(r.body.sources[0]?.docNo).toBe('国办发明电〔2026〕1号');
  });

  it('accepts a UTF-8 BOM, a year as text and kinds written in Chinese', () => {
    const r = parseImportFile(
      `\uFEFF${JSON.stringify({ ...valid, year: '2027', days: [{ date: '2027-01-01', kind: '放假', name: '元旦' }] })}`,
    );
    expect(r).toMatchObject({ ok: true, body: { year: 2027, days: [{ kind: 'holiday' }] } });
  });

  it('says in Chinese what is wrong, row by row', () => {
    const r = parseImportFile(
      JSON.stringify({
        year: 2027,
        sources: [{ docNo: '国办', title: '', publishedOn: '2026/11/20', url: 'www.gov.cn' }],
        days: [
          { date: '2027-1-1', kind: 'holiday', name: '元旦' },
          { date: '2028-01-01', kind: 'rest', name: '' },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      '第 1 份通知缺少标题（title）。',
      '第 1 份通知的发布日期（publishedOn）应为 YYYY-MM-DD。',
      '第 1 份通知的原文链接（url）应以 http:// 或 https:// 开头。',
      '第 1 条日期记录的日期（date）应为 YYYY-MM-DD，如 2027-02-08。',
      '第 2 条日期记录的日期 2028-01-01 不属于 2027 年。',
      '第 2 条日期记录的类型（kind）应为 holiday（放假）或 makeup_workday（调休上班）。',
      '第 2 条日期记录缺少节日名称（name），如“春节”。',
    ]);
  });

  it('rejects text that is not JSON, or JSON of the wrong shape', () => {
    expect(parseImportFile('{ year: 2027 ')).toMatchObject({ ok: false });
    expect(parseImportFile('[]')).toEqual({
      ok: false,
      errors: ['文件内容应为一个对象，包含 year、sources、days 三项。'],
    });
    const r = parseImportFile('{}');
    expect(r.ok ? [] : r.errors).toHaveLength(3);
  });

  it('offers a template that parses back into a valid body', () => {
    const text = importTemplate(2027);
    expect(text).toContain('说明');
    const r = parseImportFile(text);
    expect(r).toMatchObject({ ok: true, body: { year: 2027 } });
    if (r.ok) expect(r.body.days.every((d) => d.date.startsWith('2027-'))).toBe(true);
  });
});

describe('recalcHeadline', () => {
  it('counts the recomputed deadlines', () => {
    expect(recalcHeadline(3)).toBe('3 项在办时限已重新计算');
    expect(recalcHeadline(0)).toBe('已重新计算，在办时限的截止日均未改变');
    expect(recalcHeadline(2, true)).toBe('导入后将有 2 项在办时限的截止日改变');
  });
});
