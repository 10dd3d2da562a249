import { describe, expect, it } from 'vitest';
import { beijingDayStart, formatDateTime } from './format.ts';

describe('formatDateTime', () => {
  it('shows Beijing time whatever the process zone', () => {
    expect(formatDateTime('2026-11-25T16:30:05.000Z')).toBe('2026-11-26 00:30:05');
    expect(formatDateTime('2026-11-25T16:30:05.000Z', false)).toBe('2026-11-26 00:30');
  });
  it('builds day-start instants with the +08:00 offset', () => {
    expect(beijingDayStart('2026-10-01')).toBe('2026-10-01T00:00:00+08:00');
  });
});
