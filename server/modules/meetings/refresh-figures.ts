// 更新例会数据: until its notice goes out, a planned regular meeting's figures are read again from
// the data (the period it reports on is kept) and its three standing topics — the first three —
// restated; the topics the organiser added after them stay.
import { todayIn } from '../../../lib/dates.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { replaceTopics } from './meetings.repo.ts';
import type { Figures } from './meetings.schemas.ts';
import { runMeetingEvent } from './meetings.workflow.ts';
import { FIGURE_TOPICS, figureTopics, regularFigures } from './regular-figures.ts';

export function refreshFigures(ctx: ActionContext, id: number, version: number) {
  return runMeetingEvent(ctx, id, version, 'refresh_figures', {
    check(_trx, row) {
      if (row.schedule_id === null || row.figures === null) {
        throw problems.conflict('该例会不是按例会制度安排的，没有需要更新的数据。');
      }
    },
    async effect(trx, row, facts) {
      const before = row.figures as Figures;
      const figures = await regularFigures(trx, row.region_code, before.period, todayIn());
      await replaceTopics(trx, id, [
        ...figureTopics(figures).map((title) => ({ title, requestId: null })),
        ...facts.topicRows.slice(FIGURE_TOPICS).map((t) => ({
          title: t.title,
          requestId: t.request_id === null ? null : Number(t.request_id),
        })),
      ]);
      return {
        set: { figures: JSON.stringify(figures) },
        audit: { period: figures.period, received: figures.totals.received },
      };
    },
  });
}
