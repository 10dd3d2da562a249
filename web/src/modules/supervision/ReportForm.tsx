// 报告进展 / 报告办结: the owner unit's report with its evidence. Files are uploaded one by one as
// they are picked; the report refers to those that arrived. 办结 needs at least one.
import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Radio, Upload, type UploadFile } from 'antd';
import { errorMessage } from '../../api/problem.ts';
import { type EvidenceFile, type SupervisionItem, useUploadEvidence } from './api.ts';
import type { RunAction } from './SupervisionModals.tsx';

interface Values {
  kind: 'progress' | 'done';
  note: string;
  nextWork?: string;
  files?: UploadFile<EvidenceFile>[];
}

const EVIDENCE_REQUIRED = '报告办结须附办结证明材料';
const uploaded = (files: UploadFile<EvidenceFile>[] | undefined) =>
  (files ?? []).filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);

export function ReportForm({ item, run, busy }: { item: SupervisionItem; run: RunAction; busy: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const upload = useUploadEvidence();
  const kind = Form.useWatch('kind', form);
  const files = Form.useWatch('files', form);
  const canProgress = item.actions.includes('report_progress');
  const canDone = item.actions.includes('report_done');
  const uploading = (files ?? []).some((f) => f.status === 'uploading');

  const submit = (v: Values) => {
    if (uploading) {
      message.warning('证明材料正在上传，请稍候再提交');
      return;
    }
    void run(
      {
        path: 'reports',
        body: {
          kind: v.kind,
          note: v.note.trim(),
          nextWork: (v.nextWork ?? '').trim(),
          fileIds: uploaded(v.files),
        },
      },
      v.kind === 'done' ? '已报告办结，待督查室确认' : '进展已报告',
    ).then((ok) => {
      if (ok) form.resetFields();
    });
  };

  return (
    <Card
      size="small"
      title={canDone ? '报告进展或办结' : '报告进展'}
      style={{ marginBottom: 16 }}
      data-testid="supervision-report-form"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: canProgress ? 'progress' : 'done', files: [] }}
        aria-label="督办事项报告"
      >
        <Form.Item name="kind" label="报告类型">
          <Radio.Group
            options={[
              ...(canProgress ? [{ value: 'progress', label: '进展' }] : []),
              ...(canDone ? [{ value: 'done', label: '办结' }] : []),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label="办理情况"
          rules={[
            { required: true, whitespace: true, message: '请填写办理情况' },
            { min: 2, message: '办理情况至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="nextWork" label="下一步工作">
          <Input.TextArea
            rows={2}
            maxLength={1000}
            showCount
            placeholder={kind === 'done' ? '办结后仍需跟进的工作（选填）' : '下一步工作安排（选填）'}
          />
        </Form.Item>
        <Form.Item
          name="files"
          label="证明材料"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile<EvidenceFile>[] }) => e.fileList}
          dependencies={['kind']}
          extra="PDF、OFD、JPEG、PNG 或 Word（docx），每份不超过 10 MB；报告办结须至少附一份"
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: UploadFile<EvidenceFile>[] | undefined) =>
                getFieldValue('kind') === 'done' && uploaded(v).length === 0
                  ? Promise.reject(new Error(EVIDENCE_REQUIRED))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Upload<EvidenceFile>
            accept=".pdf,.ofd,.docx,.jpg,.jpeg,.png"
            multiple
            customRequest={({ file, onSuccess, onError }) => {
              upload
                .mutateAsync(file as File)
                .then((r) => onSuccess?.(r))
                .catch((err: unknown) => {
                  message.error(`${(file as File).name}：${errorMessage(err)}`);
                  onError?.(err as Error);
                });
            }}
          >
            <Button icon={<UploadOutlined />}>上传证明材料</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={uploading}>
          {kind === 'done' ? '报告办结' : '提交进展报告'}
        </Button>
      </Form>
    </Card>
  );
}
