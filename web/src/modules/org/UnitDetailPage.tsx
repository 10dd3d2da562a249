import { EditOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { can, useSession } from '../../app/session.tsx';
import { UNIT_KIND_LABELS } from '../../messages/zh-CN.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError, NotFoundPage } from '../errors/ErrorPages.tsx';
import { useRegions, useUnit } from './api.ts';
import { formatTime, regionPath } from './labels.ts';
import { UnitFormModal, type UnitModalState } from './UnitFormModal.tsx';

export default function UnitDetailPage() {
  const me = useSession();
  const { id: raw } = useParams();
  const id = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
  const unit = useUnit(id);
  const regions = useRegions();
  const [modal, setModal] = useState<UnitModalState>(null);

  if (id === null) return <NotFoundPage what="单位" />;
  if (unit.isError) return <LoadError error={unit.error} what="单位" onRetry={() => void unit.refetch()} />;
  const u = unit.data?.unit;

  return (
    <>
      <PageHeader
        title={u?.name ?? '单位详情'}
        crumbs={[{ title: '组织机构', to: '/org' }, { title: '单位详情' }]}
        extra={
          u &&
          can(me, 'org:manage') && (
            <Button icon={<EditOutlined />} onClick={() => setModal({ mode: 'edit', id: u.id })}>
              编辑
            </Button>
          )
        }
      />
      <Card>
        {!u ? (
          <Skeleton active />
        ) : (
          <Descriptions
            bordered
            column={{ xs: 1, md: 2 }}
            data-testid="unit-detail"
            items={[
              { key: 'name', label: '单位名称', children: u.name },
              { key: 'kind', label: '单位类别', children: <Tag>{UNIT_KIND_LABELS[u.kind]}</Tag> },
              { key: 'region', label: '所属区划', children: regionPath(regions.data, u.regionCode) },
              { key: 'short', label: '发文机关代字', children: u.shortName ?? '未设置' },
              { key: 'uscc', label: '统一社会信用代码', children: u.uscc ?? '未填写' },
              {
                key: 'enabled',
                label: '状态',
                children: (
                  <Badge status={u.enabled ? 'success' : 'default'} text={u.enabled ? '启用' : '停用'} />
                ),
              },
              { key: 'version', label: '版本', children: `第 ${u.version} 版` },
              { key: 'created', label: '创建时间', children: formatTime(u.createdAt) },
              { key: 'updated', label: '最后修改', children: formatTime(u.updatedAt) },
            ]}
          />
        )}
      </Card>
      <UnitFormModal state={modal} onClose={() => setModal(null)} />
    </>
  );
}
