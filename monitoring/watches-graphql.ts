// Dynamic monitoring through GraphQL: watches (a list of enterprises, or a region, optionally some
// indicators or categories only), their webhook secrets, the pull feed of their events, delivery
// logs and dead letters. Each caller sees and changes its own watches; credit administrators all.
import { randomUUID } from 'node:crypto';
import { enforce, refusalOf } from '../auth/access';
import { isAdmin, manageWatch, watchChanges, watchEnterprises, watchRegion } from '../auth/policy';
import { badUserInput, graphqlError } from '../platform/errors';
import { indicatorByCode, INDICATORS } from '../schema/catalogue';
import type { Watch } from '../storage/port';
import { todayIso } from '../schema/today';
import { checkEndpoint, EndpointRefusedError, type EndpointPolicy } from './endpoint';
import { viewFor, type DeliveredEvent } from './event-view';
import { newSecret } from './signature';
import { requirePageSize, requireRegion, requireUscc } from '../platform/input';
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';
import type { MonitoringDeps } from './monitoring-deps';

/** What the watch resolvers read of a request: who asks and why, where watches are kept, and what the feed returned (for the audit trail). */
export interface WatchRequest {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  readonly monitoring?: MonitoringDeps;
  /** The feed's answer must be audited as a disclosure of these enterprises. */
  readonly returnedEnterprises: Set<string>;
}

export const MAX_WATCHED = 100_000;
/** Live watches one caller may have. */
export const MAX_WATCHES_PER_OWNER = 100;
/** Watches of one owner that deliver to one receiving host: a change is delivered there once whatever the number. */
export const MAX_WATCHES_PER_HOST = 10;

export const WATCH_SDL = `
"What a member agency or bidding platform watches for changes, and where they are pushed."
type Watch {
  id: ID!
  name: String
  "Webhook URL (HTTPS); null: read through creditEvents only."
  endpoint: String
  "Every enterprise of this region is watched, besides those listed."
  region: String
  "Only these indicators; null: all."
  indicators: [String!]
  "A paused watch keeps its events; deliveries resume when it is resumed."
  paused: Boolean!
  enterpriseCount: Int!
  createdAt: DateTime!
}

type WatchWithSecret {
  watch: Watch!
  "The HMAC-SHA256 key of the webhook signatures. Shown only here: keep it."
  secret: String
}

input WatchInput {
  name: String
  endpoint: String
  region: String
  indicators: [String!]
  "IDENTITY, ADVERSE, REPUTATION or ECONOMIC: all their indicators."
  categories: [String!]
  "Up to 100,000 enterprises (add more later with addWatchEnterprises)."
  usccs: [ID!]
}

"A change to a record, as this watch's owner may see it."
type CreditEvent {
  "Where this event stands in the watch's feed: pass it as after to read on."
  cursor: String!
  id: ID!
  change: String!
  at: DateTime!
  uscc: ID!
  indicator: String!
  recordId: ID!
  agency: String!
  repairedOn: Date
  attributes: JSON!
  "Attributes left out because the watch's owner may not read them."
  refused: [String!]!
}

type CreditEventPage {
  events: [CreditEvent!]!
  "The cursor to read on from (the same as after when nothing new came)."
  cursor: String
  hasMore: Boolean!
}

type WebhookDelivery {
  eventId: ID!
  at: DateTime!
  "HTTP status the receiver answered; null when it did not."
  status: Int
  error: String
  durationMs: Int!
}

extend type Query {
  "Your watches (a credit administrator sees all)."
  watches: [Watch!]!
  "The events of a watch after a cursor, oldest first: for receivers that cannot take webhooks."
  creditEvents(watchId: ID!, after: String, first: Int = 100): CreditEventPage!
  "The latest webhook deliveries of a watch, newest first."
  watchDeliveries(watchId: ID!, first: Int = 50): [WebhookDelivery!]!
  "Events retried for a day without success."
  deadLetters(watchId: ID!, first: Int = 100): [CreditEvent!]!
}

extend type Mutation {
  createWatch(input: WatchInput!): WatchWithSecret!
  addWatchEnterprises(watchId: ID!, usccs: [ID!]!): Watch!
  removeWatchEnterprises(watchId: ID!, usccs: [ID!]!): Watch!
  "A new webhook secret; the old one stops working at once."
  rotateWatchSecret(watchId: ID!): WatchWithSecret!
  setWatchPaused(watchId: ID!, paused: Boolean!): Watch!
  deleteWatch(watchId: ID!): Boolean!
  "Queues the dead letters again; answers how many."
  replayDeadLetters(watchId: ID!): Int!
}
`;

function monitoringOf(ctx: WatchRequest): MonitoringDeps {
  if (!ctx.monitoring) throw graphqlError('SERVICE_UNAVAILABLE', 'dynamic monitoring is not configured on this deployment');
  return ctx.monitoring;
}

/** A watch the caller may manage; another's is answered as not found, so ids reveal nothing. */
async function ownWatch(ctx: WatchRequest, watchId: string): Promise<Watch> {
  enforce(watchChanges(ctx.caller));
  const watch = await monitoringOf(ctx).store.findWatch(watchId);
  if (!watch || refusalOf(manageWatch(ctx.caller, watch.owner.subject))) throw badUserInput('watchId', `no watch ${watchId.slice(0, 60)} of yours`);
  return watch;
}

function codes(argument: string, usccs: readonly string[]): string[] {
  if (usccs.length > MAX_WATCHED) throw badUserInput(argument, `at most ${MAX_WATCHED} enterprises per watch, got ${usccs.length}`);
  usccs.forEach((u, i) => requireUscc(`${argument}[${i}]`, u));
  return [...new Set(usccs)];
}

function indicatorsOf(input: { indicators?: string[] | null; categories?: string[] | null }): string[] | null {
  if (!input.indicators && !input.categories) return null;
  const chosen = new Set<string>();
  (input.indicators ?? []).forEach((code, i) => {
    if (!indicatorByCode(code)) throw badUserInput(`input.indicators[${i}]`, `unknown indicator '${code.slice(0, 20)}'`);
    chosen.add(code);
  });
  (input.categories ?? []).forEach((category, i) => {
    const of = INDICATORS.filter((ind) => ind.category === category);
    if (!of.length) throw badUserInput(`input.categories[${i}]`, `unknown category '${category.slice(0, 20)}' (IDENTITY, ADVERSE, REPUTATION or ECONOMIC)`);
    for (const ind of of) chosen.add(ind.code);
  });
  return [...chosen].sort();
}

async function endpointOf(raw: string | null | undefined, policy: EndpointPolicy): Promise<string | null> {
  if (raw == null || raw === '') return null;
  try {
    return (await checkEndpoint(raw, policy)).toString();
  } catch (err) {
    if (err instanceof EndpointRefusedError) throw badUserInput('input.endpoint', err.message);
    throw err;
  }
}

/**
 * The watch as its reader may see it: an owner reading its own feed with the rights of the token it
 * holds now (a member who lost the role no longer reads member data, a disabled one cannot sign
 * in); an administrator reading another's feed, as the owner was.
 */
function asReadBy(ctx: WatchRequest, watch: Watch): Watch {
  const caller = ctx.caller;
  if (caller.anonymous || caller.subject !== watch.owner.subject) return watch;
  return { ...watch, owner: { subject: caller.subject, agency: caller.agency ?? null, region: caller.region ?? null, roles: [...caller.roles].sort(), enterprise: caller.enterprise ?? null } };
}

/** An event as the feed returns it; its enterprise is reported to the gateway's audit as returned. */
function eventOut(ctx: WatchRequest, seq: string, view: DeliveredEvent) {
  ctx.returnedEnterprises.add(view.enterprise.uscc);
  return { cursor: seq, ...view, uscc: view.enterprise.uscc };
}

/** The largest outbox position PostgreSQL's bigint holds: a larger cursor was never returned. */
const MAX_CURSOR = 9_223_372_036_854_775_807n;

export const watchResolvers = {
  Query: {
    watches: async (_root: unknown, _args: unknown, ctx: WatchRequest) => {
      enforce(watchChanges(ctx.caller));
      return monitoringOf(ctx).store.listWatches(isAdmin(ctx.caller) ? null : (ctx.caller.subject ?? ''));
    },
    creditEvents: async (_root: unknown, args: { watchId: string; after?: string | null; first?: number | null }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      if (args.after != null && (!/^\d{1,19}$/.test(args.after) || BigInt(args.after) > MAX_CURSOR)) throw badUserInput('after', 'is not a cursor returned by creditEvents');
      const first = requirePageSize('first', args.first, 100);
      const page = await monitoringOf(ctx).store.feed(watch.id, args.after ?? null, first);
      const today = todayIso();
      const events = page.flatMap((e) => {
        const view = viewFor(asReadBy(ctx, watch), e.event, today);
        return view ? [eventOut(ctx, e.seq, view)] : [];
      });
      return { events, cursor: page[page.length - 1]?.seq ?? args.after ?? null, hasMore: page.length === first };
    },
    watchDeliveries: async (_root: unknown, args: { watchId: string; first?: number | null }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      return monitoringOf(ctx).store.deliveryLog(watch.id, requirePageSize('first', args.first, 50));
    },
    deadLetters: async (_root: unknown, args: { watchId: string; first?: number | null }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      const today = todayIso();
      return (await monitoringOf(ctx).store.deadLetters(watch.id, requirePageSize('first', args.first, 100))).flatMap((e) => {
        const view = viewFor(asReadBy(ctx, watch), e.event, today);
        return view ? [eventOut(ctx, e.seq, view)] : [];
      });
    },
  },
  Mutation: {
    createWatch: async (
      _root: unknown,
      { input }: { input: { name?: string | null; endpoint?: string | null; region?: string | null; indicators?: string[] | null; categories?: string[] | null; usccs?: string[] | null } },
      ctx: WatchRequest,
    ) => {
      enforce(watchChanges(ctx.caller));
      const { store, policy } = monitoringOf(ctx);
      if (input.name && input.name.length > 100) throw badUserInput('input.name', 'at most 100 characters');
      const usccs = codes('input.usccs', input.usccs ?? []);
      const region = input.region == null ? null : requireRegion('input.region', input.region);
      if (!usccs.length && !region) throw badUserInput('input', 'watch a list of enterprises (usccs), a region, or both');
      if (region) enforce(watchRegion(ctx.caller, region));
      enforce(watchEnterprises(ctx.caller, usccs, region));
      // one owner's watches are bounded, and so are those it points at one receiving host
      const owned = await monitoringOf(ctx).store.listWatches(ctx.caller.subject ?? '');
      if (owned.length >= MAX_WATCHES_PER_OWNER) throw badUserInput('input', `you have ${owned.length} watches, the most one caller may have; delete one first`);
      const indicators = indicatorsOf(input);
      const endpoint = await endpointOf(input.endpoint, policy);
      const host = endpoint ? new URL(endpoint).host : null;
      const toHost = host ? owned.filter((w) => w.endpoint && new URL(w.endpoint).host === host).length : 0;
      if (toHost >= MAX_WATCHES_PER_HOST)
        throw badUserInput('input.endpoint', `you have ${toHost} watches delivering to ${host}, the most one caller may point at one host; add enterprises to one of them instead`);
      const secret = endpoint ? newSecret() : null;
      const caller = ctx.caller;
      const watch: Watch = {
        id: `w_${randomUUID()}`,
        owner: { subject: caller.subject ?? '', agency: caller.agency ?? null, region: caller.region ?? null, roles: [...caller.roles].sort() },
        purpose: ctx.purpose ?? null,
        name: input.name ?? null,
        endpoint,
        secret,
        region,
        indicators,
        paused: false,
        createdAt: new Date(),
      };
      await store.createWatch(watch, usccs);
      return { watch, secret };
    },
    addWatchEnterprises: async (_root: unknown, args: { watchId: string; usccs: string[] }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      const { store } = monitoringOf(ctx);
      const usccs = codes('usccs', args.usccs);
      enforce(watchEnterprises(ctx.caller, usccs, watch.region));
      const [count, already] = await Promise.all([store.enterpriseCount(watch.id), store.countListed(watch.id, usccs)]);
      if (count + usccs.length - already > MAX_WATCHED)
        throw badUserInput('usccs', `a watch lists at most ${MAX_WATCHED} enterprises: it lists ${count}, and these would add ${usccs.length - already}; nothing was added`);
      await store.addEnterprises(watch.id, usccs);
      return watch;
    },
    removeWatchEnterprises: async (_root: unknown, args: { watchId: string; usccs: string[] }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      await monitoringOf(ctx).store.removeEnterprises(watch.id, codes('usccs', args.usccs));
      return watch;
    },
    rotateWatchSecret: async (_root: unknown, args: { watchId: string }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      if (!watch.endpoint) throw badUserInput('watchId', 'this watch has no webhook endpoint, so no secret');
      const secret = newSecret();
      await monitoringOf(ctx).store.updateWatch(watch.id, { secret });
      return { watch: { ...watch, secret }, secret };
    },
    setWatchPaused: async (_root: unknown, args: { watchId: string; paused: boolean }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      await monitoringOf(ctx).store.updateWatch(watch.id, { paused: args.paused });
      return { ...watch, paused: args.paused };
    },
    deleteWatch: async (_root: unknown, args: { watchId: string }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      await monitoringOf(ctx).store.updateWatch(watch.id, { deleted: true });
      return true;
    },
    replayDeadLetters: async (_root: unknown, args: { watchId: string }, ctx: WatchRequest) => {
      const watch = await ownWatch(ctx, args.watchId);
      return monitoringOf(ctx).store.replayDeadLetters(watch.id, new Date());
    },
  },
  Watch: {
    enterpriseCount: (watch: Watch, _args: unknown, ctx: WatchRequest) => monitoringOf(ctx).store.enterpriseCount(watch.id),
  },
};
