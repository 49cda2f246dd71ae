// The id of a GraphQL document: the SHA-256 of its text, in hex. The console's build hashes its
// operations with it (the persisted query manifest), the gateway looks trusted documents up by
// it, and the audit trail names each query by it: one function, so the three always agree.
import { createHash } from 'node:crypto';

export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
