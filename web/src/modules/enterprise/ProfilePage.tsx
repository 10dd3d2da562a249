import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { isValidUscc } from '../../../../lib/uscc.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';

/** The enterprise's own record, as the platform knows it (read-only for now). */
export default function ProfilePage() {
  const me = useSession();
  const uscc = me.uscc ?? '';
  return (
    <>
      <PageHeader
        title="企业信息"
        subtitle="以下信息用于在线申请、协调请求和代办服务，如有变化请到政务服务中心窗口办理变更。"
      />
      <Card>
        <Descriptions
          bordered
          column={1}
          styles={{ label: { width: 200 } }}
          data-testid="enterprise-profile"
          items={[
            {
              key: 'name',
              label: '企业名称',
              children: <Typography.Text strong>{me.displayName}</Typography.Text>,
            },
            {
              key: 'uscc',
              label: '统一社会信用代码',
              children: (
                <span>
                  <Typography.Text code copyable style={{ fontSize: 15, letterSpacing: 1 }}>
                    {uscc}
                  </Typography.Text>{' '}
                  {isValidUscc(uscc) ? (
                    <Tag icon={<SafetyCertificateOutlined />} color="success">
                      校验位正确
                    </Tag>
                  ) : (
                    <Tag color="error">校验位有误</Tag>
                  )}
                </span>
              ),
            },
            { key: 'account', label: '登录账号', children: me.username },
            { key: 'region', label: '所在地区（区划代码）', children: me.regionCode },
          ]}
        />
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title="企业信息以登记机关的登记信息为准"
          description="法定代表人、经营范围等信息将在接入电子证照后自动显示。"
        />
      </Card>
    </>
  );
}
