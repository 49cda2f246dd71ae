// The special credit report's scope and findings: the required domains always in, at most five
// years back, records in the period (dated within it or in force during it), and a refused or
// unheld part never stated as clean.
import { indicatorByCode, INDICATORS, REPORT_DOMAINS } from '../../schema/catalogue';
import { domainFindings, earliestFrom, readScope } from '../../reports/special-report';
import type { ReportContent } from '../../reports/report-content';

const content = (records: Record<string, Record<string, unknown>[] | null>): ReportContent => ({
  uscc: '91500000MA5U000001',
  name: '测试企业',
  sections: INDICATORS.map((indicator) => ({ indicator, records: records[indicator.code] === undefined ? [] : (records[indicator.code] ?? null), refusedAttributes: new Map() })),
});

describe('the domains of special reports', () => {
  it('name adverse indicators, their own agencies and attribute values, and say why a domain is not held', () => {
    for (const domain of REPORT_DOMAINS) {
      expect(domain.sources.length === 0).toBe(domain.notHeld !== undefined);
      for (const source of domain.sources) {
        const ind = indicatorByCode(source.ind);
        expect(ind?.category).toBe('ADVERSE');
        for (const agency of source.agencies ?? []) expect(ind?.sources).toContain(agency);
        for (const [attribute, values] of Object.entries(source.where ?? {})) for (const v of values) expect(ind?.attributes.find((a) => a.name === attribute)?.values).toContain(v);
      }
    }
    // 发改财金〔2025〕565号: penalties, compulsion, serious dishonesty lists and criminal judgments at least
    expect(REPORT_DOMAINS.filter((d) => d.required).map((d) => d.code)).toEqual(['ADMINISTRATIVE_PENALTIES', 'ADMINISTRATIVE_COMPULSION', 'SERIOUS_DISHONESTY_LISTS', 'CRIMINAL_JUDGMENTS']);
  });
});

describe('a special report scope', () => {
  it('adds the required domains and keeps the catalogue order', () => {
    expect(readScope({ domains: ['CUSTOMS', 'TAXATION'], from: '2026-01-01', to: '2026-12-01' }, '2026-12-04').domains).toEqual([
      'ADMINISTRATIVE_PENALTIES',
      'ADMINISTRATIVE_COMPULSION',
      'SERIOUS_DISHONESTY_LISTS',
      'CRIMINAL_JUDGMENTS',
      'TAXATION',
      'CUSTOMS',
    ]);
  });

  it('covers at most five years back from today, and ends today at the latest', () => {
    expect(readScope({ domains: [], from: '2021-12-04', to: '2026-12-04' }, '2026-12-04').from).toBe('2021-12-04');
    expect(() => readScope({ domains: [], from: '2021-12-03', to: '2026-12-04' }, '2026-12-04')).toThrow(/^special\.from: a special report covers at most the last 5 years: from 2021-12-04 on/);
    expect(() => readScope({ domains: [], from: '2026-01-01', to: '2026-12-05' }, '2026-12-04')).toThrow(/^special\.to:/);
    expect(() => readScope({ domains: [], from: '2026-02-01', to: '2026-01-01' }, '2026-12-04')).toThrow(/^special\.from: must be on or before/);
    expect(earliestFrom('2028-02-29')).toBe('2023-03-01');
  });
});

describe('findings', () => {
  const scope = readScope({ domains: ['TAXATION'], from: '2026-01-01', to: '2026-06-30' }, '2026-12-04');
  const byCode = (found: ReturnType<typeof domainFindings>, code: string) => found.find((f) => f.domain.code === code);

  it('lists records dated in the period or in force during it, by the agency the domain names', () => {
    const found = domainFindings(
      content({
        AD01: [
          { id: 'in', agency: 'tax', decidedOn: '2026-03-01' },
          { id: 'before', agency: 'tax', decidedOn: '2025-12-31' },
          { id: 'aic', agency: 'aic', decidedOn: '2026-03-01' },
        ],
        AD03: [{ id: 'listed-earlier', agency: 'aic', listedOn: '2024-05-01' }],
      }),
      scope,
    );
    expect(byCode(found, 'TAXATION')?.records.map((r) => r.record['id'])).toEqual(['in']);
    expect(byCode(found, 'ADMINISTRATIVE_PENALTIES')?.records.map((r) => r.record['id'])).toEqual(['in', 'aic']);
    expect(byCode(found, 'ADMINISTRATIVE_COMPULSION')?.status).toBe('NOT_COVERED');
    expect(byCode(found, 'CRIMINAL_JUDGMENTS')?.status).toBe('NONE');
    // a list entry made before the period and still in force during it is in the period
    expect(indicatorByCode('AD03')?.inForce).toBeDefined();
    expect(byCode(found, 'SERIOUS_DISHONESTY_LISTS')?.records.map((r) => r.record['id'])).toEqual(['listed-earlier']);
  });

  it('lists a ban decided before the period that came into force during it', () => {
    const found = domainFindings(content({ AD12: [{ id: 'ban', agency: 'finance', decidedOn: '2025-12-20', banFrom: '2026-02-01', banUntil: '2027-02-01' }] }), scope);
    expect(byCode(found, 'TAXATION')?.status).toBe('NONE');
    const procurement = domainFindings(content({ AD12: [{ id: 'ban', agency: 'finance', decidedOn: '2025-12-20', banFrom: '2026-02-01', banUntil: '2027-02-01' }] }), {
      ...scope,
      domains: ['PUBLIC_PROCUREMENT_BIDDING'],
    });
    expect(byCode(procurement, 'PUBLIC_PROCUREMENT_BIDDING')?.records.map((r) => r.record['id'])).toEqual(['ban']);
    // one that ended before the period is not
    const ended = domainFindings(content({ AD12: [{ id: 'ban', agency: 'finance', decidedOn: '2024-01-10', banFrom: '2024-02-01', banUntil: '2025-02-01' }] }), {
      ...scope,
      domains: ['PUBLIC_PROCUREMENT_BIDDING'],
    });
    expect(byCode(ended, 'PUBLIC_PROCUREMENT_BIDDING')?.status).toBe('NONE');
  });

  it('refuses rather than state "none" for a part it could not read', () => {
    expect(() => domainFindings(content({ AD04: null }), scope)).toThrow(/no special report was issued: AD04/);
  });
});
