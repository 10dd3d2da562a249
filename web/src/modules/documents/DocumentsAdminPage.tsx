import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { can, useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { SealsTab } from './SealsTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';

/** Administration of platform seals and the per-region adjustable parts of document templates. */
export default function DocumentsAdminPage() {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const canTemplates = can(me, 'document:template');
  const tab = params.get('tab') === 'templates' && canTemplates ? 'templates' : 'seals';

  return (
    <>
      <PageHeader
        title="公文与印章"
        subtitle="管理各单位的平台印章，以及本区划各种文书的文号代字、发文机关标志、署名与正文措辞。"
        extra={
          <Link to="/verify" target="_blank">
            <SafetyCertificateOutlined /> 公文核验
          </Link>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'seals' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'seals', label: '印章', children: <SealsTab /> },
          ...(canTemplates ? [{ key: 'templates', label: '文书模板', children: <TemplatesTab /> }] : []),
        ]}
      />
    </>
  );
}
