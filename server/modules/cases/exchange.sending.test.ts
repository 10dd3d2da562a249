import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { JobWorker } from '../../platform/jobs/jobs.ts';
import { defineExchangeJobs } from './exchange.jobs.ts';
import { httpExchangeSender } from './exchange.sender.ts';

// Sending batches to the upstream platform: a real HTTP peer started here answers as told.
interface Received {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
const received: Received[] = [];
const answers: { status: number; body: string }[] = [];
const peer = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    const a = answers.shift() ?? { status: 200, body: 'OK' };
    res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8' }).end(a.body);
  });
});

let t: TestApp;
let worker: JobWorker;
let cookie: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(peer.address() as AddressInfo).port}/39046/receive`;
  t = await testApp({ EXCHANGE_URL: url, EXCHANGE_TOKEN: 'token-330402' });
  worker = new JobWorker(t.database.db);
  defineExchangeJobs(worker, httpExchangeSender(url, 'token-330402'));
  cookie = await t.login('nanhu.admin');
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => peer.close(resolve));
});

// biome-ignore lint/suspicious/noExplicitAny: API responses are checked field by field
type Json = Record<string, any>;
const listed = async (id: number) =>
  (
    (
      await t.app.inject({ method: 'GET', url: '/api/exchange/batches', headers: { cookie } })
    ).json() as Json[]
  ).find((b) => b.id === id)!;
const resend = (id: number) =>
  t.app.inject({ method: 'POST', url: `/api/exchange/batches/${id}/send`, headers: { cookie } });
const makeDue = () =>
  t.database.db.updateTable('job').set({ run_at: new Date() }).where('kind', '=', 'exchange.send').execute();

describe('sending batches upstream', () => {
  it('posts the stored file with its id and digest, retries a refusal, records the receipt, and resends on request', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/exchange/batches',
      headers: { cookie },
      payload: { regionCode: '330402' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const batch = created.json();
    expect(batch.sendStatus).toBe('pending');
    const file = (
      await t.app.inject({
        method: 'GET',
        url: `/api/exchange/batches/${batch.id}/file`,
        headers: { cookie },
      })
    ).rawPayload;

    // The platform is busy: the failure is recorded and the job waits for its retry.
    answers.push({ status: 503, body: '系统繁忙' });
    expect(await worker.runDue()).toBe(1);
    expect(received).toHaveLength(1);
    expect(await listed(batch.id)).toMatchObject({
      sendStatus: 'pending',
      sentAt: null,
      sendAttempts: 1,
      lastError: '上级平台拒收（HTTP 503）：系统繁忙',
    });
    expect(await worker.runDue()).toBe(0); // backing off
    // A resend while the retry is queued would send twice: refused.
    const early = await resend(batch.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('该批次正在报送，请稍候再试。');

    answers.push({ status: 200, body: 'RCPT-330402-000001' });
    await makeDue();
    expect(await worker.runDue()).toBe(1);
    const sent = await listed(batch.id);
    expect(sent).toMatchObject({
      sendStatus: 'sent',
      receipt: 'RCPT-330402-000001',
      sendAttempts: 2,
      lastError: null,
    });
    expect(sent.sentAt).toEqual(expect.any(String));
    const [first, second] = received;
    expect(second!.body.equals(first!.body)).toBe(true);
    expect(second!.body.equals(file)).toBe(true);
    expect(second!.headers).toMatchObject({
      'x-batch-id': batch.batch,
      'x-content-sm3': batch.digest,
      authorization: 'Bearer token-330402',
      'content-type': 'application/json; charset=utf-8',
    });

    // The platform asks for it again: the same bytes go out once more, and the resend is audited.
    const again = await resend(batch.id);
    expect(again.statusCode, again.body).toBe(202);
    expect(await worker.runDue()).toBe(1);
    expect(received).toHaveLength(3);
    expect(received[2]!.body.equals(file)).toBe(true);
    expect(await listed(batch.id)).toMatchObject({ sendStatus: 'sent', sendAttempts: 3 });
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('target_id')
      .where('action', '=', 'exchange.resend')
      .execute();
    expect(audit).toEqual([{ target_id: String(batch.id) }]);
  });

  it('a batch never sent (made before the address was set) can be sent; a redirect is a refusal', async () => {
    const db = t.database.db;
    const [batch] = (
      await t.app.inject({ method: 'GET', url: '/api/exchange/batches', headers: { cookie } })
    ).json();
    await db.deleteFrom('job').where('kind', '=', 'exchange.send').execute();
    await db
      .updateTable('exchange_batch')
      .set({ sent_at: null, receipt: null, send_attempts: 0, last_error: null })
      .where('id', '=', batch.id)
      .execute();
    expect(await listed(batch.id)).toMatchObject({ sendStatus: 'unsent' });

    // A redirect would turn the POST into a GET without the file: it is recorded as a refusal.
    answers.push({ status: 302, body: '' });
    expect((await resend(batch.id)).statusCode).toBe(202);
    const before = received.length;
    expect(await worker.runDue()).toBe(1);
    expect(received).toHaveLength(before + 1);
    expect(await listed(batch.id)).toMatchObject({
      sendStatus: 'pending',
      sentAt: null,
      lastError: '上级平台拒收（HTTP 302）',
    });
    await makeDue();
    expect(await worker.runDue()).toBe(1);
    expect(await listed(batch.id)).toMatchObject({ sendStatus: 'sent', receipt: 'OK', lastError: null });
  });

  it('an unreachable platform is a clear Chinese reason, not a crash', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const sender = httpExchangeSender(`http://127.0.0.1:${port}/none`);
    await expect(sender.send({ name: 'x', digest: 'y', content: Buffer.from('{}') })).rejects.toThrow(
      '无法连接上级平台：对方拒绝连接（地址或端口不对，或服务未启动）',
    );
  });
});

describe('without an upstream address', () => {
  it('batches are for manual filing and a resend says why it cannot be done', async () => {
    const plain = await testApp();
    try {
      const c = await plain.login('nanhu.admin');
      const created = await plain.app.inject({
        method: 'POST',
        url: '/api/exchange/batches',
        headers: { cookie: c },
        payload: { regionCode: '330402' },
      });
      expect(created.json().sendStatus).toBe('manual');
      const res = await plain.app.inject({
        method: 'POST',
        url: `/api/exchange/batches/${created.json().id}/send`,
        headers: { cookie: c },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().detail).toBe('未配置上级平台接收地址（EXCHANGE_URL），请下载批次文件后按规定报送。');
      const jobs = await plain.database.db
        .selectFrom('job')
        .select('id')
        .where('kind', '=', 'exchange.send')
        .execute();
      expect(jobs).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
