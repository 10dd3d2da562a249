import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../lib/dates.ts';
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

/** Clicks an action button of the case page and confirms its modal (after `fill`). */
async function act(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: /^确定/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

const stateOf = (page: Page) => text(page.getByTestId('case-facts').locator('[data-state]'));

/** Opens the case with this number from the 全部办件 list. */
async function openCase(page: Page, number: string) {
  await openMenu(page, '办件');
  await page.getByTestId('case-view').getByText('全部办件', { exact: true }).click();
  await page.getByRole('link', { name: number }).click();
  await page.getByTestId('case-facts').waitFor();
}

describe('办件：窗口收件 → 容缺受理 → 部门两级审查（含特别程序）→ 准予许可 → 出件', () => {
  // Six sign-ins and a dozen transitions: about 40 s on an idle 2-core machine.
  it('walks the whole flow across the window, the department officer and its lead', {
    timeout: 180_000,
  }, async () => {
    let number = '';
    const tomorrow = addDays(todayIn(), 1);
    await withPage(app, 'case-window-flow', async ({ page }) => {
      await login(page, 'nanhu.clerk');
      await openMenu(page, '办件');
      await page.getByRole('link', { name: /窗口收件/ }).click();
      await page.getByTestId('intake-item').click();
      await page.keyboard.type('企业投资项目备案');
      await pickOption(page, '企业投资项目备案');
      await page.getByLabel('申请人名称').fill('嘉兴南湖智能装备有限公司');
      await page.getByLabel('证件号码').fill('91330402MA2B8K3P51');
      await page.getByLabel('联系人').fill('钱志远');
      await page.getByLabel('联系电话').fill('13905730001');
      await page.getByLabel('投资项目代码').fill('2611-330402-04-01-123456');
      await page.getByLabel('项目名称').fill('年产5万台工业机器人项目');
      // The company's project is accompanied by the center's agent (代办员).
      await page.getByLabel('代办员').click();
      await pickOption(page, '代办 李娜');
      for (const m of ['营业执照', '法定代表人身份证明', '项目备案申请表']) {
        await page.getByLabel(`${m} 纸质原件已核验`).check();
      }
      await shot(page, 'case-intake');
      await page.getByRole('button', { name: /^收\s*件$/ }).click();
      await page.getByTestId('case-facts').waitFor();
      number = (await text(page.getByTestId('case-facts').locator('td').first())).trim();
      expect(number).toMatch(/^330402-\d{8}-\d{4}$/);
      expect(await text(page.getByTestId('case-materials'))).toContain('缺少');
      expect(await text(page.getByTestId('case-facts'))).toContain('代办 李娜');

      // 授权委托书 is tolerable: accept with a commitment signed by the applicant.
      await act(page, 'accept_tolerantly', async (d) => {
        const input = d.getByLabel('授权委托书 承诺补齐日期');
        await input.click();
        await input.fill(tomorrow);
        await input.press('Enter');
        await d.getByText('申请人已签署容缺受理承诺书').click();
      });
      await expect.poll(() => stateOf(page)).toBe('容缺受理');
      expect(await text(page.getByTestId('case-documents'))).toMatch(
        /行政许可受理通知书[\s\S]*南审受〔\d{4}〕\d+号/,
      );
      expect(await text(page.getByTestId('case-materials'))).toContain(`承诺 ${tomorrow} 前补齐`);
      await shot(page, 'case-tolerant-acceptance');
      await act(page, 'dispatch');
      await expect.poll(() => stateOf(page)).toBe('审查中');
    });

    // The agent follows the case it represents from its workbench.
    await withPage(app, 'case-agent-follows', async ({ page }) => {
      await login(page, 'nanhu.agent');
      await page
        .getByTestId('panel-projects')
        .getByRole('link', { name: '企业投资项目备案' })
        .first()
        .click();
      await page.getByTestId('case-facts').waitFor();
      expect(await text(page.getByTestId('case-facts'))).toContain(number);
      expect(await text(page.getByTestId('case-materials'))).toContain(`承诺 ${tomorrow} 前补齐`);
    });

    await withPage(app, 'case-department-review', async ({ page }) => {
      await login(page, 'nanhu.officer');
      await page.getByTestId('panel-review').getByText('企业投资项目备案').first().waitFor();
      await openCase(page, number);
      await act(page, 'pass', (d) => d.getByLabel('审查意见').fill('材料齐全，符合备案条件'));
      await expect.poll(() => text(page.getByTestId('case-facts'))).toContain('第 2 级 / 共 2 级');
    });

    await withPage(app, 'case-lead-decision', async ({ page }) => {
      await login(page, 'nanhu.lead');
      await openCase(page, number);
      await act(page, 'suspend', async (d) => {
        await d.getByLabel('特别程序种类').click();
        await pickOption(page, '现场勘验');
        await d.getByLabel('启动理由或依据').fill('核实项目建设地点与备案信息一致');
      });
      await page.getByTestId('special-procedures').waitFor();
      expect(await text(page.getByTestId('case-facts'))).toContain('特别程序中，计时暂停');
      await shot(page, 'case-special-procedure');
      await act(page, 'resume', (d) => d.getByLabel('特别程序结果').fill('现场核查一致'));
      await expect.poll(() => text(page.getByTestId('special-procedures'))).toContain('现场核查一致');
      // The tolerated material is still outstanding: no approval yet, and the page says why.
      await page
        .getByTestId('tolerance-warning')
        .getByText(/1 项容缺材料未补齐/)
        .waitFor();
      expect(await page.locator('[data-action="approve"]').count()).toBe(0);
      expect(await page.locator('[data-action="deny"]').count()).toBe(1);
    });

    await withPage(app, 'case-fulfil-and-deliver', async ({ page }) => {
      await login(page, 'nanhu.clerk');
      // The window's workbench lists the outstanding commitment with its date.
      const panel = page.getByTestId('panel-tolerant');
      await panel.getByRole('link', { name: '企业投资项目备案' }).first().waitFor();
      expect(await text(panel)).toContain(`${tomorrow} 前补齐`);
      await openCase(page, number);
      await page.getByTestId('open-commitments').getByRole('button').click();
      await page.getByRole('button', { name: '登记补齐', exact: true }).click();
      await page.getByTestId('open-commitments').waitFor({ state: 'detached' });
    });

    await withPage(app, 'case-approve', async ({ page }) => {
      await login(page, 'nanhu.lead');
      await openCase(page, number);
      await act(page, 'approve', (d) => d.getByLabel('结果证照编号').fill('2611-330402-04-01-123456'));
      await expect.poll(() => stateOf(page)).toBe('准予许可');
    });

    await withPage(app, 'case-delivery', async ({ page }) => {
      await login(page, 'nanhu.clerk');
      await page.getByTestId('panel-deliver').getByText('企业投资项目备案').first().waitFor();
      await openCase(page, number);
      await act(page, 'deliver');
      await expect.poll(() => stateOf(page)).toBe('已出件');
      const steps = await text(page.getByTestId('case-steps'));
      for (const s of [
        '窗口收件',
        '容缺受理',
        '分送部门',
        '第 1 级审查通过',
        '特别程序开始：现场勘验',
        '特别程序结束',
        '容缺材料补齐',
        '准予许可',
        '窗口出件',
      ]) {
        expect(steps).toContain(s);
      }
      await shot(page, 'case-delivered');
    });
  });
});

describe('网上办事：一件事 3 个事项共用一份材料，只上传一次', () => {
  it('an enterprise applies online for a bundle, uploading the shared material once', () =>
    withPage(app, 'portal-bundle', async ({ page }) => {
      await login(page, 'ent.zhineng', 'enterprise');
      await openMenu(page, '网上申请');
      await page.getByText('一件事（多个事项一次办）').click();
      await page.getByLabel('一件事', { exact: true }).click();
      await pickOption(page, '工业项目开工一件事');
      await page.getByLabel('联系人').fill('钱志远');
      await page.getByLabel('联系电话').fill('13905730001');
      await page.getByLabel('投资项目代码').fill('2611-330402-04-01-654321');
      await page.getByLabel('项目名称').fill('智能装备二期厂房');
      await page.getByLabel(/总投资/).fill('32000');
      await page.getByLabel(/总建筑面积/).fill('45000');
      const idRow = page.locator('[data-material="法定代表人身份证明"]');
      expect(await text(page.getByTestId('materials-input'))).toContain('3 个事项共用，只需提交一次');
      await idRow.locator('input[type=file]').setInputFiles({
        name: '法定代表人身份证明.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n'),
      });
      await idRow.getByText('法定代表人身份证明.pdf').waitFor();
      await page.getByLabel('营业执照 选用已有材料').click();
      await pickOption(page, '电子证照');
      await shot(page, 'portal-bundle-apply');
      await page.getByRole('button', { name: /提交申请/ }).click();
      await page.getByTestId('bundle-case').waitFor();
      const rows = page.getByTestId('bundle-case').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(3);
      await shot(page, 'portal-bundle-progress');

      // The three cases reference one stored file for the shared material.
      const ids = await page
        .getByTestId('bundle-case')
        .locator('tbody a')
        .evaluateAll((as) => as.map((a) => Number((a as HTMLAnchorElement).href.split('/').pop())));
      const stored = await page.evaluate(async (caseIds) => {
        const out: (number | null)[] = [];
        for (const id of caseIds) {
          const c = await (await fetch(`/api/portal/cases/${id}`)).json();
          for (const m of c.materials) if (m.sharedKey === '法定代表人身份证明') out.push(m.storedMaterialId);
        }
        return out;
      }, ids);
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(new Set(stored).size).toBe(1);
      expect(stored[0]).not.toBeNull();
    }));
});
