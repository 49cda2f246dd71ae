// Identity subgraph context: the common one plus a per-request enterprise loader.
import DataLoader from 'dataloader';
import { createSubgraphContext, type SubgraphContext, type SubgraphServices } from '../kit/context';
import type { RequestIdentity } from '../kit/subgraph-server';
import type { CreditCheckStore, EnterpriseDirectory, EnterpriseEntry, RecordStore } from '../../storage/port';
import type { ScenarioClient } from './scenario-client';
import type { MonitoringDeps } from '../../monitoring/monitoring-deps';

export interface IdentityContext extends SubgraphContext {
  readonly directory: EnterpriseDirectory;
  readonly enterprises: DataLoader<string, EnterpriseEntry | null>;
  /** Enterprises this response carries, whatever named them: reported to the gateway for its audit trail. */
  readonly returnedEnterprises: Set<string>;
  /** Base URL of the gateway, whose report route issueCreditReport calls. */
  readonly gatewayUrl: string;
  /** Watches and their events; absent where monitoring is not configured. */
  readonly monitoring?: MonitoringDeps;
  /** Credit checks as answered, and their feedback. */
  readonly creditChecks: CreditCheckStore;
  /** The other subgraphs' parts of a credit check. */
  readonly scenarios: ScenarioClient;
}

/** Notes the enterprises a resolver returns, and returns them. */
export function returning<T extends EnterpriseEntry | null | Error>(ctx: IdentityContext, found: T): T {
  if (found && !(found instanceof Error)) ctx.returnedEnterprises.add(found.uscc);
  return found;
}

export function createIdentityContext(
  request: RequestIdentity,
  directory: EnterpriseDirectory,
  store: RecordStore,
  services: SubgraphServices,
  gatewayUrl: string,
  joint: { checks: CreditCheckStore; scenarios: ScenarioClient },
  monitoring?: MonitoringDeps,
): IdentityContext {
  return {
    ...createSubgraphContext(request, store, services),
    directory,
    gatewayUrl,
    creditChecks: joint.checks,
    scenarios: joint.scenarios,
    ...(monitoring ? { monitoring } : {}),
    returnedEnterprises: new Set<string>(),
    enterprises: new DataLoader<string, EnterpriseEntry | null>(
      async (usccs) => {
        const found = new Map((await directory.findByUsccs(usccs)).map((d) => [d.uscc, d]));
        return usccs.map((u) => found.get(u) ?? null);
      },
      { maxBatchSize: 1000 },
    ),
  };
}
