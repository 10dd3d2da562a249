import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Badge, Button, Card, Col, Input, Row, Select, Space, Table, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Region, Unit } from '../../api/types.ts';
import { can, useSession } from '../../app/session.tsx';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../messages/zh-CN.ts';
import { ListPager, useKeysetPages } from '../../ui/KeysetPager.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
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
  // Filters live in the URL so a filtered list can be bookmarked and survives going back.
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? ALL;
  const kind = (params.get('kind') as UnitKind | null) ?? undefined;
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [pageSize, setPageSize] = useState(20);
  const pages = useKeysetPages<number>();
  const [modal, setModal] = useState<UnitModalState>(null);

  const regions = useRegions();
  const units = useUnits({
    ...(region !== ALL ? { regionCode: region } : {}),
    ...(kind ? { kind } : {}),
    ...(q ? { q } : {}),
    limit: pageSize,
    ...(pages.cursor !== undefined ? { after: pages.cursor } : {}),
  });
  const names = useMemo(() => regionNames(regions.data), [regions.data]);
  const tree = useMemo(() => regionTree(regions.data ?? []), [regions.data]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    pages.reset();
  };

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
                  if (k !== undefined) setFilter('region', k === ALL ? undefined : String(k));
                }}
                treeData={tree}
                aria-label="区划"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18} xl={19}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search
                placeholder="按单位名称或代字搜索"
                allowClear
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                onSearch={(v) => setFilter('q', v.trim() || undefined)}
                style={{ width: 260 }}
                aria-label="搜索单位"
                maxLength={60}
              />
              <Select<UnitKind>
                allowClear
                placeholder="全部类别"
                value={kind}
                onChange={(v) => setFilter('kind', v)}
                options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
                style={{ width: 160 }}
                aria-label="单位类别"
              />
              <Button icon={<ReloadOutlined />} onClick={() => void units.refetch()} aria-label="刷新">
                刷新
              </Button>
            </Space>
            {units.isError && !units.data ? (
              <LoadError error={units.error} what="单位列表" onRetry={() => void units.refetch()} />
            ) : (
              <>
                <Table<Unit>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={units.data?.items ?? []}
                  loading={units.isFetching}
                  pagination={false}
                  locale={{ emptyText: '没有符合条件的单位' }}
                  data-testid="units-table"
                />
                <ListPager pages={pages} list={units} pageSize={pageSize} setPageSize={setPageSize} />
              </>
            )}
          </Card>
        </Col>
      </Row>
      <UnitFormModal state={modal} onClose={() => setModal(null)} />
    </>
  );
}
