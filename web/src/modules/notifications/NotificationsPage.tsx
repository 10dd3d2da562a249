import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/problem.ts';
import type { AppNotification } from '../../api/types.ts';
import { ListFilters, listPagination, usePagedList } from '../../ui/DataTable.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useMarkRead, useNotificationPage, useUnreadCount } from './api.ts';
import { notificationKindLabel } from './labels.ts';

type Filter = 'all' | 'unread';

export default function NotificationsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const paged = usePagedList<{ unread?: 'true' }>({}, { pageSize: 20 });
  const filter: Filter = paged.filters.unread ? 'unread' : 'all';
  const list = useNotificationPage(paged.query);
  const unread = useUnreadCount(true);
  const mark = useMarkRead();
  const count = unread.data?.unread ?? 0;

  const markOne = (n: AppNotification) =>
    mark.mutate(n.id, { onError: (err) => message.error(errorMessage(err)) });

  const open = (n: AppNotification) => {
    if (!n.read) markOne(n);
    if (n.link?.startsWith('/')) navigate(n.link);
  };

  return (
    <>
      <PageHeader
        title="通知"
        subtitle="临期与超期提醒、截止日调整、征询与督办等站内消息。"
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={count === 0}
            loading={mark.isPending && mark.variables === 'all'}
            onClick={() =>
              mark.mutate('all', {
                onSuccess: () => message.success('已全部标为已读'),
                onError: (err) => message.error(errorMessage(err)),
              })
            }
          >
            全部标为已读
          </Button>
        }
      />
      <Card size="small">
        <ListFilters paged={paged} list={list}>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => paged.setFilter('unread', v === 'unread' ? 'true' : undefined)}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: `未读（${count}）` },
            ]}
            aria-label="通知筛选"
          />
        </ListFilters>
        {list.isError && !list.data ? (
          <LoadError error={list.error} what="通知" onRetry={() => void list.refetch()} />
        ) : (
          <List<AppNotification>
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={listPagination(list.data, paged)}
            locale={{
              emptyText:
                filter === 'unread' ? '没有未读通知' : '暂无通知。临期提醒、征询、督办等消息将显示在这里。',
            }}
            data-testid="notification-inbox"
            renderItem={(n) => (
              <List.Item
                className={n.read ? 'inbox-item read' : 'inbox-item'}
                actions={[
                  ...(n.link?.startsWith('/')
                    ? [
                        <Button key="open" type="link" size="small" onClick={() => open(n)}>
                          查看
                        </Button>,
                      ]
                    : []),
                  ...(!n.read
                    ? [
                        <Button key="read" type="link" size="small" onClick={() => markOne(n)}>
                          标为已读
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  avatar={<Badge status={n.read ? 'default' : 'processing'} />}
                  title={
                    <Space size={8} wrap>
                      <Tag>{notificationKindLabel(n.kind)}</Tag>
                      <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                    </Space>
                  }
                  description={
                    <Space orientation="vertical" size={2}>
                      <span>{n.body}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.createdAt, false)}
                        {n.read ? ' · 已读' : ' · 未读'}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
