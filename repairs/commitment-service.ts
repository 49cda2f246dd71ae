// Credit commitments (信用承诺): made by the enterprise, public, listed on its profile; the unit it
// was made to (or, for one made to the public, a city-level unit that submits records) records
// that it was broken, citing its decision: itself an adverse fact shown with it (国办发〔2019〕35号).
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { enforce } from '../auth/access';
import type { Caller } from '../auth/caller';
import { actAsSubject, recordCommitmentBreach } from '../auth/policy';
import { AGENCIES, isRegionCode } from '../schema/catalogue';
import { badUserInput } from '../platform/errors';
import { isIsoDate } from '../platform/scalars';
import { todayIso } from '../schema/today';
import type { Commitment, CommitmentType, SubgraphStorage } from '../storage/port';

const MAX_TEXT = 2000;
/** Commitments listed per enterprise: the newest ones. */
export const LISTED_COMMITMENTS = 100;

/** The kinds an enterprise makes by itself; REPAIR commitments are made with a repair application. */
export type OwnCommitmentType = Exclude<CommitmentType, 'REPAIR'>;

function text(argument: string, value: string, max = MAX_TEXT): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) throw badUserInput(argument, `1 to ${max} characters`);
  return trimmed;
}

export class CommitmentService {
  constructor(private readonly storage: SubgraphStorage) {}

  /** The commitments of each enterprise, for one request (batched). */
  loader(): DataLoader<string, Commitment[]> {
    return new DataLoader(
      async (usccs) => {
        const all = await this.storage.commitments.ofEnterprises(usccs, LISTED_COMMITMENTS);
        return usccs.map((u) => all.filter((c) => c.uscc === u));
      },
      { maxBatchSize: 1000 },
    );
  }

  async make(caller: Caller, type: OwnCommitmentType, commitment: string, recipient: { agency: string; region: string } | null, now = new Date()): Promise<Commitment> {
    const uscc = caller.enterprise ?? null;
    enforce(actAsSubject(caller, uscc, 'a credit commitment'));
    if (type !== 'VOLUNTARY' && !recipient) throw badUserInput('recipient', `a ${type} commitment names the agency and region whose certificate or approval it replaces`);
    if (recipient && !AGENCIES.some((a) => a.code === recipient.agency)) throw badUserInput('recipient.agency', `'${recipient.agency.slice(0, 20)}' is not a member agency code`);
    if (recipient && !isRegionCode(recipient.region)) throw badUserInput('recipient.region', `'${recipient.region.slice(0, 20)}' is not a region code of this system`);
    const made: Commitment = { id: `com_${randomUUID()}`, uscc: uscc ?? '', type, text: text('text', commitment), madeAt: now, recipient, recordId: null, by: caller.subject ?? '', breach: null };
    await this.storage.commitments.make(made);
    return made;
  }

  async recordBreach(caller: Caller, commitmentId: string, finding: { decisionNo: string; decidedOn: string; reasons: string }, today: string, now = new Date()): Promise<Commitment> {
    const found = await this.storage.commitments.findById(commitmentId);
    if (!found) throw badUserInput('commitmentId', 'no such commitment');
    enforce(recordCommitmentBreach(caller, found.recipient));
    if (!isIsoDate(finding.decidedOn) || finding.decidedOn > today) throw badUserInput('decidedOn', 'must be an ISO date, today or earlier');
    if (finding.decidedOn < todayIso(found.madeAt)) throw badUserInput('decidedOn', 'a commitment cannot be broken before it was made');
    const breach = {
      decisionNo: text('decisionNo', finding.decisionNo, 100),
      decidedOn: finding.decidedOn,
      reasons: text('reasons', finding.reasons, 500),
      agency: caller.agency ?? '',
      region: caller.region ?? '',
      by: caller.subject ?? '',
      at: now,
    };
    const recorded = await this.storage.commitments.recordBreach(commitmentId, breach);
    if (!recorded) throw badUserInput('commitmentId', 'this commitment was already recorded as broken');
    return recorded;
  }
}
