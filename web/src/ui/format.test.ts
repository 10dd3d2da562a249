import { describe, expect, it } from 'vitest';
import { beijingDayStart, beijingToday, formatDateTime } from './format.ts';

describe('formatDateTime', () => {
  it('shows Beijing time whatever the process zone', () => {
    expect(formatDateTime('2026-11-25T16:30:05.000Z')).toBe('2026-11-26 00:30:05');
    expect(formatDateTime('2026-11-25T16:30:05.000Z', false)).toBe('2026-11-26 00:30');
  });
  it('builds day-start instants with the +08:00 offset', () => {
    expect(beijingDayStart('2026-10-01')).toBe('2026-10-01T00:00:00+08:00');
  });
});

describe('beijingToday', () => {
  it('is the Beijing date, a day ahead of UTC late in the evening', () => {
    expect(beijingToday(new Date('2026-11-26T19:17:00Z'))).toBe('2026-11-27');
    expect(beijingToday(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
  });
});
