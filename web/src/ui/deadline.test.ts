import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../../server/platform/calendar/engine.ts';
import { nationalCalendar } from '../../../server/platform/calendar/national.ts';
import {
  byUrgency,
  type DeadlineInfo,
  deadlineLevel,
  deadlineView,
  LEDGER_CODE_LABELS,
  ledgerInfo,
  ledgerItems,
  rowSummary,
  suspensionItems,
} from './deadline.ts';

// The real national calendar (2026 official data: National Day 1–7 October, make-up 20 Sep / 10 Oct),
// so the ledgers below are the ones a clerk would see.
const cal = nationalCalendar([], 'v1');

const base: DeadlineInfo = {
  dueDate: '2026-10-20',
  limitDays: 20,
  daysUsed: 10,
  daysLeft: 10,
  overdue: false,
  overdueDays: 0,
  paused: false,
  provisional: false,
};

describe('deadlineView', () => {
  it('is green with the days left while far from the due date', () => {
    const v = deadlineView(base);
    expect(v).toMatchObject({
      level: 'green',
      color: 'success',
      levelLabel: '正常',
      summary: '剩余 10 个工作日',
    });
    expect(v.dueText).toBe('2026-10-20 24:00 前');
  });

  it('derives yellow from the shared rule: at most max(2, limit/5) days left', () => {
    expect(deadlineLevel({ ...base, daysLeft: 4 })).toBe('yellow'); // 20/5 = 4
    expect(deadlineLevel({ ...base, daysLeft: 5 })).toBe('green');
    expect(deadlineLevel({ ...base, limitDays: 5, daysLeft: 2 })).toBe('yellow'); // floor of 2
    expect(deadlineLevel({ ...base, daysLeft: 5, yellowOverride: 6 })).toBe('yellow');
    expect(deadlineView({ ...base, daysLeft: 3 })).toMatchObject({
      color: 'warning',
      levelLabel: '黄灯预警',
    });
  });

  it('says 今日到期 on the due date (yellow, not red) and 超期 after it', () => {
    expect(deadlineView({ ...base, daysLeft: 0 })).toMatchObject({ level: 'yellow', summary: '今日到期' });
    expect(deadlineView({ ...base, daysLeft: 0, overdue: true, overdueDays: 2 })).toMatchObject({
      level: 'red',
      color: 'error',
      levelLabel: '红灯超期',
      summary: '超期 2 个工作日',
    });
    expect(deadlineView({ ...base, daysLeft: 0, overdue: true, overdueDays: 0 }).summary).toBe('已超期');
  });

  it('trusts the level the server sent', () => {
    expect(deadlineView({ ...base, level: 'red' }).color).toBe('error');
  });

  it('reports a paused clock and an unknown due date', () => {
    const v = deadlineView({ ...base, paused: true, dueDate: null, daysLeft: 7 });
    expect(v.summary).toBe('计时暂停，剩余 7 个工作日');
    expect(v.dueText).toBe('截止日待恢复计时后确定');
  });
});

describe('ledgerItems on engine output', () => {
  it('explains a deadline across National Day with a suspension', () => {
    // 10 working days from Fri 18 Sep; 24–25 Sep suspended for a site inspection.
    const r = computeDeadline(cal, {
      start: '2026-09-18',
      limitDays: 10,
      today: '2026-10-14',
      suspensions: [{ kind: 'site_inspection', from: '2026-09-24', to: '2026-09-25', reason: '现场勘验' }],
    });
    // Counted: Sun 20 Sep (make-up day), 21–23 Sep, 28–30 Sep, 8–9 Oct and Sat 10 Oct (make-up day).
    expect(r.dueDate).toBe('2026-10-10');
    expect(deadlineView(r)).toMatchObject({ level: 'red', summary: '超期 3 个工作日' }); // 12–14 Oct
    const items = ledgerItems(r);
    expect(items.map((i) => i.label)).toEqual(r.lines.map((l) => LEDGER_CODE_LABELS[l.code]));
    expect(items[0]).toMatchObject({ label: '起算', tone: 'blue' });
    expect(items[0]?.text).toContain('2026-09-18');
    const suspension = items.find((i) => i.label === '挂起');
    expect(suspension?.tone).toBe('orange');
    expect(suspension?.text).toContain('现场勘验');
    const due = items.find((i) => i.label === '截止');
    expect(due?.text).toContain(r.dueDate!);
    // The tone of the due line follows the level, as the tag does.
    expect(due?.tone).toBe(r.level === 'red' ? 'red' : r.level === 'yellow' ? 'orange' : 'green');
    expect(deadlineView(r).level).toBe(r.level);
  });

  it('marks provisional years in the view', () => {
    const r = computeDeadline(cal, { start: '2027-09-24', limitDays: 5, today: '2027-09-24' });
    expect(r.provisional).toBe(true);
    expect(deadlineView(r).provisional).toBe(true);
    expect(ledgerItems(r).some((i) => i.label === '暂定' && i.tone === 'orange')).toBe(true);
  });

  it('has a label for every ledger code', () => {
    for (const label of Object.values(LEDGER_CODE_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/);
  });
});

describe('list rows and the ledger endpoint', () => {
  const row = {
    id: 1,
    dueDate: '2026-12-01',
    status: 'open' as const,
    level: 'green' as const,
    provisional: false,
  };

  it('maps the ledger endpoint to DeadlineInfo: red means overdue', () => {
    const info = ledgerInfo({
      dueDate: '2026-11-13',
      limitDays: 20,
      daysUsed: 20,
      daysLeft: 0,
      overdueDays: 9,
      paused: false,
      provisional: false,
      level: 'red',
      lines: [{ code: 'due', date: '2026-11-13', text: '截止日 2026-11-13 24:00（北京时间）' }],
    });
    expect(info.overdue).toBe(true);
    expect(deadlineView(info)).toMatchObject({ level: 'red', summary: '超期 9 个工作日' });
    expect(ledgerItems(info)[0]).toMatchObject({ label: '截止', tone: 'red' });
  });

  it('summarises a row without day counts', () => {
    expect(rowSummary(row, '2026-11-27')).toBe('正常');
    expect(rowSummary({ ...row, level: 'yellow' }, '2026-11-27')).toBe('黄灯预警');
    expect(rowSummary({ ...row, level: 'yellow' }, '2026-12-01')).toBe('今日到期');
    expect(rowSummary({ ...row, level: 'red' }, '2026-12-02')).toBe('红灯超期');
    expect(rowSummary({ ...row, dueDate: null, level: 'yellow' }, '2026-11-27')).toBe('计时暂停');
    expect(rowSummary({ ...row, status: 'done', level: 'red' }, '2026-12-05')).toBe('已办结');
    expect(rowSummary({ ...row, status: 'cancelled' }, '2026-11-27')).toBe('已撤销');
  });

  it('orders by urgency: red, yellow, green; earliest due first; paused last in its level', () => {
    const items = [
      { id: 1, level: 'green' as const, dueDate: '2026-12-01' },
      { id: 2, level: 'yellow' as const, dueDate: null },
      { id: 3, level: 'yellow' as const, dueDate: '2026-12-03' },
      { id: 4, level: 'red' as const, dueDate: '2026-11-20' },
      { id: 5, level: 'red' as const, dueDate: '2026-11-13' },
      { id: 6, level: 'yellow' as const, dueDate: '2026-12-01' },
    ];
    expect(byUrgency(items).map((i) => i.id)).toEqual([5, 4, 6, 3, 2, 1]);
    expect(items[0]?.id).toBe(1); // not sorted in place
  });

  it('lists suspensions in date order and marks the running one', () => {
    const out = suspensionItems([
      { kindLabel: '专家评审', from: '2026-11-20', to: null, reason: '组织专家评审' },
      { kindLabel: '补正', from: '2026-11-02', to: '2026-11-05', reason: '材料不齐' },
    ]);
    expect(out.map((s) => s.title)).toEqual([
      '补正：2026-11-02 至 2026-11-05',
      '专家评审：2026-11-20 起，尚未恢复',
    ]);
    expect(out.map((s) => s.open)).toEqual([false, true]);
  });
});
