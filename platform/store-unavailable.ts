// The one failure every store reports the same way, whatever the adapter: the platform kit's,
// so the error formatter needs no storage import to recognise it.
/**
 * A database failure (unreachable, timed out, refused). The error formatter turns it into
 * SERVICE_UNAVAILABLE; its cause is for logs only.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('credit database is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
