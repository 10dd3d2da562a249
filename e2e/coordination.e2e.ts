import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2eApp,
  login,
  openMenu,
  pickOption,
  SCREENSHOT_DIR,
  startApp,
  text,
  withPage,
} from './harness.ts';

let app: E2eApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

// A fresh name per run: a retried test does not trip over the first attempt's request.
const RUN = String(Date.now() % 100000);
const PROJECT = `智能装备二期厂房${RUN}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Opens the request of PROJECT from the coordination list. */
async function openRequest(page: Page) {
  await openMenu(page, '协调事项');
  await page.getByTestId('coordination-table').getByRole('link').first().waitFor();
  await page
    .getByRole('row', { name: new RegExp(PROJECT) })
    .getByRole('link')
    .first()
    .click();
  await page.getByTestId('timeline').waitFor();
}

/** A department lead drafts an agreeing reply with one commitment and signs it. */
async function replyAndSign(page: Page, user: string, commitment: string) {
  await login(page, user);
  await openMenu(page, '书面征询');
  await page
    .getByTestId('consultations-queue')
    .getByRole('link', { name: new RegExp(PROJECT) })
    .click();
  const form = page.getByTestId('reply-form');
  await form.waitFor();
  await form.getByLabel('答复意见').fill('同意并联办理，按承诺时限办结。');
  await form.getByRole('button', { name: /添加承诺事项/ }).click();
  await form.getByLabel('承诺内容').fill(commitment);
  await form.getByRole('button', { name: /保存答复/ }).click();
  await page.getByText('已保存答复，可签发').waitFor();
  await page.getByRole('button', { name: /负责人签发/ }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^签\s*发$/ })
    .click();
  await page.getByTestId('reply-answered').waitFor();
  expect(await text(page.getByTestId('reply-answered'))).toContain(commitment);
}

describe('协调：企业提交 → 书面征询三个部门 → 答复签发 → 告知函 → 承诺督办', () => {
  it('walks the whole flow across the enterprise, the coordinator and three departments', {
    timeout: 240_000,
  }, async () => {
    await withPage(app, 'coordination-enterprise', async ({ page }) => {
      await login(page, 'ent.zhineng', 'enterprise');
      await openMenu(page, '协调申请');
      await page.getByRole('link', { name: /提交协调申请/ }).click();
      const form = page.getByTestId('coordination-form');
      await form.waitFor();
      await form.getByLabel('项目名称').fill(PROJECT);
      // Submitting with contents missing lists them, keeps the form.
      await form.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('请填写项目概况').waitFor();
      await form.getByLabel('项目概况').fill('总投资12亿元，用地120亩，拟于明年一季度开工。');
      await form
        .getByLabel('存在问题')
        .fill(
          '建设工程规划许可证核发需要施工图审查意见，施工图审查又要求先取得规划许可，消防设计审查时序也不明确。',
        );
      await form.getByLabel('部门', { exact: true }).fill('自然资源和规划局');
      await form.getByLabel('部门意见', { exact: true }).fill('须先完成施工图审查。');
      await form.getByLabel('拟解决方案').fill('请中心协调资规、住建、消防并联办理。');
      await form.getByLabel('联系人').fill('钱志远');
      await form.getByLabel('联系电话').fill('13905730001');
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: '协调函.pdf', mimeType: 'application/pdf', buffer: PDF });
      await form.getByText('协调函.pdf').waitFor();
      await shot(page, 'coordination-apply');
      await form.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText(/已提交，编号 XT330402-/).waitFor();
      await page.getByTestId('coordination-timeline').waitFor();
    });

    await withPage(app, 'coordination-consult', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await openMenu(page, '协调事项');
      await page.getByTestId('coordination-board').waitFor();
      await shot(page, 'coordination-board');
      await openRequest(page);
      await page.getByRole('button', { name: '分办并书面征询' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('suggestions').waitFor();
      expect(await text(dialog.getByTestId('suggestions'))).toContain('南湖区自然资源和规划局');
      await dialog.getByLabel('协调事项1').fill('规划许可与施工图审查的办理时序');
      for (const d of ['发展和改革局', '自然资源和规划局', '住房和城乡建设局']) {
        // fill() replaces whatever search text is left; each pick shows as a tag before the next.
        await dialog.getByLabel('涉及部门1').fill(d);
        await pickOption(page, `南湖区${d}`);
        await dialog.locator('.ant-select-selection-item', { hasText: `南湖区${d}` }).waitFor();
      }
      await page.keyboard.press('Escape');
      await shot(page, 'coordination-triage');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await dialog.waitFor({ state: 'detached' });
      const table = page.getByTestId('consultations-table');
      await table.getByText('南湖区住房和城乡建设局').waitFor();
      expect(await table.locator('tbody tr').count()).toBe(3);
      expect(await text(table)).toContain('待答复');
      await shot(page, 'coordination-consulting');
    });

    await withPage(app, 'coordination-replies', async ({ page }) => {
      await replyAndSign(page, 'nanhu.lead', '完成项目备案信息变更');
    });
    await withPage(app, 'coordination-replies-2', async ({ page }) => {
      await replyAndSign(page, 'nanhu.lead2', '核发建设工程规划许可证');
      await shot(page, 'coordination-reply');
    });
    await withPage(app, 'coordination-replies-3', async ({ page }) => {
      await replyAndSign(page, 'nanhu.lead3', '完成施工图审查并核发施工许可证');
    });

    await withPage(app, 'coordination-letter', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await openRequest(page);
      const analysis = page.getByTestId('analysis');
      expect(await text(analysis)).toContain('系统建议：出具告知函');
      await analysis.getByRole('button', { name: /按建议出具告知函/ }).click();
      await page.getByTestId('letter-draft').waitFor();
      expect(await text(page.getByTestId('letter-draft'))).toContain('南湖区住房和城乡建设局');
      await shot(page, 'coordination-letter-draft');
      await page.getByRole('button', { name: /签发告知函/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^签\s*发$/ })
        .click();
      await page.getByText('告知函已签发，承诺事项已转入督办').waitFor();
      const ks = page.getByTestId('request-commitments');
      await ks.waitFor();
      expect(await ks.locator('tbody tr').count()).toBe(3);
      await shot(page, 'coordination-tracking');
      // The tracker lists the three commitments; urge one.
      await openMenu(page, '承诺督办');
      const tracker = page.getByTestId('commitments-table');
      await tracker.getByText('完成施工图审查并核发施工许可证').waitFor();
      await tracker
        .getByRole('row', { name: /完成施工图审查并核发施工许可证/ })
        .getByRole('button', { name: /催\s*办/ })
        .click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /催\s*办/ })
        .click();
      await page.getByText(/已催办/).waitFor();
      await shot(page, 'coordination-tracker');
    });

    await withPage(app, 'coordination-enterprise-progress', async ({ page }) => {
      await login(page, 'ent.zhineng', 'enterprise');
      await openMenu(page, '协调申请');
      await page
        .getByTestId('my-coordination-table')
        .getByRole('row', { name: new RegExp(PROJECT) })
        .getByRole('link')
        .first()
        .click();
      const timeline = page.getByTestId('coordination-timeline');
      await timeline.waitFor();
      expect(await text(timeline)).toContain('签发告知函');
      expect(await text(page.getByTestId('coordination-letter'))).toContain('PDF');
      await shot(page, 'coordination-enterprise-progress');
    });
  });
});

describe('逐级协调：窗口 → 阶段牵头部门 → 中心（意见分歧，提请协调会）→ 分管领导批示', () => {
  const ROAD = `凤桥镇冷链物流园道路开口${RUN}`;

  async function openByName(page: Page) {
    await openMenu(page, '协调事项');
    await page
      .getByRole('row', { name: new RegExp(ROAD) })
      .getByRole('link')
      .first()
      .click();
    await page.getByTestId('ladder').waitFor();
  }

  /** Clicks a header action, fills its dialog and confirms. */
  async function act(page: Page, button: RegExp, fill: (d: ReturnType<Page['getByRole']>) => Promise<void>) {
    await page.getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('passes each level with its reason, contents and time limit', { timeout: 240_000 }, async () => {
    await withPage(app, 'ladder-window', async ({ page }) => {
      await login(page, 'nanhu.clerk');
      await openMenu(page, '协调事项');
      await page.getByRole('link', { name: /登记协调事项/ }).click();
      const form = page.getByTestId('coordination-form');
      await form.getByLabel('申请单位').fill('嘉兴凤桥冷链物流有限公司');
      await form.getByLabel('项目名称').fill(ROAD);
      await form.getByLabel('项目概况').fill('冷链物流园拟接入省道出入口。');
      await form.getByLabel('存在问题').fill('道路开口审批与施工许可的先后顺序不明确。');
      await form.getByLabel('联系人').fill('姚建平');
      await form.getByLabel('联系电话').fill('13605730388');
      await form.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByTestId('ladder').waitFor();
      await act(page, /上报阶段牵头部门/, async (d) => {
        await d.getByLabel('阶段牵头部门').click();
        await page.keyboard.type('住房');
        await pickOption(page, '南湖区住房和城乡建设局');
        await d.getByLabel('部门', { exact: true }).fill('交通运输局');
        await d.getByLabel('该部门意见').fill('须先取得施工许可。');
        await d.getByLabel('上报理由').fill('涉及交通与住建两个部门，窗口无法协调。');
      });
      expect(await text(page.getByTestId('ladder'))).toContain(
        '综合窗口 → 阶段牵头部门（南湖区住房和城乡建设局）',
      );
    });

    await withPage(app, 'ladder-stage-lead', async ({ page }) => {
      await login(page, 'nanhu.lead3');
      await openByName(page);
      await act(page, /上报政务服务中心/, async (d) => {
        await d.getByLabel('拟解决方案').fill('建议中心组织住建、交通并联办理。');
        await d
          .getByLabel('上报附件')
          .setInputFiles({ name: '情况说明.pdf', mimeType: 'application/pdf', buffer: PDF });
        await page.waitForTimeout(500);
        await d.getByLabel('上报理由').fill('牵头部门协调未果，需中心组织。');
      });
      expect(await text(page.getByTestId('ladder'))).toContain('阶段牵头部门 → 政务服务中心');
    });

    await withPage(app, 'ladder-center', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await openByName(page);
      await act(page, /分办并书面征询/, async (d) => {
        await d.getByLabel('协调事项1').fill('道路开口与施工许可的办理顺序');
        await d.getByLabel('涉及部门1').click();
        await page.keyboard.type('住房');
        await pickOption(page, '南湖区住房和城乡建设局');
        await page.keyboard.press('Escape');
      });
      await page.getByTestId('consultations-table').waitFor();
    });

    await withPage(app, 'ladder-reply', async ({ page }) => {
      await login(page, 'nanhu.lead3');
      await openMenu(page, '书面征询');
      await page
        .getByTestId('consultations-queue')
        .getByRole('link', { name: new RegExp(ROAD) })
        .click();
      const form = page.getByTestId('reply-form');
      await form.getByText('不同意', { exact: true }).click();
      await form.getByLabel('答复意见').fill('须先完成道路开口审批，再办理施工许可。');
      await form.getByLabel('依据（法律法规、政策文件）').fill('《公路法》第五十五条');
      await form.getByRole('button', { name: /保存答复/ }).click();
      await page.getByText('已保存答复，可签发').waitFor();
      await page.getByRole('button', { name: /负责人签发/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /^签\s*发$/ })
        .click();
      await page.getByTestId('reply-answered').waitFor();
    });

    await withPage(app, 'ladder-meeting', async ({ page }) => {
      await login(page, 'nanhu.coord');
      await openByName(page);
      const analysis = page.getByTestId('analysis');
      expect(await text(analysis)).toContain('系统建议：召开专题协调会');
      expect(await text(analysis)).toContain('南湖区住房和城乡建设局不同意');
      await analysis.getByRole('button', { name: /按建议召开专题协调会/ }).click();
      await page.getByText('拟提请召开专题协调会').waitFor();
      await act(page, /上报分管领导/, async (d) => {
        await d.getByLabel('上报理由').fill('部门意见分歧，提请分管领导协调。');
      });
      expect(await text(page.getByTestId('ladder'))).toContain('政务服务中心 → 分管领导');
    });

    await withPage(app, 'ladder-leader', async ({ page }) => {
      await login(page, 'nanhu.leader');
      const panel = page.getByTestId('panel-escalations');
      await panel.getByRole('link', { name: ROAD }).click();
      await page.getByTestId('ladder').waitFor();
      await act(page, /批\s*示/, async (d) => {
        await d.getByLabel('批示内容').fill('请住建局牵头，三个工作日内并联办理道路开口和施工许可。');
      });
      await page.getByTestId('request-commitments').waitFor();
      expect(await text(page.getByTestId('request-commitments'))).toContain('落实领导批示');
      expect(await text(page.getByTestId('timeline'))).toContain('分管领导批示');
      await shot(page, 'coordination-ladder');
    });
  });
});
