// The objection operations of one category subgraph, and the `objection` field every record type
// carries (schema/sdl.ts): status and due date for whoever sees the record, grounds and evidence
// only for the enterprise itself, the deciding unit and the credit administration.
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';
import { readObjectionGrounds } from '../auth/policy';
import { objectionFieldsOf, type Category } from '../schema/catalogue';
import type { Objection, ObjectionStatus } from '../storage/port';
import type { EvidenceInput } from './evidence';
import type { Decision, ObjectionService } from './objection-service';

export interface ObjectionRequest {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  readonly objections: ObjectionService;
}

export const OBJECTION_TYPES = `
"An objection (异议) to a record: filed by the enterprise it is about or by a member agency, decided by the unit that submitted the record within its period (《征信业管理条例》 art. 25: 20 days)."
type Objection @shareable {
  id: ID!
  recordId: ID!
  status: ObjectionStatus!
  filedAt: DateTime!
  "The end of the period: decided by then, or handed to the credit administration as overdue."
  dueAt: DateTime!
  overdue: Boolean!
  "The enterprise's or agency's grounds: for the enterprise itself, the deciding unit and the credit administration; null for others."
  grounds: String
  evidence: [EvidenceSummary!]
  "The submitting unit's answer, once decided."
  decision: ObjectionDecision
}

enum ObjectionStatus {
  "Filed, not yet decided: the record is marked as disputed."
  OPEN
  "The record was wrong and has been corrected (submitted again)."
  CORRECTED
  "The record was checked and stands as it is."
  CONFIRMED
  "The record could not be verified: the record and the objection both stay, marked."
  UNVERIFIABLE
}

enum ObjectionOutcome {
  CORRECTED
  CONFIRMED
  UNVERIFIABLE
}

type ObjectionDecision @shareable {
  "The deciding unit's reasons: for the enterprise itself, the deciding unit and the credit administration; null for others."
  reasons: String
  at: DateTime!
}

type OverdueObjections @shareable {
  "The unit that submitted the records and decides the objections."
  agency: String!
  region: String!
  "Objections open past their due date."
  count: Int!
  earliestDueAt: DateTime!
}

type EvidenceSummary @shareable {
  name: String!
  contentType: String!
  size: Int!
  sha256: String!
}

"An evidence file: a PDF, JPEG or PNG of at most 2 MiB, in base64; at most 5 per objection."
input EvidenceInput {
  name: String!
  base64: String!
}`;

export const overdueQualityFieldOf = (category: Category): string => `${category.toLowerCase()}OverdueObjections`;

export function objectionSdl(category: Category): { mutations: string; queries: string; quality: string } {
  const f = objectionFieldsOf(category);
  return {
    quality: `
  "${category} objections open past their due date (handed to the credit administration by the hourly sweep), per unit that decides them."
  ${overdueQualityFieldOf(category)}: [OverdueObjections!]!`,
    mutations: `
  "Objects to one ${category.toLowerCase()} record (异议): the enterprise it is about, signed in as itself, or a member agency. One open objection per record."
  ${f.file}(recordId: ID!, grounds: String!, evidence: [EvidenceInput!]): Objection!
  "The unit that submitted the record decides: CORRECTED (after submitting the corrected record), CONFIRMED or UNVERIFIABLE, with reasons."
  ${f.decide}(objectionId: ID!, decision: ObjectionOutcome!, reasons: String!): Objection!`,
    queries: `
  "Objections to ${category.toLowerCase()} records: the calling unit's (open ones first, by due date); the credit administration's: every unit's."
  ${f.list}(status: ObjectionStatus, first: Int = 50): [Objection!]!`,
  };
}

/** An objection as the caller may see it. */
export function objectionView(caller: Caller, o: Objection) {
  const full = readObjectionGrounds(caller, o);
  return {
    id: o.id,
    recordId: o.recordId,
    status: o.status,
    filedAt: o.filedAt,
    dueAt: o.dueAt,
    overdue: o.overdue,
    grounds: full ? o.grounds : null,
    evidence: full ? o.evidence : null,
    decision: o.decision ? { reasons: full ? o.decision.reasons : null, at: o.decision.at } : null,
  };
}

/** `agencyOf`: the agency a data-quality report is filtered to, read from its entity (null: all). */
export function objectionResolvers(category: Category, agencyOf: (report: { periodKey: string }) => string | null = () => null) {
  const f = objectionFieldsOf(category);
  return {
    DataQualityReport: {
      // the report's agency filter applies; its period does not (what is overdue is overdue now)
      [overdueQualityFieldOf(category)]: (parent: { periodKey: string }, _args: unknown, ctx: ObjectionRequest) => ctx.objections.overdueByUnit(ctx.caller, agencyOf(parent)),
    },
    Query: {
      [f.list]: async (_root: unknown, args: { status?: ObjectionStatus | null; first?: number | null }, ctx: ObjectionRequest) =>
        (await ctx.objections.queue(ctx.caller, args.status ?? null, args.first ?? 50)).map((o) => objectionView(ctx.caller, o)),
    },
    Mutation: {
      [f.file]: async (_root: unknown, args: { recordId: string; grounds: string; evidence?: EvidenceInput[] | null }, ctx: ObjectionRequest) =>
        objectionView(ctx.caller, await ctx.objections.file(ctx, args.recordId, args.grounds, args.evidence)),
      [f.decide]: async (_root: unknown, args: { objectionId: string; decision: Decision; reasons: string }, ctx: ObjectionRequest) =>
        objectionView(ctx.caller, await ctx.objections.decide(ctx.caller, args.objectionId, args.decision, args.reasons)),
    },
  };
}
