import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { makeConsultation, makeRequest } from '../../../test/factories.ts';
import { pdfPages } from '../../platform/documents/test-helpers.ts';

let t: TestApp;
const { call } = apiCaller(() => t);
let units: Record<string, number>;
beforeAll(async () => {
  t = await testApp();
  const rows = await t.database.db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', '330402')
    .execute();
  units = Object.fromEntries(rows.map((u) => [u.name, Number(u.id)]));
});
afterAll(() => t.close());

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().replace('Z', '+00:00');
const etag = (v: number) => ({ 'if-match': `W/"${v}"` });
const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
};

/** A request whose replies disagree, proposed for a meeting, consulted with three departments. */
async function proposedRequest() {
  const r = await makeRequest(t.database.db, { state: 'meeting_proposed' });
  for (const name of ['南湖区发展和改革局', '南湖区自然资源和规划局', '南湖区住房和城乡建设局']) {
    await makeConsultation(t.database.db, Number(r.id), units[name]!, { status: 'answered' });
  }
  return r;
}

/** The leader approves a special meeting's agenda (before its notice). */
const approveAgenda = async (m: Json) => {
  await ok(await call('nanhu.leader', 'POST', `/api/meetings/${m.id}/agenda/approve`, {}, etag(m.version)));
  return ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));
};

/** Moves the meeting's start into the past, as time passing would. */
const startNow = (id: number) =>
  t.database.db
    .updateTable('meeting')
    .set({ starts_at: new Date(Date.now() - 60_000) })
    .where('id', '=', id)
    .execute();

describe('a special meeting convened on a request whose replies disagree', () => {
  it('notice, acknowledgements, reminder, meeting, approved minutes, sealed and tracked decisions', async () => {
    const r = await proposedRequest();
    const requestId = Number(r.id);
    let m = await ok(
      await call('nanhu.coord', 'POST', '/api/meetings', {
        kind: 'special',
        title: '南湖区智能装备产业园项目专题协调会',
        startsAt: inDays(14),
        place: '区行政审批局三楼会议室',
        chair: '区政府分管副区长 周强',
        requestId,
      }),
      201,
    );
    // Topics and invitees come from the request: its consulted departments.
    expect(m.invitees.map((i: Json) => i.unitName).sort()).toEqual(
      ['南湖区住房和城乡建设局', '南湖区发展和改革局', '南湖区自然资源和规划局'].sort(),
    );
    expect(m.requestId).toBe(requestId);
    // Convened only once its agenda is approved.
    expect(m.actions).not.toContain('convene');

    // A second meeting on the same request is refused.
    const twice = await call('nanhu.coord', 'POST', '/api/meetings', {
      kind: 'special',
      title: '重复的专题协调会',
      startsAt: inDays(15),
      place: '会议室',
      chair: '周强',
      requestId,
    });
    expect(twice.statusCode).toBe(409);

    // The notice waits for the leader's approval of the agenda.
    const unapproved = await call(
      'nanhu.coord',
      'POST',
      `/api/meetings/${m.id}/convene`,
      undefined,
      etag(m.version),
    );
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.json().detail).toContain('审定');
    m = await approveAgenda(m);
    expect(m.agendaApprovedAt).not.toBeNull();
    expect(m.actions).toContain('convene');
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/convene`, undefined, etag(m.version)),
    );
    expect(m.state).toBe('convened');
    expect(m.noticeDocumentId).toBeTypeOf('number');

    // Two units acknowledge; the third is reminded.
    const officer = await ok(await call('nanhu.officer', 'GET', `/api/meetings/${m.id}`));
    expect(officer.toAcknowledge.map((u: Json) => u.unitName)).toEqual(['南湖区发展和改革局']);
    await ok(
      await call('nanhu.officer', 'POST', `/api/meetings/${m.id}/acknowledge`, { attendee: '发改 孙伟' }),
    );
    await ok(
      await call('nanhu.officer2', 'POST', `/api/meetings/${m.id}/acknowledge`, {
        attendee: '资规 郑凯',
        substitute: true,
      }),
    );
    m = await ok(await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/remind`));
    const silent = m.invitees.filter((i: Json) => i.acknowledgedAt === null);
    expect(silent.map((i: Json) => i.unitName)).toEqual(['南湖区住房和城乡建设局']);
    expect(silent[0].remindedAt).not.toBeNull();
    const told = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('app_user as a', 'a.id', 'n.user_id')
      .select('a.username')
      .where('n.kind', '=', 'meeting.remind')
      .execute();
    expect(told.map((x) => x.username)).toContain('nanhu.lead3');
    expect(told.map((x) => x.username)).not.toContain('nanhu.officer');

    // Not yet started: nothing to record.
    const early = await call(
      'nanhu.coord',
      'PUT',
      `/api/meetings/${m.id}/record`,
      {
        attendance: [],
        discussions: [],
        decisions: [],
      },
      etag(m.version),
    );
    expect(early.statusCode).toBe(409);
    await startNow(m.id);
    m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));

    // A decision without an owner, or without a due date, changes nothing.
    for (const bad of [
      { content: '完成用地预审', dueDays: 5 },
      { content: '完成用地预审', ownerUnitId: units.南湖区自然资源和规划局 },
    ]) {
      const res = await call(
        'nanhu.coord',
        'PUT',
        `/api/meetings/${m.id}/record`,
        { attendance: [], discussions: [], decisions: [bad] },
        etag(m.version),
      );
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const record = {
      attendance: [
        { unitId: units.南湖区发展和改革局, attendance: 'present', attendee: '发改 孙伟' },
        { unitId: units.南湖区自然资源和规划局, attendance: 'substitute', attendee: '资规 郑凯' },
        { unitId: units.南湖区住房和城乡建设局, attendance: 'absent', absenceReason: '另有公务' },
      ],
      discussions: [{ seq: 1, discussion: '各部门就用地与规划条件的分歧充分讨论。' }],
      decisions: [
        {
          content: '自然资源和规划局出具规划条件',
          ownerUnitId: units.南湖区自然资源和规划局,
          dueDays: 5,
          topicSeq: 1,
        },
        { content: '发展和改革局完成项目备案变更', ownerUnitId: units.南湖区发展和改革局, dueDays: 3 },
      ],
    };
    m = await ok(await call('nanhu.coord', 'PUT', `/api/meetings/${m.id}/record`, record, etag(m.version)));
    expect(m.state).toBe('held');
    expect(m.decisions).toHaveLength(2);

    // A stale edit is refused.
    const stale = await call(
      'nanhu.coord',
      'PUT',
      `/api/meetings/${m.id}/minutes`,
      { summary: 'x'.repeat(20) },
      etag(m.version - 1),
    );
    expect(stale.statusCode).toBe(412);

    m = await ok(
      await call(
        'nanhu.coord',
        'PUT',
        `/api/meetings/${m.id}/minutes`,
        { summary: '会议听取了项目推进情况汇报，研究了规划条件与用地问题。' },
        etag(m.version),
      ),
    );
    // Not approved: cannot be issued. The organiser cannot approve; the chair can.
    const unsigned = await call(
      'nanhu.coord',
      'POST',
      `/api/meetings/${m.id}/minutes/issue`,
      undefined,
      etag(m.version),
    );
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.json().detail).toContain('签发');
    expect(
      (await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/approve`, undefined, etag(m.version)))
        .statusCode,
    ).toBe(403);
    m = await ok(
      await call('nanhu.leader', 'POST', `/api/meetings/${m.id}/minutes/approve`, undefined, etag(m.version)),
    );
    expect(m.minutesApprovedAt).not.toBeNull();
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/issue`, undefined, etag(m.version)),
    );
    expect(m.state).toBe('minutes_issued');

    // The minutes are numbered, sealed and verifiable; one changed byte fails.
    const doc = await ok(await call('nanhu.coord', 'GET', `/api/documents/${m.minutesDocumentId}`));
    expect(doc.number).toMatch(/^南审纪〔\d{4}〕\d+号$/);
    const pdf = await call(
      'nanhu.officer',
      'GET',
      `/api/meetings/${m.id}/documents/${m.minutesDocumentId}/pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    const bytes = pdf.rawPayload;
    const verify = (body: Buffer) =>
      call(null, 'POST', '/api/documents/verify', body, { 'content-type': 'application/pdf' });
    expect((await ok(await verify(bytes))).valid).toBe(true);
    const changed = Buffer.from(bytes);
    const at = Math.floor(changed.length / 2);
    changed[at] = (changed[at] ?? 0) ^ 1;
    expect((await ok(await verify(changed))).found).toBe(false);

    // Two tracked commitments with owners and due dates; the request moved on.
    const req = await ok(await call('nanhu.coord', 'GET', `/api/coordination/${requestId}`));
    expect(req.state).toBe('tracking');
    const fromMeeting = req.commitments.filter((k: Json) => k.status === 'open');
    expect(fromMeeting).toHaveLength(2);
    for (const k of fromMeeting) expect(k.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const kinds = req.timeline.map((e: Json) => e.kind);
    for (const k of [
      'meeting.create',
      'meeting.convene',
      'meeting.acknowledge',
      'meeting.hold',
      'issue_minutes',
    ]) {
      expect(kinds).toContain(k);
    }
    expect(req.meetings.map((x: Json) => x.id)).toEqual([m.id]);

    // The issued minutes are offered as a precedent when a similar problem comes in.
    const similar = await makeRequest(t.database.db, { project: '规划条件调整与项目备案变更' });
    const s = await ok(await call('nanhu.coord', 'GET', `/api/coordination/${similar.id}/suggestions`));
    const offered = s.minutes.find((x: Json) => x.meetingId === m.id);
    expect(offered.minutesNumber).toBe(doc.number);
    expect(offered.decisions.join()).toContain('自然资源和规划局出具规划条件');
    // Another county's coordinator can neither open the minutes nor is offered them.
    expect((await call('xiuzhou.coord', 'GET', `/api/meetings/${m.id}`)).statusCode).toBe(404);
  });
});

describe('who sees a meeting, and what is refused', () => {
  it('an invited unit sees it; another unit gets 404 and cannot acknowledge; an enterprise has no access', async () => {
    const m = await ok(
      await call('nanhu.coord', 'POST', '/api/meetings', {
        kind: 'special',
        title: '重点项目用地专题协调会',
        startsAt: inDays(20),
        place: '三楼会议室',
        chair: '周强',
        urgent: true,
        topics: [{ title: '用地指标' }],
        inviteeUnitIds: [units.南湖区发展和改革局],
      }),
      201,
    );
    const approved = await approveAgenda(m);
    const convened = await ok(
      await call(
        'nanhu.coord',
        'POST',
        `/api/meetings/${approved.id}/convene`,
        undefined,
        etag(approved.version),
      ),
    );
    // An urgent meeting's notice carries its 紧急程度, and an invited unit can download it.
    const notice = await call(
      'nanhu.officer',
      'GET',
      `/api/meetings/${m.id}/documents/${convened.noticeDocumentId}/pdf`,
    );
    expect(notice.statusCode).toBe(200);
    expect(pdfPages(notice.rawPayload)[0]).toContain('加急');
    expect((await call('nanhu.officer', 'GET', `/api/meetings/${m.id}`)).statusCode).toBe(200);
    expect((await call('nanhu.officer2', 'GET', `/api/meetings/${m.id}`)).statusCode).toBe(404);
    const ack = await call('nanhu.officer2', 'POST', `/api/meetings/${m.id}/acknowledge`, {
      attendee: '资规 郑凯',
    });
    expect(ack.statusCode).toBe(404);
    expect((await call('xiuzhou.officer', 'GET', `/api/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await call('ent.zhineng', 'GET', `/api/meetings/${m.id}`)).statusCode).toBe(403);
    // The calendar lists it for the invited unit and not for the other.
    const from = new Date().toISOString().slice(0, 10);
    const to = inDays(30).slice(0, 10);
    const mine = await ok(await call('nanhu.officer', 'GET', `/api/meetings?from=${from}&to=${to}`));
    expect(mine.items.map((x: Json) => x.id)).toContain(m.id);
    const theirs = await ok(await call('nanhu.officer2', 'GET', `/api/meetings?from=${from}&to=${to}`));
    expect(theirs.items.map((x: Json) => x.id)).not.toContain(m.id);
  });

  it('a meeting in the past is refused and nothing is written', async () => {
    const before = await t.database.db
      .selectFrom('meeting')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call('nanhu.coord', 'POST', '/api/meetings', {
      kind: 'special',
      title: '已经过去的协调会',
      startsAt: inDays(-1),
      place: '会议室',
      chair: '周强',
      topics: [{ title: '议题' }],
      inviteeUnitIds: [units.南湖区发展和改革局],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toContain('会议时间不能早于现在');
    const after = await t.database.db
      .selectFrom('meeting')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the enterprise reads what was decided about its own request on its timeline, not the minutes', async () => {
    const r = await proposedRequest();
    const ent = await t.database.db
      .selectFrom('enterprise')
      .select('id')
      .where('username', '=', 'ent.zhineng')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('coordination_request')
      .set({ enterprise_id: ent.id })
      .where('id', '=', r.id)
      .execute();
    let m = await ok(
      await call('nanhu.coord', 'POST', '/api/meetings', {
        kind: 'special',
        title: '企业诉求专题协调会',
        startsAt: inDays(14),
        place: '会议室',
        chair: '周强',
        requestId: Number(r.id),
      }),
      201,
    );
    m = await approveAgenda(m);
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/convene`, undefined, etag(m.version)),
    );
    await startNow(m.id);
    m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));
    m = await ok(
      await call(
        'nanhu.coord',
        'PUT',
        `/api/meetings/${m.id}/record`,
        {
          attendance: [
            { unitId: units.南湖区住房和城乡建设局, attendance: 'present', attendee: '住建 何静' },
          ],
          discussions: [{ seq: 1, discussion: '内部讨论：某局意见保留。' }],
          decisions: [
            {
              content: '住房和城乡建设局先行办理施工许可',
              ownerUnitId: units.南湖区住房和城乡建设局,
              dueOn: inDays(30).slice(0, 10),
            },
          ],
        },
        etag(m.version),
      ),
    );
    m = await ok(
      await call(
        'nanhu.coord',
        'PUT',
        `/api/meetings/${m.id}/minutes`,
        { summary: '会议研究了企业反映的施工许可问题。' },
        etag(m.version),
      ),
    );
    m = await ok(
      await call('nanhu.leader', 'POST', `/api/meetings/${m.id}/minutes/approve`, undefined, etag(m.version)),
    );
    await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/issue`, undefined, etag(m.version)),
    );
    const seen = await ok(await call('ent.zhineng', 'GET', `/api/portal/coordination/${r.id}`));
    const text = JSON.stringify(seen.timeline);
    expect(text).toContain('住房和城乡建设局先行办理施工许可');
    expect(text).not.toContain('某局意见保留');
    expect(seen.meetings).toEqual([]);
  });
});
