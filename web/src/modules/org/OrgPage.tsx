import { PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Badge, Button, Card, Col, Row, Select, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Region, Unit, UnitQuery } from '../../api/types.ts';
import { can, useSession } from '../../app/session.tsx';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../messages/zh-CN.ts';
import { DataTable, ListFilters, SearchFilter, usePagedList } from '../../ui/DataTable.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useRegions, useUnits } from './api.ts';
import { formatTime, regionNames } from './labels.ts';
import { UnitFormModal, type UnitModalState } from './UnitFormModal.tsx';

const ALL = 'all';

interface TreeNode {
  key: string;
  title: string;
  children?: TreeNode[];
}

function regionTree(regions: readonly Region[]): TreeNode[] {
  const node = (r: Region): TreeNode => {
    const children = regions.filter((c) => c.parentCode === r.code).map(node);
    return {
      key: r.code,
      title: r.name,
      ...(children.length ? { children } : {}),
    };
  };
  return [{ key: ALL, title: '全部区划', children: regions.filter((r) => !r.parentCode).map(node) }];
}

export default function OrgPage() {
  const me = useSession();
  const manage = can(me, 'org:manage');
  const paged = usePagedList<Pick<UnitQuery, 'regionCode' | 'kind' | 'q'>>(
    { regionCode: undefined, kind: undefined, q: undefined },
    { pageSize: 20, url: true },
  );
  const { kind, q } = paged.filters;
  const region = paged.filters.regionCode ?? ALL;
  const [modal, setModal] = useState<UnitModalState>(null);

  const regions = useRegions();
  const units = useUnits(paged.query);
  const names = useMemo(() => regionNames(regions.data), [regions.data]);
  const tree = useMemo(() => regionTree(regions.data ?? []), [regions.data]);

  const columns: TableColumnsType<Unit> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, u) => <Link to={`/org/units/${u.id}`}>{name}</Link>,
    },
    {
      title: '类别',
      dataIndex: 'kind',
      width: 130,
      render: (k: UnitKind) => <Tag>{UNIT_KIND_LABELS[k]}</Tag>,
    },
    { title: '所属区划', dataIndex: 'regionCode', width: 110, render: (c: string) => names.get(c) ?? c },
    {
      title: '发文代字',
      dataIndex: 'shortName',
      width: 100,
      render: (s: string | null) => s ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 90,
      render: (on: boolean) => <Badge status={on ? 'success' : 'default'} text={on ? '启用' : '停用'} />,
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatTime },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, u: Unit) => (
              <Button
                type="link"
                size="small"
                onClick={() => setModal({ mode: 'edit', id: u.id })}
                aria-label={`编辑 ${u.name}`}
              >
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="组织机构"
        subtitle="两级区划下的政务服务中心、审批部门、园区、镇街等单位。只显示您数据范围内的单位。"
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() =>
                setModal({ mode: 'create', regionCode: region !== ALL ? region : me.regionCode })
              }
            >
              新建单位
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={7} lg={6} xl={5}>
          <Card title="区划" size="small" style={{ marginBottom: 16 }}>
            {regions.isError ? (
              <Typography.Text type="danger">区划加载失败</Typography.Text>
            ) : (
              <Tree
                blockNode
                defaultExpandAll
                key={tree.length + (regions.data?.length ?? 0)}
                selectedKeys={[region]}
                onSelect={(keys) => {
                  const k = keys[0];
                  if (k !== undefined) paged.setFilter('regionCode', k === ALL ? undefined : String(k));
                }}
                treeData={tree}
                aria-label="区划"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18} xl={19}>
          <Card size="small">
            <ListFilters paged={paged} list={units}>
              <SearchFilter
                value={q}
                onSearch={(v) => paged.setFilter('q', v)}
                placeholder="按单位名称或代字搜索"
                style={{ width: 260 }}
                aria-label="搜索单位"
                maxLength={60}
              />
              <Select<UnitKind>
                allowClear
                placeholder="全部类别"
                value={kind}
                onChange={(v) => paged.setFilter('kind', v)}
                options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
                style={{ width: 160 }}
                aria-label="单位类别"
              />
            </ListFilters>
            <DataTable<Unit, typeof paged.filters>
              list={units}
              paged={paged}
              what="单位列表"
              size="middle"
              columns={columns}
              locale={{ emptyText: '没有符合条件的单位' }}
              data-testid="units-table"
            />
          </Card>
        </Col>
      </Row>
      <UnitFormModal state={modal} onClose={() => setModal(null)} />
    </>
  );
}
