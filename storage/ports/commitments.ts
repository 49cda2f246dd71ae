// Credit commitments (信用承诺): public undertakings an enterprise makes, kept as records of their
// own; an agency may record that one was broken, which is itself an adverse fact.

/**
 * REPAIR: made with a repair application (a precondition of repair); NOTICE_AND_COMMITMENT: in
 * place of a certificate (证明事项告知承诺); APPROVAL_SUBSTITUTE: in place of an approval step
 * (审批替代); VOLUNTARY: made of the enterprise's own accord (主动承诺).
 */
export type CommitmentType = 'REPAIR' | 'NOTICE_AND_COMMITMENT' | 'APPROVAL_SUBSTITUTE' | 'VOLUNTARY';

export interface CommitmentBreach {
  /** The number and date of the deciding document that found it broken. */
  readonly decisionNo: string;
  readonly decidedOn: string;
  readonly reasons: string;
  readonly agency: string;
  readonly region: string;
  readonly by: string;
  readonly at: Date;
}

export interface Commitment {
  readonly id: string;
  readonly uscc: string;
  readonly type: CommitmentType;
  readonly text: string;
  readonly madeAt: Date;
  /** The unit it is made to (the deciding unit of a repair; the agency whose certificate or approval it replaces); null: to the public. */
  readonly recipient: { readonly agency: string; readonly region: string } | null;
  /** The record a REPAIR commitment is about. */
  readonly recordId: string | null;
  /** The token subject of the enterprise account that made it. */
  readonly by: string;
  readonly breach: CommitmentBreach | null;
}

export interface CommitmentStore {
  /** Keeps a commitment; making the same id again changes nothing. */
  make(commitment: Commitment): Promise<void>;
  /** The newest `perEnterprise` commitments of each of these enterprises, newest first. */
  ofEnterprises(usccs: readonly string[], perEnterprise: number): Promise<Commitment[]>;
  findById(id: string): Promise<Commitment | null>;
  /** Records a breach; null when the commitment was already found broken (nothing changes). */
  recordBreach(id: string, breach: CommitmentBreach): Promise<Commitment | null>;
}
