// Resolvers for a category's indicator fields, derived from the catalogue: access by disclosure
// level, batched and projected reads, date windows, pagination and a stable newest-first order.
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { readAttribute, readRefusal, recordVisible } from '../../auth/access';
import { objectionView } from '../../objections/graphql';
import { activeRuleFields, activeRuleOf, isActive } from '../../schema/active-rules';
import { indicatorsOf, type Category, type IndicatorSpec } from '../../schema/catalogue';
import { windowFields } from '../../schema/display-windows';
import type { SubgraphContext } from './context';
import { badUserInput } from '../../platform/errors';
import { requirePageSize } from '../../platform/input';
import type { StoredRecord } from '../../storage/port';
import { requestedFields } from './requested-fields';
import { asText } from '../../schema/text';

export interface EnterpriseRef {
  readonly uscc: string;
}

/** A record as GraphQL sees it: metadata plus the spec's attributes. */
export interface RecordView {
  readonly id: string;
  /** The enterprise the record is about (null: a natural person). */
  readonly uscc: string | null;
  readonly agency: string;
  readonly agencyRegion: string;
  readonly receivedAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
  /** Keyed hash of the natural person the record names, if any. */
  readonly personHash?: string;
  readonly repairedOn?: string;
}

interface ListArgs {
  since?: string | null;
  until?: string | null;
  first?: number | null;
  after?: string | null;
  year?: number | null;
}

type Resolver = GraphQLFieldResolver<unknown, SubgraphContext, Record<string, unknown>>;

export function toView(r: StoredRecord): RecordView {
  return { id: r.id, uscc: r.uscc, agency: r.agency, agencyRegion: r.agencyRegion, receivedAt: r.receivedAt, data: r.data, personHash: r.personHash, repairedOn: r.repairedOn };
}

function compareNewestFirst(ind: IndicatorSpec): (a: RecordView, b: RecordView) => number {
  const key = ind.cardinality === 'PER_YEAR' ? 'year' : ind.mainDate;
  return (a, b) => {
    if (key) {
      const av = asText(a.data[key]);
      const bv = asText(b.data[key]);
      if (av !== bv) return av < bv ? 1 : -1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Attributes the query needs from storage: those selected plus those ordering and `active` read. */
function fieldsToLoad(ind: IndicatorSpec, info: GraphQLResolveInfo): string[] {
  const selected = requestedFields(info);
  const needed = new Set(ind.attributes.map((a) => a.name).filter((n) => selected.has(n)));
  if (ind.mainDate) needed.add(ind.mainDate);
  if (ind.cardinality === 'PER_YEAR') needed.add('year');
  const rule = activeRuleOf(ind);
  if (rule && selected.has('active')) for (const f of activeRuleFields(rule)) needed.add(f);
  if (ind.category === 'ADVERSE') for (const f of windowFields(ind)) needed.add(f);
  return [...needed].sort();
}

/** The records of one indicator the caller may see today, after display windows and retention. */
export function visibleViews(ind: IndicatorSpec, stored: readonly StoredRecord[], ctx: SubgraphContext): RecordView[] {
  return stored.map(toView).filter((v) => recordVisible(ctx, ind, v, ctx.today));
}

function selectPage(ind: IndicatorSpec, views: RecordView[], args: ListArgs): RecordView[] {
  let list = views;
  if (ind.cardinality === 'PER_YEAR' && args.year != null) list = list.filter((v) => v.data['year'] === args.year);
  const dateKey = ind.mainDate;
  if (dateKey && args.since) list = list.filter((v) => asText(v.data[dateKey]) >= (args.since ?? ''));
  if (dateKey && args.until) list = list.filter((v) => asText(v.data[dateKey]) <= (args.until ?? ''));
  list.sort(compareNewestFirst(ind));
  if (ind.cardinality !== 'MANY') return list;
  if (args.after) {
    const at = list.findIndex((v) => v.id === args.after);
    if (at < 0) throw badUserInput('after', 'is not the id of a record in this list');
    list = list.slice(at + 1);
  }
  return list.slice(0, requirePageSize('first', args.first, 100));
}

function enterpriseFieldResolver(ind: IndicatorSpec): Resolver {
  return async (parent, args: ListArgs, ctx, info) => {
    const { uscc } = parent as EnterpriseRef;
    const refused = readRefusal(ctx, ind.disclosure, `${ind.code} ${ind.field}`, undefined, uscc);
    if (refused) throw refused;
    const stored = await ctx.records.load({ uscc, indicator: ind.code, fields: fieldsToLoad(ind, info) });
    const views = visibleViews(ind, stored, ctx);
    if (ind.cardinality === 'ONE') return views.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())[0] ?? null;
    return selectPage(ind, views, args);
  };
}

/** Resolvers of one record type: attributes from `data`, stricter attribute disclosure, `active`. */
function recordTypeResolvers(ind: IndicatorSpec): Record<string, Resolver> {
  const out: Record<string, Resolver> = {};
  for (const attr of ind.attributes) {
    const level = attr.disclosure;
    out[attr.name] = (parent, _args, ctx) => {
      const view = parent as RecordView;
      const value = view.data[attr.name] ?? null;
      if (!level) return value;
      const read = readAttribute(ctx, attr, value, view.agency, view.uscc);
      if (read.shown) return read.value;
      throw readRefusal(ctx, read.refusedAt, `${ind.code} ${attr.name}`, view.agency, view.uscc) ?? new Error('refused without a reason');
    };
  }
  out['objection'] = async (parent, _args, ctx) => {
    const found = await ctx.objectionOf.load((parent as RecordView).id);
    return found ? objectionView(ctx.caller, found) : null;
  };
  const rule = activeRuleOf(ind);
  if (rule) {
    out['active'] = (parent, args: { asOf?: string | null }, ctx) => isActive(rule, (parent as RecordView).data, args.asOf ?? ctx.today);
  }
  return out;
}

export interface CategoryResolvers {
  /** Field resolvers to place on `Enterprise`. */
  readonly enterpriseFields: Record<string, Resolver>;
  /** Resolver maps keyed by record type name. */
  readonly recordTypes: Record<string, Record<string, Resolver>>;
}

export function categoryResolvers(category: Category): CategoryResolvers {
  const enterpriseFields: Record<string, Resolver> = {};
  const recordTypes: Record<string, Record<string, Resolver>> = {};
  for (const ind of indicatorsOf(category)) {
    enterpriseFields[ind.field] = enterpriseFieldResolver(ind);
    recordTypes[ind.typeName] = recordTypeResolvers(ind);
  }
  return { enterpriseFields, recordTypes };
}
