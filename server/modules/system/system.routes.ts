import { z } from 'zod';
import { pingDatabase } from '../../db/client.ts';
import { migrationStatus } from '../../db/migrate.ts';
import type { Module } from '../../platform/http/app.ts';
import { problems } from '../../platform/http/problem.ts';
import { ProblemSchema } from '../../platform/http/schemas.ts';

export const systemRoutes: Module = (app, { database }) => {
  const tags = ['运维'];
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '存活检查',
        description: '进程在运行即返回 ok，不访问数据库。',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '就绪检查',
        description: '数据库可连接且迁移已全部应用时返回 ready，否则 503。',
        response: {
          200: z.object({
            status: z.literal('ready'),
            database: z.enum(['pglite', 'postgres']),
            migrations: z.number(),
          }),
          503: ProblemSchema,
        },
      },
    },
    async () => {
      try {
        await pingDatabase(database.db);
        const status = await migrationStatus(database.db);
        if (status.pending.length)
          throw problems.unavailable(`尚有 ${status.pending.length} 个数据库迁移未应用。`);
        return { status: 'ready' as const, database: database.kind, migrations: status.applied };
      } catch (err) {
        if ((err as { status?: number }).status === 503) throw err;
        throw problems.unavailable(`数据库不可用：${(err as Error).message}`);
      }
    },
  );
};
