import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { keys } from '../api/keys.ts';
import type { AppNotification } from '../api/types.ts';
import { useMarkRead, useNotifications, useUnreadCount } from '../modules/notifications/api.ts';
import { formatDateTime } from '../ui/format.ts';
import { useSession } from './session.tsx';

/** Live unread count over Server-Sent Events; EventSource reconnects by itself after drops. */
function useNotificationStream(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/notifications/stream');
    es.addEventListener('notification', (ev) => {
      const data = JSON.parse((ev as MessageEvent<string>).data) as { unread: number };
      qc.setQueryData(keys.unreadCount, { unread: data.unread });
      void qc.invalidateQueries({ queryKey: keys.notifications });
    });
    return () => es.close();
  }, [enabled, qc]);
}

function NotificationList({ onOpen, onAll }: { onOpen: (n: AppNotification) => void; onAll: () => void }) {
  const list = useNotifications(true);
  const mark = useMarkRead();
  if (list.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  const items = list.data?.items ?? [];
  return (
    <div style={{ width: 360 }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="暂无通知。临期提醒、征询、督办等消息将显示在这里。"
        />
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className={n.read ? 'read' : ''} onClick={() => onOpen(n)}>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {n.body}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt, false)}
                  </Typography.Text>
                </Space>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" type="link" onClick={onAll}>
          查看全部
        </Button>
        {items.some((n) => !n.read) && (
          <Button size="small" type="link" loading={mark.isPending} onClick={() => mark.mutate('all')}>
            全部标为已读
          </Button>
        )}
      </div>
    </div>
  );
}

/** The bell in the header: unread count, latest notifications, mark as read. Staff only (server rule). */
export function NotificationBell() {
  const me = useSession();
  const staff = me.kind === 'staff';
  const unread = useUnreadCount(staff);
  const mark = useMarkRead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  useNotificationStream(staff);
  if (!staff) return null;
  const count = unread.data?.unread ?? 0;

  const openNotification = (n: AppNotification) => {
    if (!n.read) mark.mutate(n.id);
    setOpen(false);
    if (n.link?.startsWith('/')) navigate(n.link);
  };

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title="通知"
      content={
        open ? (
          <NotificationList
            onOpen={openNotification}
            onAll={() => {
              setOpen(false);
              navigate('/notifications');
            }}
          />
        ) : null
      }
    >
      <button
        type="button"
        className="app-icon-button"
        aria-label={count > 0 ? `通知，${count} 条未读` : '通知'}
        data-testid="notification-bell"
      >
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </button>
    </Popover>
  );
}
