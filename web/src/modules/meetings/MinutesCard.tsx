import { App, Button, Card, Col, Input, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { formatDateTime } from '../../ui/format.ts';
import { type Meeting, useMeetingAction } from './api.ts';

/**
 * The minutes: the organiser's draft beside a live preview of what will be issued. Issued minutes
 * are corrected by a new draft with its reason, signed and issued again as a superseding version.
 */
export function MinutesCard({ m, etag }: { m: Meeting; etag: string }) {
  const { message } = App.useApp();
  const act = useMeetingAction();
  const correcting = m.actions.includes('correct_minutes');
  const editable = m.actions.includes('save_minutes') || correcting;
  const [summary, setSummary] = useState(m.minutesSummary);
  const [reason, setReason] = useState(m.correctionReason ?? '');
  const attended = m.invitees.filter((i) => i.attendance === 'present' || i.attendance === 'substitute');
  const absent = m.invitees.filter((i) => i.attendance === 'absent');
  const due = (d: Meeting['decisions'][number]) => (d.dueOn ? `${d.dueOn}前` : `${d.dueDays} 个工作日内`);
  return (
    <Card
      size="small"
      title="会议纪要"
      style={{ marginBottom: 16 }}
      data-testid="meeting-minutes"
      extra={
        m.correctionReason ? (
          <Tag color="warning">
            更正稿{m.minutesApprovedAt ? `已签发 ${formatDateTime(m.minutesApprovedAt, false)}` : '待签发'}
          </Tag>
        ) : m.minutesDocumentId ? (
          <Tag color="success">已印发</Tag>
        ) : m.minutesApprovedAt ? (
          <Tag color="processing">主持人已签发 {formatDateTime(m.minutesApprovedAt, false)}</Tag>
        ) : (
          <Tag>待签发</Tag>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Typography.Text strong>纪要正文</Typography.Text>
          <Input.TextArea
            rows={10}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            disabled={!editable}
            maxLength={5000}
            showCount
            aria-label="纪要正文"
            placeholder="会议听取了……研究了……（议定事项取自会议记录）"
          />
          {correcting && (
            <Input
              style={{ marginTop: 8 }}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              aria-label="更正原因"
              placeholder="更正原因（写入更正后的纪要）"
            />
          )}
          {editable && (
            <Button
              style={{ marginTop: 8 }}
              loading={act.isPending}
              disabled={
                correcting
                  ? reason.trim().length < 2 ||
                    (summary === m.minutesSummary && reason === (m.correctionReason ?? ''))
                  : summary === m.minutesSummary
              }
              onClick={() =>
                act.mutate(
                  correcting
                    ? { id: m.id, etag, path: 'minutes/correction', body: { summary, reason: reason.trim() } }
                    : { id: m.id, etag, path: 'minutes', body: { summary } },
                  {
                    onSuccess: () =>
                      message.success(
                        correcting ? '更正稿已保存，须由主持人签发后印发' : '纪要已保存，须由主持人签发',
                      ),
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              {correcting ? '保存更正稿' : '保存纪要'}
            </Button>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <div
            className="minutes-preview"
            data-testid="minutes-preview"
            style={{ border: '1px solid #f0f0f0', padding: 16, fontFamily: 'serif' }}
          >
            <Typography.Title level={4} style={{ color: '#c00', textAlign: 'center' }}>
              {m.centerName}
              {m.kindLabel}纪要
            </Typography.Title>
            <Typography.Title level={5} style={{ textAlign: 'center' }}>
              {m.title}
            </Typography.Title>
            {correcting && m.minutesVersions[0] && reason.trim() && (
              <p>
                本纪要更正{m.minutesVersions[0].number}号纪要（{reason.trim()}），原纪要作废，以本纪要为准。
              </p>
            )}
            <p>
              {formatDateTime(m.startsAt, false).slice(0, 10)}，{m.chair}在{m.place}主持召开会议。
            </p>
            {summary
              .split(/\n+/)
              .filter(Boolean)
              .map((p) => (
                <p key={p}>{p}</p>
              ))}
            <p>现将会议议定事项纪要如下：</p>
            <ol>
              {m.decisions.map((d) => (
                <li key={d.seq}>
                  {d.content}（责任单位：{d.ownerName}
                  {d.coOwnerNames.length > 0 && `牵头，${d.coOwnerNames.join('、')}配合`}；完成时限：{due(d)}
                  ）
                </li>
              ))}
            </ol>
            <Space orientation="vertical" size={2}>
              <span>
                出席：{attended.map((i) => `${i.unitName}${i.attendee ?? ''}`).join('，') || '（未记录）'}
              </span>
              {absent.length > 0 && (
                <span>请假：{absent.map((i) => `${i.unitName}（${i.absenceReason ?? ''}）`).join('，')}</span>
              )}
            </Space>
          </div>
        </Col>
      </Row>
    </Card>
  );
}
