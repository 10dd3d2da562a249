import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { type Channel, type StoredMaterial, uploadMaterial } from './api.ts';

/** What the applicant hands in for one material (by shared key, so a bundle asks once). */
export interface Supply {
  storedMaterialId?: number;
  paperChecked?: boolean;
  fileName?: string;
}

export interface MaterialRow {
  key: string;
  name: string;
  required: boolean;
  tolerable: boolean;
  requirement?: string | null;
  /** How many items of a bundle share it. */
  shared?: number;
  /** Digest of the blank form (空白表格) to download, when the catalog has one. */
  formTemplateHash?: string | null;
}

/**
 * The materials checklist of an application: each row offers what the store already holds
 * (e-licences, checked earlier submissions: 免提交), an upload, or (at the window) the paper original.
 */
export function MaterialsInput({
  rows,
  value,
  onChange,
  offers,
  channel,
  enterpriseId,
}: {
  rows: MaterialRow[];
  value: Record<string, Supply>;
  onChange: (v: Record<string, Supply>) => void;
  offers: StoredMaterial[];
  channel: Channel;
  enterpriseId?: number;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const set = (key: string, s: Supply | undefined) => {
    const next = { ...value };
    if (s) next[key] = s;
    else delete next[key];
    onChange(next);
  };
  const upload = async (row: MaterialRow, file: File) => {
    setBusy(row.key);
    try {
      const stored = await uploadMaterial(
        channel,
        file,
        { sharedKey: row.key, name: row.name },
        enterpriseId,
      );
      set(row.key, { storedMaterialId: stored.id, fileName: file.name });
      message.success(`已上传：${file.name}`);
    } catch (err) {
      message.error(`上传失败：${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Table<MaterialRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid="materials-input"
      columns={[
        {
          title: '材料',
          dataIndex: 'name',
          render: (name: string, r) => (
            <Space orientation="vertical" size={0}>
              <Space size={4} wrap>
                <Typography.Text strong>{name}</Typography.Text>
                {r.required ? <Tag color="red">必备</Tag> : <Tag>非必备</Tag>}
                {r.tolerable && <Tag color="orange">可容缺</Tag>}
                {r.shared && r.shared > 1 && <Tag color="blue">{r.shared} 个事项共用，只需提交一次</Tag>}
              </Space>
              {r.requirement && <Typography.Text type="secondary">{r.requirement}</Typography.Text>}
              {r.formTemplateHash && (
                <a href={`/api/catalog/form-templates/${r.formTemplateHash}`} download>
                  下载空白表格
                </a>
              )}
            </Space>
          ),
        },
        {
          title: '提交方式',
          key: 'supply',
          width: 380,
          render: (_: unknown, r) => {
            const s = value[r.key];
            const mine = offers.filter((o) => o.sharedKey === r.key);
            return (
              <Space wrap data-material={r.name}>
                {mine.length > 0 && (
                  <Select<number>
                    placeholder="选用已有材料（免提交）"
                    style={{ width: 220 }}
                    value={
                      s?.storedMaterialId && mine.some((m) => m.id === s.storedMaterialId)
                        ? s.storedMaterialId
                        : undefined
                    }
                    onChange={(id) =>
                      set(r.key, { storedMaterialId: id, fileName: mine.find((m) => m.id === id)?.fileName })
                    }
                    options={mine.map((m) => ({
                      value: m.id,
                      label: `${m.source === 'licence' ? '电子证照' : '已核验材料'}：${m.fileName}`,
                    }))}
                    aria-label={`${r.name} 选用已有材料`}
                  />
                )}
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(r, file);
                    return false;
                  }}
                  accept=".pdf,.ofd,.jpg,.jpeg,.png,.docx"
                >
                  <Button icon={<UploadOutlined />} loading={busy === r.key} aria-label={`上传 ${r.name}`}>
                    上传
                  </Button>
                </Upload>
                {channel === 'staff' && (
                  <Checkbox
                    checked={s?.paperChecked === true}
                    onChange={(e) => set(r.key, e.target.checked ? { paperChecked: true } : undefined)}
                    aria-label={`${r.name} 纸质原件已核验`}
                  >
                    纸质原件已核验
                  </Checkbox>
                )}
                {s && (s.fileName || s.paperChecked) && (
                  <Tag icon={<CheckCircleOutlined />} color="success">
                    {s.paperChecked ? '原件已核验' : s.fileName}
                  </Tag>
                )}
              </Space>
            );
          },
        },
      ]}
    />
  );
}
