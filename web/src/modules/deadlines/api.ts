// Hooks of time limits: the list, one deadline with its ledger, suspension and resumption.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { DeadlineQuery, SuspendBody } from '../../api/types.ts';

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
