import { describe, expect, it } from 'vitest';
import type { DeadlineItem } from '../../api/types.ts';
import { deadlineRow } from './exportXlsx.ts';
import { deadlineQuery, describeDeadlineFilter, levelParam } from './filters.ts';

const item: DeadlineItem = {
  id: 3,
  subjectType: 'demo',
  subjectId: 'demo-3',
  kind: 'promised',
  kindLabel: '承诺时限',
  title: '南湖数字经济产业园二期 可行性研究报告审批',
  regionCode: '330402',
  unitId: 18,
  ownerUserId: null,
  startDate: '2026-10-18',
  limitDays: 20,
  status: 'open',
  dueDate: '2026-11-13',
  yellowFrom: '2026-11-09',
  provisional: false,
  level: 'red',
  levelLabel: '红灯超期',
};

describe('deadline list filters', () => {
  it('sends only the chosen filters', () => {
    expect(deadlineQuery('all', 'all')).toEqual({ status: 'all' });
    expect(deadlineQuery('red', 'open')).toEqual({ level: 'red', status: 'open' });
  });
  it('describes them in Chinese for the export', () => {
    expect(describeDeadlineFilter('yellow', 'open')).toBe('黄灯预警；在办');
    expect(describeDeadlineFilter('all', 'all')).toBe('全部预警等级；全部状态');
  });
  it('reads the level from a link, ignoring anything else', () => {
    expect(levelParam('red')).toBe('red');
    expect(levelParam('purple')).toBe('all');
    expect(levelParam(null)).toBe('all');
  });
});

describe('deadlineRow', () => {
  it('writes every code in Chinese', () => {
    expect(deadlineRow(item, '2026-11-27')).toEqual({
      id: 3,
      title: item.title,
      kind: '承诺时限',
      startDate: '2026-10-18',
      limitDays: 20,
      dueDate: '2026-11-13',
      yellowFrom: '2026-11-09',
      level: '红灯超期',
      status: '在办',
      provisional: '正式',
    });
  });
  it('explains a suspended clock and a provisional year', () => {
    const r = deadlineRow({ ...item, dueDate: null, yellowFrom: null, provisional: true }, '2026-11-27');
    expect(r).toMatchObject({ dueDate: '挂起中，待恢复计时后确定', level: '计时暂停', provisional: '暂定' });
  });
});
