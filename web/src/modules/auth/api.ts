// Hooks of the session: who is signed in, login and logout, the password and the second factor.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ApiProblem } from '../../api/problem.ts';
import type { LoginBody, Me } from '../../api/types.ts';

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
