// The submission mutation each category subgraph exposes, with its shared report types.
import { indicatorsOf, submitMutationOf, withdrawMutationOf, type Category } from '../schema/catalogue';
import { OBJECTION_TYPES, objectionResolvers, objectionSdl } from '../objections/graphql';
import type { SubmissionRequest } from './submission-request';
import { authorizeChange, authorizeSubmission } from './policy';
import { decodePeriodKey, qualityFieldOf, qualityResolver, qualitySdl } from './quality';
import { historyResolver, historySdl } from './history';

export function submissionSdl(category: Category): string {
  return `
"Any JSON value; submitted records are validated against the indicator catalogue."
scalar JSON

type Mutation {
  \"\"\"
  Submits up to 1,000 records of one ${category.toLowerCase()} indicator (a code such as ${indicatorsOf(category)[0]?.code ?? ''}).
  Each record holds the indicator's attributes plus uscc, the enterprise it is about.
  Re-sending a batchId returns the stored report and changes nothing.
  \"\"\"
  ${submitMutationOf(category)}(batchId: ID!, indicator: String!, records: [JSON!]!): SubmissionReport!
  "The submitting agency withdraws one of its records; the record and the reason stay in history."
  ${withdrawMutationOf(category)}(recordId: ID!, reason: String!): RecordChange!${
    category === 'ADVERSE'
      ? `
  "Credit repair (信用修复) by the submitting agency, once the record's repairableAfter period has passed."
  repairAdverseRecord(recordId: ID!, repairedOn: Date!, reason: String!): RecordChange!`
      : ''
  }${objectionSdl(category).mutations}
}

extend type Query {${objectionSdl(category).queries}
}
${OBJECTION_TYPES}

${qualitySdl(category, objectionSdl(category).quality)}
${historySdl(category)}

enum RecordChangeKind {
  WITHDRAWN
  REPAIRED
}

type RecordChange @shareable {
  recordId: ID!
  change: RecordChangeKind!
  at: DateTime!
  repairedOn: Date
}

"What became of a submitted batch: every record is either accepted (stored) or rejected (quarantined with its reasons)."
type SubmissionReport @shareable {
  batchId: ID!
  indicator: String!
  received: Int!
  accepted: Int!
  rejected: Int!
  rejections: [Rejection!]!
  "Accepted records kept with a warning (R05: owners' equity against assets minus liabilities)."
  warnings: [Rejection!]!
  "Ids of the stored records, in submission order."
  acceptedIds: [ID!]!
  receivedAt: DateTime!
}

"Why one record was rejected, or the warning an accepted record carries."
type Rejection @shareable {
  "Position of the record in the batch, from 0."
  index: Int!
  "Data-quality rule id: C (completeness), V (validity), R (reasonableness), F (reference)."
  rule: String!
  field: String
  message: String!
}`;
}

export function submissionResolvers(category: Category) {
  const objections = objectionResolvers(category, (report) => decodePeriodKey(report.periodKey).agency ?? null);
  return {
    DataQualityReport: {
      __resolveReference: (ref: { periodKey: string }) => ref,
      [qualityFieldOf(category)]: qualityResolver(),
      ...objections.DataQualityReport,
    },
    SubmissionHistory: {
      __resolveReference: (ref: { historyKey: string }) => ref,
      [category.toLowerCase()]: historyResolver(),
    },
    Query: objections.Query,
    Mutation: {
      ...objections.Mutation,
      [submitMutationOf(category)]: (_root: unknown, args: { batchId: string; indicator: string; records: unknown[] }, ctx: SubmissionRequest) => {
        const { submitter, indicator } = authorizeSubmission(ctx.caller, ctx.authorization, category, args);
        return ctx.submissions.submit(submitter, indicator, args.batchId, args.records, ctx.today);
      },
      [withdrawMutationOf(category)]: (_root: unknown, args: { recordId: string; reason: string }, ctx: SubmissionRequest) =>
        ctx.submissions.withdraw(authorizeChange(ctx.caller, args.reason), args.recordId, args.reason),
      ...(category === 'ADVERSE'
        ? {
            repairAdverseRecord: (_root: unknown, args: { recordId: string; repairedOn: string; reason: string }, ctx: SubmissionRequest) =>
              ctx.submissions.repair(authorizeChange(ctx.caller, args.reason), args.recordId, args.repairedOn, args.reason, ctx.today),
          }
        : {}),
    },
  };
}
