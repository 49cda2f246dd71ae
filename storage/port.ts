// The storage port: what the subgraphs, the submission pipeline, monitoring, reports and the audit
// trail need from a database, and nothing of how a database does it, one file per area in
// storage/ports/. Adapters (storage/postgres, storage/mongodb) implement it; no other code imports
// a database driver.
export type * from './ports/records';
export type * from './ports/directory';
export type * from './ports/submissions';
export type * from './ports/outbox';
export type * from './ports/monitoring';
export type * from './ports/subgraph';
export type * from './ports/audit';
export type * from './ports/reports';
export type * from './ports/objections';
export type * from './ports/statements';
export type * from './ports/repairs';
export type * from './ports/commitments';
export type * from './ports/credit-checks';
export type * from './ports/entity-versions';
export { GENERATION_KEY } from './ports/entity-versions';
export { StoreUnavailableError } from '../platform/store-unavailable';
