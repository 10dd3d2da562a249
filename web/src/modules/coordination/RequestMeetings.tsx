import { Button, Card, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { MeetingFormModal } from '../meetings/MeetingFormModal.tsx';
import type { RequestDetail } from './api.ts';

/** The meetings convened on a request, and the coordinator's way to convene one. */
export function RequestMeetings({ r }: { r: RequestDetail }) {
  const [open, setOpen] = useState(false);
  const active = r.meetings.filter((m) => m.state !== 'cancelled');
  const canConvene = r.actions.includes('convene_meeting') && active.length === 0;
  if (!r.meetings.length && !canConvene) return null;
  return (
    <Card
      size="small"
      title="专题协调会"
      style={{ marginBottom: 16 }}
      data-testid="request-meetings"
      extra={
        canConvene && (
          <Button type="primary" onClick={() => setOpen(true)}>
            召开专题协调会
          </Button>
        )
      }
    >
      {r.meetings.length ? (
        <List
          size="small"
          dataSource={r.meetings}
          renderItem={(m) => (
            <List.Item>
              <Space>
                <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                <Tag>{m.stateLabel}</Tag>
                <span>{formatDateTime(m.startsAt, false)}</span>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <span>各部门意见不一致或事项重大复杂，请安排专题协调会研究；议题和参会单位取自本事项。</span>
      )}
      <MeetingFormModal
        open={open}
        onClose={() => setOpen(false)}
        request={{ id: r.id, projectName: r.projectName }}
      />
    </Card>
  );
}
