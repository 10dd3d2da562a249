import { Alert, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { DeadlineChange } from '../../api/types.ts';
import { recalcHeadline } from './recalc.ts';

/** The deadlines whose due date moved (or would move): title, old and new due date. */
export function ChangesTable({ changes, total }: { changes: readonly DeadlineChange[]; total: number }) {
  return (
    <>
      <Table<DeadlineChange>
        size="small"
        rowKey="id"
        dataSource={[...changes]}
        pagination={changes.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: '没有截止日改变的在办时限' }}
        data-testid="changed-deadlines"
        columns={[
          {
            title: '事项',
            dataIndex: 'title',
            render: (t: string, c) => <Link to={`/deadlines/${c.id}`}>{t}</Link>,
          },
          {
            title: '原截止日',
            dataIndex: 'oldDue',
            width: 120,
            render: (d: string | null) => d ?? '暂停计时',
          },
          {
            title: '新截止日',
            dataIndex: 'newDue',
            width: 150,
            render: (d: string | null, c) => (
              <span>
                {d ?? '暂停计时'}
                {c.provisional && (
                  <Tag color="orange" style={{ marginLeft: 6 }}>
                    暂定
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      {total > changes.length && (
        <Typography.Text type="secondary">
          共 {total} 项，仅列出前 {changes.length} 项；每项的调整记录可在其时限台账中查看。
        </Typography.Text>
      )}
    </>
  );
}

/** Result of registering or removing a local override: headline, warnings, moved deadlines. */
export function RecalcResult({
  action,
  changed,
  changes,
  warnings,
  onClose,
}: {
  action: string;
  changed: number;
  changes: readonly DeadlineChange[];
  warnings?: readonly string[] | undefined;
  onClose: () => void;
}) {
  return (
    <div data-testid="recalc-result" style={{ marginBottom: 16 }}>
      <Alert
        type="success"
        showIcon
        closable={{ onClose, 'aria-label': '关闭结果' }}
        title={`${action}：${recalcHeadline(changed)}`}
        description={
          <>
            {(warnings ?? []).map((w) => (
              <div key={w}>提醒：{w}</div>
            ))}
            {changed > 0 && (
              <div style={{ marginTop: 8 }}>
                <ChangesTable changes={changes} total={changed} />
              </div>
            )}
          </>
        }
      />
    </div>
  );
}
