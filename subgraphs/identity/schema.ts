// Identity subgraph (基础身份): owns Enterprise and the root queries; serves ID01–ID10.
import { categoryTypeDefs, COMMON_SCALARS } from '../../schema/sdl';
import { summarySdl } from '../common/credit-summary';
import { FEDERATION_LINK, INDICATOR_COUNT_TYPE } from '../common/federation';

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
  publicWindow: [DurationRule!]!
  repairableAfter: [DurationRule!]!
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

${identity.types}
`;
