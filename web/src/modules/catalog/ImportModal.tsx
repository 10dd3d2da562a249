import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Modal,
  Progress,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useRef, useState } from 'react';
import { errorMessage, toProblem } from '../../api/problem.ts';
import { useInvalidateItems } from './api.ts';
import {
  IMPORT_ACTION_LABELS,
  type ImportReport,
  type ImportRowError,
  importContentType,
  parseImportReport,
  STAGE_LABELS,
  stagePercent,
  type UploadStage,
} from './catalog.ts';

/** The server's body limit for an import. */
const MAX_BYTES = 20 * 1024 * 1024;

interface Answer {
  status: number;
  json: unknown;
}

/** POSTs the file with upload progress (fetch cannot report it); resolves with any HTTP answer. */
function upload(
  url: string,
  file: File,
  contentType: string,
  onStage: (stage: UploadStage, fraction: number) => void,
  signal: AbortSignal,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onStage('uploading', e.lengthComputable ? e.loaded / e.total : 0.5);
    xhr.upload.onload = () => onStage('validating', 0);
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort());
    onStage('uploading', 0);
    xhr.send(file);
  });
}

type Step = 'choose' | 'checking' | 'report' | 'applying' | 'done';
const STEP_INDEX: Record<Step, number> = { choose: 0, checking: 1, report: 1, applying: 2, done: 2 };

const isAdd = (a: string) => a === 'add' || a === 'create';

function ReportView({ report }: { report: ImportReport }) {
  const ok = report.errors.length === 0;
  const adds = report.items.filter((i) => isAdd(i.action)).length;
  const modifies = report.items.filter((i) => !isAdd(i.action) && i.changed).length;
  const unchanged = report.items.filter((i) => !isAdd(i.action) && !i.changed).length;
  return (
    <div data-testid="import-report">
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        title={ok ? '校验通过，可以导入' : `校验未通过：${report.errors.length} 处问题，请修改文件后重新上传`}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={24} style={{ marginBottom: 16 }}>
        <Col>
          <Statistic title="数据行" value={report.total} suffix="行" />
        </Col>
        <Col>
          <Statistic title="有效" value={report.valid} suffix="行" />
        </Col>
        <Col>
          <Statistic title="新增" value={adds} suffix="项" />
        </Col>
        <Col>
          <Statistic title="变更" value={modifies} suffix="项" />
        </Col>
        <Col>
          <Statistic title="无变化" value={unchanged} suffix="项" />
        </Col>
      </Row>
      {!ok && (
        <Table<ImportRowError & { key: number }>
          size="small"
          rowKey="key"
          dataSource={report.errors.map((e, key) => ({ ...e, key }))}
          pagination={report.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          data-testid="import-errors"
          style={{ marginBottom: 16 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
            { title: '字段', dataIndex: 'field', width: 180, render: (f: string) => f || '—' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
      {report.items.length > 0 && (
        <Table<ImportReport['items'][number]>
          size="small"
          rowKey="row"
          dataSource={report.items}
          pagination={report.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          data-testid="import-items"
          columns={[
            { title: '行', dataIndex: 'row', width: 70 },
            { title: '事项', dataIndex: 'name' },
            { title: '部门', dataIndex: 'department', width: 180 },
            {
              title: '处理',
              dataIndex: 'action',
              width: 90,
              render: (a: string, i) =>
                isAdd(a) ? (
                  <Tag color="green">新增</Tag>
                ) : i.changed ? (
                  <Tag color="blue">{IMPORT_ACTION_LABELS[a] ?? a}</Tag>
                ) : (
                  <Tag>无变化</Tag>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}

/**
 * 导入事项清单: a CSV or xlsx file is checked by the server (dryRun=true) with a staged progress
 * bar, its report shown (rows, errors, items to add or change), then imported on confirmation.
 */
export function ImportModal({
  region,
  open,
  onClose,
}: {
  region: string;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const invalidate = useInvalidateItems();
  const [step, setStep] = useState<Step>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ stage: UploadStage; percent: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const send = async (f: File, dryRun: boolean): Promise<ImportReport | null> => {
    const type = importContentType(f.name);
    if (!type) {
      setError('只能导入 .csv 或 .xlsx 文件');
      return null;
    }
    if (f.size === 0 || f.size > MAX_BYTES) {
      setError(f.size === 0 ? '文件是空的' : '文件超过 20 MB，请拆分后分批导入');
      return null;
    }
    setError(null);
    const ctrl = new AbortController();
    abort.current = ctrl;
    const stage = (s: UploadStage, fraction: number) =>
      setProgress({ stage: s, percent: stagePercent(s, fraction) });
    try {
      stage('reading', 0);
      // Reading the file first fails early on a file that vanished or cannot be read.
      await f.slice(0, 1).arrayBuffer();
      stage('reading', 1);
      const url = `/api/catalog/import?region=${encodeURIComponent(region)}&dryRun=${dryRun}`;
      const answer = await upload(url, f, type, stage, ctrl.signal);
      stage('done', 1);
      if (answer.status >= 200 && answer.status < 300) return parseImportReport(answer.json);
      if (answer.status === 422 || (answer.status === 400 && hasErrors(answer.json))) {
        return parseImportReport(answer.json);
      }
      if (answer.status === 404) {
        setError('服务器暂未提供事项清单导入接口，请稍后再试或联系系统管理员。');
        return null;
      }
      setError(errorMessage(toProblem(answer.status, answer.json)));
      return null;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return null;
      setError(errorMessage(err));
      return null;
    } finally {
      abort.current = null;
    }
  };

  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    setStep('checking');
    const r = await send(f, true);
    setReport(r);
    setStep(r ? 'report' : 'choose');
  };

  const apply = async () => {
    if (!file) return;
    setStep('applying');
    const r = await send(file, false);
    if (r && r.errors.length === 0) {
      setReport(r);
      setStep('done');
      await invalidate();
      message.success(`导入完成：发布 ${r.published ?? r.valid} 个版本`);
    } else {
      // A 422 lists only the problems: keep the rows of the preview next to them.
      if (r) setReport((prev) => (r.items.length || !prev ? r : { ...prev, errors: r.errors }));
      setStep('report');
    }
  };

  const reset = () => {
    abort.current?.abort();
    setStep('choose');
    setFile(null);
    setProgress(null);
    setReport(null);
    setError(null);
  };

  const busy = step === 'checking' || step === 'applying';
  const canApply = step === 'report' && report !== null && report.errors.length === 0 && report.valid > 0;
  const exportUrl = `/api/catalog/export?region=${encodeURIComponent(region)}`;

  const footer =
    step === 'done' ? (
      <Button type="primary" onClick={onClose}>
        完成
      </Button>
    ) : (
      <Space>
        <Button onClick={busy ? reset : onClose}>{busy ? '取消上传' : '关闭'}</Button>
        {(step === 'report' || step === 'applying') && (
          <Button onClick={reset} disabled={busy}>
            重新选择文件
          </Button>
        )}
        {(step === 'report' || step === 'applying') && (
          <Button
            type="primary"
            disabled={!canApply}
            loading={step === 'applying'}
            onClick={() => void apply()}
            data-testid="import-confirm"
          >
            确认导入
          </Button>
        )}
      </Space>
    );

  return (
    <Modal
      title="导入事项清单"
      open={open}
      width={860}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      mask={{ closable: false }}
      footer={footer}
      destroyOnHidden
      afterClose={reset}
    >
      <Steps
        size="small"
        current={STEP_INDEX[step]}
        style={{ marginBottom: 20 }}
        items={[{ title: '选择文件' }, { title: '校验' }, { title: '导入' }]}
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {step === 'choose' && (
        <>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              multiple={false}
              beforeUpload={(f) => {
                void check(f);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入事项清单文件（.csv 或 .xlsx）</p>
              <p className="ant-upload-hint">先校验、不写入；校验通过后再确认导入。</p>
            </Upload.Dragger>
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            <DownloadOutlined />{' '}
            <a href={exportUrl} download data-testid="catalog-export-csv">
              下载模板 / 导出当前清单（CSV）
            </a>
            ：以本区划当前发布的事项为模板，修改后导入；按实施编码识别已有事项。
          </Typography.Paragraph>
        </>
      )}
      {busy && progress && (
        <div style={{ padding: '16px 0' }} data-testid="import-progress">
          <Typography.Text>
            {file?.name} — {step === 'applying' ? '正在导入：' : ''}
            {STAGE_LABELS[progress.stage]}
          </Typography.Text>
          <Progress percent={progress.percent} status="active" aria-label="上传进度" />
        </div>
      )}
      {(step === 'report' || step === 'applying') && report && <ReportView report={report} />}
      {step === 'done' && report && (
        <Result
          status="success"
          title={`导入完成：发布 ${report.published ?? report.valid} 个版本`}
          subTitle="新增事项为第 1 版，变更的事项发布新版本，与当前版本相同的行不发布；已受理的办件继续按受理时的版本办理。"
          data-testid="import-done"
        />
      )}
    </Modal>
  );
}

function hasErrors(json: unknown): boolean {
  return typeof json === 'object' && json !== null && Array.isArray((json as { errors?: unknown }).errors);
}
