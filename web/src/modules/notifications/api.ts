// Hooks of notifications: the bell's unread count, the latest, the inbox pages, marking read.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { NotificationQuery } from '../../api/types.ts';

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
