// Notifications are personal: every read and write is keyed by the reader's own user id.
export {
  findNotification,
  latestNotification,
  listNotifications,
  markRead,
  unreadCount,
} from './notifications.repo.ts';
