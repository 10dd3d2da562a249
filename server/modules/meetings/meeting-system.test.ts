import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn, weekday } from '../../../lib/dates.ts';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { makeCase } from '../../../test/factories.ts';
import { sweepMeetings } from './meeting-sweep.ts';

// The meeting system of a region: the joint-meeting system, standing schedules of regular
// meetings with figures from the data, topic proposals, materials, receipts and corrections, and
// the minute sweep's planning and reminders. The demo seed has set up 南湖区's system.

let t: TestApp;
const { call } = apiCaller(() => t);
let units: Record<string, number>;
let users: Record<string, number>;
beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const u = await db.selectFrom('unit').select(['id', 'name']).where('region_code', '=', '330402').execute();
  units = Object.fromEntries(u.map((x) => [x.name, Number(x.id)]));
  const a = await db.selectFrom('app_user').select(['id', 'username']).execute();
  users = Object.fromEntries(a.map((x) => [x.username, Number(x.id)]));
});
afterAll(() => t.close());

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().replace('Z', '+00:00');
const etag = (v: number) => ({ 'if-match': `W/"${v}"` });
const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const startNow = (id: number) =>
  t.database.db
    .updateTable('meeting')
    .set({ starts_at: new Date(Date.now() - 60_000) })
    .where('id', '=', id)
    .execute();

describe('a joint meeting of the region’s joint-meeting system', () => {
  it('a member proposes a topic; the convener approves the agenda and names a deputy, who chairs and signs', async () => {
    const system = (await ok(await call('nanhu.officer', 'GET', '/api/joint-meeting-system'))).system;
    expect(system.convener.userId).toBe(users['nanhu.leader']);
    expect(system.deputies.map((d: Json) => d.userId)).toEqual([users['nanhu.leader2']]);

    let m = await ok(
      await call('nanhu.coord', 'POST', '/api/meetings', {
        kind: 'joint',
        title: '联席会议专题研究工程建设项目审批',
        startsAt: inDays(21),
        place: '区政府第二会议室',
        topics: [{ title: '研究区域评估成果应用' }],
      }),
      201,
    );
    // The system's member units are invited; the chair waits for the convener.
    expect(m.invitees.map((i: Json) => i.unitId).sort()).toEqual([...system.memberUnitIds].sort());
    expect(m.chair).toBe('待召集人指定');

    // A member unit proposes a topic; a unit that is not invited cannot.
    m = await ok(
      await call('nanhu.officer2', 'POST', `/api/meetings/${m.id}/proposals`, {
        title: '规划条件核实与竣工验收衔接',
        reason: '多个项目竣工验收时规划核实滞后。',
      }),
    );
    expect(
      (await call('xiuzhou.officer', 'POST', `/api/meetings/${m.id}/proposals`, { title: '议题' }))
        .statusCode,
    ).toBe(404);
    const proposal = m.proposals.find((p: Json) => p.state === 'proposed');
    expect(proposal.unitName).toBe('南湖区自然资源和规划局');
    m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));

    // Not approved while a proposal waits; declining needs a reason.
    const early = await call(
      'nanhu.leader',
      'POST',
      `/api/meetings/${m.id}/agenda/approve`,
      {
        chairUserId: users['nanhu.leader2'],
      },
      etag(m.version),
    );
    expect(early.statusCode).toBe(409);
    const noReason = await call(
      'nanhu.coord',
      'POST',
      `/api/meetings/${m.id}/proposals/decide`,
      { proposalId: proposal.id, accept: false },
      etag(m.version),
    );
    expect(noReason.statusCode).toBe(400);
    m = await ok(
      await call(
        'nanhu.coord',
        'POST',
        `/api/meetings/${m.id}/proposals/decide`,
        { proposalId: proposal.id, accept: true },
        etag(m.version),
      ),
    );
    expect(m.topics.map((x: Json) => x.title)).toContain('规划条件核实与竣工验收衔接');

    // Only the convener approves, naming the convener or a deputy.
    const deputy = await call(
      'nanhu.leader2',
      'POST',
      `/api/meetings/${m.id}/agenda/approve`,
      {
        chairUserId: users['nanhu.leader2'],
      },
      etag(m.version),
    );
    expect(deputy.statusCode).toBe(403);
    const outsider = await call(
      'nanhu.leader',
      'POST',
      `/api/meetings/${m.id}/agenda/approve`,
      {
        chairUserId: users['nanhu.coord'],
      },
      etag(m.version),
    );
    expect(outsider.statusCode).toBe(400);
    const leaderView = await ok(await call('nanhu.leader', 'GET', `/api/meetings/${m.id}`));
    expect(leaderView.chairChoices.map((c: Json) => c.userId)).toEqual([
      users['nanhu.leader'],
      users['nanhu.leader2'],
    ]);
    m = await ok(
      await call(
        'nanhu.leader',
        'POST',
        `/api/meetings/${m.id}/agenda/approve`,
        { chairUserId: users['nanhu.leader2'] },
        etag(m.version),
      ),
    );
    expect(m.chair).toBe('审批局局长 沈建华');
    expect(m.chairUserId).toBe(users['nanhu.leader2']);
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
          attendance: [{ unitId: units.南湖区发展和改革局, attendance: 'present', attendee: '发改 孙伟' }],
          discussions: [],
          decisions: [
            {
              content: '发展和改革局牵头制定区域评估成果应用办法',
              ownerUnitId: units.南湖区发展和改革局,
              dueDays: 20,
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
        { summary: '会议研究了区域评估成果应用问题。' },
        etag(m.version),
      ),
    );
    // The convener did not chair this one: the deputy signs.
    expect(
      (
        await call(
          'nanhu.leader',
          'POST',
          `/api/meetings/${m.id}/minutes/approve`,
          undefined,
          etag(m.version),
        )
      ).statusCode,
    ).toBe(403);
    m = await ok(
      await call(
        'nanhu.leader2',
        'POST',
        `/api/meetings/${m.id}/minutes/approve`,
        undefined,
        etag(m.version),
      ),
    );
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/issue`, undefined, etag(m.version)),
    );
    expect(m.state).toBe('minutes_issued');
  });

  it('the system is validated and versioned', async () => {
    const current = await call('nanhu.coord', 'GET', '/api/joint-meeting-system');
    const { system } = current.json() as Json;
    const body = {
      name: system.name,
      convenerUserId: system.convener.userId,
      deputyUserIds: [users['nanhu.officer']],
      officeUnitId: system.officeUnitId,
      memberUnitIds: system.memberUnitIds,
      workingGroups: [],
    };
    // A department officer cannot be a deputy convener (cannot sign minutes); nothing changes.
    const bad = await call('nanhu.coord', 'PUT', '/api/joint-meeting-system', body, {
      'if-match': current.headers.etag,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const stale = await call(
      'nanhu.coord',
      'PUT',
      '/api/joint-meeting-system',
      { ...body, deputyUserIds: [] },
      etag(system.version - 1),
    );
    expect(stale.statusCode).toBe(412);
    const after = (await ok(await call('nanhu.coord', 'GET', '/api/joint-meeting-system'))).system;
    expect(after).toEqual(system);
    // Only the organiser sets it.
    expect(
      (await call('nanhu.officer', 'PUT', '/api/joint-meeting-system', body, etag(system.version)))
        .statusCode,
    ).toBe(403);
  });
});

describe('regular meetings from a standing schedule', () => {
  const schedule = (over: Json = {}) => ({
    title: '审批服务周例会（测试）',
    cadence: 'weekly',
    // Tomorrow's ISO weekday: the period reported on ends today.
    day: weekday(addDays(todayIn(), 1)) || 7,
    startTime: '09:00',
    place: '一楼会议室',
    chair: '沈建华',
    inviteeUnitIds: [units.南湖区发展和改革局, units.南湖区住房和城乡建设局],
    ...over,
  });

  it('plans the next meeting with the figures of the period read from the cases, and refreshes them', async () => {
    const s = await ok(await call('nanhu.coord', 'POST', '/api/meeting-schedules', schedule()), 201);
    expect(s.nextOn >= todayIn()).toBe(true);
    const planned = await ok(await call('nanhu.coord', 'POST', `/api/meeting-schedules/${s.id}/plan`), 201);
    expect((await call('nanhu.coord', 'POST', `/api/meeting-schedules/${s.id}/plan`)).statusCode).toBe(409);
    let m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${planned.meetingId}`));
    expect(m.kind).toBe('regular');
    expect(m.scheduleId).toBe(s.id);
    expect(m.figures.through).toBe(todayIn());
    expect(m.topics[0].title).toContain(`受理 ${m.figures.totals.received} 件`);
    expect(m.topics).toHaveLength(3);

    // Two more cases accepted today, one of them returned for correction twice (one case): the
    // refreshed figures count them; a case only submitted is not 受理.
    const before = m.figures;
    const c1 = await makeCase(t.database.db, { state: 'accepted' });
    const c2 = await makeCase(t.database.db, { state: 'accepted' });
    await makeCase(t.database.db);
    await t.database.db
      .updateTable('service_case')
      .set({ accepted_at: new Date() })
      .where('id', 'in', [c1.id, c2.id])
      .execute();
    const correction = {
      case_id: c1.id,
      name: '一次性告知补正',
      event: 'request_correction',
      action: 'return' as const,
      to_state: 'correction_requested',
    };
    await t.database.db.insertInto('case_step').values([correction, correction]).execute();
    // An organiser's own topic survives a refresh.
    m = await ok(
      await call(
        'nanhu.coord',
        'PATCH',
        `/api/meetings/${m.id}`,
        { topics: [...m.topics.map((x: Json) => ({ title: x.title })), { title: '研究窗口人员调配' }] },
        etag(m.version),
      ),
    );
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/figures/refresh`, undefined, etag(m.version)),
    );
    expect(m.figures.totals.received).toBe(before.totals.received + 2);
    expect(m.figures.totals.corrections).toBe(before.totals.corrections + 1);
    const dept = (f: Json) => f.departments.find((d: Json) => d.unitId === Number(c1.department_id));
    expect(dept(m.figures).received).toBe(dept(before).received + 2);
    expect(m.figures.returnedItems.length).toBeGreaterThan(0);
    expect(m.topics.at(-1).title).toBe('研究窗口人员调配');
    expect(m.topics[0].title).toContain(`受理 ${before.totals.received + 2} 件`);
    // A regular meeting needs no agenda approval: it is convened as planned.
    expect(m.actions).toContain('convene');
    expect(m.actions).not.toContain('approve_agenda');
  });

  it('a bad schedule is refused with its reason; a stale edit changes nothing', async () => {
    const bad = await call('nanhu.coord', 'POST', '/api/meeting-schedules', schedule({ day: 9 }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('星期一至星期日');
    const s = await ok(
      await call(
        'nanhu.coord',
        'POST',
        '/api/meeting-schedules',
        schedule({ title: '月度例会（测试）', cadence: 'monthly', day: 15 }),
      ),
      201,
    );
    const stale = await call(
      'nanhu.coord',
      'PUT',
      `/api/meeting-schedules/${s.id}`,
      schedule({ title: '月度例会改名' }),
      etag(s.version + 1),
    );
    expect(stale.statusCode).toBe(412);
    expect((await call('nanhu.officer', 'POST', '/api/meeting-schedules', schedule())).statusCode).toBe(403);
  });

  it('the sweep plans a due meeting once, and reminds silent units once', async () => {
    const s = await ok(
      await call(
        'nanhu.coord',
        'POST',
        '/api/meeting-schedules',
        schedule({ title: '周例会（自动安排）', leadDays: 20 }),
      ),
      201,
    );
    const count = async () =>
      (await t.database.db.selectFrom('meeting').select('id').where('schedule_id', '=', s.id).execute())
        .length;
    await sweepMeetings(t.database.db);
    expect(await count()).toBe(1);
    await sweepMeetings(t.database.db);
    expect(await count()).toBe(1);

    // An urgent meeting tomorrow: the sweep reminds its silent invitee once.
    let m = await ok(
      await call('nanhu.coord', 'POST', '/api/meetings', {
        kind: 'special',
        title: '紧急专题协调会（提醒测试）',
        startsAt: inDays(0.9),
        place: '会议室',
        chair: '周强',
        urgent: true,
        topics: [{ title: '紧急议题' }],
        inviteeUnitIds: [units.南湖区住房和城乡建设局],
      }),
      201,
    );
    m = await ok(
      await call('nanhu.leader', 'POST', `/api/meetings/${m.id}/agenda/approve`, {}, etag(m.version)),
    );
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/convene`, undefined, etag(m.version)),
    );
    const reminders = async () =>
      (
        await t.database.db
          .selectFrom('notification')
          .select('id')
          .where('kind', '=', 'meeting.remind')
          .where('link', '=', `/meetings/${m.id}`)
          .execute()
      ).length;
    // Not at once after an urgent notice; thirteen hours later (the meeting under a day away), once.
    await sweepMeetings(t.database.db);
    expect(await reminders()).toBe(0);
    const later = new Date(Date.now() + 13 * 3_600_000);
    await sweepMeetings(t.database.db, later);
    const once = await reminders();
    expect(once).toBeGreaterThan(0);
    await sweepMeetings(t.database.db, later);
    expect(await reminders()).toBe(once);
    m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));
    expect(m.invitees[0].remindedAt).not.toBeNull();
  });
});

describe('materials, receipts of the minutes and corrections', () => {
  it('materials reach invited units only; each recipient signs; a correction supersedes the minutes', async () => {
    let m = await ok(
      await call('nanhu.coord', 'POST', '/api/meetings', {
        kind: 'regular',
        title: '审批服务工作例会（纪要测试）',
        startsAt: inDays(14),
        place: '一楼会议室',
        chair: '沈建华',
        topics: [{ title: '通报办件情况' }],
        inviteeUnitIds: [units.南湖区发展和改革局, units.南湖区自然资源和规划局],
      }),
      201,
    );
    const upload = (body: Buffer | string, type: string) =>
      call(
        'nanhu.coord',
        'POST',
        `/api/meetings/${m.id}/materials?fileName=${encodeURIComponent('办件统计.pdf')}`,
        body,
        {
          'content-type': type,
        },
      );
    expect((await upload(JSON.stringify({ a: 1 }), 'application/json')).statusCode).toBe(415);
    m = await ok(await upload(PDF, 'application/octet-stream'));
    const material = m.materials[0];
    expect(material.fileName).toBe('办件统计.pdf');
    const get = (user: string) => call(user, 'GET', `/api/meetings/${m.id}/materials/${material.id}`);
    expect((await get('nanhu.officer')).statusCode).toBe(200);
    expect((await get('nanhu.lead3')).statusCode).toBe(404);

    // A topic proposed and not yet handled holds the notice back.
    await ok(
      await call('nanhu.officer', 'POST', `/api/meetings/${m.id}/proposals`, {
        title: '窗口收件材料清单统一',
      }),
    );
    const held = await call(
      'nanhu.coord',
      'POST',
      `/api/meetings/${m.id}/convene`,
      undefined,
      etag(m.version),
    );
    expect(held.statusCode).toBe(409);
    expect(held.json().detail).toContain('议题申报未处理');
    m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));
    m = await ok(
      await call(
        'nanhu.coord',
        'POST',
        `/api/meetings/${m.id}/proposals/decide`,
        { proposalId: m.proposals[0].id, accept: false, reason: '下次例会专题研究' },
        etag(m.version),
      ),
    );
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/convene`, undefined, etag(m.version)),
    );
    // Sent with the notice: no longer removed.
    expect(
      (await call('nanhu.coord', 'DELETE', `/api/meetings/${m.id}/materials/${material.id}`)).statusCode,
    ).toBe(409);
    await startNow(m.id);
    m = await ok(await call('nanhu.coord', 'GET', `/api/meetings/${m.id}`));
    m = await ok(
      await call(
        'nanhu.coord',
        'PUT',
        `/api/meetings/${m.id}/record`,
        {
          attendance: [
            { unitId: units.南湖区发展和改革局, attendance: 'present', attendee: '发改 孙伟' },
            { unitId: units.南湖区自然资源和规划局, attendance: 'absent', absenceReason: '外出' },
          ],
          discussions: [],
          decisions: [
            {
              content: '住房和城乡建设局牵头清理超期办件',
              ownerUnitId: units.南湖区住房和城乡建设局,
              coOwnerUnitIds: [units.南湖区发展和改革局],
              dueDays: 5,
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
        { summary: '会议通报了本周办件情况。' },
        etag(m.version),
      ),
    );
    m = await ok(
      await call('nanhu.leader', 'POST', `/api/meetings/${m.id}/minutes/approve`, undefined, etag(m.version)),
    );
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/issue`, undefined, etag(m.version)),
    );
    // It goes to who attended and who owns or shares a decision — not to the absent unit.
    expect(m.receipts.map((r: Json) => r.unitName).sort()).toEqual(
      ['南湖区住房和城乡建设局', '南湖区发展和改革局'].sort(),
    );
    const first = m.minutesVersions[0];

    // The owner, not invited, opens the meeting and signs; an outsider cannot.
    const owner = await ok(await call('nanhu.lead3', 'GET', `/api/meetings/${m.id}`));
    expect(owner.toReceive.map((u: Json) => u.unitName)).toEqual(['南湖区住房和城乡建设局']);
    // The materials went to the invited units only, not to a unit the minutes alone went to.
    expect(owner.materials).toEqual([]);
    expect((await get('nanhu.lead3')).statusCode).toBe(404);
    await ok(await call('nanhu.lead3', 'POST', `/api/meetings/${m.id}/minutes/receive`, {}));
    expect((await call('nanhu.lead3', 'POST', `/api/meetings/${m.id}/minutes/receive`, {})).statusCode).toBe(
      403,
    );
    expect(
      (await call('nanhu.officer2', 'POST', `/api/meetings/${m.id}/minutes/receive`, {})).statusCode,
    ).toBe(403);
    m = await ok(await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/remind`));
    const silent = m.receipts.filter((r: Json) => r.receivedAt === null);
    expect(silent.map((r: Json) => r.unitName)).toEqual(['南湖区发展和改革局']);
    expect(silent[0].remindedAt).not.toBeNull();

    // Issued minutes are not edited or signed again; a correction with a reason is.
    expect(
      (
        await call(
          'nanhu.coord',
          'PUT',
          `/api/meetings/${m.id}/minutes`,
          { summary: '改写' },
          etag(m.version),
        )
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call(
          'nanhu.coord',
          'PUT',
          `/api/meetings/${m.id}/minutes/correction`,
          { summary: '改写' },
          etag(m.version),
        )
      ).statusCode,
    ).toBe(400);
    m = await ok(
      await call(
        'nanhu.coord',
        'PUT',
        `/api/meetings/${m.id}/minutes/correction`,
        { summary: '会议通报了本周及上周办件情况。', reason: '通报范围表述有误' },
        etag(m.version),
      ),
    );
    expect(m.correctionReason).toBe('通报范围表述有误');
    expect(
      (await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/issue`, undefined, etag(m.version)))
        .statusCode,
    ).toBe(409);
    m = await ok(
      await call('nanhu.leader', 'POST', `/api/meetings/${m.id}/minutes/approve`, undefined, etag(m.version)),
    );
    m = await ok(
      await call('nanhu.coord', 'POST', `/api/meetings/${m.id}/minutes/issue`, undefined, etag(m.version)),
    );
    expect(m.minutesVersions).toHaveLength(2);
    const second = m.minutesVersions[0];
    expect(second.version).toBe(2);
    expect(second.number).not.toBe(first.number);
    expect(m.correctionReason).toBeNull();
    // The new version is signed for again; its decisions are tracked once, as first issued.
    expect(m.receipts.every((r: Json) => r.receivedAt === null)).toBe(true);
    const tracked = await t.database.db
      .selectFrom('supervision_item')
      .select(['id', 'co_owner_unit_ids'])
      .where('source', '=', 'meeting_decision')
      .where('content', 'like', '%清理超期办件%')
      .execute();
    expect(tracked).toHaveLength(1);
    expect(tracked[0]!.co_owner_unit_ids.map(Number)).toEqual([units.南湖区发展和改革局]);

    // The superseded minutes still verify as issued, and say what replaced them.
    const old = await call('nanhu.coord', 'GET', `/api/meetings/${m.id}/documents/${first.documentId}/pdf`);
    const verified = await ok(
      await call(null, 'POST', '/api/documents/verify', old.rawPayload, {
        'content-type': 'application/pdf',
      }),
    );
    expect(verified.valid).toBe(true);
    expect(verified.supersededBy.number).toBe(second.number);
    expect(verified.message).toContain('更正替代');
  });
});
