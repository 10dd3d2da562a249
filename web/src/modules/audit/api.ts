// Hooks of the audit log and its chain verification.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { AuditQuery } from '../../api/types.ts';

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
