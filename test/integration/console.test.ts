// The web console in a real browser (Debian's Chromium, driven by playwright-core) against the
// real system: Keycloak's own sign-in page, the gateway serving the built console with trusted
// documents required of anonymous callers, PostgreSQL behind the subgraphs. Each role walks
// through its pages; every page is checked with axe-core; the README's screenshots are taken here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startTestSystem, type TestSystem } from './harness';
import { BROWSER_PACKAGES, CHROMIUM, ensureDebianPackages } from '../../scripts/services/debian';
import type { DemoEnterprise } from '../../scripts/demo-data/generate';
import { REALM } from '../../auth/config';
import { INDICATORS } from '../../schema/catalogue';
import { ENUM_LABELS } from '../../schema/catalogue/enum-labels';
import { serviceToken } from './tokens';
import { manyPenalties } from '../../scripts/demo-data/tax-penalties';
import { ROOT } from '../../platform/paths';
import { todayIso } from '../../schema/today';
import { submitPenalty } from './adverse-records';
import { pdfText } from './pdf-text';

const CONSOLE_DIR = path.join(ROOT, 'console', 'dist');
// a port the realm's credit-web client lists as a redirect URI (Keycloak matches ports exactly)
const PORT = Number(process.env['CONSOLE_TEST_PORT'] ?? 4300);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DOCS = path.join(ROOT, 'docs');
const PASSWORD = 'demo-password';

let system: TestSystem;
let browser: Browser;
/** An enterprise of 渝中区 (500103), the district officer's own. */
let yuzhong: DemoEnterprise;
let reportNumber = '';
let reportPdf = Buffer.alloc(0);
const screenshots: Record<string, Buffer> = {};

jest.setTimeout(120_000);

beforeAll(async () => {
  ensureDebianPackages(BROWSER_PACKAGES, 'the console tests');
  if (!existsSync(path.join(CONSOLE_DIR, 'index.html'))) throw new Error('console/dist is missing: npm test builds it first (npm run console:build)');
  system = await startTestSystem(
    120,
    { TRUSTED_DOCUMENTS: 'anonymous', TRUSTED_DOCUMENTS_MANIFEST: path.join(CONSOLE_DIR, 'persisted-query-manifest.json') },
    { port: PORT, console: { dir: CONSOLE_DIR, keycloakUrl: process.env['KEYCLOAK_URL'] ?? '', realm: REALM, clientId: 'credit-web' } },
  );
  for (let i = 0; i < 120 && !yuzhong; i++) {
    const e = system.enterprise(i);
    if (e.directory.region === '500103' && e.records.identity.some((r) => r.ind === 'ID02')) yuzhong = e;
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A fresh browser profile: no cookies or storage shared between people. */
async function newPage(): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { context, page, cspViolations };
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${ORIGIN}/`);
  await page.getByRole('button', { name: '登录' }).click();
  // Keycloak's own page, on Keycloak's origin
  await page.waitForURL((url) => url.origin === new URL(process.env['KEYCLOAK_URL'] ?? '').origin);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#kc-login');
  await page.waitForURL((url) => url.origin === ORIGIN);
  await page.getByTestId('signed-in-user').waitFor();
}

/** No serious or critical accessibility violation on the page as it stands. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  expect(serious).toEqual([]);
}

/** JWTs anywhere in the page's local and session storage. */
async function tokensInStorage(page: Page): Promise<string[]> {
  // the function runs in the page, where the storages exist
  const stored = await page.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })');
  if (typeof stored !== 'string') throw new Error('storage could not be read');
  return stored.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? [];
}

function firstWordOf(name: string): string {
  return name.slice(0, 4);
}

test('the public searches, sees public data only and is told to sign in for the rest', async () => {
  const { context, page, cspViolations } = await newPage();
  const scripts: Buffer[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js') && r.url().startsWith(ORIGIN))
      void r.body().then(
        (b) => scripts.push(b),
        () => undefined,
      );
  });
  const first = await page.goto(`${ORIGIN}/`);
  const csp = first?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain(`connect-src 'self' ${new URL(process.env['KEYCLOAK_URL'] ?? '').origin}`);
  await page.getByRole('heading', { name: '企业信用查询' }).waitFor();
  await page.waitForLoadState('networkidle');
  // the first load of the public search page: under 300 KB of JavaScript, gzip
  const gzipped = scripts.reduce((sum, b) => sum + gzipSync(b).length, 0);
  expect(scripts.length).toBeGreaterThan(0);
  expect(gzipped).toBeLessThan(300 * 1024);
  await expectAccessible(page);

  await page.getByLabel('统一社会信用代码、注册号或企业名称').fill(firstWordOf(yuzhong.directory.name));
  await page.getByLabel('所属区县').selectOption('500103');
  await page.getByRole('button', { name: '查询' }).click();
  const link = page.getByRole('link', { name: yuzhong.directory.name });
  await link.waitFor();
  const row = page.getByRole('row').filter({ has: link });
  expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining([yuzhong.directory.uscc, '渝中区']));
  await expectAccessible(page);
  screenshots['search'] = await page.screenshot({ fullPage: false });

  await link.click();
  await page.waitForURL(`${ORIGIN}/enterprise/${yuzhong.directory.uscc}`);
  await page.locator('[data-indicator="ID01"] dd[data-attribute="name"]').waitFor();
  // all 39 indicators, in catalogue order
  const codes = await Promise.all((await page.locator('[data-indicator]').all()).map((l) => l.getAttribute('data-indicator')));
  expect(codes).toHaveLength(39);
  expect(codes.slice(0, 3)).toEqual(['ID01', 'ID02', 'ID03']);
  expect(codes[38]).toBe('EC08');
  // public data shown; member data refused with the reason, never shown as empty
  expect(await page.locator('[data-indicator="ID01"] dd[data-attribute="name"]').textContent()).toBe(yuzhong.directory.name);
  // an enumerated value reads as its Chinese label, never as the API's code
  const enterpriseType = String(yuzhong.records.identity.find((r) => r.ind === 'ID01')?.data['enterpriseType']);
  expect(await page.locator('[data-indicator="ID01"] dd[data-attribute="enterpriseType"]').textContent()).toBe(ENUM_LABELS['EnterpriseType']?.[enterpriseType]?.zh);
  expect(await page.locator('main').textContent()).not.toMatch(/\b(STATE_OWNED|LIMITED_LIABILITY|RESIDENT_ID|NATURAL_PERSON|GENERAL_MANAGER|ACTIVE)\b/);
  const taxRegistration = page.locator('[data-indicator="ID08"]');
  expect(await taxRegistration.locator('[data-refused="UNAUTHENTICATED"]').textContent()).toContain('需要登录后查看');
  expect(await taxRegistration.textContent()).not.toContain('无记录');
  const idNumber = page.locator('[data-indicator="ID02"] dd[data-attribute="idNumber"]');
  expect(await idNumber.locator('[data-refused]').count()).toBe(1);
  expect(await page.locator('[data-indicator="EC01"] [data-refused="UNAUTHENTICATED"]').count()).toBe(1);
  await expectAccessible(page);
  await page.locator('[data-indicator="ID07"]').evaluate('(e) => e.scrollIntoView()');
  screenshots['profile-public'] = await page.screenshot({ fullPage: false });
  // English, by the switch in the banner
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Basic identity' }).waitFor();
  expect(await page.locator('[data-indicator="ID01"] dd[data-attribute="enterpriseType"]').textContent()).toBe(ENUM_LABELS['EnterpriseType']?.[enterpriseType]?.en);
  expect(await taxRegistration.locator('[data-refused="UNAUTHENTICATED"]').textContent()).toContain('Sign in to see this');
  await page.getByRole('button', { name: '中文' }).click();
  expect(await tokensInStorage(page)).toEqual([]);
  expect(cspViolations).toEqual([]);
  await context.close();
});

test('the district officer signs in on Keycloak, states a purpose, reads member data and prints a report', async () => {
  const { context, page, cspViolations } = await newPage();
  await signIn(page, 'aic-yuzhong');
  await page.goto(`${ORIGIN}/enterprise/${yuzhong.directory.uscc}`);
  // the purpose is asked once per session, before member data is read; declined, member data
  // and the RESTRICTED ID number are refused with that reason
  const dialog = page.getByRole('dialog', { name: '查询事由' });
  await dialog.waitFor();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: '取消' }).click();
  const refusedTax = page.locator('[data-indicator="ID08"] [data-refused="FORBIDDEN"]');
  await refusedTax.waitFor();
  expect(await refusedTax.textContent()).toContain('需要先选择查询事由');
  const idNumber = page.locator('[data-indicator="ID02"] dd[data-attribute="idNumber"]');
  expect(await idNumber.locator('[data-refused="FORBIDDEN"]').textContent()).toContain('需要先选择查询事由');
  await page.getByRole('button', { name: '更改' }).click();
  await dialog.getByLabel('日常监管 routine supervision').check();
  await dialog.getByRole('button', { name: '选择' }).click();
  await page.locator('[data-indicator="ID08"] dd[data-attribute="taxAuthority"]').waitFor();
  expect(await page.getByTestId('purpose').textContent()).toContain('日常监管');
  // member data; the ID number is RESTRICTED, open to the agency that submitted it (aic)
  expect(await page.locator('[data-indicator="ID08"] [data-refused]').count()).toBe(0);
  expect(await idNumber.textContent()).toMatch(/^\d{17}[\dX]$/);
  await expectAccessible(page);
  await page.locator('[data-indicator="ID07"]').evaluate('(e) => e.scrollIntoView()');
  screenshots['profile-member'] = await page.screenshot({ fullPage: false });

  // a reload keeps the purpose (session) and finds the Keycloak session without a sign-in page
  await page.reload();
  await page.locator('[data-indicator="ID08"] dd[data-attribute="taxAuthority"]').waitFor();
  expect(await page.getByRole('dialog').count()).toBe(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '打印信用报告' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^R\d{14}-500103-[A-Z2-7]{4}\.pdf$/);
  reportNumber = pdf.suggestedFilename().replace(/\.pdf$/, '');
  reportPdf = readFileSync(await pdf.path());
  expect(reportPdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(await page.getByTestId('report-number').textContent()).toContain(reportNumber);
  expect(await tokensInStorage(page)).toEqual([]);
  expect(cspViolations).toEqual([]);
  // signing out ends the Keycloak session: back on the console as the public
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
  // the purpose went with the session: the next person in this tab is asked again
  expect(await page.evaluate("sessionStorage.getItem('credit-console.purpose')")).toBeNull();
  await page.goto(`${ORIGIN}/enterprise/${yuzhong.directory.uscc}`);
  await page.locator('[data-indicator="ID08"] [data-refused="UNAUTHENTICATED"]').waitFor();
  await context.close();
});

test('a profile with 1,000 records of one indicator shows them ten at a time, fetching more as it pages', async () => {
  const target = system.enterprise(5).directory;
  const records = manyPenalties(target.uscc, 1000, 'C');
  const submitted = await system.query<{ submitAdverseRecords: { accepted: number } }>(
    'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "console-1000", indicator: "AD01", records: $r) { accepted } }',
    { r: records },
    await serviceToken('svc-tax'),
  );
  expect(submitted.data?.submitAdverseRecords.accepted).toBe(1000);
  const { context, page } = await newPage();
  await page.goto(`${ORIGIN}/enterprise/${target.uscc}`);
  const penalties = page.locator('[data-indicator="AD01"]');
  await penalties.getByTestId('record-count').waitFor();
  expect(Number((await penalties.getByTestId('record-count').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1000);
  // ten in the page, whatever the number of records
  expect(await penalties.locator('li.record').count()).toBe(10);
  const next = penalties.getByRole('button', { name: '下一页' });
  const shownPage = async () => (await penalties.locator('.pager [aria-live]').textContent()) ?? '';
  await next.click();
  expect(await shownPage()).toBe('第 2 页');
  // the third page is beyond the 20 records the profile read: fetched when asked for
  await next.click();
  await penalties.getByText('第 3 页').waitFor();
  expect(await penalties.locator('li.record').count()).toBe(10);
  const firstOfPage3 = await penalties.locator('li.record dd[data-attribute="decisionNo"]').first().textContent();
  await penalties.getByRole('button', { name: '上一页' }).click();
  expect(await penalties.locator('li.record dd[data-attribute="decisionNo"]').first().textContent()).not.toBe(firstOfPage3);
  await expectAccessible(page);
  await context.close();
});

test('anyone verifies the printed report by its number or the PDF itself', async () => {
  expect(reportNumber).not.toBe('');
  const { context, page } = await newPage();
  await page.goto(`${ORIGIN}/verify`);
  await page.getByLabel('报告编号').fill(reportNumber);
  await page.getByRole('button', { name: '核验' }).click();
  expect(await page.getByTestId('verification').textContent()).toContain('报告真实有效');
  // the document itself: genuine as printed, not with one byte changed
  await page.getByLabel('报告 PDF 文件（可选）').setInputFiles({ name: `${reportNumber}.pdf`, mimeType: 'application/pdf', buffer: reportPdf });
  await page.getByRole('button', { name: '核验' }).click();
  await page.getByTestId('verification').getByText(yuzhong.directory.name).waitFor();
  expect(await page.getByTestId('verification').textContent()).toContain('报告真实有效');
  const tampered = Buffer.from(reportPdf);
  tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 1;
  await page.getByLabel('报告 PDF 文件（可选）').setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
  await page.getByRole('button', { name: '核验' }).click();
  await page.getByText('报告无法核验').waitFor();
  await page.getByLabel('报告 PDF 文件（可选）').setInputFiles([]);
  await page.getByLabel('报告编号').fill('R20260101000000-500103-AAAA');
  await page.getByRole('button', { name: '核验' }).click();
  await page.getByText('报告无法核验').waitFor();
  await expectAccessible(page);
  await context.close();
});

test('the bidding operator checks 1,000 bidders from a file and downloads the CSV', async () => {
  const { context, page } = await newPage();
  await signIn(page, 'bidding-operator');
  await page.getByRole('link', { name: '投标人审查' }).click();
  const codes = Array.from({ length: 1000 }, (_, i) => system.enterprise(i % 120).directory.uscc);
  // distinct codes: the last ones are unknown, so some bidders come back NOT_FOUND
  const unique = [...new Set(codes)];
  const list = [...unique, ...Array.from({ length: 1000 - unique.length }, (_, i) => `91500000MA${String(i).padStart(7, '0')}X`)];
  await page.getByLabel('或上传代码文件（.txt / .csv）').setInputFiles({ name: 'bidders.txt', mimeType: 'text/plain', buffer: Buffer.from(list.join('\n')) });
  await page.getByText('已填写 1000 个代码').first().waitFor();
  await page.getByLabel('投标日期').fill('2026-06-30');
  await page.getByRole('button', { name: '审查' }).click();
  await page.getByTestId('bidder-summary').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('bidder-summary').textContent()).toContain('共审查 1000 个投标人');
  // a page of 50 at a time
  expect(await page.locator('tbody tr').count()).toBe(50);
  expect(await page.locator('tbody tr').first().textContent()).toContain(list[0]);
  await expectAccessible(page);
  screenshots['bidder-check'] = await page.screenshot({ fullPage: false });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载 CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(1001);
  expect(lines[1]).toContain(list[0]);
  expect(lines[1000]).toContain(list[999]);
  expect(lines[1000]).toContain('NOT_FOUND');
  await context.close();
});

test('a clerk uploads a file with bad lines and reads the rejections by line', async () => {
  const { context, page } = await newPage();
  await signIn(page, 'aic-clerk');
  await page.getByRole('link', { name: '数据报送' }).click();
  await page.getByLabel('指标').selectOption('ID06');
  const target = system.enterprise(3).directory.uscc;
  const lines = [
    { uscc: target, changedOn: '2026-05-01', item: '住所', before: '旧址', after: '新址' },
    { uscc: target, changedOn: '2026-13-01', item: '名称', before: '甲', after: '乙' },
    { uscc: target, changedOn: '2026-05-02', item: '经营范围', before: '甲', after: '乙' },
    { uscc: '915000000000000000', changedOn: '2026-05-03', item: '住所', before: '甲', after: '乙' },
  ];
  await page
    .getByLabel('数据文件（NDJSON 或 CSV，首行为字段名）')
    .setInputFiles({ name: 'changes.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"not json\n') });
  await page.getByRole('button', { name: '上传' }).click();
  const report = page.getByTestId('submission-report');
  await report.waitFor();
  expect(await report.getByTestId('received').textContent()).toBe('5');
  expect(await report.getByTestId('accepted').textContent()).toBe('2');
  expect(await report.getByTestId('rejected').textContent()).toBe('3');
  const rowLocators = await report.getByTestId('rejections').locator('tbody tr').all();
  const rows = await Promise.all(rowLocators.map((tr) => tr.locator('td').allTextContents()));
  expect(rows.map((r) => r[0]).sort()).toEqual(['2', '4', '5']);
  expect(rows.find((r) => r[0] === '2')?.[1]).toBe('V04');
  // the same as CSV with a header row: line numbers are the file's
  const csv = ['uscc,changedOn,item,before,after', `${target},2026-05-04,住所,"甲,乙",丙`, `${target},2026-05-05,名称`, `${target},2026-02-30,名称,甲,乙`].join('\n');
  await page.getByLabel('数据文件（NDJSON 或 CSV，首行为字段名）').setInputFiles({ name: 'changes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '上传' }).click();
  await report.getByTestId('received').filter({ hasText: /^3$/ }).waitFor();
  expect(await report.getByTestId('accepted').textContent()).toBe('1');
  expect(await report.getByTestId('rejected').textContent()).toBe('2');
  const csvRows = await Promise.all((await report.getByTestId('rejections').locator('tbody tr').all()).map((tr) => tr.locator('td').allTextContents()));
  expect(csvRows.map((r) => [r[0], r[1]])).toEqual([
    ['3', 'V07'],
    ['4', 'V04'],
  ]);
  // the batch history lists both
  await page.getByTestId('batch-history').getByText('ID06').nth(1).waitFor();
  await expectAccessible(page);
  await context.close();
});

test('a signed-in session is refreshed silently before its token expires', async () => {
  const { context, page } = await newPage();
  // the page's clock, moved forward below, is what keycloak-js reads the token's expiry by
  await page.clock.install();
  await signIn(page, 'aic-clerk');
  const refreshes: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/protocol/openid-connect/token') && /grant_type=refresh_token/.test(r.postData() ?? '')) refreshes.push(r.url());
  });
  // 4 min 40 s later the 5-minute token has 20 s left: the next request refreshes it first
  await page.clock.fastForward('04:40');
  const history = page.waitForResponse((r) => r.url().endsWith('/graphql'));
  await page.getByRole('link', { name: '数据报送' }).click();
  const answer = (await (await history).json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect(refreshes).toHaveLength(1);
  expect(answer.errors).toBeUndefined();
  expect(await page.getByTestId('signed-in-user').textContent()).toContain('aic-clerk');
  expect(await tokensInStorage(page)).toEqual([]);
  await context.close();
});

test('the auditor finds the officer’s query and report in the audit trail', async () => {
  const { context, page } = await newPage();
  await signIn(page, 'credit-auditor');
  await page.getByRole('link', { name: '审计日志' }).click();
  await system.gateway.flushAudit();
  await page.getByLabel('企业（统一社会信用代码）').fill(yuzhong.directory.uscc);
  await page.getByRole('button', { name: '筛选' }).click();
  const table = page.getByTestId('audit-events');
  await table.waitFor();
  const text = (await table.textContent()) ?? '';
  expect(text).toContain('aic-yuzhong');
  expect(text).toContain('EnterpriseProfile');
  expect(text).toContain('SUPERVISION');
  expect(text).toContain(`report ISSUED ${reportNumber}`);
  await expectAccessible(page);
  await context.close();
});

test('the administrator reads the data-quality report with its chart', async () => {
  const { context, page } = await newPage();
  await signIn(page, 'credit-admin');
  await page.getByRole('link', { name: '数据质量' }).click();
  await page.getByTestId('quality-rows').waitFor();
  expect(await page.locator('figure.chart svg rect.bar-accepted').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('quality-rows').textContent()).toContain('ID06');
  // objections not answered in time are a line of their own, per unit (none here: nothing has run over)
  await page.getByRole('heading', { name: '逾期未答复的异议（已移交信用管理部门）' }).waitFor();
  await expectAccessible(page);
  await context.close();
});

test('an enterprise objects to a record and sees it decided, then applies for repair and its record leaves public display', async () => {
  const own = system.enterprise(0).directory.uscc;
  const penalty = (no: string, decidedOn: string) => ({
    uscc: own,
    decisionNo: `渝市监罚〔2026〕网页${no}号`,
    decidedOn,
    authority: '重庆市市场监督管理局',
    violation: '未按规定公示年度报告',
    penaltyTypes: ['FINE'],
    fineAmount: '1000.00',
    severity: 'GENERAL',
  });
  const disputed = penalty('1', todayIso());
  const repairable = penalty('2', todayIso(new Date(Date.now() - 130 * 86_400_000)));
  await submitPenalty(system, 'console-rights-1', disputed);
  await submitPenalty(system, 'console-rights-2', repairable);
  const pdf = { name: '缴款凭证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') };
  const row = (page: Page, decisionNo: string) => page.locator(`tr[data-record="${decisionNo}"]`);
  // what the public sees of the enterprise, read whole: its public credit report
  const publicReport = async () => {
    const res = await fetch(`${ORIGIN}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/pdf' }, body: JSON.stringify({ uscc: own }) });
    expect(res.status).toBe(201);
    return pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s/g, '');
  };

  // the enterprise objects, with evidence
  const enterprise = await newPage();
  await signIn(enterprise.page, 'ent-debo');
  await enterprise.page.getByRole('link', { name: '我的信用' }).click();
  await row(enterprise.page, disputed.decisionNo).waitFor();
  await expectAccessible(enterprise.page);
  await row(enterprise.page, disputed.decisionNo).getByRole('button', { name: '提出异议' }).click();
  const objection = enterprise.page.getByTestId('objection-form');
  await objection.getByLabel('异议理由').fill('罚款金额有误');
  await objection.getByLabel('证明材料（PDF、JPEG 或 PNG，至多 5 个）').setInputFiles(pdf);
  await expectAccessible(enterprise.page);
  await objection.getByRole('button', { name: '提交' }).click();
  await row(enterprise.page, disputed.decisionNo)
    .getByText(/异议处理中/)
    .waitFor();

  // the deciding unit sees it in its queue, with the grounds and the file, and decides
  const unit = await newPage();
  await signIn(unit.page, 'aic-city');
  await unit.page.getByRole('link', { name: '异议与修复' }).click();
  const queued = unit.page.getByTestId('objection-queue').locator('tr').filter({ hasText: '罚款金额有误' });
  await queued.waitFor();
  expect(await queued.textContent()).toContain('缴款凭证.pdf');
  await expectAccessible(unit.page);
  await queued.getByRole('button', { name: '核实无误' }).click();
  await unit.page.getByTestId('decision-form').getByLabel('理由').fill('经核实，罚款金额无误');
  await unit.page.getByTestId('decision-form').getByRole('button', { name: '提交' }).click();
  await queued.getByText(/CONFIRMED/).waitFor();

  // the enterprise sees the decision and its reasons
  await enterprise.page.reload();
  await row(enterprise.page, disputed.decisionNo).getByText('异议已处理：核实无误').waitFor();
  expect(await row(enterprise.page, disputed.decisionNo).textContent()).toContain('经核实，罚款金额无误');

  // a repair application with proof and a commitment; the record is public until it is approved
  expect(await publicReport()).toContain(repairable.decisionNo);
  await row(enterprise.page, repairable.decisionNo).getByRole('button', { name: '申请信用修复' }).click();
  const application = enterprise.page.getByTestId('repair-form');
  await application.getByLabel('已采取的纠正措施').fill('已补报年度报告并缴清罚款');
  await application.getByLabel('信用承诺书').fill('本企业承诺今后按时公示年度报告');
  await application.getByLabel('证明材料（PDF、JPEG 或 PNG，至多 5 个）').setInputFiles(pdf);
  await application.getByRole('button', { name: '提交' }).click();
  await row(enterprise.page, repairable.decisionNo)
    .getByText(/修复申请审核中/)
    .waitFor();

  await unit.page.reload();
  const applied = unit.page.getByTestId('repair-queue').locator('tr').filter({ hasText: '已补报年度报告并缴清罚款' });
  await applied.getByRole('button', { name: '同意修复' }).click();
  await unit.page.getByTestId('decision-form').getByLabel('理由').fill('材料齐全，同意修复');
  await unit.page.getByTestId('decision-form').getByRole('button', { name: '提交' }).click();
  await applied.getByText(/APPROVED/).waitFor();

  await enterprise.page.reload();
  await row(enterprise.page, repairable.decisionNo).getByText(`已修复（${todayIso()}）`).waitFor();
  expect(await enterprise.page.getByTestId('my-commitments').textContent()).toContain('本企业承诺今后按时公示年度报告');
  expect(await publicReport()).not.toContain(repairable.decisionNo);
  await expectAccessible(enterprise.page);
  expect(enterprise.cspViolations).toEqual([]);
  expect(unit.cspViolations).toEqual([]);
  await enterprise.context.close();
  await unit.context.close();
});

test('a member agency runs a credit check of its scenario, states its purpose, and reads verdicts with their legal basis', async () => {
  const { context, page, cspViolations } = await newPage();
  await signIn(page, 'aic-city');
  await page.getByRole('link', { name: '联合奖惩核查' }).click();
  const dialog = page.getByRole('dialog', { name: '查询事由' });
  await dialog.waitFor();
  await dialog.getByLabel('日常监管 routine supervision').check();
  await dialog.getByRole('button', { name: '选择' }).click();
  await page.getByLabel('应用场景').selectOption('HONOURS');
  const codes = Array.from({ length: 40 }, (_, i) => system.enterprise(i).directory.uscc);
  await page.getByLabel('统一社会信用代码（每行一个，最多 1000 个）').fill(codes.join('\n'));
  await expectAccessible(page);
  await page.getByRole('button', { name: '核查', exact: true }).click();
  await page.getByTestId('credit-check-results').waitFor();
  expect(await page.getByTestId('credit-check-results').locator('tbody tr').count()).toBe(40);
  expect(await page.getByTestId('credit-check-id').textContent()).toMatch(/^核查记录 chk_[0-9a-f-]+ 已留存/);
  const verdicts = await page.getByTestId('credit-check-results').locator('td[data-verdict]').allTextContents();
  expect(verdicts.every((v) => ['禁止', '限制', '重点审查', '无限制'].includes(v))).toBe(true);
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载 CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^credit-check-HONOURS-\d{4}-\d\d-\d\d\.csv$/);
  expect(cspViolations).toEqual([]);
  await context.close();
});

test('the README screenshots: search, profile as member and as public side by side, bidder check', async () => {
  for (const name of ['search', 'profile-public', 'profile-member', 'bidder-check']) expect(screenshots[name]).toBeDefined();
  mkdirSync(DOCS, { recursive: true });
  writeFileSync(path.join(DOCS, 'console-search.png'), screenshots['search'] as Buffer);
  writeFileSync(path.join(DOCS, 'console-bidder-check.png'), screenshots['bidder-check'] as Buffer);
  const page = await browser.newPage({ viewport: { width: 2560, height: 940 } });
  const img = (b: Buffer | undefined, caption: string) => `<figure><figcaption>${caption}</figcaption><img src="data:image/png;base64,${(b as Buffer).toString('base64')}"></figure>`;
  await page.setContent(
    `<html><body style="margin:0;display:flex;font:16px sans-serif">${img(screenshots['profile-member'], '成员单位（渝中区市场监管，日常监管）')}${img(screenshots['profile-public'], '公众（未登录）')}</body></html>`,
  );
  writeFileSync(path.join(DOCS, 'console-profile-member-public.png'), await page.screenshot({ fullPage: true }));
  await page.close();
});

// last: it takes the adverse subgraph down for the rest of the file
test('a profile whose adverse part cannot be read says so in each of its sections, never 无记录', async () => {
  await system.subgraphs.adverse.running.stop();
  const { context, page } = await newPage();
  await page.goto(`${ORIGIN}/enterprise/${yuzhong.directory.uscc}`);
  await page.locator('[data-indicator="ID01"] dd[data-attribute="name"]').waitFor();
  // what was read is shown
  expect(await page.locator('[data-indicator="ID01"] dd[data-attribute="name"]').textContent()).toBe(yuzhong.directory.name);
  const adverse = await page.locator('section[data-indicator^="AD"]').all();
  expect(adverse).toHaveLength(INDICATORS.filter((i) => i.category === 'ADVERSE').length);
  for (const section of adverse) {
    expect(await section.locator('[data-unavailable="true"]').count()).toBe(1);
    expect(await section.textContent()).toContain('暂时无法读取');
    expect(await section.textContent()).not.toContain('无记录');
  }
  await expectAccessible(page);
  await context.close();
});
