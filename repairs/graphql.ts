// The repair and commitment operations of the adverse subgraph: repair applications with their
// queue, the `repairApplication` field of every adverse record, and the enterprise's commitments.
import type { Reader } from '../auth/access';
import { isAdmin, isMember, isSubjectOf, readRepairDetails } from '../auth/policy';
import type { Commitment, RepairApplication, RepairStatus } from '../storage/port';
import type { EvidenceInput } from '../objections/evidence';
import type { CommitmentService, OwnCommitmentType } from './commitment-service';
import type { RepairDecision, RepairService } from './repair-service';

export interface RepairRequest extends Reader {
  readonly repairs: RepairService;
  readonly commitments: CommitmentService;
  readonly today: string;
}

export const REPAIR_SDL = `
"An application for credit repair (信用修复申请) of an adverse record, decided by the unit that decided the record (谁认定、谁修复) within the indicator's period of working days."
type RepairApplication {
  id: ID!
  recordId: ID!
  indicator: String!
  status: RepairStatus!
  filedAt: DateTime!
  "The end of the period within which the deciding unit answers."
  dueAt: DateTime!
  "PENDING past its due date."
  overdue: Boolean!
  "What the enterprise did to correct the act: for the enterprise itself, the deciding unit and the credit administration; null for others."
  measures: String
  evidence: [EvidenceSummary!]
  "The credit commitment made with the application (public, listed on the enterprise's profile)."
  commitmentId: ID!
  decision: RepairApplicationDecision
}

enum RepairStatus {
  PENDING
  "Approved: the record was repaired on the day of the decision."
  APPROVED
  "Refused, with reasons: a new application with new evidence may follow."
  REFUSED
}

enum RepairOutcome {
  APPROVED
  REFUSED
}

type RepairApplicationDecision {
  "The deciding unit's reasons: for the enterprise itself, the deciding unit and the credit administration; null for others."
  reasons: String
  at: DateTime!
}

"A credit commitment (信用承诺): public, made by the enterprise (国办发〔2019〕35号)."
type CreditCommitment {
  id: ID!
  type: CommitmentType!
  text: String!
  madeAt: DateTime!
  "The agency it was made to (the deciding unit of a repair; the agency whose certificate or approval it replaces); null: to the public. A REPAIR commitment's, for the enterprise, the credit administration and members with a purpose."
  recipientAgency: String
  recipientRegion: String
  "The adverse record a REPAIR commitment goes with: for the enterprise, the credit administration and members with a purpose."
  recordId: ID
  "Set when an agency found the commitment broken: itself an adverse fact."
  breach: CommitmentBreach
}

enum CommitmentType {
  "Made with a repair application (信用修复型)."
  REPAIR
  "In place of a certificate (证明事项告知承诺)."
  NOTICE_AND_COMMITMENT
  "In place of an approval step (审批替代型)."
  APPROVAL_SUBSTITUTE
  "Of the enterprise's own accord (主动型)."
  VOLUNTARY
}

enum OwnCommitmentType {
  NOTICE_AND_COMMITMENT
  APPROVAL_SUBSTITUTE
  VOLUNTARY
}

type CommitmentBreach {
  "The number of the decision (document) that found the commitment broken."
  decisionNo: String!
  "Its date."
  decidedOn: Date!
  reasons: String!
  "The unit that found it: null to the public on a REPAIR commitment (it would name the deciding unit of a record the public may not see)."
  agency: String
  region: String
}

input CommitmentRecipient {
  agency: String!
  region: String!
}

extend type Mutation {
  "The enterprise, signed in as itself, applies for credit repair of one of its adverse records, once the shortest display period has passed: what it did, proof that its obligations were fulfilled (1 to 5 files), and its credit commitment."
  applyForCreditRepair(recordId: ID!, measures: String!, evidence: [EvidenceInput!]!, commitment: String!): RepairApplication!
  "The unit that decided the record approves (the record is repaired today) or refuses, with reasons."
  decideCreditRepair(applicationId: ID!, decision: RepairOutcome!, reasons: String!): RepairApplication!
  "The enterprise, signed in as itself, makes a public credit commitment (REPAIR ones are made with a repair application)."
  makeCreditCommitment(type: OwnCommitmentType!, text: String!, recipient: CommitmentRecipient): CreditCommitment!
  "The unit a commitment was made to (one made to the public: a city-level unit that submits records) records that it was broken, citing its decision."
  recordCommitmentBreach(commitmentId: ID!, decisionNo: String!, decidedOn: Date!, reasons: String!): CreditCommitment!
}

extend type Query {
  "Repair applications for the calling unit's records (pending ones first, by due date); the credit administration's: every unit's."
  creditRepairApplications(status: RepairStatus, first: Int = 50): [RepairApplication!]!
}`;

export const REPAIR_APPLICATION_FIELD = '  "The newest credit repair application for this record, if any: for the enterprise itself and member agencies."\n  repairApplication: RepairApplication';

export const COMMITMENTS_FIELD = '  "The enterprise\'s credit commitments (信用承诺), newest first: public."\n  creditCommitments: [CreditCommitment!]!';

/**
 * An application as `reader` sees it: the enterprise, the deciding unit and the credit
 * administration in full; other members, with a stated purpose, its state without the details;
 * anyone else not at all (the field reads null).
 */
export function repairApplicationView(reader: Reader, a: RepairApplication, now = new Date()) {
  const { caller } = reader;
  const full = readRepairDetails(caller, a);
  if (!full && !(isMember(caller) && reader.purpose !== undefined)) return null;
  return {
    id: a.id,
    recordId: a.recordId,
    indicator: a.ind,
    status: a.status,
    filedAt: a.filedAt,
    dueAt: a.dueAt,
    overdue: a.status === 'PENDING' && a.dueAt.getTime() <= now.getTime(),
    measures: full ? a.measures : null,
    evidence: full ? a.evidence : null,
    commitmentId: a.commitmentId,
    decision: a.decision ? { reasons: full ? a.decision.reasons : null, at: a.decision.at } : null,
  };
}

/**
 * A commitment as `reader` sees it: its kind, text and date are public (the repair rules make the
 * commitment public); which record and unit a REPAIR commitment goes with only the enterprise,
 * the credit administration and members with a stated purpose see, so the public list never
 * points at a record the public does not see.
 */
export function commitmentView(reader: Reader, c: Commitment) {
  const { caller } = reader;
  const linked = c.type !== 'REPAIR' || isSubjectOf(caller, c.uscc) || isAdmin(caller) || (isMember(caller) && reader.purpose !== undefined);
  return {
    id: c.id,
    type: c.type,
    text: c.text,
    madeAt: c.madeAt,
    recipientAgency: linked ? (c.recipient?.agency ?? null) : null,
    recipientRegion: linked ? (c.recipient?.region ?? null) : null,
    recordId: linked ? c.recordId : null,
    breach: c.breach
      ? { decisionNo: c.breach.decisionNo, decidedOn: c.breach.decidedOn, reasons: c.breach.reasons, agency: linked ? c.breach.agency : null, region: linked ? c.breach.region : null }
      : null,
  };
}

export const repairResolvers = {
  Query: {
    creditRepairApplications: async (_root: unknown, args: { status?: RepairStatus | null; first?: number | null }, ctx: RepairRequest) =>
      (await ctx.repairs.queue(ctx.caller, args.status ?? null, args.first ?? 50)).map((a) => repairApplicationView(ctx, a)),
  },
  Mutation: {
    applyForCreditRepair: async (_root: unknown, args: { recordId: string; measures: string; evidence: EvidenceInput[]; commitment: string }, ctx: RepairRequest) =>
      repairApplicationView(ctx, await ctx.repairs.apply(ctx.caller, args.recordId, args.measures, args.evidence, args.commitment)),
    decideCreditRepair: async (_root: unknown, args: { applicationId: string; decision: RepairDecision; reasons: string }, ctx: RepairRequest) =>
      repairApplicationView(ctx, await ctx.repairs.decide(ctx.caller, args.applicationId, args.decision, args.reasons)),
    makeCreditCommitment: async (_root: unknown, args: { type: OwnCommitmentType; text: string; recipient?: { agency: string; region: string } | null }, ctx: RepairRequest) =>
      commitmentView(ctx, await ctx.commitments.make(ctx.caller, args.type, args.text, args.recipient ?? null)),
    recordCommitmentBreach: async (_root: unknown, args: { commitmentId: string; decisionNo: string; decidedOn: string; reasons: string }, ctx: RepairRequest) =>
      commitmentView(ctx, await ctx.commitments.recordBreach(ctx.caller, args.commitmentId, { decisionNo: args.decisionNo, decidedOn: args.decidedOn, reasons: args.reasons }, ctx.today)),
  },
};
