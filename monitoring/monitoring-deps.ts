// What a process that manages watches is given: where they are kept, and which webhook endpoints
// are allowed.
import type { MonitoringStore } from '../storage/port';
import type { EndpointPolicy } from './endpoint';

export interface MonitoringDeps {
  readonly store: MonitoringStore;
  readonly policy: EndpointPolicy;
}
