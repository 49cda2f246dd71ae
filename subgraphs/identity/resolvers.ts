// Identity subgraph resolvers: root queries, the Enterprise entity, ID01–ID10 from the catalogue.
import type { GraphQLResolverMap } from '../kit/resolver-map';
import { historyKey } from '../../submissions/history';
import { enforce } from '../../auth/access';
import { followPersonLink } from '../../auth/policy';
import { INDICATORS, PERSON_LINK_LEVEL, type IndicatorSpec } from '../../schema/catalogue';
import { isValidRegistrationNo, isValidUscc } from '../../schema/identifiers';
import { badUserInput } from '../../platform/errors';
import { countsResolver, type SummaryRef } from '../kit/credit-summary';
import { categoryResolvers, type RecordView } from '../kit/indicator-resolvers';
import { mergeResolvers } from '../kit/merge-resolvers';
import { ruleHitResolvers } from '../kit/bidder-check';
import { issueCreditReport } from '../../reports/credit-report-mutation';
import { watchResolvers } from '../../monitoring/watches-graphql';
import { creditCheckResolvers } from './credit-check-graphql';
import { requirePageSize, requireRegion, requireRegistrationNo, requireUscc } from '../../platform/input';
import { scalarResolvers } from '../../platform/scalars';
import { JSONScalar } from '../kit/json-scalar';
import { submissionResolvers } from '../../submissions/graphql';
import { encodePeriodKey, qualityKey, type QualityKey } from '../../submissions/quality';
import { bidderCheck, bidderVerdictResolvers } from './bidder-check';
import { returning, type IdentityContext } from './context';
import type { EnterpriseEntry, SearchMode } from '../../storage/port';

export const MAX_ENTERPRISES_PER_QUERY = 1000;
const MAX_SEARCH_LENGTH = 50;

function encodeCursor(uscc: string): string {
  return Buffer.from(uscc, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const uscc = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isValidUscc(uscc)) throw badUserInput('after', 'is not a cursor returned by searchEnterprises');
  return uscc;
}

function searchMode(query: string): SearchMode {
  const text = query.trim();
  if (text.length === 0) throw badUserInput('query', 'must not be empty');
  if (text.length > MAX_SEARCH_LENGTH) throw badUserInput('query', `must be at most ${MAX_SEARCH_LENGTH} characters`);
  const upper = text.toUpperCase();
  if (isValidUscc(upper)) return { kind: 'uscc', code: upper };
  if (isValidRegistrationNo(text)) return { kind: 'registrationNo', code: text };
  return { kind: 'name', text };
}

function durationRules(rules: Readonly<Record<string, string>> | undefined) {
  return Object.entries(rules ?? {}).map(([appliesTo, duration]) => ({ appliesTo, duration }));
}

function catalogueEntry(ind: IndicatorSpec) {
  return {
    ...ind,
    attributes: ind.attributes.map((a) => ({
      name: a.name,
      type: a.type,
      list: a.list ?? false,
      required: a.required,
      enumValues: a.values ?? null,
      disclosure: a.disclosure ?? null,
      note: a.note ?? null,
    })),
    publicWindow: durationRules(ind.publicWindow),
    publicWindowMaximum: durationRules(ind.publicWindowMaximum),
    repairableAfter: durationRules(ind.repairableAfter),
    displayBasis: ind.displayBasis ?? null,
    repairDecisionWorkingDays: ind.repairDecision?.workingDays ?? null,
    repairDecisionBasis: ind.repairDecision?.basis ?? null,
  };
}

const identity = categoryResolvers('IDENTITY');

// the person link and the schema's Person entity are about this one indicator (schema/sdl.ts adds the link)
const LEGAL_REPRESENTATIVE = 'ID02';

interface PersonRef {
  readonly personKey: string;
}

export const resolvers: GraphQLResolverMap<IdentityContext> = mergeResolvers<IdentityContext>(
  scalarResolvers,
  { JSON: JSONScalar },
  submissionResolvers('IDENTITY'),
  identity.recordTypes,
  ruleHitResolvers,
  {
    Query: {
      enterprise: async (_root, args: { uscc?: string | null; registrationNo?: string | null }, ctx) => {
        const given = [args.uscc, args.registrationNo].filter((v) => v != null);
        if (given.length !== 1) throw badUserInput('uscc', 'give exactly one of uscc or registrationNo');
        if (args.uscc != null) return returning(ctx, await ctx.enterprises.load(requireUscc('uscc', args.uscc)));
        return returning(ctx, await ctx.directory.findByRegistrationNo(requireRegistrationNo('registrationNo', args.registrationNo ?? '')));
      },
      enterprises: async (_root, args: { usccs: string[] }, ctx) => {
        if (args.usccs.length > MAX_ENTERPRISES_PER_QUERY) {
          throw badUserInput('usccs', `at most ${MAX_ENTERPRISES_PER_QUERY} codes per query, got ${args.usccs.length}`);
        }
        args.usccs.forEach((code, i) => requireUscc(`usccs[${i}]`, code));
        return (await ctx.enterprises.loadMany(args.usccs)).map((e) => returning(ctx, e));
      },
      searchEnterprises: async (_root, args: { query: string; region?: string | null; first?: number | null; after?: string | null }, ctx) => {
        const mode = searchMode(args.query);
        const region = args.region == null ? undefined : requireRegion('region', args.region);
        const first = requirePageSize('first', args.first, 20);
        const after = args.after == null ? undefined : decodeCursor(args.after);
        const found = await ctx.directory.search(mode, region, after, first);
        const page = found.slice(0, first).map((e) => returning(ctx, e));
        return {
          edges: page.map((node) => ({ cursor: encodeCursor(node.uscc), node })),
          pageInfo: { hasNextPage: found.length > first, endCursor: page.length ? encodeCursor(page[page.length - 1]?.uscc ?? '') : null },
        };
      },
      indicatorCatalogue: () => INDICATORS.map(catalogueEntry),
      bidderCheck: (_root: unknown, args: Parameters<typeof bidderCheck>[0], ctx: IdentityContext) => bidderCheck(args, ctx),
      dataQualityReport: (_root: unknown, args: QualityKey, ctx: IdentityContext) => ({ periodKey: encodePeriodKey(qualityKey(ctx, args)) }),
      submissionHistory: (_root: unknown, args: { first: number }, ctx: IdentityContext) => historyKey(ctx, args.first),
      ...watchResolvers.Query,
      ...creditCheckResolvers.Query,
    },
    Mutation: {
      issueCreditReport: (_root: unknown, args: { uscc?: string | null; registrationNo?: string | null }, ctx: IdentityContext) => issueCreditReport(args, ctx, ctx.gatewayUrl),
      ...watchResolvers.Mutation,
      ...creditCheckResolvers.Mutation,
    },
    Watch: watchResolvers.Watch,
    Enterprise: {
      __resolveReference: async (ref: { uscc: string }, ctx: IdentityContext): Promise<EnterpriseEntry | null> => returning(ctx, await ctx.enterprises.load(ref.uscc)),
      creditSummary: (parent: { uscc: string }): SummaryRef => ({ uscc: parent.uscc }),
      ...identity.enterpriseFields,
    },
    CreditSummary: {
      __resolveReference: (ref: SummaryRef) => ({ uscc: ref.uscc }),
      identity: countsResolver('IDENTITY'),
    },
    BidderVerdict: bidderVerdictResolvers,
    LegalRepresentative: {
      person: (parent: RecordView, _args: unknown, ctx: IdentityContext): PersonRef | null => {
        enforce(followPersonLink(ctx.caller, PERSON_LINK_LEVEL));
        return parent.personHash ? { personKey: parent.personHash } : null;
      },
    },
    Person: {
      __resolveReference: (ref: PersonRef, ctx: IdentityContext) => {
        enforce(followPersonLink(ctx.caller, PERSON_LINK_LEVEL));
        return { personKey: ref.personKey };
      },
      representedEnterprises: async (person: PersonRef, _args: unknown, ctx: IdentityContext) => {
        const records = await ctx.personRecords.load({ personHash: person.personKey, indicator: LEGAL_REPRESENTATIVE });
        const usccs = [...new Set(records.map((r) => r.uscc).filter((u): u is string => u !== null))].sort();
        const found = await ctx.enterprises.loadMany(usccs);
        return found.filter((e): e is EnterpriseEntry => e !== null && !(e instanceof Error)).map((e) => returning(ctx, e));
      },
    },
  },
);
