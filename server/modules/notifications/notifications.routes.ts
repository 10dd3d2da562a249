import { z } from 'zod';
import type { Module } from '../../platform/http/app.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import {
  errors,
  IdParams,
  listQuery,
  ProblemSchema,
  pageOf,
  pageResponse,
} from '../../platform/http/schemas.ts';
import {
  findNotification,
  latestNotification,
  listNotifications,
  markRead,
  unreadCount,
} from './notifications.service.ts';

const NotificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

type Row = NonNullable<Awaited<ReturnType<typeof latestNotification>>>;
const toNotification = (r: Row): z.infer<typeof NotificationSchema> => ({
  id: Number(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at.toISOString(),
  read: r.read_at !== null,
});

// Notifications are personal: the reader's own inbox only, no data scope beyond "self".
export const notificationRoutes: Module = (app, { database, bus }) => {
  const db = database.db;
  const tags = ['站内通知'];
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/api/notifications',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: '我的通知',
        description: '当前用户的站内通知（新到旧），可只看未读；键集分页：下一页传 before=上一页最后的 id。',
        querystring: listQuery(
          {
            unread: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
          },
          { maxLimit: 200, cursor: 'before' },
        ),
        response: {
          200: pageOf(NotificationSchema, 'nextBefore'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const page = await listNotifications(db, req.principal!.id, req.query, req.query);
      return pageResponse(page, toNotification, req.query.limit, 'nextBefore');
    },
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: '未读通知数',
        description: '当前用户的未读通知数量（通知铃铛上的数字）。',
        response: { 200: z.object({ unread: z.number() }), ...errors(401, 403) },
      },
    },
    async (req) => ({ unread: await unreadCount(db, req.principal!.id) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: '标记已读',
        description: '把自己的一条通知标记为已读。',
        params: IdParams,
        response: { 200: z.object({ unread: z.number() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const n = await markRead(db, req.principal!.id, req.params.id);
      if (n === 0 && !(await findNotification(db, req.principal!.id, req.params.id))) {
        throw problems.notFound('通知不存在。');
      }
      return { unread: await unreadCount(db, req.principal!.id) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: '全部标记已读',
        description: '把自己的全部未读通知标记为已读。',
        response: { 200: z.object({ unread: z.number() }), ...errors(401, 403) },
      },
    },
    async (req) => {
      await markRead(db, req.principal!.id, 'all');
      return { unread: 0 };
    },
  );

  app.get(
    '/api/notifications/stream',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: '通知实时推送',
        description:
          'Server-Sent Events：连接后立即推送一次未读数；此后每当有新通知提交，推送 `notification` 事件（未读数与最新一条）。' +
          '每 25 秒发送一次心跳注释以保持连接。',
        response: {
          200: z.string().describe('text/event-stream'),
          ...errors(401, 403),
          406: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      if (!req.headers.accept?.includes('text/event-stream')) {
        throw new Problem(
          406,
          'not-acceptable',
          '需要事件流',
          '此地址只提供 text/event-stream（请用 EventSource 连接）。',
        );
      }
      const userId = req.principal!.id;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      const send = async () => {
        const [unread, latest] = await Promise.all([unreadCount(db, userId), latestNotification(db, userId)]);
        res.write(
          `event: notification\ndata: ${JSON.stringify({ unread, latest: latest ? toNotification(latest) : null })}\n\n`,
        );
      };
      // Coalesce bursts: one database read per burst of events, in order.
      let chain = Promise.resolve();
      const onEvent = () => {
        chain = chain.then(send).catch(() => end());
      };
      const unsubscribe = bus.subscribe(userId, onEvent);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      res.on('close', end); // the response closes when the client goes away
      onEvent();
    },
  );
};
