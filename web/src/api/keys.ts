// Query key families, one per resource, so a change invalidates precisely what it touched. The
// hooks live in their modules (web/src/modules/*/api.ts); the families are shared because one
// module's change can touch another's lists (a new user changes its unit's page).
import type { AuditQuery, DeadlineQuery, NotificationQuery, UnitQuery, UserQuery } from './types.ts';

export const keys = {
  me: ['me'] as const,
  demoLogins: ['demo-logins'] as const,
  regions: ['regions'] as const,
  units: (q: UnitQuery) => ['units', q] as const,
  unitsAll: ['units'] as const,
  unit: (id: number) => ['unit', id] as const,
  audit: (q: AuditQuery) => ['audit', q] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  oidc: ['oidc'] as const,
  users: (q: UserQuery) => ['users', q] as const,
  usersAll: ['users'] as const,
  user: (id: number) => ['user', id] as const,
  rolePolicies: ['role-policies'] as const,
  calendar: (regionCode: string, year: number) => ['calendar', regionCode, year] as const,
  overrides: (regionCode: string) => ['calendar-overrides', regionCode] as const,
  /** Prefix of every notification list (the bell's latest and the inbox pages). */
  notifications: ['notifications', 'list'] as const,
  notificationPage: (q: NotificationQuery) => ['notifications', 'list', q] as const,
  deadlinesAll: ['deadlines'] as const,
  deadlines: (q: DeadlineQuery) => ['deadlines', 'list', q] as const,
  deadline: (id: number) => ['deadlines', 'one', id] as const,
};
