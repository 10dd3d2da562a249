import { randomBytes } from 'node:crypto';
import type { Db } from '../server/db/client.ts';
import type { DataScope, UnitKind } from '../server/db/types.ts';
import type { Role } from '../server/platform/access/permissions.ts';
import { hashPassword } from '../server/platform/auth/passwords.ts';

// Row factories: realistic defaults, a unique suffix so tests never collide, overrides per call.
const suffix = () => randomBytes(3).toString('hex');
let cachedHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = 'Factory#Pass2026';

export async function makeUnit(
  db: Db,
  over: Partial<{ regionCode: string; kind: UnitKind; name: string; shortName: string }> = {},
) {
  return db
    .insertInto('unit')
    .values({
      region_code: over.regionCode ?? '330402',
      kind: over.kind ?? 'department',
      name: over.name ?? `测试局${suffix()}`,
      short_name: over.shortName ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeUser(
  db: Db,
  over: Partial<{
    unitId: number;
    username: string;
    role: Role;
    scope: DataScope;
    mustChangePassword: boolean;
  }> = {},
) {
  cachedHash ??= hashPassword(FACTORY_PASSWORD);
  const unitId = over.unitId ?? Number((await makeUnit(db)).id);
  const user = await db
    .insertInto('app_user')
    .values({
      username: over.username ?? `user.${suffix()}`,
      display_name: '测试用户',
      unit_id: unitId,
      password_hash: await cachedHash,
      must_change_password: over.mustChangePassword ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (over.role) {
    await db
      .insertInto('role_assignment')
      .values({ user_id: user.id, role: over.role, scope: over.scope ?? 'own_unit' })
      .execute();
  }
  return user;
}
