import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Tabs, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiProblem, api, body, type UploadResult, uploadBytes } from '../../api/client.ts';
import { Emblem } from '../../app/Emblem.tsx';
import { PRODUCT_NAME } from '../../messages/zh-CN.ts';

// Public page (no login): anyone checks a document by uploading the PDF or by number + digest.
type VerifyResult = UploadResult<'/api/documents/verify'>;

export default function VerifyPage() {
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `公文核验 - ${PRODUCT_NAME}`;
  }, []);

  const run = async (p: Promise<VerifyResult>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await p);
    } catch (e) {
      setError(e instanceof ApiProblem ? (e.detail ?? e.title) : '核验失败，请稍后重试。');
    } finally {
      setBusy(false);
    }
  };

  const upload = (file: File) => {
    void run(uploadBytes('/api/documents/verify', file, { contentType: 'application/pdf' }));
    return false; // handled here, not by antd's uploader
  };

  return (
    <div className="login-page">
      <header className="login-top">
        <Emblem size={40} />
        <h1>{PRODUCT_NAME}</h1>
      </header>
      <main className="login-main">
        <Card className="login-card" style={{ width: 640 }} title="公文核验">
          <Typography.Paragraph type="secondary">
            上传本平台出具的 PDF 文书，或输入文号与文件的 SM3
            摘要，即可查看发文单位、成文日期、印章以及文件自用印后是否被改动。
          </Typography.Paragraph>
          <Tabs
            items={[
              {
                key: 'file',
                label: '上传文件',
                children: (
                  <Upload.Dragger
                    accept="application/pdf,.pdf"
                    showUploadList={false}
                    beforeUpload={upload}
                    disabled={busy}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">点击或拖入 PDF 文件</p>
                    <p className="ant-upload-hint">文件只用于计算摘要和核验，不会保存。</p>
                  </Upload.Dragger>
                ),
              },
              {
                key: 'number',
                label: '文号与摘要',
                children: (
                  <Form
                    layout="vertical"
                    onFinish={(v: { number?: string; digest: string }) => {
                      const query = { digest: v.digest.trim(), number: v.number?.trim() || undefined };
                      void run(body(api.GET('/api/documents/verify', { params: { query } })));
                    }}
                  >
                    <Form.Item label="文号" name="number" extra="如：南审征〔2026〕12号（可不填）">
                      <Input autoComplete="off" />
                    </Form.Item>
                    <Form.Item
                      label="SM3 摘要"
                      name="digest"
                      rules={[
                        { required: true, message: '请输入文件的 SM3 摘要' },
                        { pattern: /^[0-9a-fA-F]{64}$/, message: '摘要应为 64 位十六进制' },
                      ]}
                    >
                      <Input autoComplete="off" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={busy}>
                      核验
                    </Button>
                  </Form>
                ),
              },
            ]}
          />
          {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error} />}
          {result && (
            <div style={{ marginTop: 16 }} data-testid="verify-result">
              <Alert
                type={
                  result.found && result.valid !== false
                    ? result.supersededBy
                      ? 'warning'
                      : 'success'
                    : 'error'
                }
                showIcon
                message={result.message}
              />
              {result.found && (
                <Descriptions style={{ marginTop: 16 }} column={1} bordered size="small">
                  <Descriptions.Item label="标题">{result.title}</Descriptions.Item>
                  <Descriptions.Item label="文号">{result.number ?? '（无）'}</Descriptions.Item>
                  <Descriptions.Item label="发文单位">{result.issuer}</Descriptions.Item>
                  <Descriptions.Item label="成文日期">{result.issuedOn}</Descriptions.Item>
                  {result.supersededBy && (
                    <Descriptions.Item label="已被替代">
                      {result.supersededBy.number ?? '新版本'}（{result.supersededBy.issuedOn}）
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label="印章">
                    {result.seal ? `${result.seal.name}（${result.seal.kind}）` : '未用印'}
                  </Descriptions.Item>
                  {result.seal && <Descriptions.Item label="说明">{result.seal.label}</Descriptions.Item>}
                  <Descriptions.Item label="SM3 摘要">
                    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                      {result.digest}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
              )}
            </div>
          )}
          <Typography.Paragraph style={{ marginTop: 16 }}>
            <Link to="/login">返回登录</Link>
          </Typography.Paragraph>
        </Card>
      </main>
    </div>
  );
}
