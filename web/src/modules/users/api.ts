// Hooks of staff accounts, their roles and the roles' security policies.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, unwrap } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { RoleGrantInput, UserCreateBody, UserPatchBody, UserQuery } from '../../api/types.ts';

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
