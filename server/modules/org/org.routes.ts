import { z } from 'zod';
import { actorOf } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { setVersionTag } from '../../platform/http/concurrency.ts';
import { recordRoutes } from '../../platform/http/records.ts';
import { errors } from '../../platform/http/schemas.ts';
import { RegionSchema, toUnit, UnitCreate, UnitListQuery, UnitPatch, UnitSchema } from './org.schemas.ts';
import { createRegion, createUnit, editUnit, regions, unit, units } from './org.service.ts';

export const orgRoutes: Module = (app, { database }) => {
  const db = database.db;
  const tags = ['组织机构'];

  app.get(
    '/api/regions',
    {
      config: { access: { permission: 'org:read' } },
      schema: {
        tags,
        summary: '区划列表',
        description: '两级区划（市、区县）。区划是公共信息，所有有组织查看权限的用户都可见。',
        response: { 200: z.array(RegionSchema), ...errors(401, 403) },
      },
    },
    async () =>
      (await regions(db)).map((r) => ({
        code: r.code,
        name: r.name,
        parentCode: r.parent_code,
        level: r.level,
      })),
  );

  app.post(
    '/api/regions',
    {
      config: { access: { permission: 'org:manage' } },
      schema: {
        tags,
        summary: '新增区县',
        description:
          '在市下新增区县（两级区划）。仅全局管理员可操作；区划代码为 GB/T 2260 的 6 位代码，不可重复。',
        body: z.object({
          code: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
          name: z.string().trim().min(2, '区划名称至少 2 个字').max(20),
          parentCode: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
        }),
        response: { 201: RegionSchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await createRegion(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      return { code: r.code, name: r.name, parentCode: r.parent_code, level: r.level };
    },
  );

  recordRoutes(app, {
    path: '/api/units',
    tags,
    read: 'org:read',
    manage: 'org:manage',
    schema: UnitSchema,
    present: toUnit,
    list: {
      summary: '单位列表',
      description:
        '当前用户数据范围内的单位（中心、部门、园区、镇街等），可按区划、类别、名称筛选；按页码分页并返回总数，或按编号键集分页（after）。',
      query: UnitListQuery,
      run: (principal, q) => units(db, principal, q, q),
    },
    detail: {
      summary: '单位详情',
      description:
        '返回单位信息及 ETag（版本号），修改时须在 If-Match 中带回。不在数据范围内的单位返回 404。',
      run: (principal, id) => unit(db, principal, id),
    },
    edit: {
      summary: '修改单位',
      description:
        '修改名称、代字、类别或启停状态。须带 If-Match（GET 返回的 ETag）；版本不符返回 412，防止覆盖他人的修改。',
      body: UnitPatch,
      errors: [409],
      run: (actor, principal, id, version, body) => editUnit(db, actor, principal, id, version, body),
    },
  });

  app.post(
    '/api/units',
    {
      config: { access: { permission: 'org:manage' } },
      schema: {
        tags,
        summary: '新建单位',
        description: '在管理范围内的区划下新建单位；同一区划内单位名称不可重复。',
        body: UnitCreate,
        response: { 201: UnitSchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const row = await createUnit(db, actorOf(req.principal, req), req.principal!, req.body);
      setVersionTag(reply, row.version);
      reply.code(201);
      return toUnit(row);
    },
  );
};
