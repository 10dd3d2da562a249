import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import type { CalendarDay, CalendarOverride, OverrideResult } from '../../api/types.ts';
import { can, useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useRegions } from '../org/api.ts';
import { useCalendarOverrides, useCalendarYear, useRemoveOverride } from './api.ts';
import { CATEGORY_LABELS, dayDescription, dayMark, monthWeeks } from './calendarGrid.ts';
import { ImportModal } from './ImportModal.tsx';
import { OverrideModal } from './OverrideModal.tsx';
import { RecalcResult } from './RecalcResult.tsx';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function Month({ days, month }: { days: CalendarDay[]; month: number }) {
  const weeks = monthWeeks(days, month);
  return (
    <Card size="small" title={`${month} 月`} className="cal-month" data-testid={`month-${month}`}>
      <table className="cal-grid">
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find(Boolean)?.date}>
              {week.map((d, i) =>
                d ? (
                  <td
                    key={d.date}
                    className={`cal-day cal-${d.category}${d.provisional ? ' cal-provisional' : ''}`}
                    title={dayDescription(d)}
                    aria-label={dayDescription(d)}
                  >
                    <span className="cal-num">{Number(d.date.slice(8))}</span>
                    {dayMark(d) && <span className="cal-mark">{dayMark(d)}</span>}
                  </td>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: padding cells have no identity
                  <td key={`pad-${i}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export default function CalendarPage() {
  const me = useSession();
  const { message } = App.useApp();
  const regions = useRegions();
  const thisYear = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
  const [year, setYear] = useState(thisYear);
  const [regionCode, setRegionCode] = useState(me.regionCode);
  const cal = useCalendarYear(regionCode, year);
  const overrides = useCalendarOverrides(regionCode);
  const holidays = (cal.data?.days ?? []).filter(
    (d) => d.category === 'holiday' || d.category === 'makeup_workday',
  );
  const festivals = [...new Set(holidays.map((d) => d.name).filter(Boolean))];
  const canManage = can(me, 'calendar:manage');
  // National arrangements are for a global administrator only (the server says 403 to others).
  const canImport = canManage && me.roles.some((r) => r.role === 'admin' && r.scope === 'all');
  const regionName = regions.data?.find((r) => r.code === regionCode)?.name ?? '';
  const [dialog, setDialog] = useState<'override' | 'import' | null>(null);
  const [result, setResult] = useState<{ action: string; data: OverrideResult } | null>(null);
  const remove = useRemoveOverride();

  const removeOverride = (o: CalendarOverride) =>
    remove.mutate(
      { regionCode: o.regionCode, date: o.date },
      {
        onSuccess: (data) => setResult({ action: `已撤销 ${o.date} 的本地调整`, data }),
        onError: (err) => message.error(errorMessage(err)),
      },
    );

  return (
    <>
      <PageHeader
        title="工作日历"
        subtitle="法定时限按工作日计算：周一至周五，扣除法定节假日，加上调休上班日，再叠加本地调整。"
        extra={
          <Space wrap>
            {canManage &&
              (canImport ? (
                <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setDialog('import')}>
                  导入放假安排
                </Button>
              ) : (
                <Tooltip title="全国放假安排由市级系统管理员统一导入">
                  <Button icon={<CloudUploadOutlined />} disabled>
                    导入放假安排
                  </Button>
                </Tooltip>
              ))}
            <Select
              value={regionCode}
              onChange={setRegionCode}
              loading={regions.isPending}
              options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              style={{ width: 140 }}
              aria-label="区划"
            />
            <Select<number>
              value={year}
              onChange={setYear}
              options={Array.from({ length: thisYear - 2020 + 3 }, (_, i) => 2020 + i).map((y) => ({
                value: y,
                label: `${y} 年`,
              }))}
              style={{ width: 110 }}
              aria-label="年份"
            />
          </Space>
        }
      />
      {cal.isError ? (
        <LoadError error={cal.error} what="工作日历" onRetry={() => void cal.refetch()} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }} loading={cal.isPending}>
            <Row gutter={24} align="middle">
              <Col>
                <Statistic title={`${year} 年工作日`} value={cal.data?.workingDays ?? 0} suffix="天" />
              </Col>
              <Col flex="auto">
                <Space orientation="vertical" size={4}>
                  <span>
                    数据来源：
                    {cal.data?.official ? (
                      <Tag color="success">国务院办公厅通知</Tag>
                    ) : (
                      <Tag color="warning">暂定（当年放假安排尚未导入）</Tag>
                    )}
                    {(cal.data?.sources ?? []).map((s) => (
                      <a
                        key={s.docNo}
                        href={s.url}
                        target="_blank"
                        rel="noreferrer"
                        style={{ marginRight: 8 }}
                      >
                        {s.docNo}
                      </a>
                    ))}
                  </span>
                  {festivals.length > 0 && (
                    <Typography.Text type="secondary">节假日：{festivals.join('、')}</Typography.Text>
                  )}
                  <Space size={12} wrap className="cal-legend" aria-label="图例">
                    {['holiday', 'makeup_workday', 'weekend', 'local_closure', 'local_workday'].map((c) => (
                      <span key={c}>
                        <span className={`cal-swatch cal-${c}`} /> {CATEGORY_LABELS[c]}
                      </span>
                    ))}
                  </Space>
                </Space>
              </Col>
            </Row>
            {cal.data && !cal.data.official && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                title="本年度日历为暂定"
                description="已按《全国年节及纪念日放假办法》计入法定节假日及补休，但不含调休上班日；国务院放假安排导入后，在办时限将自动重算。"
              />
            )}
          </Card>
          <div className="cal-year">
            {MONTHS.map((m) => (
              <Month key={m} month={m} days={cal.data?.days ?? []} />
            ))}
          </div>
          <Card
            size="small"
            title="本地调整"
            style={{ marginTop: 16 }}
            id="local-overrides"
            extra={
              canManage && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('override')}>
                  登记本地调整
                </Button>
              )
            }
          >
            {result && (
              <RecalcResult
                action={result.action}
                changed={result.data.changed}
                changes={result.data.changes}
                warnings={result.data.warnings}
                onClose={() => setResult(null)}
              />
            )}
            <Table
              size="small"
              rowKey={(o) => `${o.regionCode}-${o.date}`}
              dataSource={overrides.data ?? []}
              loading={overrides.isPending}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description="本区划没有本地调整。台风等停止办公日、本地调班上班日登记后显示在这里。"
                  />
                ),
              }}
              columns={[
                { title: '日期', dataIndex: 'date', width: 140 },
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 120,
                  render: (k: string) =>
                    k === 'closure' ? <Tag color="purple">停止办公</Tag> : <Tag color="blue">调班上班</Tag>,
                },
                { title: '依据', dataIndex: 'reason' },
                ...(canManage
                  ? [
                      {
                        title: '操作',
                        key: 'actions',
                        width: 90,
                        render: (_: unknown, o: CalendarOverride) => (
                          <Popconfirm
                            title={`撤销 ${o.date} 的本地调整？`}
                            description="撤销后将重算受影响的在办时限。"
                            okText="撤销"
                            cancelText="取消"
                            onConfirm={() => removeOverride(o)}
                          >
                            <Button type="link" size="small" danger>
                              撤销
                            </Button>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
              data-testid="override-table"
            />
          </Card>
        </>
      )}
      {canManage && regionCode && (
        <OverrideModal
          open={dialog === 'override'}
          regionCode={regionCode}
          regionName={regionName}
          onClose={() => setDialog(null)}
          onDone={(data, action) => {
            setDialog(null);
            setResult({ action, data });
            document.getElementById('local-overrides')?.scrollIntoView({ behavior: 'smooth' });
          }}
        />
      )}
      {canImport && (
        <ImportModal open={dialog === 'import'} onClose={() => setDialog(null)} onImported={setYear} />
      )}
    </>
  );
}
