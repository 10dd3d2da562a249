import { DeleteOutlined, DownloadOutlined, InboxOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Steps,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import type { CalendarImportBody, CalendarImportResult } from '../../api/types.ts';
import { IMPORT_DAY_KIND_LABELS } from '../../messages/zh-CN.ts';
import { downloadBlob } from '../../ui/xlsx.ts';
import { useApplyImport, usePreviewImport } from './api.ts';
import { importTemplate, parseImportFile, sortDays } from './importFile.ts';
import { ChangesTable } from './RecalcResult.tsx';
import { recalcHeadline } from './recalc.ts';

type DayKind = CalendarImportBody['days'][number]['kind'];

interface FormValues {
  year: number;
  sources: { docNo: string; title: string; publishedOn: Dayjs | null; url: string }[];
  days: { date: Dayjs | null; kind: DayKind; name: string }[];
}

function toBody(v: FormValues): CalendarImportBody {
  return {
    year: v.year,
    sources: v.sources.map((s) => ({
      docNo: s.docNo.trim(),
      title: s.title.trim(),
      publishedOn: s.publishedOn?.format('YYYY-MM-DD') ?? '',
      url: s.url.trim(),
    })),
    days: sortDays(
      v.days.map((d) => ({ date: d.date?.format('YYYY-MM-DD') ?? '', kind: d.kind, name: d.name.trim() })),
    ),
  };
}

function toForm(b: CalendarImportBody): FormValues {
  return {
    year: b.year,
    sources: b.sources.map((s) => ({ ...s, publishedOn: dayjs(s.publishedOn) })),
    days: b.days.map((d) => ({ ...d, date: dayjs(d.date) })),
  };
}

type Step = 'edit' | 'preview' | 'done';
const STEP_INDEX: Record<Step, number> = { edit: 0, preview: 1, done: 2 };

/** Validation outcome of a preview: the server's result, or the 422 it answered with. */
type Checked = { result: CalendarImportResult } | { errors: string[] };

function Validation({ checked }: { checked: Checked }) {
  if ('errors' in checked) {
    return (
      <Alert
        type="error"
        showIcon
        title="校验未通过，请修改后重新预览"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {checked.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        }
        data-testid="import-validation"
      />
    );
  }
  const v = checked.result.validation;
  return (
    <div data-testid="import-validation">
      <Alert
        type={v.ok ? (v.warnings.length > 0 ? 'warning' : 'success') : 'error'}
        showIcon
        title={v.ok ? '校验通过' : '校验未通过'}
        description={
          v.errors.length + v.warnings.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {v.errors.map((e) => (
                <li key={e}>错误：{e}</li>
              ))}
              {v.warnings.map((w) => (
                <li key={w}>提醒：{w}</li>
              ))}
            </ul>
          ) : (
            '调休上班日均为周末，放假日均为工作日。'
          )
        }
      />
      <Row gutter={24} style={{ margin: '16px 0' }}>
        <Col>
          <Statistic title={`${checked.result.year} 年工作日`} value={v.workingDays} suffix="天" />
        </Col>
        <Col>
          <Statistic title="最长连续工作" value={v.longestRun} suffix="天" />
        </Col>
        <Col>
          <Statistic title="截止日将改变的在办时限" value={checked.result.changed} suffix="项" />
        </Col>
      </Row>
    </div>
  );
}

/** 导入放假安排: upload or fill in, preview (validation + moved deadlines), then apply. */
export function ImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (year: number) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState<Step>('edit');
  const [body, setBody] = useState<CalendarImportBody | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [applied, setApplied] = useState<CalendarImportResult | null>(null);
  const preview = usePreviewImport();
  const apply = useApplyImport();
  const nextYear = new Date().getFullYear() + 1;

  const runPreview = (b: CalendarImportBody) => {
    setBody(b);
    setChecked(null);
    setStep('preview');
    preview.mutate(b, {
      onSuccess: (result) => setChecked({ result }),
      onError: (err) => {
        if (err instanceof ApiProblem && err.status === 422) {
          setChecked({ errors: err.errors.length ? err.errors.map((e) => e.message) : [errorMessage(err)] });
        } else if (err instanceof ApiProblem && err.status === 400) {
          setChecked({ errors: err.errors.length ? err.errors.map((e) => e.message) : [errorMessage(err)] });
        } else {
          message.error(errorMessage(err));
          setStep('edit');
        }
      },
    });
  };

  const readFile = async (file: File) => {
    setFileErrors([]);
    const parsed = parseImportFile(await file.text());
    if (!parsed.ok) {
      setFileErrors(parsed.errors);
      return;
    }
    form.setFieldsValue(toForm(parsed.body));
    message.success(`已读取 ${file.name}：${parsed.body.days.length} 条日期记录`);
    runPreview(parsed.body);
  };

  const confirm = () => {
    if (!body) return;
    apply.mutate(body, {
      onSuccess: (r) => {
        setApplied(r);
        setStep('done');
        onImported(r.year);
      },
      onError: (err) => message.error(`导入失败：${errorMessage(err)}`),
    });
  };

  const reset = () => {
    form.resetFields();
    setStep('edit');
    setBody(null);
    setChecked(null);
    setApplied(null);
    setFileErrors([]);
  };

  const previewOk = checked !== null && 'result' in checked && checked.result.validation.ok;

  const footer =
    step === 'edit' ? (
      <Space>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" onClick={() => form.submit()}>
          预览
        </Button>
      </Space>
    ) : step === 'preview' ? (
      <Space>
        <Button onClick={() => setStep('edit')} disabled={apply.isPending}>
          返回修改
        </Button>
        <Button
          type="primary"
          disabled={!previewOk || preview.isPending}
          loading={apply.isPending}
          onClick={confirm}
        >
          确认导入
        </Button>
      </Space>
    ) : (
      <Button
        type="primary"
        onClick={() => {
          reset();
          onClose();
        }}
      >
        完成
      </Button>
    );

  return (
    <Modal
      title="导入放假安排"
      open={open}
      width={960}
      onCancel={apply.isPending ? undefined : onClose}
      closable={!apply.isPending}
      mask={{ closable: false }}
      footer={footer}
      destroyOnHidden
      afterClose={reset}
    >
      <Steps
        size="small"
        current={STEP_INDEX[step]}
        style={{ marginBottom: 20 }}
        items={[{ title: '填写或上传' }, { title: '预览与校验' }, { title: '完成' }]}
      />
      <div style={{ display: step === 'edit' ? 'block' : 'none' }}>
        <Row gutter={16} align="middle" style={{ marginBottom: 12 }}>
          <Col flex="auto" data-testid="import-upload">
            <Upload.Dragger
              accept=".json,application/json"
              showUploadList={false}
              multiple={false}
              beforeUpload={(file) => {
                void readFile(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入放假安排文件（JSON）</p>
              <p className="ant-upload-hint">读取后自动预览；也可以在下方逐项填写。</p>
            </Upload.Dragger>
          </Col>
          <Col>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadBlob(
                  new Blob([importTemplate(nextYear)], { type: 'application/json;charset=utf-8' }),
                  `放假安排导入模板_${nextYear}.json`,
                )
              }
            >
              下载示例模板
            </Button>
          </Col>
        </Row>
        {fileErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="文件内容有误"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {fileErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 12 }}
            data-testid="import-file-errors"
          />
        )}
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{
            year: nextYear,
            sources: [{ docNo: '', title: '', publishedOn: null, url: '' }],
            days: [{ date: null, kind: 'holiday', name: '' }],
          }}
          onFinish={(v) => runPreview(toBody(v))}
          aria-label="放假安排"
        >
          <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} suffix="年" />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            依据（国务院办公厅通知）
          </Divider>
          <Form.List name="sources">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={5}>
                      <Form.Item name={[f.name, 'docNo']} rules={[{ required: true, message: '请填写文号' }]}>
                        <Input placeholder="文号，如 国办发明电〔2026〕1号" />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={[f.name, 'title']}
                        rules={[{ required: true, message: '请填写通知标题' }]}
                      >
                        <Input placeholder="通知标题" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[f.name, 'publishedOn']}
                        rules={[{ required: true, message: '请选择发布日期' }]}
                      >
                        <DatePicker placeholder="发布日期" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[f.name, 'url']}
                        rules={[
                          { required: true, message: '请填写原文链接' },
                          { type: 'url', message: '请填写有效的网址' },
                        ]}
                      >
                        <Input placeholder="原文链接 https://www.gov.cn/…" />
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label="删除此通知"
                        disabled={fields.length <= 1}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                ))}
                {fields.length < 5 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ docNo: '', title: '', url: '' })}
                  >
                    添加通知
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Divider titlePlacement="start" plain>
            放假与调休上班日（只登记例外的日子，普通周末无需登记）
          </Divider>
          <Form.List name="days">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={6}>
                      <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: '请选择日期' }]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[f.name, 'kind']}>
                        <Select
                          options={Object.entries(IMPORT_DAY_KIND_LABELS).map(([value, label]) => ({
                            value,
                            label,
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={[f.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: '请填写节日名称' }]}
                      >
                        <Input placeholder="节日名称，如 春节" maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label="删除此日期"
                        disabled={fields.length <= 1}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                ))}
                {fields.length < 120 && (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ kind: 'holiday', name: '' })}
                  >
                    添加日期
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      </div>
      {step === 'preview' && (
        <Spin
          spinning={preview.isPending || apply.isPending}
          description={
            apply.isPending ? '正在导入并重算全部在办时限，请勿关闭窗口…' : '正在校验并试算在办时限…'
          }
        >
          <div style={{ minHeight: 160 }} data-testid="import-preview">
            {body && (
              <Typography.Paragraph type="secondary">
                {body.year} 年，{body.days.filter((d) => d.kind === 'holiday').length} 个放假日、
                {body.days.filter((d) => d.kind === 'makeup_workday').length} 个调休上班日；依据：
                {body.sources.map((s) => s.docNo).join('、')}。预览不保存任何数据。
              </Typography.Paragraph>
            )}
            {checked && <Validation checked={checked} />}
            {checked && 'result' in checked && (
              <>
                <Typography.Title level={5}>{recalcHeadline(checked.result.changed, true)}</Typography.Title>
                <ChangesTable changes={checked.result.changes} total={checked.result.changed} />
              </>
            )}
          </div>
        </Spin>
      )}
      {step === 'done' && applied && (
        <div data-testid="import-done">
          <Result
            status="success"
            title={`已导入 ${applied.year} 年放假安排`}
            subTitle={`${recalcHeadline(applied.changed)}；截止日改变的事项已通知办理人。`}
          />
          {applied.changed > 0 && <ChangesTable changes={applied.changes} total={applied.changed} />}
        </div>
      )}
    </Modal>
  );
}
