import { describe, expect, it } from 'vitest';
import { countText, levelPieOption, mostUrgent, panelsFor } from './workbench.ts';

describe('deadline panel', () => {
  it('draws red, yellow, green with the total in the middle', () => {
    const o = levelPieOption([
      { level: 'green', count: 4, more: false },
      { level: 'red', count: 2, more: false },
    ]);
    const series = (o.series as { data: { name: string; value: number }[] }[])[0];
    expect(series?.data.map((d) => [d.name, d.value])).toEqual([
      ['红灯超期', 2],
      ['黄灯预警', 0],
      ['正常', 4],
    ]);
    expect((o.title as { text: string }).text).toBe('6');
    const cut = levelPieOption([{ level: 'red', count: 500, more: true }]);
    expect((cut.title as { text: string }).text).toBe('500+');
  });

  it('shows a cut count with a plus', () => {
    expect(countText({ level: 'red', count: 500, more: true })).toBe('500+');
    expect(countText({ level: 'red', count: 3, more: false })).toBe('3');
  });

  it('lists the most urgent: red first, then yellow by due date', () => {
    type Row = { id: number; level: 'red' | 'yellow'; dueDate: string };
    const red: Row[] = [
      { id: 7, level: 'red', dueDate: '2026-11-20' },
      { id: 3, level: 'red', dueDate: '2026-11-13' },
    ];
    const yellow: Row[] = [
      { id: 2, level: 'yellow', dueDate: '2026-12-02' },
      { id: 1, level: 'yellow', dueDate: '2026-12-01' },
    ];
    expect(mostUrgent(red, yellow, 3).map((d) => d.id)).toEqual([3, 7, 1]);
  });
});

describe('panelsFor', () => {
  it('no longer has an empty deadline panel (the live one replaces it)', () => {
    expect(panelsFor(['dept_lead']).map((p) => p.key)).toEqual([
      'sign',
      'consult',
      'meetings',
      'supervision-mine',
    ]);
  });

  it('gives the supervision office its tracker and the departments their open items, once per user', () => {
    const views = (roles: string[]) =>
      panelsFor(roles).flatMap((p) => (p.supervisionView ? [[p.key, p.supervisionView, p.title]] : []));
    expect(views(['supervisor'])).toEqual([['tracking', 'tracking', '督办事项']]);
    expect(views(['dept_officer', 'dept_lead', 'liaison'])).toEqual([
      ['supervision-mine', 'mine', '本单位督办事项'],
    ]);
    // 督办通报 stays a placeholder until it exists.
    expect(panelsFor(['supervisor']).find((p) => p.key === 'notices')?.supervisionView).toBeUndefined();
  });

  it('gives the organiser, the chair and the departments live meeting panels, once per user', () => {
    const views = (roles: string[]) =>
      panelsFor(roles).flatMap((p) => (p.meetingView ? [p.meetingView] : []));
    expect(views(['coordinator'])).toEqual(['organiser']);
    expect(views(['leader'])).toEqual(['chair']);
    expect(views(['dept_officer', 'liaison'])).toEqual(['attendee']);
  });
});
