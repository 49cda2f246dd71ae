// The issueCreditReport mutation: the same report as the gateway's POST /reports, asked for in
// GraphQL. It calls that route with the caller's own token and purpose, so the report is built,
// limited, signed, registered and audited in one place.
import { graphqlError, type ErrorCode } from '../platform/errors';
import { asText } from '../schema/text';

export const CREDIT_REPORT_SDL = `
"A credit report issued: its number, the version the caller's roles gave, and where to download and verify it."
type CreditReportReceipt {
  "Unique and sortable: R, the issuing time (China Standard Time), the issuing unit's region, 4 random characters."
  number: ID!
  "PUBLIC, MEMBER or FULL."
  version: String!
  "SHA-256 of the PDF, as the register keeps it."
  sha256: String!
  "Path of the PDF on the gateway (GET, with the same token)."
  downloadUrl: String!
  "Where anyone can verify the report."
  verifyUrl: String!
}

extend type Mutation {
  "Issues a printed credit report of one enterprise (give exactly one of uscc or registrationNo), built from what the caller may see. Member and full reports need x-query-purpose."
  issueCreditReport(uscc: ID, registrationNo: String): CreditReportReceipt!
}
`;

export interface CreditReportReceipt {
  readonly number: string;
  readonly version: string;
  readonly sha256: string;
  readonly downloadUrl: string;
  readonly verifyUrl: string;
}

/** What the mutation forwards of the request: the caller's own token and stated purpose. */
export interface ReportRequester {
  readonly authorization?: string;
  readonly purpose?: string;
}

export async function issueCreditReport(args: { uscc?: string | null; registrationNo?: string | null }, ctx: ReportRequester, gatewayUrl: string): Promise<CreditReportReceipt> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (ctx.authorization) headers['authorization'] = ctx.authorization;
  if (ctx.purpose) headers['x-query-purpose'] = ctx.purpose;
  let res: Response;
  try {
    res = await fetch(`${gatewayUrl}/reports`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ uscc: args.uscc ?? undefined, registrationNo: args.registrationNo ?? undefined }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch {
    throw graphqlError('SERVICE_UNAVAILABLE', 'the report service did not answer');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<CreditReportReceipt> & { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  if (res.status !== 201) {
    const error = body.errors?.[0];
    throw graphqlError((asText(error?.extensions?.code) || 'INTERNAL_SERVER_ERROR') as ErrorCode, asText(error?.message) || `the report service answered HTTP ${res.status}`);
  }
  return { number: asText(body.number), version: asText(body.version), sha256: asText(body.sha256), downloadUrl: asText(body.downloadUrl), verifyUrl: asText(body.verifyUrl) };
}
