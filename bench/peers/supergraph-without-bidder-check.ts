// Hive Gateway 2.15 cannot load the full supergraph (its stitching layer fails with "Multiple
// canonical definitions for RuleHit", the value type the bidder check shares across three
// subgraphs). For a side-by-side run every system gets this variant: the same subgraph schemas
// without the bidder check (and the credit check, which shares its qualification input, and the
// hits its parts share across two subgraphs), composed the same way.
import { composeServices } from '@apollo/composition';
import { parse, visit, type DocumentNode } from 'graphql';
import { routingUrls } from '../../scripts/compose';
import { SUBGRAPHS } from '../../subgraphs';

const BIDDER_TYPES = new Set([
  'BidderCheckReport',
  'BidderVerdict',
  'BidderVerdictCode',
  'RuleHit',
  'QualificationRequirementInput',
  'RuleSet',
  'BidderProblem',
  'ScenarioHit',
  'ScenarioSubjectInput',
  'ScenarioPersonInput',
  'ScenarioQualificationInput',
]);
const BIDDER_FIELDS = new Set(['bidderCheck', 'creditCheck', 'adverseScenarioHits', 'reputationScenarioHits']);

function withoutBidderCheck(document: DocumentNode): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition: (node) => (BIDDER_TYPES.has(node.name.value) ? null : undefined),
    ObjectTypeExtension: (node) => (BIDDER_TYPES.has(node.name.value) ? null : undefined),
    EnumTypeDefinition: (node) => (BIDDER_TYPES.has(node.name.value) ? null : undefined),
    InputObjectTypeDefinition: (node) => (BIDDER_TYPES.has(node.name.value) ? null : undefined),
    FieldDefinition: (node) => (BIDDER_FIELDS.has(node.name.value) ? null : undefined),
  });
}

export function supergraphWithoutBidderCheck(): string {
  const urls = routingUrls();
  const result = composeServices(SUBGRAPHS.map((s) => ({ name: s.name, url: urls.get(s.name) ?? '', typeDefs: withoutBidderCheck(parse(s.typeDefs)) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

if (require.main === module) process.stdout.write(supergraphWithoutBidderCheck());
