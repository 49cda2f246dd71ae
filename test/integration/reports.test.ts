// Printed credit reports: each version as the role that gets it, read back with pdftotext and
// rendered with pdftoppm; verification of a genuine report, and refusal of tampered, forged,
// foreign and re-signed ones, each with its reason.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReportSigner, type Attestation } from '../../reports/signing';
import { usccOf } from '../../scripts/demo-data/generate';
import { ENUM_LABELS } from '../../schema/catalogue/enum-labels';
import { pdfText } from './pdf-text';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';
import { RUN_DIR_VARIABLE } from './run-record';

let system: TestSystem;
let base: string;
const work = mkdtempSync(path.join(tmpdir(), 'credit-reports-'));

beforeAll(async () => {
  system = await startTestSystem(20);
  base = system.gateway.url.replace(/\/graphql$/, '');
});
afterAll(() => system?.stop());

interface Issued {
  number: string;
  version: string;
  sha256: string;
  downloadUrl: string;
  verifyUrl: string;
  attestation: Attestation;
}

async function issue(body: Record<string, unknown>, token?: string, purpose?: string): Promise<{ status: number; json: Issued & { errors?: { message: string; extensions: { code: string } }[] } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (purpose) headers['x-query-purpose'] = purpose;
  const res = await fetch(`${base}/reports`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Issued & { errors?: { message: string; extensions: { code: string } }[] } };
}

async function download(issued: Issued, token?: string): Promise<Buffer> {
  const res = await fetch(`${base}${issued.downloadUrl}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await res.arrayBuffer());
}

/** Page 1 as PNG: poppler renders it only when the PDF is well-formed. */
function firstPagePng(pdf: Buffer, name: string): Buffer {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', file, path.join(work, name)]);
  return readFileSync(path.join(work, `${name}.png`));
}

async function verify(
  number: string,
  body: Buffer | Record<string, unknown>,
): Promise<{
  status: number;
  json: { genuine?: boolean; reason?: string; report?: Record<string, unknown>; newerRecords?: boolean; attestation?: Attestation; errors?: { extensions: { code: string } }[] };
}> {
  const pdf = Buffer.isBuffer(body);
  const res = await fetch(`${base}/reports/verify?number=${encodeURIComponent(number)}`, {
    method: 'POST',
    headers: { 'content-type': pdf ? 'application/pdf' : 'application/json' },
    body: pdf ? new Uint8Array(body) : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

const sha256 = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

describe('a district officer prints a report and a bidding platform verifies it', () => {
  let issued: Issued;
  let pdf: Buffer;
  let officer: string;

  beforeAll(async () => {
    officer = await userToken('aic-yuzhong');
    // queries the report's query record lists
    const u = system.enterprise(0).directory.uscc;
    await system.query('query { enterprise(uscc: "' + u + '") { name } }', {}, await serviceToken('svc-tax'), { purpose: 'SUPERVISION' });
    await system.query('query { enterprise(uscc: "' + u + '") { name } }', {}, await serviceToken('svc-court'), { purpose: 'LAW_ENFORCEMENT' });
    // not member queries, so not in the record: the public, a clerk without the member role, verifications
    await system.query('query { enterprise(uscc: "' + u + '") { name } }');
    await system.query('query { enterprise(uscc: "' + u + '") { name } }', {}, await userToken('aic-clerk'), { purpose: 'SUPERVISION' });
    const res = await issue({ uscc: system.enterprise(0).directory.uscc }, officer, 'SUPERVISION');
    expect(res.status).toBe(201);
    issued = res.json;
    pdf = await download(issued, officer);
  });

  it('is the member version, numbered with the district, showing the purpose, member data and the query record', () => {
    const e = system.enterprise(0).directory;
    expect(issued.number).toMatch(/^R\d{14}-500103-[A-Z2-7]{4}$/);
    expect(issued.version).toBe('MEMBER');
    expect(sha256(pdf)).toBe(issued.sha256);
    const text = pdfText(pdf);
    for (const expected of [
      '企业信用报告',
      '会员版',
      issued.number,
      e.uscc,
      e.name,
      '日常监管',
      '基础身份信息',
      '不良行为信息',
      '优良信誉信息',
      '经济指标信息',
      '查询记录（近 12 个月）',
      '税务登记信息'.slice(0, 2),
    ])
      expect(text).toContain(expected);
    // enumerated values read as words, never as the API's codes
    const registration = system.enterprise(0).records.identity.find((r) => r.ind === 'ID01')?.data ?? {};
    const type = String(registration['enterpriseType']);
    expect(text).toContain(`企业类型：${ENUM_LABELS['EnterpriseType']?.[type]?.zh ?? '?'}`);
    expect(text).not.toMatch(/\b(STATE_OWNED|LIMITED_LIABILITY|JOINT_STOCK|RESIDENT_ID|NATURAL_PERSON|GENERAL_MANAGER|ACTIVE|FILED|UNPERFORMED)\b/);
    // every indicator's section is there, in the catalogue's order
    const positions = ['登记信息', '行政处罚', '纳税信用等级', '资产总额'].map((name) => text.indexOf(name));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > (positions[i - 1] ?? 0)))).toBe(true);
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    const record = text.slice(text.indexOf('查询记录（近 12 个月）'));
    expect(record).toMatch(/税务局.*事由：日常监管\s*次数：1/);
    expect(record).toMatch(/人民法院.*事由：行政执法\s*次数：1/);
    // not counted: the clerk's query (no member role), the public's, and the report's own query
    expect(record).not.toMatch(/市场监督管理局|事由：—|次数：2/);
  });

  it('renders as a well-formed A4 document', () => {
    const png = firstPagePng(pdf, 'member');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // A4 (210 × 297 mm) at 90 dpi: about 744 × 1053 pixels
    expect(Math.abs(png.readUInt32BE(16) - 744)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.readUInt32BE(20) - 1053)).toBeLessThanOrEqual(1);
    // kept with the run's records: the README's picture of page 1 comes from here
    if (process.env[RUN_DIR_VARIABLE]) writeFileSync(path.join(process.env[RUN_DIR_VARIABLE], 'report-page-1.png'), png);
  });

  it('is genuine to anyone who holds it, without signing in, with what its public version shows', async () => {
    const res = await verify(issued.number, pdf);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      genuine: true,
      report: { number: issued.number, version: 'MEMBER', uscc: system.enterprise(0).directory.uscc, name: system.enterprise(0).directory.name, issuer: { region: '500103' } },
      newerRecords: false,
    });
    const byHash = await verify(issued.number, { sha256: issued.sha256, attestation: issued.attestation });
    expect(byHash.json.genuine).toBe(true);
    // the statement checks offline against the published key
    const keys = (await (await fetch(`${base}/reports/keys`)).json()) as { keys: { kid: string; x: string }[] };
    expect(keys.keys.map((k) => k.kid)).toContain(issued.attestation.kid);
  });

  it('refuses a changed byte, a forged number, another report and another key, each with its reason', async () => {
    const changed = Buffer.from(pdf);
    changed[Math.floor(changed.length / 2)] = (changed[Math.floor(changed.length / 2)] ?? 0) ^ 0x01;
    expect((await verify(issued.number, changed)).json).toMatchObject({ genuine: false, reason: expect.stringMatching(/SHA-256 differs/) });

    const forged = issued.number.replace(/[A-Z2-7]{4}$/, (tail) => (tail === 'AAAA' ? 'BBBB' : 'AAAA'));
    expect((await verify(forged, pdf)).json).toMatchObject({ genuine: false, reason: expect.stringMatching(new RegExp(`no report numbered ${forged}.*this document is report ${issued.number}`)) });

    const other = (await issue({ uscc: system.enterprise(1).directory.uscc }, officer, 'SUPERVISION')).json;
    expect((await verify(other.number, pdf)).json).toMatchObject({ genuine: false, reason: `this document is report ${issued.number}, not ${other.number}` });

    const foreign = ReportSigner.generate().attest(issued.attestation.facts);
    expect((await verify(issued.number, { sha256: issued.sha256, attestation: foreign })).json).toMatchObject({ genuine: false, reason: expect.stringMatching(/does not publish/) });
    const underOurKid = { ...foreign, kid: issued.attestation.kid };
    expect((await verify(issued.number, { sha256: issued.sha256, attestation: underOurKid })).json).toMatchObject({ genuine: false, reason: expect.stringMatching(/does not match its signature/) });
  });

  it('records the issue and every verification in the audit trail with the report number', async () => {
    await system.gateway.flushAudit();
    const issuedEvents = await system.audit.find({ operationName: 'report.issue', limit: 50 });
    expect(issuedEvents.find((e) => e.report?.number === issued.number)).toMatchObject({ agency: 'aic', region: '500103', purpose: 'SUPERVISION', enterprises: [system.enterprise(0).directory.uscc] });
    const verified = await system.audit.find({ operationName: 'report.verify', limit: 50 });
    expect(verified.filter((e) => e.report?.number === issued.number).map((e) => e.report?.genuine)).toEqual(expect.arrayContaining([true, false]));
  });
});

describe('other versions', () => {
  it('anonymous callers get the public version, in the answer only: member sections and the query record are said to be not shown', async () => {
    const res = await issue({ uscc: system.enterprise(2).directory.uscc });
    expect(res.status).toBe(201);
    expect(res.json.version).toBe('PUBLIC');
    // not kept: anyone may ask for one, so the register holds its hash and statement, not the document
    expect(res.json.downloadUrl).toBeNull();
    expect((await fetch(`${base}/reports/${res.json.number}.pdf`)).status).toBe(404);
    const asPdf = await fetch(`${base}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf' },
      body: JSON.stringify({ uscc: system.enterprise(2).directory.uscc }),
    });
    expect(asPdf.status).toBe(201);
    const number = asPdf.headers.get('x-report-number') ?? '';
    const pdf = Buffer.from(await asPdf.arrayBuffer());
    expect((await verify(number, pdf)).json.genuine).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('公开版');
    expect(text).toContain(system.enterprise(2).directory.name);
    const taxRegistration = text.slice(text.indexOf('ID08'));
    expect(taxRegistration.slice(0, 200)).toContain('〔本版本不显示〕');
    expect(text).toContain('查询记录只在会员版和完整版中显示');
    expect(text).not.toContain('查询事由');
  });

  it('the credit administration gets the full version', async () => {
    const res = await issue({ uscc: system.enterprise(3).directory.uscc }, await userToken('credit-admin'), 'DATA_QUALITY');
    expect(res.status).toBe(201);
    expect(res.json.version).toBe('FULL');
    expect(pdfText(await download(res.json, await userToken('credit-admin')))).toContain('完整版');
  });

  it('shows a member of another agency what the query surface shows it: the RESTRICTED ID number masked', async () => {
    const tax = await serviceToken('svc-tax');
    const e = system.enterprise(0);
    const asked = await system.query<{ enterprise: { legalRepresentative: { idNumber: string } } }>(
      'query($u: ID!) { enterprise(uscc: $u) { legalRepresentative { idNumber } } }',
      { u: e.directory.uscc },
      tax,
    );
    const masked = asked.data?.enterprise.legalRepresentative.idNumber ?? '';
    const idNumber = String(e.records.identity.find((r) => r.ind === 'ID02')?.data['idNumber']);
    expect(masked).not.toBe(idNumber);
    const res = await issue({ uscc: e.directory.uscc }, tax, 'SUPERVISION');
    const text = pdfText(await download(res.json, tax)).replace(/\s/g, '');
    expect(text).toContain(masked);
    expect(text).not.toContain(idNumber);
  });

  it('a member report is downloadable by its requester only', async () => {
    const tax = await serviceToken('svc-tax');
    const res = await issue({ uscc: system.enterprise(4).directory.uscc }, tax, 'SUPERVISION');
    const other = await fetch(`${base}${res.json.downloadUrl}`, { headers: { authorization: `Bearer ${await serviceToken('svc-court')}` } });
    expect(other.status).toBe(404);
    expect((await fetch(`${base}${res.json.downloadUrl}`)).status).toBe(404);
  });
});

describe('the GraphQL mutation', () => {
  it('issues the same report and answers its number and download URL; anonymous callers use POST /reports', async () => {
    const tax = await serviceToken('svc-tax');
    const mutation = 'mutation($u: ID) { issueCreditReport(uscc: $u) { number version sha256 downloadUrl verifyUrl } }';
    const res = await system.query<{ issueCreditReport: Issued }>(mutation, { u: system.enterprise(6).directory.uscc }, tax);
    expect(res.errors).toBeUndefined();
    const receipt = res.data?.issueCreditReport;
    expect(receipt).toMatchObject({ number: expect.stringMatching(/^R\d{14}-500000-/), version: 'MEMBER', downloadUrl: `/reports/${receipt?.number ?? ''}.pdf` });
    const pdf = await download(receipt as Issued, tax);
    expect(sha256(pdf)).toBe(receipt?.sha256);
    expect(pdfText(pdf)).toContain(system.enterprise(6).directory.name);
    const anonymous = await system.query(mutation, { u: system.enterprise(6).directory.uscc });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const invalid = await system.query(mutation, { u: 'NOT-A-CODE' }, tax);
    expect(invalid.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    // a well-formed code no enterprise is registered under is named, not an internal error
    const nobody = usccOf('500103', 99_000_000);
    const unknown = await system.query(mutation, { u: nobody }, tax);
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: `no enterprise is registered under ${nobody}` });
  });
});

describe('bad input', () => {
  it('names what is wrong', async () => {
    const tax = await serviceToken('svc-tax');
    const invalid = await issue({ uscc: 'NOT-A-CODE' }, tax, 'SUPERVISION');
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await issue({ uscc: system.enterprise(0).directory.uscc, registrationNo: '500103000000001' }, tax, 'SUPERVISION')).status).toBe(400);
    const noPurpose = await issue({ uscc: system.enterprise(0).directory.uscc }, tax);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.json.errors?.[0]?.message).toMatch(/x-query-purpose/);
    const badNumber = await verify('R123', { sha256: 'a'.repeat(64) });
    expect(badNumber.status).toBe(400);
    expect(badNumber.json.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await verify('R20261126160000-500103-AAAA', { sha256: 'not-a-hash' })).status).toBe(400);
  });
});

describe('a long record', () => {
  it('prints every one of 1,050 records of one indicator, across pages', async () => {
    const tax = await serviceToken('svc-tax');
    const uscc = system.enterprise(5).directory.uscc;
    const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (let start = 0; start < 1050; start += 350) {
      const records = Array.from({ length: 350 }, (_, k) => ({ uscc, announcedOn: day(start + k), taxType: '印花税', arrearsAmount: '1.00' }));
      const res = await system.query<{ submitAdverseRecords: { accepted: number } }>(
        'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD04", records: $r) { accepted } }',
        { b: `long-${start}`, r: records },
        tax,
      );
      expect(res.data?.submitAdverseRecords.accepted).toBe(350);
    }
    const res = await issue({ uscc }, tax, 'SUPERVISION');
    expect(res.status).toBe(201);
    const text = pdfText(await download(res.json, tax));
    const arrears = system.enterprise(5).records.adverse.filter((r) => r.ind === 'AD04').length + 1050;
    expect(text).toContain(`共 ${arrears} 条`);
    expect(text).toContain(day(0));
    expect(text).toContain(day(1049));
  }, 120_000);
});
