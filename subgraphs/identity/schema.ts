// Identity subgraph (基础身份): owns Enterprise and the root queries; serves ID01–ID10.
import { categoryTypeDefs, COMMON_SCALARS } from '../../schema/sdl';
import { RULE_HIT_SDL } from '../kit/bidder-check';

/** What a hit from another subgraph carries here: its objection read there, by that subgraph's rules (the same for verdict and hits, so one fetch serves both). */
const HIT_FIELDS = 'rule indicator recordId summary verdict objection { id recordId status filedAt dueAt overdue grounds evidence { name contentType size sha256 } decision { reasons at } }';
import { summarySdl } from '../kit/credit-summary';
import { submissionSdl } from '../../submissions/graphql';
import { FEDERATION_LINK, INDICATOR_COUNT_TYPE } from '../kit/federation';
import { CREDIT_REPORT_SDL } from '../../reports/credit-report-mutation';
import { WATCH_SDL } from '../../monitoring/watches-graphql';
import { CREDIT_CHECK_SDL } from './credit-check-graphql';

const identity = categoryTypeDefs('IDENTITY', {
  LegalRepresentative: `  "The person, for cross-checks such as the dishonest debtor list; matched by keyed ID hash only."
  person: Person`,
});

export const typeDefs = `${FEDERATION_LINK}
${COMMON_SCALARS}
type Query {
  "One enterprise by unified social credit code or by legacy registration number (give exactly one)."
  enterprise(uscc: ID, registrationNo: String): Enterprise
  "Up to 1,000 enterprises by code, in the order asked; null where a code is unknown."
  enterprises(usccs: [ID!]!): [Enterprise]!
  "Find enterprises by exact code (USCC or registration number) or by a part of the name, in code order."
  searchEnterprises(query: String!, region: String, first: Int = 20, after: String): EnterpriseConnection!
  "The 39 credit indicators this system serves."
  indicatorCatalogue: [Indicator!]!
  """
  Checks up to 1,000 bidders against the joint-punishment rules (失信联合惩戒) as of bidDate
  (default today). Results keep the input order; an invalid or unknown code is reported per bidder.
  For the credit-bidding and credit-member roles.
  """
  bidderCheck(usccs: [ID!]!, bidDate: Date, requiredQualification: QualificationRequirementInput, tenderRef: String): BidderCheckReport!
  "Submission quality per agency and indicator between two days (inclusive, China Standard Time), for credit administrators."
  dataQualityReport(from: Date!, to: Date!, agency: String): DataQualityReport!
  "Your unit's (agency and region) most recent submission batches, per category, for submitters; first at most 100."
  submissionHistory(first: Int = 20): SubmissionHistory!
}

"A qualification the tender requires, e.g. type 建筑工程施工总承包 with minGrade SECOND."
input QualificationRequirementInput {
  type: String!
  "Lowest acceptable grade; SPECIAL > FIRST > SECOND > THIRD."
  minGrade: QualificationGrade!
}

type BidderCheckReport {
  "Changes whenever a rule does."
  ruleSetVersion: String!
  checkedAt: DateTime!
  bidDate: Date!
  tenderRef: String
  results: [BidderVerdict!]!
}

enum BidderVerdictCode {
  ELIGIBLE
  WARN
  DISQUALIFIED
  NOT_FOUND
}

"One bidder's verdict. Hits come from the identity, adverse and reputation subgraphs."
type BidderVerdict @key(fields: "checkId") {
  checkId: ID! @inaccessible
  uscc: ID!
  name: String
  "Why the code could not be checked (invalid or unknown), else null."
  problem: String
  verdict: BidderVerdictCode! @requires(fields: "adverseHits { ${HIT_FIELDS} } reputationHits { ${HIT_FIELDS} }")
  hits: [RuleHit!]! @requires(fields: "adverseHits { ${HIT_FIELDS} } reputationHits { ${HIT_FIELDS} }")
  legalRepresentative: BidderPerson @inaccessible
  adverseHits: [RuleHit!]! @external
  reputationHits: [RuleHit!]! @external
}
${RULE_HIT_SDL}

enum QualificationGrade {
  SPECIAL
  FIRST
  SECOND
  THIRD
}

"An enterprise (市场主体), keyed by its unified social credit code."
type Enterprise @key(fields: "uscc") {
  uscc: ID!
  name: String!
  registrationNo: String
  "Region code of the district or county where it is registered."
  region: String!
  "Record counts per indicator and the active adverse flags, without fetching the records."
  creditSummary: CreditSummary!
${identity.enterpriseFields}
}
${summarySdl('IDENTITY')}
${INDICATOR_COUNT_TYPE}

"A natural person, known outside this subgraph only by the keyed hash of the ID number."
type Person @key(fields: "personKey") {
  personKey: ID! @inaccessible
  "Enterprises whose legal representative this person is."
  representedEnterprises: [Enterprise!]!
}

type EnterpriseConnection {
  edges: [EnterpriseEdge!]!
  pageInfo: PageInfo!
}

type EnterpriseEdge {
  cursor: String!
  node: Enterprise!
}

type PageInfo {
  hasNextPage: Boolean!
  endCursor: String
}

enum IndicatorCategory {
  IDENTITY
  ADVERSE
  REPUTATION
  ECONOMIC
}

enum DisclosureLevel {
  PUBLIC
  MEMBER
  RESTRICTED
}

enum Cardinality {
  ONE
  MANY
  PER_YEAR
}

type Indicator {
  code: String!
  category: IndicatorCategory!
  "Field name on Enterprise."
  field: String!
  typeName: String!
  nameZh: String!
  nameEn: String!
  "Agency codes that may submit it."
  sources: [String!]!
  disclosure: DisclosureLevel!
  cardinality: Cardinality!
  attributes: [IndicatorAttribute!]!
  "How long the public sees a record, by display class (severity) or ALL: display stops by itself at the end."
  publicWindow: [DurationRule!]!
  "The longest display the law allows per class."
  publicWindowMaximum: [DurationRule!]!
  "The shortest display per class: credit repair may be applied for once it has passed."
  repairableAfter: [DurationRule!]!
  "The law the display periods follow."
  displayBasis: LegalBasis
  "Working days (Monday to Friday) within which the deciding unit answers a repair application; null where records end by removal or clearing."
  repairDecisionWorkingDays: Int
  "The law that period follows."
  repairDecisionBasis: LegalBasis
}

"A legal text a rule of the catalogue follows."
type LegalBasis {
  document: String!
  issuer: String!
  adoptedOn: String!
  inForceFrom: String!
  "The provisions the rule encodes, in the document's own terms."
  provisions: String!
  "Where the text was read."
  checkedAgainst: String!
}

type IndicatorAttribute {
  name: String!
  type: String!
  list: Boolean!
  required: Boolean!
  enumValues: [String!]
  "Set when stricter than the indicator's own level."
  disclosure: DisclosureLevel
  note: String
}

"An ISO 8601 duration that applies to records of a severity (or ALL)."
type DurationRule {
  appliesTo: String!
  duration: String!
}

${submissionSdl('IDENTITY')}
${CREDIT_REPORT_SDL}
${WATCH_SDL}
${CREDIT_CHECK_SDL}
${identity.types}
`;
