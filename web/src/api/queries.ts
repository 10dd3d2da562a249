// TanStack Query hooks: one query key family per resource so mutations can invalidate precisely.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, unwrap } from './client.ts';
import { ApiProblem } from './problem.ts';
import type {
  AuditQuery,
  CalendarImportBody,
  DeadlineQuery,
  LoginBody,
  Me,
  NotificationQuery,
  OverrideBody,
  RoleGrantInput,
  SealCreateBody,
  SuspendBody,
  TemplateBody,
  UnitCreateBody,
  UnitPatchBody,
  UnitQuery,
  UserCreateBody,
  UserPatchBody,
  UserQuery,
} from './types.ts';

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

/** The signed-in principal, or null when nobody is signed in (401 is an answer, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await body(api.GET('/api/auth/me'));
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 60_000 });
}

export function useDemoLogins() {
  return useQuery({
    queryKey: keys.demoLogins,
    queryFn: () => body(api.GET('/api/auth/demo-logins')),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Whether single sign-on through the provincial identity platform is configured. */
export function useOidc() {
  return useQuery({
    queryKey: keys.oidc,
    queryFn: () => body(api.GET('/api/auth/oidc')),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginBody) => body(api.POST('/api/auth/login', { body: input })),
    onSuccess: (me) => {
      // A fresh session must not see cached data from the previous one.
      qc.clear();
      qc.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) => body(api.POST('/api/auth/logout', { body: { everywhere } })),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(keys.me, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      body(api.POST('/api/auth/password', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
}

export function useRegions() {
  return useQuery({
    queryKey: keys.regions,
    queryFn: () => body(api.GET('/api/regions')),
    staleTime: 10 * 60_000,
  });
}

export function useUnits(q: UnitQuery, enabled = true) {
  return useQuery({
    queryKey: keys.units(q),
    queryFn: () => body(api.GET('/api/units', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A unit with its version tag (ETag), which an edit must send back in If-Match. */
export function useUnit(id: number | null) {
  return useQuery({
    queryKey: keys.unit(id ?? 0),
    queryFn: async () => {
      const { data, response } = await unwrap(
        api.GET('/api/units/{id}', { params: { path: { id: id ?? 0 } } }),
      );
      return { unit: data, etag: response.headers.get('etag') ?? `W/"${data.version}"` };
    },
    enabled: id !== null,
    retry: (n, err) => !(err instanceof ApiProblem && err.status < 500) && n < 2,
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitCreateBody) => body(api.POST('/api/units', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.unitsAll }),
  });
}

export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; etag: string; patch: UnitPatchBody }) =>
      body(
        api.PATCH('/api/units/{id}', {
          params: { path: { id: input.id } },
          body: input.patch,
          headers: { 'if-match': input.etag },
        }),
      ),
    onSettled: (_d, _e, input) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.unitsAll }),
        qc.invalidateQueries({ queryKey: keys.unit(input.id) }),
      ]),
  });
}

export function useAuditEvents(q: AuditQuery) {
  return useQuery({
    queryKey: keys.audit(q),
    queryFn: () => body(api.GET('/api/audit-events', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => body(api.POST('/api/audit-events/verify')) });
}

export function useTotpEnrol() {
  return useMutation({ mutationFn: () => body(api.POST('/api/auth/totp/enrol')) });
}

export function useTotpConfirm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => body(api.POST('/api/auth/totp/confirm', { body: { code } })),
    // Not invalidating me here: the setup page must first show the recovery codes.
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me, refetchType: 'none' }),
  });
}

export function useTotpDisable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => body(api.POST('/api/auth/totp/disable', { body: { password } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
}

export function useUsers(q: UserQuery) {
  return useQuery({
    queryKey: keys.users(q),
    queryFn: () => body(api.GET('/api/users', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

/** A user with its version tag for If-Match. */
export function useUser(id: number | null) {
  return useQuery({
    queryKey: keys.user(id ?? 0),
    queryFn: async () => {
      const { data, response } = await unwrap(
        api.GET('/api/users/{id}', { params: { path: { id: id ?? 0 } } }),
      );
      return { user: data, etag: response.headers.get('etag') ?? `W/"${data.version}"` };
    },
    enabled: id !== null,
  });
}

function useUserInvalidation() {
  const qc = useQueryClient();
  return (id?: number) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keys.usersAll }),
      ...(id !== undefined ? [qc.invalidateQueries({ queryKey: keys.user(id) })] : []),
    ]);
}

export function useCreateUser() {
  const invalidate = useUserInvalidation();
  return useMutation({
    mutationFn: (input: UserCreateBody) => body(api.POST('/api/users', { body: input })),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateUser() {
  const invalidate = useUserInvalidation();
  return useMutation({
    mutationFn: (input: { id: number; etag: string; patch: UserPatchBody }) =>
      body(
        api.PATCH('/api/users/{id}', {
          params: { path: { id: input.id } },
          body: input.patch,
          headers: { 'if-match': input.etag },
        }),
      ),
    onSettled: (_d, _e, input) => invalidate(input.id),
  });
}

export function useSetUserRoles() {
  const invalidate = useUserInvalidation();
  return useMutation({
    mutationFn: (input: { id: number; etag: string; roles: RoleGrantInput[] }) =>
      body(
        api.PUT('/api/users/{id}/roles', {
          params: { path: { id: input.id } },
          body: { roles: input.roles },
          headers: { 'if-match': input.etag },
        }),
      ),
    onSettled: (_d, _e, input) => invalidate(input.id),
  });
}

export function useResetPassword() {
  const invalidate = useUserInvalidation();
  return useMutation({
    mutationFn: (id: number) =>
      body(api.POST('/api/users/{id}/reset-password', { params: { path: { id } } })),
    onSettled: (_d, _e, id) => invalidate(id),
  });
}

export function useUnlockUser() {
  return useMutation({
    mutationFn: (id: number) => body(api.POST('/api/users/{id}/unlock', { params: { path: { id } } })),
  });
}

export function useRolePolicies(enabled = true) {
  return useQuery({
    queryKey: keys.rolePolicies,
    queryFn: () => body(api.GET('/api/role-policies')),
    enabled,
  });
}

export function useSetRolePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { role: RoleGrantInput['role']; totpRequired: boolean }) =>
      body(
        api.PUT('/api/role-policies/{role}', {
          params: { path: { role: input.role } },
          body: { totpRequired: input.totpRequired },
        }),
      ),
    onSuccess: (data) => qc.setQueryData(keys.rolePolicies, data),
  });
}

export function useCalendarYear(regionCode: string | undefined, year: number) {
  return useQuery({
    queryKey: keys.calendar(regionCode ?? '', year),
    queryFn: () =>
      body(api.GET('/api/calendar', { params: { query: { regionCode: regionCode ?? '', year } } })),
    enabled: Boolean(regionCode),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useCalendarOverrides(regionCode: string | undefined) {
  return useQuery({
    queryKey: keys.overrides(regionCode ?? ''),
    queryFn: () =>
      body(api.GET('/api/calendar/overrides', { params: { query: { regionCode: regionCode ?? '' } } })),
    enabled: Boolean(regionCode),
  });
}

/** After a calendar change every calendar view, override list and deadline may differ. */
function useCalendarInvalidation() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['calendar'] }),
      qc.invalidateQueries({ queryKey: ['calendar-overrides'] }),
      qc.invalidateQueries({ queryKey: keys.deadlinesAll }),
    ]);
}

export function useAddOverride() {
  const invalidate = useCalendarInvalidation();
  return useMutation({
    mutationFn: (input: OverrideBody) => body(api.POST('/api/calendar/overrides', { body: input })),
    onSuccess: () => invalidate(),
  });
}

export function useRemoveOverride() {
  const invalidate = useCalendarInvalidation();
  return useMutation({
    mutationFn: (input: { regionCode: string; date: string }) =>
      body(api.DELETE('/api/calendar/overrides/{regionCode}/{date}', { params: { path: input } })),
    onSuccess: () => invalidate(),
  });
}

/** Checks an arrangement and lists the due dates it would move; stores nothing. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (input: CalendarImportBody) =>
      body(api.POST('/api/calendar/imports/preview', { body: input })),
  });
}

export function useApplyImport() {
  const invalidate = useCalendarInvalidation();
  return useMutation({
    mutationFn: (input: CalendarImportBody) => body(api.POST('/api/calendar/imports', { body: input })),
    onSuccess: () => invalidate(),
  });
}

export function useDeadlines(q: DeadlineQuery, enabled = true) {
  return useQuery({
    queryKey: keys.deadlines(q),
    queryFn: () => body(api.GET('/api/deadlines', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDeadline(id: number | null) {
  return useQuery({
    queryKey: keys.deadline(id ?? 0),
    queryFn: () => body(api.GET('/api/deadlines/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
  });
}

function useLedgerUpdate() {
  const qc = useQueryClient();
  return (data: { id: number }) => {
    qc.setQueryData(keys.deadline(data.id), data);
    return qc.invalidateQueries({ queryKey: [...keys.deadlinesAll, 'list'] });
  };
}

export function useSuspendDeadline() {
  const update = useLedgerUpdate();
  return useMutation({
    mutationFn: (input: { id: number } & SuspendBody) => {
      const { id, ...rest } = input;
      return body(api.POST('/api/deadlines/{id}/suspensions', { params: { path: { id } }, body: rest }));
    },
    onSuccess: update,
  });
}

export function useResumeDeadline() {
  const update = useLedgerUpdate();
  return useMutation({
    mutationFn: (input: { id: number; to: string }) =>
      body(
        api.POST('/api/deadlines/{id}/resume', {
          params: { path: { id: input.id } },
          body: { to: input.to },
        }),
      ),
    onSuccess: update,
  });
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: keys.unreadCount,
    queryFn: () => body(api.GET('/api/notifications/unread-count')),
    enabled,
    // The SSE stream keeps it fresh; polling is only the fallback when the stream is down.
    refetchInterval: 5 * 60_000,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () => body(api.GET('/api/notifications', { params: { query: { limit: 8 } } })),
    enabled,
  });
}

/** One page of the inbox. */
export function useNotificationPage(q: NotificationQuery) {
  return useQuery({
    queryKey: keys.notificationPage(q),
    queryFn: () => body(api.GET('/api/notifications', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all'
        ? body(api.POST('/api/notifications/read-all'))
        : body(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: (r) => {
      qc.setQueryData(keys.unreadCount, r);
      return qc.invalidateQueries({ queryKey: keys.notifications });
    },
  });
}

export const docKeys = {
  seals: ['seals'] as const,
  templates: (regionCode: string) => ['document-templates', regionCode] as const,
};

export function useSeals(enabled = true) {
  return useQuery({ queryKey: docKeys.seals, queryFn: () => body(api.GET('/api/seals')), enabled });
}

export function useCreateSeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SealCreateBody) => body(api.POST('/api/seals', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: docKeys.seals }),
  });
}

export function useRotateSeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => body(api.POST('/api/seals/{id}/rotate', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: docKeys.seals }),
  });
}

export function useSetSealInUse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; inUse: boolean }) =>
      body(
        api.POST('/api/seals/{id}/status', {
          params: { path: { id: input.id } },
          body: { inUse: input.inUse },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: docKeys.seals }),
  });
}

export function useDocumentTemplates(regionCode: string | undefined) {
  return useQuery({
    queryKey: docKeys.templates(regionCode ?? ''),
    queryFn: () =>
      body(api.GET('/api/document-templates', { params: { query: { regionCode: regionCode ?? '' } } })),
    enabled: Boolean(regionCode),
  });
}

/** Saves one template; `version` is the row's version (0 when never set), sent as If-Match. */
export function useSaveDocumentTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { regionCode: string; kind: string; version: number; values: TemplateBody }) =>
      body(
        api.PUT('/api/document-templates/{regionCode}/{kind}', {
          params: { path: { regionCode: input.regionCode, kind: input.kind } },
          body: input.values,
          headers: { 'if-match': `W/"${input.version}"` },
        }),
      ),
    onSettled: (_d, _e, input) => qc.invalidateQueries({ queryKey: docKeys.templates(input.regionCode) }),
  });
}

/** A PDF sample of one template in unsaved settings (nothing is stored). */
export function usePreviewDocumentTemplate() {
  return useMutation({
    mutationFn: (input: { regionCode: string; kind: string; values: TemplateBody }) =>
      body(
        api.POST('/api/document-templates/{regionCode}/{kind}/preview', {
          params: { path: { regionCode: input.regionCode, kind: input.kind } },
          body: input.values,
          parseAs: 'blob',
        }),
      ) as Promise<Blob>,
  });
}
