// POST /bidder-check.csv: the same check as the bidderCheck query, as a CSV for the tender file,
// one row per bidder. It runs the GraphQL operation itself, so limits, access and audit apply.
import type { ApolloServer } from '@apollo/server';
import { VERDICT_LABELS } from '../schema/catalogue/enum-labels';
import express, { type Request, type Response } from 'express';
import type { GatewayContext } from './context';
import { httpStatusOf, sendError } from '../platform/errors';
import { asText } from '../schema/text';

const QUERY = `query BidderCheckCsv($c: [ID!]!, $d: Date, $q: QualificationRequirementInput, $t: String) {
  bidderCheck(usccs: $c, bidDate: $d, requiredQualification: $q, tenderRef: $t) {
    ruleSetVersion checkedAt bidDate tenderRef
    results { uscc name verdict problem hits { rule recordId summary } }
  }
}`;

interface Report {
  ruleSetVersion: string;
  checkedAt: string;
  bidDate: string;
  tenderRef: string | null;
  results: { uscc: string; name: string | null; verdict: string; problem: string | null; hits: { rule: string; recordId: string | null; summary: string }[] }[];
}

// verdict is the code a program reads, verdictLabel what a clerk reads
const HEADER = ['tenderRef', 'bidDate', 'ruleSetVersion', 'uscc', 'name', 'verdict', 'verdictLabel', 'rules', 'reasons', 'evidence'];

/** RFC 4180 field; a leading =, +, -, @, tab or carriage return is prefixed so a spreadsheet never runs it as a formula (OWASP CSV injection). */
export function csvField(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(report: Report): string {
  const rows = report.results.map((r) =>
    [
      report.tenderRef,
      report.bidDate,
      report.ruleSetVersion,
      r.uscc,
      r.name,
      r.verdict,
      VERDICT_LABELS[r.verdict]?.zh ?? r.verdict,
      r.hits.map((h) => h.rule).join(';'),
      r.problem ?? r.hits.map((h) => `${h.rule} ${h.summary}`).join('；'),
      r.hits
        .map((h) => h.recordId ?? '')
        .filter(Boolean)
        .join(';'),
    ].map(csvField),
  );
  // The byte-order mark makes spreadsheet programs read the Chinese text as UTF-8.
  return `\uFEFF${[HEADER, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
}

export function bidderCheckCsvRoute(server: ApolloServer<GatewayContext>, contextOf: (req: Request) => GatewayContext): express.Router {
  const router = express.Router();
  router.post('/', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { usccs?: unknown; bidDate?: unknown; requiredQualification?: unknown; tenderRef?: unknown };
    if (!Array.isArray(body.usccs)) {
      sendError(res, 'BAD_USER_INPUT', 'usccs: give the bidders as a JSON array of codes');
      return;
    }
    const result = await server.executeOperation(
      { query: QUERY, variables: { c: body.usccs, d: body.bidDate ?? null, q: body.requiredQualification ?? null, t: body.tenderRef ?? null } },
      { contextValue: contextOf(req) },
    );
    const single = result.body.kind === 'single' ? result.body.singleResult : undefined;
    const report = (single?.data as { bidderCheck?: Report } | undefined)?.bidderCheck;
    if (!report || single?.errors?.length) {
      const error = single?.errors?.[0];
      const code = asText(error?.extensions?.['code']) || 'INTERNAL_SERVER_ERROR';
      // the operation's own errors, as GraphQL gave them, under the status of the first one's code
      res.status(httpStatusOf(code)).json({ errors: single?.errors ?? [{ message: 'bidder check failed', extensions: { code } }] });
      return;
    }
    const name = `bidder-check-${(report.tenderRef ?? report.bidDate).replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
    res.status(200).type('text/csv; charset=utf-8').set('content-disposition', `attachment; filename="${name}"`).send(toCsv(report));
  });
  return router;
}
