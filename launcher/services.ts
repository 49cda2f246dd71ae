// Each service of the system started from the one configuration: the same code whether the
// service runs in a process of its own (launcher/main.ts) or beside the others in one process
// (launcher/in-process.ts).
import { TokenValidator } from '../auth/token-validator';
import { AuditLog, DEFAULT_AUDIT_OPTIONS } from '../audit/audit-log';
import { ObjectionService } from '../objections/objection-service';
import { scheduleObjectionSweep } from '../objections/overdue-sweep';
import { startGateway, type RunningGateway } from '../gateway/server';
import { scheduleDisplayChanges } from '../monitoring/display-events';
import { Dispatcher } from '../monitoring/dispatcher';
import { directoryRegions, dispatcherToken } from '../monitoring/enterprise-regions';
import { ownerRightsFromEnv } from '../monitoring/owner-rights';
import type { Logger } from '../platform/logger';
import { connectRedis } from '../platform/redis';
import { SUBGRAPH_OF } from '../schema/catalogue';
import { databaseName, openAuditStore, openChangeFeed, openEntityVersions, openMonitoringStore, openReportRegistry, openSubgraphStorage } from '../storage/index';
import type { AuditStore, DispatcherRole, EntityVersions, MonitoringStore, SubgraphStorage } from '../storage/port';
import { EntityCache } from '../cache/entity-cache';
import { lazyVersions } from '../cache/lazy-versions';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/index';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph-server';
import type { SystemConfig } from './config';

export interface StartedService {
  /** What the ready line says. */
  readonly ready: string;
  stop(): Promise<void>;
}

export interface StartedGateway extends StartedService {
  readonly running: RunningGateway;
  readonly audit: AuditStore;
}

/** The gateway: its audit trail and report register, token validation, the supergraph over the subgraphs' URLs. */
export async function startGatewayService(config: SystemConfig, logger: Logger, subgraphUrls: Readonly<Record<SubgraphName, string>>): Promise<StartedGateway> {
  const audit = await openAuditStore(config.storage('audit'), databaseName(config.dbPrefix, 'audit'), config.env);
  const registry = await openReportRegistry(config.storage('audit'), databaseName(config.dbPrefix, 'audit'), config.env);
  const log = new AuditLog((events) => audit.append(events), {
    ...DEFAULT_AUDIT_OPTIONS,
    recordPatienceMs: config.gateway.auditPatienceMs,
    onError: (err, pending) => logger.error({ err, pending }, 'audit write failed; the events are kept and retried'),
  });
  const { console: consoleSettings, reports, sharedState, auditPatienceMs: _patience, entityCache: cacheSettings, ...listener } = config.gateway;
  const redis = sharedState ? await connectRedis(sharedState.url, { logger }) : undefined;
  const entityCache = cacheSettings.enabled ? openEntityCache(config, cacheSettings, logger) : undefined;
  const running = await startGateway({
    ...listener,
    ...(entityCache ? { entityCache: entityCache.cache } : {}),
    ...(redis && sharedState ? { shared: { redis, prefix: sharedState.prefix } } : {}),
    ...(consoleSettings ? { console: consoleSettings } : {}),
    reports: { ...reports, registry },
    audit: { log, store: audit },
    subgraphUrls,
    hopKey: config.hopKey,
    validator: new TokenValidator({ ...config.keycloak, logger }),
    logger,
  });
  return {
    running,
    audit,
    ready: `gateway ready at ${running.url}`,
    // the gateway's stop writes the buffered audit events and closes the report register
    stop: async () => {
      await running.stop();
      await audit.close();
      await entityCache?.close();
      redis?.disconnect();
    },
  };
}

/**
 * The entity cache over the versions of every subgraph's database that keeps them (PostgreSQL),
 * each opened when first needed: the gateway starts whatever state those databases are in.
 */
function openEntityCache(config: SystemConfig, settings: SystemConfig['gateway']['entityCache'], logger: Logger): { cache: EntityCache; close(): Promise<void> } {
  const versions: Record<string, EntityVersions> = {};
  for (const { name } of SUBGRAPHS) {
    const storage = config.storage(name);
    // on MongoDB there are no versions: nothing of that subgraph is cached
    if (storage.kind !== 'postgres') continue;
    versions[name] = lazyVersions(
      () => openEntityVersions(storage, databaseName(config.dbPrefix, name), config.env),
      (err) => logger.warn({ err, subgraph: name }, 'entity versions could not be opened; its answers are not cached until they can'),
    );
  }
  let lastWarning = 0;
  const cache = new EntityCache({
    maxBytes: settings.maxBytes,
    versionTimeoutMs: settings.versionTimeoutMs,
    versions,
    // once a minute at most: an outage of the database is reported by its own subgraph's errors too
    onVersionError: (subgraph, err) => {
      if (Date.now() - lastWarning < 60_000) return;
      lastWarning = Date.now();
      logger.warn({ err, subgraph }, 'entity versions could not be read; answering uncached');
    },
  });
  return {
    cache,
    close: async () => {
      cache.close();
      await Promise.all(Object.values(versions).map((v) => v.close()));
    },
  };
}

export interface StartedSubgraph extends StartedService {
  readonly running: RunningSubgraph;
  readonly storage: SubgraphStorage;
  /** The identity subgraph's watches (PostgreSQL deployments). */
  readonly monitoring?: MonitoringStore;
}

export interface SubgraphLinks {
  /** Where the identity subgraph and the gateway are, read when a request needs them (in one process they start after). */
  readonly identityUrl: () => string;
  /** Where the adverse and reputation subgraphs are (the identity subgraph asks them for their part of a credit check). */
  readonly subgraphUrl: (name: 'adverse' | 'reputation') => string;
  readonly gatewayUrl: () => string;
  /** Whether this process runs the scheduled jobs: display-window events (adverse) and the overdue objection sweep (tests call them themselves). */
  readonly displayWindows: boolean;
  /** A port other than the configured one (0: any free port, in one process). */
  readonly port?: number;
}

export async function startSubgraphService(name: SubgraphName, config: SystemConfig, logger: Logger, links: SubgraphLinks): Promise<StartedSubgraph> {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`no subgraph ${name}`);
  const dbName = databaseName(config.dbPrefix, name);
  const storage = await openSubgraphStorage(config.storage(name), dbName, config.env);
  // the identity subgraph manages watches: it keeps them in the monitoring database (PostgreSQL only)
  const monitoringConfig = config.storage('monitoring');
  const monitoring = name === 'identity' && monitoringConfig.kind === 'postgres' ? await openMonitoringStore(monitoringConfig, databaseName(config.dbPrefix, 'monitoring'), config.env) : undefined;
  const definition = entry.create(storage, {
    identityUrl: links.identityUrl,
    subgraphUrl: links.subgraphUrl,
    gatewayUrl: links.gatewayUrl,
    hopKey: config.hopKey,
    personHashKey: config.personHashKey,
    objectionDays: config.objectionDays,
    ...(monitoring ? { monitoring: { store: monitoring, policy: config.webhooks } } : {}),
  });
  const { port, host, limits } = config.subgraphs[name];
  const running = await startSubgraph(definition, { storage, validator: new TokenValidator({ ...config.keycloak, logger }), hopKey: config.hopKey, port: links.port ?? port, host, limits, logger });
  // records entering and leaving public display are adverse records' alone
  const display = links.displayWindows && entry.category === 'ADVERSE' ? scheduleDisplayChanges(storage, logger) : undefined;
  const sweep = links.displayWindows ? scheduleObjectionSweep(new ObjectionService(storage, entry.category, config.objectionDays), logger) : undefined;
  return {
    running,
    storage,
    ...(monitoring ? { monitoring } : {}),
    ready: `${name} subgraph ready at ${running.url} (database ${dbName})`,
    stop: async () => {
      display?.stop();
      sweep?.stop();
      await running.stop();
      await storage.close();
      await monitoring?.close();
    },
  };
}

/** The dispatcher: one per deployment; a second stands by until the first one's session ends. */
export async function startDispatcherService(config: SystemConfig, logger: Logger): Promise<StartedService> {
  const store = await openMonitoringStore(config.storage('monitoring'), databaseName(config.dbPrefix, 'monitoring'), config.env);
  // deliveries are recorded in the gateway's audit trail, as its own disclosures are
  const auditStore = await openAuditStore(config.storage('audit'), databaseName(config.dbPrefix, 'audit'), config.env);
  const audit = new AuditLog((events) => auditStore.append(events), { onError: (err, pending) => logger.error({ err, pending }, 'audit write failed') });
  // one outbox per subgraph database, named as the catalogue names the subgraphs
  const feeds = await Promise.all(
    Object.values(SUBGRAPH_OF).map(async (name) => ({ source: name, feed: await openChangeFeed(config.storage(name), databaseName(config.dbPrefix, name), config.env) })),
  );
  // a dispatcher of its own for each time the role is held: a stopped one is not started again
  const makeDispatcher = () =>
    new Dispatcher({
      ...config.dispatcher,
      store,
      feeds,
      policy: config.webhooks,
      logger,
      audit,
      owners: ownerRightsFromEnv(config.env),
      regions: directoryRegions(config.subgraphs.identity.url, config.hopKey, dispatcherToken(config.keycloak.url, config.env)),
    });
  let stopping = false;
  let current: { dispatcher: Dispatcher; role: DispatcherRole } | undefined;
  const standBy = async (first: DispatcherRole | null): Promise<DispatcherRole | null> => {
    let role = first;
    if (!role) logger.info('another dispatcher is running; standing by');
    while (!role && !stopping) {
      await new Promise((r) => setTimeout(r, 2_000));
      role = await store.tryDispatcherRole().catch(() => null);
    }
    return role;
  };
  const serve = (role: DispatcherRole) => {
    const dispatcher = makeDispatcher();
    current = { dispatcher, role };
    dispatcher.start();
    void role.lost.then(async () => {
      if (stopping || current?.role !== role) return;
      // another dispatcher may hold the role now: this one stops delivering before anything else
      logger.warn('the dispatcher role was lost (its database session ended); stopping deliveries and standing by');
      current = undefined;
      await dispatcher.stop().catch((err: unknown) => logger.error({ err }, 'dispatcher stop failed'));
      await role.release();
      const next = await standBy(await store.tryDispatcherRole().catch(() => null));
      if (next && !stopping) serve(next);
      else await next?.release();
    });
  };
  const first = await standBy(await store.tryDispatcherRole());
  if (first) serve(first);
  return {
    ready: 'dispatcher running',
    stop: async () => {
      stopping = true;
      const held = current;
      current = undefined;
      if (held) {
        await held.dispatcher.stop();
        await held.role.release();
      }
      for (const { feed } of feeds) await feed.close();
      await audit.close();
      await auditStore.close();
      await store.close();
    },
  };
}
