// POST /credit-check.csv: the same check as the creditCheck query, for any scenario, as a CSV for
// the case file: one row per enterprise, with its measures, their legal basis and evidence, and the
// check's id (creditCheckResult shows it again). It runs the GraphQL operation itself, so limits,
// access, the purpose, the snapshot and the audit apply as to the query.
import type { ApolloServer } from '@apollo/server';
import express, { type Request, type Response } from 'express';
import type { GatewayContext } from './context';
import { httpStatusOf, sendError } from '../platform/errors';
import { asText } from '../schema/text';
import { csvField } from './bidder-check-csv';

const QUERY = `query CreditCheckCsv($s: CreditScenarioCode!, $c: [ID!]!, $d: Date, $r: String, $q: QualificationRequirementInput) {
  creditCheck(scenario: $s, usccs: $c, asOf: $d, reference: $r, requiredQualification: $q) {
    id scenario asOf reference ruleSetVersion
    results { uscc name verdict problem measures { code name kind legalBasis evidence { recordId summary } } }
  }
}`;

interface Check {
  id: string;
  scenario: string;
  asOf: string;
  reference: string | null;
  ruleSetVersion: string;
  results: {
    uscc: string;
    name: string | null;
    verdict: string;
    problem: string | null;
    measures: { code: string; name: string; kind: string; legalBasis: string; evidence: { recordId: string | null; summary: string }[] }[];
  }[];
}

const VERDICT_ZH: Readonly<Record<string, string>> = { EXCLUDED: '禁止', RESTRICTED: '限制', SCRUTINY: '重点审查', CLEAR: '无限制', NOT_FOUND: '未查到该企业' };
const HEADER = ['checkId', 'scenario', 'asOf', 'reference', 'ruleSetVersion', 'uscc', 'name', 'verdict', 'verdictLabel', 'restrictions', 'incentives', 'reasons', 'legalBasis', 'evidence'];

export function creditCheckCsv(check: Check): string {
  const rows = check.results.map((r) => {
    const of = (kind: string) => r.measures.filter((m) => m.kind === kind).map((m) => m.code);
    return [
      check.id,
      check.scenario,
      check.asOf,
      check.reference,
      check.ruleSetVersion,
      r.uscc,
      r.name,
      r.verdict,
      VERDICT_ZH[r.verdict] ?? r.verdict,
      of('RESTRICTION').join(';'),
      of('INCENTIVE').join(';'),
      r.problem ?? r.measures.map((m) => `${m.name}${m.evidence.length ? `：${m.evidence.map((e) => e.summary).join('；')}` : ''}`).join('；'),
      [...new Set(r.measures.map((m) => m.legalBasis))].join('；'),
      r.measures
        .flatMap((m) => m.evidence.map((e) => e.recordId ?? ''))
        .filter(Boolean)
        .join(';'),
    ].map(csvField);
  });
  // the byte-order mark makes spreadsheet programs read the Chinese text as UTF-8
  return `\uFEFF${[HEADER, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
}

export function creditCheckCsvRoute(server: ApolloServer<GatewayContext>, contextOf: (req: Request) => GatewayContext): express.Router {
  const router = express.Router();
  router.post('/', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { scenario?: unknown; usccs?: unknown; asOf?: unknown; reference?: unknown; requiredQualification?: unknown };
    if (typeof body.scenario !== 'string') {
      sendError(res, 'BAD_USER_INPUT', 'scenario: name the scenario, e.g. TENDERING (see creditScenarios)');
      return;
    }
    if (!Array.isArray(body.usccs)) {
      sendError(res, 'BAD_USER_INPUT', 'usccs: give the enterprises as a JSON array of codes');
      return;
    }
    const result = await server.executeOperation(
      { query: QUERY, variables: { s: body.scenario, c: body.usccs, d: body.asOf ?? null, r: body.reference ?? null, q: body.requiredQualification ?? null } },
      { contextValue: contextOf(req) },
    );
    const single = result.body.kind === 'single' ? result.body.singleResult : undefined;
    const check = (single?.data as { creditCheck?: Check } | undefined)?.creditCheck;
    if (!check || single?.errors?.length) {
      const error = single?.errors?.[0];
      const code = asText(error?.extensions?.['code']) || 'INTERNAL_SERVER_ERROR';
      res.status(httpStatusOf(code)).json({ errors: single?.errors ?? [{ message: 'credit check failed', extensions: { code } }] });
      return;
    }
    const name = `credit-check-${check.scenario}-${(check.reference ?? check.asOf).replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set({ 'content-disposition': `attachment; filename="${name}"`, 'x-credit-check-id': check.id })
      .send(creditCheckCsv(check));
  });
  return router;
}
