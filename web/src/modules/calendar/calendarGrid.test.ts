import { describe, expect, it } from 'vitest';
import { dayDescription, dayMark, monthWeeks } from './calendarGrid.ts';

const day = (date: string, category = 'workday', name: string | null = null) => ({
  date,
  workday: category === 'workday' || category === 'makeup_workday',
  category,
  name,
  provisional: false,
});

describe('monthWeeks', () => {
  it('starts October 2026 on a Thursday (three blank cells before it)', () => {
    const days = Array.from({ length: 31 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, '0')}`));
    const weeks = monthWeeks(days, 10);
    expect(weeks[0]?.slice(0, 3)).toEqual([null, null, null]);
    expect(weeks[0]?.[3]?.date).toBe('2026-10-01');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });
});

describe('dayMark / dayDescription', () => {
  it('marks holidays 休 and make-up days 班, plain weekends nothing', () => {
    expect(dayMark(day('2026-10-01', 'holiday', '国庆节'))).toBe('休');
    expect(dayMark(day('2026-10-10', 'makeup_workday', '国庆节'))).toBe('班');
    expect(dayMark(day('2026-10-11', 'weekend'))).toBe('');
    expect(dayDescription(day('2026-10-01', 'holiday', '国庆节'))).toBe('2026-10-01 法定节假日（国庆节）');
  });
});
