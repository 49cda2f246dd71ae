// Credit checks as they were answered (the snapshot an agency shows later: the result at
// evaluation time prevails) and the checking agency's feedback on each measure (反馈).

export interface CheckEvidence {
  readonly recordId: string | null;
  readonly indicator: string;
  /** When the record's version was received: the version the check read. */
  readonly recordVersion: string | null;
  readonly summary: string;
}

export interface CheckMeasure {
  readonly code: string;
  /** The measure's name and legal basis as they stood when the check ran. */
  readonly name: string;
  readonly legalBasis: string;
  readonly kind: 'RESTRICTION' | 'INCENTIVE';
  readonly effect: string;
  readonly evidence: readonly CheckEvidence[];
}

export interface CheckSubject {
  readonly uscc: string;
  readonly name: string | null;
  readonly problem: string | null;
  readonly verdict: string;
  readonly measures: readonly CheckMeasure[];
}

export interface RelatedPartyGroup {
  readonly kind: 'LEGAL_REPRESENTATIVE' | 'SHAREHOLDER' | 'KEY_PERSON' | 'ADDRESS';
  /** The shared party as shown: a masked ID number, or the address. */
  readonly sharedParty: string;
  readonly usccs: readonly string[];
}

export interface StoredCheck {
  readonly id: string;
  readonly scenario: string;
  readonly asOf: string;
  readonly reference: string | null;
  readonly ruleSetVersion: string;
  readonly checkedAt: Date;
  /** The checking unit and account. */
  readonly agency: string | null;
  readonly region: string | null;
  readonly subject: string;
  readonly results: readonly CheckSubject[];
  readonly relatedParties: readonly RelatedPartyGroup[];
}

export type FeedbackAction = 'APPLIED' | 'NOT_APPLIED' | 'SUPERSEDED';

export interface CheckFeedback {
  readonly checkId: string;
  readonly uscc: string;
  readonly measure: string;
  readonly action: FeedbackAction;
  readonly reason: string | null;
  readonly by: string;
  readonly at: Date;
}

export interface FeedbackSummaryRow {
  readonly agency: string | null;
  readonly scenario: string;
  readonly checks: number;
  /** Subject and restriction pairs the checks found (each needs feedback). */
  readonly measuresFound: number;
  readonly fedBack: number;
  /** Pairs without feedback from checks older than the overdue limit. */
  readonly overdue: number;
}

export interface CreditCheckStore {
  save(check: StoredCheck): Promise<void>;
  findById(id: string): Promise<StoredCheck | null>;
  /** Records (or replaces) the feedback on one measure of one subject of a check. */
  recordFeedback(feedback: CheckFeedback): Promise<void>;
  feedbackOf(checkId: string): Promise<CheckFeedback[]>;
  /** Checks made from `from` to `to`, per agency and scenario; `overdueBefore`: checks made before it count their missing feedback as overdue. */
  feedbackSummary(from: Date, to: Date, overdueBefore: Date): Promise<FeedbackSummaryRow[]>;
}
