import { Select, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useRegions } from '../org/api.ts';
import { AuthorizationsTab } from './AuthorizationsTab.tsx';
import { BundlesTab } from './BundlesTab.tsx';
import { ChangeRequestsTab } from './ChangeRequestsTab.tsx';
import { ItemsTab } from './ItemsTab.tsx';

const TABS = ['items', 'requests', 'bundles', 'authorizations'] as const;
type Tab = (typeof TABS)[number];

/**
 * 事项清单管理: the published items of a region (with drafting, import and export), the change
 * requests and their review, the 一件事 bundles and the chief-representative authorizations.
 * Tab and region live in the URL so a link opens the same view.
 */
export default function CatalogPage() {
  const me = useSession();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.includes(raw as Tab) ? (raw as Tab) : 'items';
  const regionParam = params.get('region');
  const region = regionParam && /^\d{6}$/.test(regionParam) ? regionParam : me.regionCode;

  const update = (patch: { tab?: Tab; region?: string }) => {
    const next = new URLSearchParams(params);
    if (patch.tab !== undefined) {
      if (patch.tab === 'items') next.delete('tab');
      else next.set('tab', patch.tab);
    }
    if (patch.region !== undefined) {
      if (patch.region === me.regionCode) next.delete('region');
      else next.set('region', patch.region);
    }
    setParams(next, { replace: true });
  };

  const regionPicker = (
    <Space>
      <span>区划</span>
      <Select<string>
        value={region}
        onChange={(v) => update({ region: v })}
        loading={regions.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        aria-label="区划"
        data-testid="catalog-region"
        options={
          regions.data?.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` })) ?? [
            { value: region, label: region },
          ]
        }
      />
    </Space>
  );

  return (
    <>
      <PageHeader
        title="事项清单管理"
        subtitle="政务服务事项的发布版本、变更审核、一件事组合与首席事务代表授权。事项以版本发布，已受理的办件始终按受理时的版本办理。"
        extra={tab === 'items' || tab === 'bundles' ? regionPicker : undefined}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k as Tab })}
        destroyOnHidden
        items={[
          { key: 'items', label: '事项清单', children: <ItemsTab region={region} /> },
          { key: 'requests', label: '变更申请', children: <ChangeRequestsTab /> },
          { key: 'bundles', label: '一件事', children: <BundlesTab region={region} /> },
          { key: 'authorizations', label: '首席事务代表授权', children: <AuthorizationsTab /> },
        ]}
      />
    </>
  );
}
