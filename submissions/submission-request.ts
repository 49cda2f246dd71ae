// What the submission resolvers read of a request: the verified caller and its token (a district
// unit's region is checked against it), the subgraph's pipeline, and the day the request counts as.
import type { Caller } from '../auth/caller';
import type { SubmissionService } from './submission-service';

export interface SubmissionRequest {
  readonly caller: Caller;
  /** The caller's verified Authorization header, for calls made on its behalf. */
  readonly authorization?: string;
  readonly submissions: SubmissionService;
  /** Today's date (ISO), fixed for the request so every rule sees the same day. */
  readonly today: string;
}
