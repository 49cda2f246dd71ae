// Adverse subgraph schema: AD01–AD12, natural persons on the dishonest judgment debtor list,
// and the active adverse flags of the credit summary.
import { indicatorsOf } from '../../schema/catalogue';
import { RULE_HIT_SDL } from '../kit/bidder-check';
import { categoryTypeDefsFor } from '../kit/category-subgraph';
import { STATEMENT_FIELD, STATEMENT_SDL } from '../../subject/statements';
import { COMMITMENTS_FIELD, REPAIR_APPLICATION_FIELD, REPAIR_SDL } from '../../repairs/graphql';
import { SCENARIO_HITS_SDL } from '../kit/scenario-hits';

const REPAIR_FIELD = '  "Date credit repair (信用修复) took effect; null if the record is not repaired."\n  repairedOn: Date';

export const typeDefs = categoryTypeDefsFor('ADVERSE', 'Adverse behaviour (不良行为): AD01–AD12.', {
  recordFields: Object.fromEntries(indicatorsOf('ADVERSE').map((ind) => [ind.typeName, `${REPAIR_FIELD}\n${STATEMENT_FIELD}\n${REPAIR_APPLICATION_FIELD}`])),
  summaryFields: `
  "Codes of adverse indicators with an entry in force on asOf (default today): list entries, arrears, bans."
  activeAdverseFlags(asOf: Date): [String!]`,
  enterpriseFields: `\n${COMMITMENTS_FIELD}`,
  sdl: `${RULE_HIT_SDL}
${STATEMENT_SDL}
${REPAIR_SDL}
${SCENARIO_HITS_SDL('adverseScenarioHits')}

"One bidder of a bidder check; this subgraph adds the hits of the adverse-record rules."
type BidderVerdict @key(fields: "checkId") {
  checkId: ID!
  legalRepresentative: BidderPerson @external
  adverseHits: [RuleHit!]! @requires(fields: "legalRepresentative { personKey maskedIdNumber }") @inaccessible
}

"A natural person, known to this subgraph only by the keyed hash of the ID number."
type Person @key(fields: "personKey") {
  personKey: ID! @inaccessible
  "AD08 entries naming this person, newest first."
  dishonestJudgmentDebtor: [DishonestDebtorEntry!]
  "Whether the person is a listed dishonest judgment debtor on asOf (default today)."
  listedAsDishonestDebtor(asOf: Date): Boolean
}`,
});
