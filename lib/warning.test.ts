import { describe, expect, it } from 'vitest';
import {
  WARNING_LABELS,
  warningLevel,
  warningLevelFromDates,
  warningLevelSql,
  yellowThresholdDays,
} from './warning.ts';

describe('yellowThresholdDays = override ?? max(2, limit/5)', () => {
  it.each([
    [1, undefined, 2],
    [5, undefined, 2],
    [10, undefined, 2],
    [14, undefined, 2],
    [15, undefined, 3],
    [20, undefined, 4],
    [22, undefined, 4], // 4.4 → 4: whole days left
    [30, undefined, 6],
    [45, undefined, 9],
    [20, 5, 5],
    [20, 0, 0],
    [20, null, 4],
  ])('limit %i, override %j → %i', (limit, override, t) => {
    expect(yellowThresholdDays(limit, override)).toBe(t);
  });

  it('rejects a bad override', () => {
    expect(() => yellowThresholdDays(10, -1)).toThrow('黄灯阈值');
    expect(() => yellowThresholdDays(10, 1.5)).toThrow('黄灯阈值');
  });
});

describe('warningLevel', () => {
  it.each([
    // daysLeft, limit, override, overdue, level
    [10, 10, undefined, false, 'green'],
    [3, 10, undefined, false, 'green'],
    [2, 10, undefined, false, 'yellow'],
    [0, 10, undefined, false, 'yellow'], // due date itself: yellow, not red
    [0, 10, undefined, true, 'red'],
    [5, 20, undefined, false, 'green'],
    [4, 20, undefined, false, 'yellow'],
    [5, 20, 5, false, 'yellow'],
    [6, 20, 5, false, 'green'],
    [1, 20, 0, false, 'green'],
    [0, 20, 0, false, 'yellow'],
    [9, 45, undefined, false, 'yellow'],
    [10, 45, undefined, false, 'green'],
    [3, 3, undefined, false, 'green'],
    [2, 3, undefined, false, 'yellow'],
    [15, 20, undefined, true, 'red'],
  ] as const)('left %i of %i (override %j, overdue %s) → %s', (left, limit, override, overdue, level) => {
    expect(warningLevel(left, limit, override, overdue)).toBe(level);
  });

  it('has Chinese labels', () => {
    expect(WARNING_LABELS).toEqual({ green: '正常', yellow: '黄灯预警', red: '红灯超期' });
  });
});

describe('warningLevelFromDates (the SQL rule)', () => {
  it.each([
    ['2026-09-29', '2026-10-09', '2026-09-30', 'green'],
    ['2026-09-30', '2026-10-09', '2026-09-30', 'yellow'],
    ['2026-10-09', '2026-10-09', '2026-09-30', 'yellow'],
    ['2026-10-10', '2026-10-09', '2026-09-30', 'red'],
    ['2026-10-10', null, null, 'green'],
    ['2026-10-10', null, '2026-09-30', 'yellow'],
  ] as const)('today %s, due %s, yellowFrom %s → %s', (today, due, yellowFrom, level) => {
    expect(warningLevelFromDates(today, due, yellowFrom)).toBe(level);
  });

  it('renders a CASE expression and refuses anything but columns and $n', () => {
    expect(warningLevelSql('$1', 'c.due_date', 'c.yellow_from')).toBe(
      "(CASE WHEN $1 > c.due_date THEN 'red' WHEN $1 >= c.yellow_from THEN 'yellow' ELSE 'green' END)",
    );
    expect(() => warningLevelSql("'2026-01-01'; drop table x", 'due', 'yf')).toThrow();
  });
});
