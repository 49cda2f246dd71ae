// Each subgraph's part of Enterprise.creditSummary: record counts per indicator of its category,
// counted by the database (no record list is fetched), for the indicators the caller may read.
import type { GraphQLFieldResolver } from 'graphql';
import { mayRead } from '../../auth/access';
import { indicatorsOf, type Category } from '../../schema/catalogue';
import { windowFields } from '../../schema/display-windows';
import { visibleViews } from './indicator-resolvers';
import type { SubgraphContext } from './context';

export interface SummaryRef {
  readonly uscc: string;
}

export interface IndicatorCount {
  readonly indicator: string;
  readonly field: string;
  readonly count: number;
}

export const summaryFieldOf = (category: Category): string => category.toLowerCase();

export function summarySdl(category: Category, extraFields = ''): string {
  return `
"Counts of an enterprise's credit records, contributed by each category subgraph."
type CreditSummary @key(fields: "uscc") {
  uscc: ID!
  "${category} indicators the caller may read, with their record counts (zero included); null, with an error, when this category could not be read: a count is never 0 for a part not read."
  ${summaryFieldOf(category)}: [IndicatorCount!]${extraFields}
}`;
}

export function countsResolver(category: Category): GraphQLFieldResolver<SummaryRef, SubgraphContext> {
  const indicators = indicatorsOf(category);
  // Adverse records have display windows: count what the caller would see, reading only the dates.
  if (category === 'ADVERSE') {
    return async (parent, _args, ctx): Promise<IndicatorCount[]> => {
      const readable = indicators.filter((ind) => mayRead(ctx, ind.disclosure, undefined, parent.uscc));
      const lists = await Promise.all(readable.map((ind) => ctx.records.load({ uscc: parent.uscc, indicator: ind.code, fields: windowFields(ind).sort() })));
      return readable.map((ind, i) => ({ indicator: ind.code, field: ind.field, count: visibleViews(ind, lists[i] ?? [], ctx).length }));
    };
  }
  return async (parent, _args, ctx): Promise<IndicatorCount[]> => {
    const counts = await ctx.counts.load(parent.uscc);
    return indicators.filter((ind) => mayRead(ctx, ind.disclosure, undefined, parent.uscc)).map((ind) => ({ indicator: ind.code, field: ind.field, count: counts.get(ind.code) ?? 0 }));
  };
}
