import { ApartmentOutlined, AuditOutlined, InboxOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { WARNING_LABELS } from '../../../../lib/warning.ts';
import { can, useSession } from '../../app/session.tsx';
import { roleLabel, scopeLabel } from '../../messages/zh-CN.ts';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { CasePanel } from '../cases/CasePanel.tsx';
import { CoordinationPanel } from '../coordination/CoordinationPanel.tsx';
import { MeetingPanel } from '../meetings/MeetingPanel.tsx';
import { SupervisionPanel } from '../supervision/SupervisionPanel.tsx';
import { DeadlinePanel } from './DeadlinePanel.tsx';
import { ENTERPRISE_PANELS, type Panel, panelsFor } from './workbench.ts';

function PanelCard({ panel }: { panel: Panel }) {
  if (panel.supervisionView) {
    return (
      <SupervisionPanel
        title={panel.title}
        description={panel.description}
        view={panel.supervisionView}
        testId={`panel-${panel.key}`}
      />
    );
  }
  if (panel.meetingView) {
    return (
      <MeetingPanel
        title={panel.title}
        description={panel.description}
        view={panel.meetingView}
        testId={`panel-${panel.key}`}
      />
    );
  }
  if (panel.coordinationView) {
    return (
      <CoordinationPanel
        title={panel.title}
        description={panel.description}
        view={panel.coordinationView}
        testId={`panel-${panel.key}`}
      />
    );
  }
  if (panel.caseView) {
    return (
      <CasePanel
        title={panel.title}
        description={panel.description}
        view={panel.caseView}
        testId={`panel-${panel.key}`}
      />
    );
  }
  return (
    <Card title={panel.title} size="small" data-testid={`panel-${panel.key}`}>
      <Empty
        image={<InboxOutlined style={{ fontSize: 40, color: '#bfc8d6' }} />}
        styles={{ image: { height: 44 } }}
        description={
          <Space orientation="vertical" size={2}>
            <Typography.Text>暂无待办</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {panel.description}
            </Typography.Text>
          </Space>
        }
      />
    </Card>
  );
}

export default function WorkbenchPage() {
  const me = useSession();
  const today = dayjs().format('YYYY年M月D日 dddd');

  if (me.kind === 'enterprise') {
    return (
      <>
        <PageHeader title="我的办事" subtitle={`${me.displayName}，您好！今天是 ${today}。`} />
        <div className="workbench-grid">
          {ENTERPRISE_PANELS.map((p) => (
            <PanelCard key={p.key} panel={p} />
          ))}
        </div>
      </>
    );
  }

  const panels = panelsFor(me.roles.map((r) => r.role));
  return (
    <>
      <PageHeader title="我的待办" subtitle={`${me.displayName}，您好！今天是 ${today}。`} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'unit', label: '所在单位', children: me.unitName },
            {
              key: 'roles',
              label: '角色与数据范围',
              children: (
                <Space size={4} wrap>
                  {me.roles.map((r) => (
                    <Tag key={`${r.role}-${r.scope}`} color="blue">
                      {roleLabel(r.role)} · {scopeLabel(r.scope)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'warning',
              label: '时限预警',
              children: (
                <Space size={4} wrap>
                  <Tag color="success">{WARNING_LABELS.green}</Tag>
                  <Tag color="warning">
                    {WARNING_LABELS.yellow}：剩余不超过时限的五分之一（至少 2 个工作日）
                  </Tag>
                  <Tag color="error">{WARNING_LABELS.red}</Tag>
                </Space>
              ),
            },
          ]}
        />
        {(can(me, 'org:manage') || can(me, 'audit:read')) && (
          <Space style={{ marginTop: 8 }}>
            {can(me, 'org:manage') && (
              <LinkButton to="/org" icon={<ApartmentOutlined />}>
                管理组织机构
              </LinkButton>
            )}
            {can(me, 'audit:read') && (
              <LinkButton to="/audit" icon={<AuditOutlined />}>
                查询审计日志
              </LinkButton>
            )}
          </Space>
        )}
      </Card>
      {can(me, 'deadline:read') && <DeadlinePanel />}
      <div className="workbench-grid">
        {panels.map((p) => (
          <PanelCard key={p.key} panel={p} />
        ))}
      </div>
    </>
  );
}
