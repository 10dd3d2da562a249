import { RightOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Empty, List, Row, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { WARNING_LABELS, type WarningLevel } from '../../../../lib/warning.ts';
import { errorMessage } from '../../api/problem.ts';
import type { DeadlineItem } from '../../api/types.ts';
import { DeadlineRowTag } from '../../ui/DeadlineTag.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { useDeadlines } from '../deadlines/api.ts';
import { countText, LEVEL_COLORS, type LevelCount, levelPieOption, mostUrgent } from './workbench.ts';

const PAGE = 500;
const LEVELS: WarningLevel[] = ['red', 'yellow', 'green'];
const LEVEL_BY_LABEL = new Map(LEVELS.map((l) => [WARNING_LABELS[l], l]));

function useLevel(level: WarningLevel) {
  return useDeadlines({ level, status: 'open', limit: PAGE });
}

/** 办理时限预警 on the workbench: open deadlines by level and the most urgent ones. */
export function DeadlinePanel() {
  const navigate = useNavigate();
  const red = useLevel('red');
  const yellow = useLevel('yellow');
  const green = useLevel('green');
  const queries = { red, yellow, green };
  const pending = red.isPending || yellow.isPending || green.isPending;
  const failed = [red, yellow, green].find((q) => q.isError);
  const counts: LevelCount[] = LEVELS.map((level) => ({
    level,
    count: queries[level].data?.total ?? 0,
    more: queries[level].data?.totalCapped ?? false,
  }));
  const urgent = mostUrgent<DeadlineItem>(red.data?.items ?? [], yellow.data?.items ?? [], 6);
  const total = counts.reduce((n, c) => n + c.count, 0);

  return (
    <Card
      size="small"
      title="办理时限预警"
      data-testid="panel-deadlines"
      style={{ marginBottom: 16 }}
      extra={
        <LinkButton to="/deadlines" type="link" size="small">
          查看全部 <RightOutlined />
        </LinkButton>
      }
    >
      {failed ? (
        <Typography.Text type="danger">办理时限加载失败：{errorMessage(failed.error)}</Typography.Text>
      ) : pending ? (
        <Skeleton active />
      ) : total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="数据范围内没有在办的办理时限。" />
      ) : (
        <Row gutter={24} align="middle">
          <Col xs={24} md={9} lg={7}>
            <EChart
              option={levelPieOption(counts)}
              label={`在办时限：${counts.map((c) => `${WARNING_LABELS[c.level]} ${countText(c)} 项`).join('，')}`}
              style={{ height: 190 }}
              onItemClick={(name) => {
                const level = LEVEL_BY_LABEL.get(name);
                if (level) navigate(`/deadlines?level=${level}`);
              }}
            />
            <Space size={16} style={{ width: '100%', justifyContent: 'center' }} data-testid="level-counts">
              {counts.map((c) => (
                <Badge
                  key={c.level}
                  color={LEVEL_COLORS[c.level]}
                  text={`${WARNING_LABELS[c.level]} ${countText(c)}`}
                />
              ))}
            </Space>
          </Col>
          <Col xs={24} md={15} lg={17}>
            <Typography.Text type="secondary">最紧急的事项（红灯超期在前，按截止日排序）</Typography.Text>
            {urgent.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description="没有黄灯预警或红灯超期的事项，请保持。"
              />
            ) : (
              <List<DeadlineItem>
                size="small"
                dataSource={urgent}
                data-testid="urgent-deadlines"
                renderItem={(d) => (
                  <List.Item
                    extra={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {d.kindLabel} · {d.limitDays} 个工作日
                      </Typography.Text>
                    }
                  >
                    <Space size={8} wrap>
                      <DeadlineRowTag deadline={d} />
                      <Link to={`/deadlines/${d.id}`}>{d.title}</Link>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
