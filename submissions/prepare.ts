// Pure preparation of a submitted batch: validates each record against the catalogue, finds the
// enterprise or person it is about and derives its stored form. No I/O.
import type { IndicatorSpec } from '../schema/catalogue';
import { isValidResidentId, isValidUscc } from '../schema/identifiers';
import type { NewRecord } from '../storage/port';
import { personHash } from '../schema/person-hash';
import type { Submitter } from './policy';
import { validateRecord, type RuleFailure } from './validation';
import { asText } from '../schema/text';

export interface Rejection extends RuleFailure {
  readonly index: number;
}

export interface Candidate {
  readonly index: number;
  readonly record: NewRecord;
}

/** The enterprise (or, where the catalogue allows, the natural person) a record is about. */
function subjectOf(ind: IndicatorSpec, raw: Record<string, unknown>, data: Record<string, unknown>, personHashKey: string): { uscc: string | null; personHash?: string } | { failure: RuleFailure } {
  if (ind.registration) return { uscc: asText(data['uscc']) };
  const uscc = raw['uscc'];
  const field = ind.personSubject;
  const person = field ? raw[field] : undefined;
  if (field && uscc === undefined && typeof person === 'string') {
    if (!isValidResidentId(person)) return { failure: { rule: 'F02', field, message: `${field} is not a valid resident ID number (GB 11643 check character)` } };
    return { uscc: null, personHash: personHash(personHashKey, person) };
  }
  if (typeof uscc !== 'string') return { failure: { rule: 'F02', field: 'uscc', message: 'uscc (the enterprise the record is about) is required' } };
  if (!isValidUscc(uscc)) return { failure: { rule: 'F02', field: 'uscc', message: 'uscc is not a valid unified social credit code (18 characters, GB 32100-2015 check character)' } };
  return { uscc };
}

/** Keyed hash of the person an attribute with a person link names, when it holds a resident ID number. */
function linkedPersonHash(ind: IndicatorSpec, data: Record<string, unknown>, personHashKey: string): string | undefined {
  for (const attr of ind.attributes) {
    const value = data[attr.name];
    const when = attr.residentIdWhen;
    if (attr.personLink && when && data[when.attribute] === when.equals && typeof value === 'string') return personHash(personHashKey, value);
  }
  return undefined;
}

/** Splits a batch into records ready to store and rejections, each with its index in the batch. */
export function prepareRecords(ind: IndicatorSpec, records: readonly unknown[], submitter: Submitter, today: string, personHashKey: string): { candidates: Candidate[]; rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const candidates: Candidate[] = [];
  records.forEach((raw, index) => {
    const result = validateRecord(ind, raw, today);
    if ('failures' in result) {
      for (const f of result.failures) rejections.push({ index, ...f });
      return;
    }
    const data = result.ok.data;
    const subject = subjectOf(ind, raw as Record<string, unknown>, data, personHashKey);
    if ('failure' in subject) {
      rejections.push({ index, ...subject.failure });
      return;
    }
    // a record naming a person (the legal representative) keeps the person's keyed hash, so persons match across subgraphs
    const ph = subject.personHash ?? linkedPersonHash(ind, data, personHashKey);
    candidates.push({
      index,
      record: {
        uscc: subject.uscc,
        ind: ind.code,
        agency: submitter.agency,
        agencyRegion: submitter.region,
        data,
        naturalKey: ind.naturalKey.map((k) => data[k] ?? null),
        ...(ph ? { personHash: ph } : {}),
      },
    });
  });
  return { candidates, rejections };
}

/** Rejections grouped by record, as kept in quarantine. */
export function reasonsByIndex(rejections: readonly Rejection[]): Map<number, RuleFailure[]> {
  const byIndex = new Map<number, RuleFailure[]>();
  for (const { index, ...failure } of rejections) byIndex.set(index, [...(byIndex.get(index) ?? []), failure]);
  return byIndex;
}
