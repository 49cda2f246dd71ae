// The Federation 2 header every subgraph schema starts with.
export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible", "@external", "@requires"])';

/** Counts of an enterprise's records per indicator, a value type every subgraph contributes to. */
export const INDICATOR_COUNT_TYPE = `
"How many records of one indicator an enterprise has (only indicators the caller may read)."
type IndicatorCount @shareable {
  indicator: String!
  field: String!
  count: Int!
}`;
