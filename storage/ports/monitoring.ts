// Watches, their events and delivery attempts.
import type { ChangeEvent } from './outbox';

/** A watch: what a member agency or bidding platform wants to hear of, and where. */
export interface Watch {
  readonly id: string;
  /** Who made it, as their token said then: deliveries show only what they may read. */
  /** `enterprise`: the enterprise a credit-subject owner speaks for, as its account holds it now (not stored with the watch). */
  readonly owner: { readonly subject: string; readonly agency: string | null; readonly region: string | null; readonly roles: readonly string[]; readonly enterprise?: string | null };
  readonly purpose: string | null;
  readonly name: string | null;
  /** Webhook URL; null for a watch read through the pull feed only. */
  readonly endpoint: string | null;
  readonly secret: string | null;
  /** Every enterprise of this region, besides those listed. */
  readonly region: string | null;
  /** Only these indicators (null: all). */
  readonly indicators: readonly string[] | null;
  readonly paused: boolean;
  readonly createdAt: Date;
}

/** FEED: a watch without an endpoint; WITHHELD: its owner may no longer read the record, so it was not sent. */
export type WatchEventStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'FEED' | 'WITHHELD';

/** A change event as one watch matched it: its place in the watch's feed and its delivery state. */
export interface WatchEvent {
  readonly watchId: string;
  readonly seq: string;
  readonly event: ChangeEvent;
  readonly status: WatchEventStatus;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date | null;
  readonly lastError: string | null;
}

export interface DeliveryAttempt {
  readonly watchId: string;
  readonly eventId: string;
  readonly at: Date;
  /** HTTP status, or null when no answer came. */
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface MonitoringStore {
  createWatch(watch: Watch, usccs: readonly string[]): Promise<void>;
  /** A live (not deleted) watch. */
  findWatch(id: string): Promise<Watch | undefined>;
  /** Live watches, of one owner or (null) of all. */
  listWatches(ownerSubject: string | null): Promise<Watch[]>;
  updateWatch(id: string, change: { paused?: boolean; secret?: string; deleted?: boolean }): Promise<void>;
  enterpriseCount(watchId: string): Promise<number>;
  /** How many of `usccs` the watch lists already. */
  countListed(watchId: string, usccs: readonly string[]): Promise<number>;
  addEnterprises(watchId: string, usccs: readonly string[]): Promise<void>;
  removeEnterprises(watchId: string, usccs: readonly string[]): Promise<void>;
  /** Live watches that list any of `usccs` or watch any of `regions`. */
  watchesFor(usccs: readonly string[], regions: readonly string[]): Promise<{ watch: Watch; uscc: string | null }[]>;
  /** Where the dispatcher stands in one outbox. */
  position(source: string): Promise<string | null>;
  /** Appends matched events (each once per watch) and moves the outbox position, together. */
  ingest(source: string, cursor: string | null, matched: readonly { watchId: string; event: ChangeEvent; status: WatchEventStatus }[], at: Date): Promise<void>;
  /** The oldest pending event of each watched enterprise, where it is due (events of an enterprise go in order). */
  dueDeliveries(now: Date, limit: number): Promise<WatchEvent[]>;
  settle(
    results: readonly { watchId: string; seq: string; status: WatchEventStatus; attempts: number; nextAttemptAt: Date | null; error: string | null }[],
    attempts: readonly DeliveryAttempt[],
  ): Promise<void>;
  /** A watch's events after `afterSeq`, oldest first: the pull feed. */
  feed(watchId: string, afterSeq: string | null, first: number): Promise<WatchEvent[]>;
  deadLetters(watchId: string, first: number): Promise<WatchEvent[]>;
  /** Queues the dead letters again, with a fresh day of retries; answers how many. */
  replayDeadLetters(watchId: string, now: Date): Promise<number>;
  deliveryLog(watchId: string, first: number): Promise<DeliveryAttempt[]>;
  /**
   * Becomes the one dispatcher of this deployment, or answers null while another holds that role.
   * The role ends with release() or with the process (its database session).
   */
  tryDispatcherRole(): Promise<DispatcherRole | null>;
  close(): Promise<void>;
}

/** The role of the deployment's one dispatcher, held by a database session. */
export interface DispatcherRole {
  /**
   * Settles when the role may have passed to another dispatcher: its session ended (a database
   * failover, a dropped connection). The holder stops delivering then.
   */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}
