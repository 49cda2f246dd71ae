// Member agencies submit records through the gateway: validated by the catalogue, authorized by
// token (role, agency, region), idempotent by batch id, upserted by natural key with history,
// and every rejected record quarantined with its reasons.
import { residentIdCheckChar, usccCheckChar } from '../../schema/identifiers';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';
import { daysBefore, endOfDay, startOfDay, todayIso } from '../../schema/today';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(60);
});
afterAll(() => system?.stop());

const SUBMIT = (mutation: string) => `mutation($b: ID!, $i: String!, $r: [JSON!]!) {
  ${mutation}(batchId: $b, indicator: $i, records: $r) {
    batchId indicator received accepted rejected acceptedIds rejections { index rule field message }
  }
}`;

interface Report {
  batchId: string;
  indicator: string;
  received: number;
  accepted: number;
  rejected: number;
  acceptedIds: string[];
  rejections: { index: number; rule: string; field: string | null; message: string }[];
}

const firstIn = (region: string | ((r: string) => boolean)) => {
  for (let i = 0; i < system.demo.size; i++) {
    const d = system.enterprise(i).directory;
    if (typeof region === 'string' ? d.region === region : region(d.region)) return d;
  }
  throw new Error('no demo enterprise in region');
};

const arrears = (uscc: string, extra: Record<string, unknown> = {}) => ({ uscc, announcedOn: '2026-03-01', taxType: '增值税', arrearsAmount: '12345.60', ...extra });

async function submit(mutation: string, token: string | undefined, batchId: string, indicator: string, records: unknown[]) {
  return system.query<Record<string, Report>>(SUBMIT(mutation), { b: batchId, i: indicator, r: records }, token);
}

const adverse = () => system.subgraphs.adverse.storage;

describe('a city-level tax bureau submitting tax arrears (AD04)', () => {
  it('stores valid records and rejects each invalid one with the rule it broke', async () => {
    const tax = await serviceToken('svc-tax');
    const a = system.enterprise(0).directory.uscc;
    const b = system.enterprise(1).directory.uscc;
    const unknownPrefix = '91500103MA5U0000X';
    const records = [
      arrears(a),
      arrears(b, { taxType: '企业所得税' }),
      { uscc: a, announcedOn: '2026-03-01', arrearsAmount: '1.00' },
      arrears(a, { taxType: '印花税', arrearsAmount: 12.5 }),
      arrears(a, { taxType: '房产税', announcedOn: '2099-01-01' }),
      arrears(unknownPrefix + usccCheckChar(unknownPrefix)),
      arrears(a, { taxType: '土地税', colour: 'red' }),
      'not an object',
      arrears(a, { taxType: '车船税', clearedOn: '2026-01-01' }),
    ];
    const res = await submit('submitAdverseRecords', tax, 'tax-2026-03-A', 'AD04', records);
    expect(res.errors).toBeUndefined();
    const report = res.data?.['submitAdverseRecords'];
    expect(report).toMatchObject({ batchId: 'tax-2026-03-A', indicator: 'AD04', received: 9, accepted: 2, rejected: 7 });
    const byIndex = new Map(report?.rejections.map((r) => [r.index, r]));
    expect(byIndex.get(2)).toMatchObject({ rule: 'C01', field: 'taxType' });
    expect(byIndex.get(3)).toMatchObject({ rule: 'V05', field: 'arrearsAmount' });
    expect(byIndex.get(4)).toMatchObject({ rule: 'R01', field: 'announcedOn' });
    expect(byIndex.get(5)).toMatchObject({ rule: 'F01', field: 'uscc' });
    expect(byIndex.get(6)).toMatchObject({ rule: 'V06', field: 'colour' });
    expect(byIndex.get(7)).toMatchObject({ rule: 'V07' });
    expect(byIndex.get(8)).toMatchObject({ rule: 'R02', field: 'clearedOn' });
    for (const r of report?.rejections ?? []) expect(r.message.length).toBeGreaterThan(10);

    // accepted records are served with the agency and region from the token, never the payload
    const view = await system.query<{ enterprise: { taxArrears: { id: string; agency: string; agencyRegion: string; taxType: string; active: boolean }[] } }>(
      'query($u: ID!) { enterprise(uscc: $u) { taxArrears { id agency agencyRegion taxType active } } }',
      { u: b },
      tax,
    );
    expect(view.data?.enterprise.taxArrears).toEqual(expect.arrayContaining([{ id: report?.acceptedIds[1], agency: 'tax', agencyRegion: '500000', taxType: '企业所得税', active: true }]));
    // nothing lost: every rejected record is in quarantine with its reasons
    const quarantined = await adverse().submissions.quarantined('tax:500000:tax-2026-03-A');
    expect(quarantined.map((q) => q.index)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(quarantined[0]?.reasons[0]?.rule).toBe('C01');
    expect(JSON.parse(String(quarantined[5]?.record))).toBe('not an object');
  });

  it('returns the stored report for a re-sent batch and changes nothing', async () => {
    const tax = await serviceToken('svc-tax');
    const a = system.enterprise(2).directory.uscc;
    const first = await submit('submitAdverseRecords', tax, 'tax-resend-1', 'AD04', [arrears(a)]);
    const before = (await system.stored('adverse', 'AD04', [a])).length;
    const again = await submit('submitAdverseRecords', tax, 'tax-resend-1', 'AD04', [arrears(a)]);
    expect(again.data?.['submitAdverseRecords']).toEqual(first.data?.['submitAdverseRecords']);
    const changed = await submit('submitAdverseRecords', tax, 'tax-resend-1', 'AD04', [arrears(a, { arrearsAmount: '99999.00' }), arrears(a, { taxType: '其他' })]);
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'batchId' });
    expect(await system.stored('adverse', 'AD04', [a])).toHaveLength(before);
    const otherIndicator = await submit('submitAdverseRecords', tax, 'tax-resend-1', 'AD05', [{ uscc: a }]);
    expect(otherIndicator.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('updates a record submitted again under the same natural key, keeping the previous version', async () => {
    const tax = await serviceToken('svc-tax');
    const a = system.enterprise(3).directory.uscc;
    const first = await submit('submitAdverseRecords', tax, 'tax-nk-1', 'AD04', [arrears(a)]);
    const id = first.data?.['submitAdverseRecords']?.acceptedIds[0];
    const second = await submit('submitAdverseRecords', tax, 'tax-nk-2', 'AD04', [arrears(a, { arrearsAmount: '500.00', clearedOn: '2026-04-01' })]);
    expect(second.data?.['submitAdverseRecords']?.acceptedIds).toEqual([id]);
    expect((await system.stored('adverse', 'AD04', [a])).filter((r) => r.data['announcedOn'] === '2026-03-01' && r.data['taxType'] === '增值税')).toHaveLength(1);
    const [stored] = await adverse().records.findByIds([id ?? '']);
    expect(stored?.data).toMatchObject({ arrearsAmount: '500.00', clearedOn: '2026-04-01' });
    const history = await adverse().submissions.historyOf(id ?? '');
    expect(history).toHaveLength(1);
    expect(history[0]?.previous.data['arrearsAmount']).toBe('12345.60');
  });
});

describe('who may submit what', () => {
  it('refuses an agency that is not a source of the indicator, a caller without the submitter role and an anonymous one', async () => {
    const a = system.enterprise(4).directory.uscc;
    const court = await submit('submitAdverseRecords', await serviceToken('svc-court'), 'court-1', 'AD04', [arrears(a)]);
    expect(court.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(court.errors?.[0]?.message).toMatch(/agency court is not a source of AD04; its sources are tax/);
    const bidding = await submit('submitAdverseRecords', await serviceToken('svc-bidding-platform'), 'bid-1', 'AD04', [arrears(a)]);
    expect(bidding.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const anonymous = await submit('submitAdverseRecords', undefined, 'anon-1', 'AD04', [arrears(a)]);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await system.stored('adverse', 'AD04', [a])).toHaveLength(system.enterprise(4).records.adverse.filter((r) => r.ind === 'AD04').length);
  });

  it('lets a district-level unit submit for enterprises of its district only, storing nothing otherwise', async () => {
    const district = await serviceToken('svc-aic-yuzhong');
    const inside = firstIn('500103');
    const outside = firstIn((r) => r !== '500103');
    const penalty = (uscc: string, decisionNo: string) => ({
      uscc,
      decisionNo,
      decidedOn: '2026-05-01',
      authority: '渝中区市场监督管理局',
      violation: '虚假宣传',
      penaltyTypes: ['FINE'],
      fineAmount: '5000.00',
      severity: 'GENERAL',
    });
    const mixed = await submit('submitAdverseRecords', district, 'yz-1', 'AD01', [penalty(inside.uscc, '渝中市监罚〔2026〕1号'), penalty(outside.uscc, '渝中市监罚〔2026〕2号')]);
    expect(mixed.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(mixed.errors?.[0]?.message).toMatch(/outside your region 500103; nothing was stored/);
    const penalties = () => system.stored('adverse', 'AD01', [inside.uscc, outside.uscc]).then((rs) => rs.filter((r) => r.data['decisionNo'] === '渝中市监罚〔2026〕1号'));
    expect(await penalties()).toHaveLength(0);
    const own = await submit('submitAdverseRecords', district, 'yz-2', 'AD01', [penalty(inside.uscc, '渝中市监罚〔2026〕1号')]);
    expect(own.data?.['submitAdverseRecords']).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await penalties()).toEqual([expect.objectContaining({ agency: 'aic', agencyRegion: '500103', uscc: inside.uscc })]);
  });
});

describe("owners' equity against assets minus liabilities (R05)", () => {
  it('accepts a balance figure that does not add up, with the warning kept on the record', async () => {
    const aic = await serviceToken('svc-aic-city');
    const mutation = `mutation($b: ID!, $r: [JSON!]!) { submitEconomicRecords(batchId: $b, indicator: "EC03", records: $r) {
      accepted rejected acceptedIds warnings { index rule field message } } }`;
    // enterprises whose balance figures the city unit submitted, so it may correct them
    const cityKept = Array.from({ length: system.demo.size }, (_, i) => system.enterprise(i)).filter((e) => e.records.economic.some((r) => r.ind === 'EC03' && r.agencyRegion === '500000'));
    const [consistent, wrong] = cityKept as [(typeof cityKept)[number], (typeof cityKept)[number]];
    const figure = (e: typeof consistent, code: string) => String(e.records.economic.find((r) => r.ind === code && r.data['year'] === 2025)?.data['amount']);
    const res = await system.query<{
      submitEconomicRecords: { accepted: number; rejected: number; acceptedIds: string[]; warnings: { index: number; rule: string; field: string; message: string }[] };
    }>(
      mutation,
      {
        b: 'aic-equity-1',
        r: [
          { uscc: consistent.directory.uscc, year: 2025, amount: figure(consistent, 'EC03') },
          { uscc: wrong.directory.uscc, year: 2025, amount: '1.00' },
        ],
      },
      aic,
    );
    expect(res.errors).toBeUndefined();
    const report = res.data?.submitEconomicRecords;
    expect(report).toMatchObject({ accepted: 2, rejected: 0 });
    expect(report?.warnings).toEqual([expect.objectContaining({ index: 1, rule: 'R05', field: 'amount' })]);
    expect(report?.warnings[0]?.message).toContain(figure(wrong, 'EC01'));
    const [stored] = await system.subgraphs.economic.storage.records.findByIds([report?.acceptedIds[1] ?? '']);
    expect(stored?.warnings).toEqual([expect.objectContaining({ rule: 'R05' })]);
    const [clean] = await system.subgraphs.economic.storage.records.findByIds([report?.acceptedIds[0] ?? '']);
    expect(clean).toBeDefined();
    expect(clean?.warnings).toBeUndefined();
  });
});

describe('records belong to the unit that submitted them', () => {
  const penalty = (uscc: string, decisionNo: string, fineAmount = '5000.00') => ({
    uscc,
    decisionNo,
    decidedOn: '2026-05-01',
    authority: '重庆市市场监督管理局',
    violation: '虚假宣传',
    penaltyTypes: ['FINE'],
    fineAmount,
    severity: 'GENERAL',
  });
  const WITHDRAW = 'mutation($id: ID!, $why: String!) { withdrawAdverseRecord(recordId: $id, reason: $why) { recordId change } }';

  it('refuses a district unit re-registering (ID01) an enterprise of another district, and changes nothing', async () => {
    const district = await serviceToken('svc-aic-yuzhong');
    const outside = system.enterprise(system.demo.size - 1).directory.region === '500103' ? firstIn((r) => r !== '500103') : system.enterprise(system.demo.size - 1).directory;
    const reg = {
      uscc: outside.uscc,
      name: '被改名的企业有限公司',
      enterpriseType: 'LIMITED_LIABILITY',
      address: '重庆市渝中区解放碑1号',
      region: '500103',
      establishedOn: '2020-01-01',
      registrationAuthority: '重庆市渝中区市场监督管理局',
    };
    const res = await submit('submitIdentityRecords', district, 'yz-reg-1', 'ID01', [reg]);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`${outside.uscc} is registered in ${outside.region}, outside your region 500103`));
    const now = await system.query<{ enterprise: { name: string; region: string } }>('query($u: ID!) { enterprise(uscc: $u) { name region } }', { u: outside.uscc });
    expect(now.data?.enterprise).toEqual({ name: outside.name, region: outside.region });
  });

  it("refuses another unit of the same agency correcting or withdrawing a unit's record", async () => {
    const city = await serviceToken('svc-aic-city');
    const district = await serviceToken('svc-aic-yuzhong');
    const inside = firstIn('500103');
    const first = await submit('submitAdverseRecords', city, 'city-own-1', 'AD01', [penalty(inside.uscc, '渝市监罚〔2026〕OWN-1号')]);
    const id = first.data?.['submitAdverseRecords']?.acceptedIds[0] ?? '';
    const takeover = await submit('submitAdverseRecords', district, 'yz-own-1', 'AD01', [penalty(inside.uscc, '渝市监罚〔2026〕OWN-1号', '1.00'), penalty(inside.uscc, '渝市监罚〔2026〕OWN-2号')]);
    expect(takeover.data?.['submitAdverseRecords']).toMatchObject({ received: 2, accepted: 1, rejected: 1, rejections: [expect.objectContaining({ index: 0, rule: 'A02' })] });
    expect(takeover.data?.['submitAdverseRecords']?.rejections[0]?.message).toMatch(/submitted by another unit \(aic, region 500000\)/);
    const [kept] = await adverse().records.findByIds([id]);
    expect(kept).toMatchObject({ agencyRegion: '500000', data: expect.objectContaining({ fineAmount: '5000.00' }) });
    expect(await adverse().submissions.quarantined('aic:500103:yz-own-1')).toEqual([expect.objectContaining({ index: 0 })]);
    const withdrawn = await system.query(WITHDRAW, { id, why: '区级单位试图撤回' }, district);
    expect(withdrawn.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(withdrawn.errors?.[0]?.message).toMatch(/only the submitting unit \(aic, region 500000\)/);
    // and the other way round: the city unit may not withdraw the district's record
    const districtId = takeover.data?.['submitAdverseRecords']?.acceptedIds[0] ?? '';
    expect((await system.query(WITHDRAW, { id: districtId, why: '市级单位试图撤回' }, city)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await adverse().records.findByIds([id, districtId])).toHaveLength(2);
  });

  it('scopes batch ids to the submitting unit, and refuses a batch id re-sent with other records', async () => {
    const city = await serviceToken('svc-aic-city');
    const district = await serviceToken('svc-aic-yuzhong');
    const inside = firstIn('500103');
    const mine = await submit('submitAdverseRecords', city, 'shared-batch', 'AD01', [penalty(inside.uscc, '渝市监罚〔2026〕B-1号')]);
    const theirs = await submit('submitAdverseRecords', district, 'shared-batch', 'AD01', [penalty(inside.uscc, '渝中市监罚〔2026〕B-2号')]);
    expect(theirs.data?.['submitAdverseRecords']).toMatchObject({ accepted: 1 });
    expect(theirs.data?.['submitAdverseRecords']?.acceptedIds).not.toEqual(mine.data?.['submitAdverseRecords']?.acceptedIds);
    const stored = await system.stored('adverse', 'AD01', [inside.uscc]);
    expect(stored.filter((r) => ['渝市监罚〔2026〕B-1号', '渝中市监罚〔2026〕B-2号'].includes(String(r.data['decisionNo'])))).toHaveLength(2);
    const same = await submit('submitAdverseRecords', city, 'shared-batch', 'AD01', [penalty(inside.uscc, '渝市监罚〔2026〕B-1号')]);
    expect(same.data).toEqual(mine.data);
    const other = await submit('submitAdverseRecords', city, 'shared-batch', 'AD01', [penalty(inside.uscc, '渝市监罚〔2026〕B-3号')]);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'batchId' });
    expect(other.errors?.[0]?.message).toMatch(/already used by your unit .* for different records/);
    expect((await system.stored('adverse', 'AD01', [inside.uscc])).some((r) => r.data['decisionNo'] === '渝市监罚〔2026〕B-3号')).toBe(false);
  });
});

describe('registration creates the enterprise', () => {
  it('accepts records for a newly registered enterprise, and links its legal representative by keyed hash', async () => {
    const aic = await serviceToken('svc-aic-city');
    const prefix = '91500108MA60000Q';
    const first17 = `${prefix}1`;
    const uscc = first17 + usccCheckChar(first17);
    const reg = {
      uscc,
      name: '重庆南岸新登记测试科技有限公司',
      enterpriseType: 'LIMITED_LIABILITY',
      address: '重庆市南岸区南坪路1号',
      region: '500108',
      establishedOn: '2026-05-20',
      registrationAuthority: '重庆市南岸区市场监督管理局',
    };
    const created = await submit('submitIdentityRecords', aic, 'aic-reg-1', 'ID01', [reg]);
    expect(created.data?.['submitIdentityRecords']).toMatchObject({ accepted: 1 });
    const id17 = '50010819800101123';
    const idNumber = id17 + residentIdCheckChar(id17);
    const rep = await submit('submitIdentityRecords', aic, 'aic-rep-1', 'ID02', [{ uscc, name: '测试人', idType: 'RESIDENT_ID', idNumber, since: '2026-05-20' }]);
    expect(rep.data?.['submitIdentityRecords']).toMatchObject({ accepted: 1 });
    const found = await system.query<{ enterprise: { name: string; legalRepresentative: { person: { representedEnterprises: { uscc: string }[] } } } }>(
      'query($u: ID!) { enterprise(uscc: $u) { name legalRepresentative { person { representedEnterprises { uscc } } } } }',
      { u: uscc },
      aic,
    );
    expect(found.data?.enterprise.name).toBe(reg.name);
    expect(found.data?.enterprise.legalRepresentative.person.representedEnterprises.map((e) => e.uscc)).toEqual([uscc]);
    const adverse = await submit('submitAdverseRecords', aic, 'aic-pen-new', 'AD02', [{ uscc, listedOn: '2026-06-01', reason: 'UNREACHABLE_AT_ADDRESS', listedBy: '重庆市市场监督管理局' }]);
    expect(adverse.data?.['submitAdverseRecords']).toMatchObject({ accepted: 1, rejected: 0 });
  });
});

describe('bulk NDJSON submission', () => {
  const post = async (token: string, indicator: string, batchId: string, body: string) => {
    const res = await fetch(system.gateway.url.replace(/\/graphql$/, `/submissions/${indicator}?batchId=${batchId}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        received: number;
        accepted: number;
        rejected: number;
        chunks: number;
        rejectionsByRule: Record<string, number>;
        rejections: { index: number; rule: string }[];
        errors?: { message: string }[];
      },
    };
  };

  it('streams a file in chunks, reports by line, and a re-send stores nothing twice', async () => {
    const tax = await serviceToken('svc-tax');
    const lines: string[] = [];
    for (let n = 0; n < 2600; n++) {
      const uscc = system.enterprise(n % system.demo.size).directory.uscc;
      if (n === 7) lines.push('{"uscc": "broken json');
      else if (n === 2150) lines.push(JSON.stringify(arrears(uscc, { taxType: `BULK-${n}`, arrearsAmount: '-5.00' })));
      else lines.push(JSON.stringify(arrears(uscc, { taxType: `BULK-${n}` })));
      if (n === 100) lines.push('');
    }
    const first = await post(tax, 'AD04', 'tax-bulk-1', lines.join('\n'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 2600, accepted: 2598, rejected: 2, chunks: 3, rejectionsByRule: { V07: 1, R04: 1 } });
    expect(first.body.rejections.map((r) => [r.index, r.rule]).sort()).toEqual(
      [
        [2150, 'R04'],
        [7, 'V07'],
      ].sort(),
    );
    const all = Array.from({ length: system.demo.size }, (_, i) => system.enterprise(i).directory.uscc);
    const count = async () => (await system.stored('adverse', 'AD04', all)).filter((r) => String(r.data['taxType']).startsWith('BULK-')).length;
    expect(await count()).toBe(2598);
    const again = await post(tax, 'AD04', 'tax-bulk-1', lines.join('\n'));
    expect(again.body).toMatchObject({ received: 2600, accepted: 2598, rejected: 2, chunks: 3 });
    expect(await count()).toBe(2598);
  });

  it('cuts a file into chunks by size as well as by count, so every chunk fits what a subgraph takes', async () => {
    const tax = await serviceToken('svc-tax');
    // 600 records of about 4 KB each (1,300 Chinese characters, 3 bytes each): 2.4 MB, more than a subgraph takes in one request
    const wide = '长'.repeat(1300);
    const lines = Array.from({ length: 600 }, (_, n) => JSON.stringify(arrears(system.enterprise(n % system.demo.size).directory.uscc, { taxType: `WIDE-${n}-${wide}` })));
    const res = await post(tax, 'AD04', 'tax-wide-1', lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 600, accepted: 600, rejected: 0 });
    expect(res.body.chunks).toBeGreaterThan(2);
  });

  it('refuses an agency that is not a source, with 403 and nothing stored', async () => {
    const court = await serviceToken('svc-court');
    const res = await post(court, 'AD04', 'court-bulk', JSON.stringify(arrears(system.enterprise(0).directory.uscc, { taxType: 'COURT-BULK' })));
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.message).toMatch(/not a source of AD04/);
    expect((await system.stored('adverse', 'AD04', [system.enterprise(0).directory.uscc])).filter((r) => r.data['taxType'] === 'COURT-BULK')).toHaveLength(0);
  });

  it('answers 400, 401 and 415 to a bad indicator, no token and a wrong content type', async () => {
    const tax = await serviceToken('svc-tax');
    expect((await post(tax, 'XX99', 'b', '{}')).status).toBe(400);
    const url = system.gateway.url.replace(/\/graphql$/, '/submissions/AD04?batchId=x');
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '{}' })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${tax}` }, body: '{}' })).status).toBe(415);
  });
});

describe('withdrawal and credit repair by the submitting agency', () => {
  const REPAIR = 'mutation($id: ID!, $on: Date!, $why: String!) { repairAdverseRecord(recordId: $id, repairedOn: $on, reason: $why) { recordId change repairedOn } }';
  const WITHDRAW = 'mutation($id: ID!, $why: String!) { withdrawAdverseRecord(recordId: $id, reason: $why) { recordId change } }';
  const penalty = (uscc: string, decisionNo: string, severity: string, decidedOn: string) => ({
    uscc,
    decisionNo,
    decidedOn,
    authority: '国家税务总局重庆市税务局',
    violation: '未按期申报',
    penaltyTypes: ['FINE'],
    fineAmount: '800.00',
    severity,
  });
  const todayCst = () => todayIso();
  const daysAgo = (n: number) => daysBefore(todayIso(), n);

  it('repairs a penalty once repairableAfter has passed: it leaves public display at once, members see the repair', async () => {
    const tax = await serviceToken('svc-tax');
    const uscc = system.enterprise(10).directory.uscc;
    const submitted = await submit('submitAdverseRecords', tax, 'tax-repair-1', 'AD01', [penalty(uscc, '渝税罚〔2026〕R-1号', 'GENERAL', daysAgo(120))]);
    const id = submitted.data?.['submitAdverseRecords']?.acceptedIds[0] ?? '';
    const PUBLIC_VIEW = 'query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { id repairedOn } } }';
    const before = await system.query<{ enterprise: { administrativePenalties: { id: string }[] } }>(PUBLIC_VIEW, { u: uscc });
    expect(before.data?.enterprise.administrativePenalties.map((p) => p.id)).toContain(id);

    const tooEarly = await system.query(REPAIR, { id, on: daysAgo(100), why: '已整改并缴清罚款' }, tax);
    expect(tooEarly.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(tooEarly.errors?.[0]?.message).toMatch(/can be repaired from \d{4}-\d{2}-\d{2} \(P3M after/);
    const otherAgency = await system.query(REPAIR, { id, on: todayCst(), why: '已整改并缴清罚款' }, await serviceToken('svc-aic-city'));
    expect(otherAgency.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const repaired = await system.query<{ repairAdverseRecord: { change: string; repairedOn: string } }>(REPAIR, { id, on: todayCst(), why: '已整改并缴清罚款' }, tax);
    expect(repaired.data?.repairAdverseRecord).toMatchObject({ change: 'REPAIRED', repairedOn: todayCst() });
    const after = await system.query<{ enterprise: { administrativePenalties: { id: string }[] } }>(PUBLIC_VIEW, { u: uscc });
    expect(after.data?.enterprise.administrativePenalties.map((p) => p.id)).not.toContain(id);
    const member = await system.query<{ enterprise: { administrativePenalties: { id: string; repairedOn: string | null }[] } }>(PUBLIC_VIEW, { u: uscc }, await serviceToken('svc-court'));
    expect(member.data?.enterprise.administrativePenalties.find((p) => p.id === id)?.repairedOn).toBe(todayCst());
  });

  it('keeps a credit repair when the record is corrected', async () => {
    const tax = await serviceToken('svc-tax');
    const uscc = system.enterprise(12).directory.uscc;
    const submitted = await submit('submitAdverseRecords', tax, 'tax-keep-repair-1', 'AD01', [penalty(uscc, '渝税罚〔2026〕K-1号', 'MINOR', daysAgo(10))]);
    const id = submitted.data?.['submitAdverseRecords']?.acceptedIds[0] ?? '';
    await system.query(REPAIR, { id, on: todayCst(), why: '已整改并缴清罚款' }, tax);
    const corrected = await submit('submitAdverseRecords', tax, 'tax-keep-repair-2', 'AD01', [{ ...penalty(uscc, '渝税罚〔2026〕K-1号', 'MINOR', daysAgo(10)), fineAmount: '600.00' }]);
    expect(corrected.data?.['submitAdverseRecords']).toMatchObject({ accepted: 1, acceptedIds: [id] });
    const [stored] = await adverse().records.findByIds([id]);
    expect(stored).toMatchObject({ repairedOn: todayCst(), data: expect.objectContaining({ fineAmount: '600.00' }) });
    const PUBLIC_VIEW = 'query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { id } } }';
    const shown = await system.query<{ enterprise: { administrativePenalties: { id: string }[] } }>(PUBLIC_VIEW, { u: uscc });
    expect(shown.data?.enterprise.administrativePenalties.map((p) => p.id)).not.toContain(id);
  });

  it('withdraws a record with its reason kept in history', async () => {
    const tax = await serviceToken('svc-tax');
    const uscc = system.enterprise(11).directory.uscc;
    const submitted = await submit('submitAdverseRecords', tax, 'tax-withdraw-1', 'AD01', [penalty(uscc, '渝税罚〔2026〕W-1号', 'MINOR', daysAgo(10))]);
    const id = submitted.data?.['submitAdverseRecords']?.acceptedIds[0] ?? '';
    const res = await system.query<{ withdrawAdverseRecord: { change: string } }>(WITHDRAW, { id, why: '决定书已被依法撤销' }, tax);
    expect(res.data?.withdrawAdverseRecord.change).toBe('WITHDRAWN');
    expect(await adverse().records.findByIds([id])).toEqual([]);
    const history = (await adverse().submissions.historyOf(id)).find((h) => h.change === 'WITHDRAWN');
    expect(history?.reason).toBe('决定书已被依法撤销');
    expect(history?.previous.data['decisionNo']).toBe('渝税罚〔2026〕W-1号');
    const again = await system.query(WITHDRAW, { id, why: '决定书已被依法撤销' }, tax);
    expect(again.errors?.[0]?.message).toMatch(/no such record/);
  });
});

describe('data-quality report', () => {
  const REPORT = `query($from: Date!, $to: Date!, $agency: String) { dataQualityReport(from: $from, to: $to, agency: $agency) {
    identity { agency indicator received accepted rejected topRuleFailures { rule count } }
    adverse { agency indicator received accepted rejected topRuleFailures { rule count } }
    reputation { agency indicator received } economic { agency indicator received }
  } }`;
  type Row = { agency: string; indicator: string; received: number; accepted: number; rejected: number; topRuleFailures: { rule: string; count: number }[] };
  const today = () => todayIso();

  it('gives credit administrators received, accepted and rejected counts and the most frequent failures', async () => {
    const tax = await serviceToken('svc-tax');
    const uscc = system.enterprise(20).directory.uscc;
    await submit('submitAdverseRecords', tax, 'tax-quality-1', 'AD04', [arrears(uscc, { taxType: 'Q-1' }), { uscc }, { uscc, taxType: 'Q-3' }, arrears(uscc, { taxType: 'Q-4', arrearsAmount: '1' })]);
    const res = await system.query<{ dataQualityReport: { adverse: Row[]; identity: Row[] } }>(REPORT, { from: today(), to: today(), agency: 'tax' }, await serviceToken('svc-credit-admin'));
    expect(res.errors).toBeUndefined();
    const row = res.data?.dataQualityReport.adverse.find((r) => r.agency === 'tax' && r.indicator === 'AD04');
    const day = today();
    const batches = (await adverse().submissions.batchTotals(startOfDay(day), endOfDay(day), 'tax')).filter((b) => b.indicator === 'AD04');
    const sum = (k: 'received' | 'accepted' | 'rejected') => batches.reduce((n, b) => n + b[k], 0);
    expect(row).toMatchObject({ received: sum('received'), accepted: sum('accepted'), rejected: sum('rejected') });
    expect(row?.topRuleFailures[0]?.rule).toBe('C01');
    expect(res.data?.dataQualityReport.adverse.every((r) => r.agency === 'tax')).toBe(true);
  });

  it('is for credit administrators only', async () => {
    const res = await system.query(REPORT, { from: today(), to: today() }, await serviceToken('svc-tax'));
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('batch history', () => {
  const HISTORY = `query($first: Int) { submissionHistory(first: $first) {
    identity { batchId indicator } adverse { batchId indicator received accepted rejected } reputation { batchId } economic { batchId }
  } }`;
  type History = { submissionHistory: { adverse: { batchId: string; indicator: string; received: number; accepted: number; rejected: number }[] } };

  it("lists the calling unit's own batches, newest first, and no other unit's", async () => {
    const uscc = system.enterprise(21).directory.uscc;
    await submit('submitAdverseRecords', await serviceToken('svc-tax'), 'tax-history-1', 'AD04', [arrears(uscc, { taxType: 'H-1' }), { uscc }]);
    await submit('submitAdverseRecords', await serviceToken('svc-court'), 'court-history-1', 'AD09', [{ uscc }]);
    const tax = await system.query<History>(HISTORY, { first: 100 }, await serviceToken('svc-tax'));
    expect(tax.errors).toBeUndefined();
    const own = tax.data?.submissionHistory.adverse ?? [];
    expect(own.find((b) => b.batchId === 'tax-history-1')).toEqual({ batchId: 'tax-history-1', indicator: 'AD04', received: 2, accepted: 1, rejected: 1 });
    expect(own.some((b) => b.batchId === 'court-history-1')).toBe(false);
    const court = await system.query<History>(HISTORY, { first: 100 }, await serviceToken('svc-court'));
    expect(court.data?.submissionHistory.adverse.map((b) => b.batchId)).toContain('court-history-1');
    expect(court.data?.submissionHistory.adverse.some((b) => b.batchId.startsWith('tax-'))).toBe(false);
  });

  it('is for submitters, and asks for at most 100 batches', async () => {
    const anonymous = await system.query(HISTORY, { first: 5 });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const bidding = await system.query(HISTORY, { first: 5 }, await serviceToken('svc-bidding-platform'));
    expect(bidding.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const tooMany = await system.query(HISTORY, { first: 101 }, await serviceToken('svc-tax'));
    expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringContaining('first'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
