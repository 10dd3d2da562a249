import { describe, expect, it } from 'vitest';
import { warningBarsOption } from './warningBars.ts';

describe('warning bars', () => {
  const rows = [
    { label: '待分办', total: 5, red: 1, yellow: 2 },
    { label: '书面征询中', total: 3, red: 0, yellow: 0 },
  ];
  it('stacks red, yellow and the rest as green per category', () => {
    const o = warningBarsOption(rows, 'vertical');
    const series = o.series as { name: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['红灯超期', [1, 0]],
      ['黄灯预警', [2, 0]],
      ['正常', [2, 3]],
    ]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['待分办', '书面征询中']);
  });
  it('puts the categories on the vertical axis when horizontal', () => {
    const o = warningBarsOption(rows, 'horizontal');
    expect((o.yAxis as { type: string }).type).toBe('category');
    expect((o.xAxis as { type: string }).type).toBe('value');
  });
});
