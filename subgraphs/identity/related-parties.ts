// Related parties among the enterprises of one check (围标串标 signals): those that share a legal
// representative, a key person or a natural-person shareholder (matched by keyed ID hash, never by
// clear ID numbers; for members with a purpose only, shown masked), an enterprise shareholder, or a
// registered address.
import { mayRead } from '../../auth/access';
import { readMasked } from '../../auth/policy';
import { maskedId } from '../../schema/bidding/summaries';
import { asText } from '../../schema/text';
import type { RelatedPartyGroup } from '../../storage/port';
import type { IdentityContext } from './context';

const REGISTRATION = 'ID01';
const LEGAL_REPRESENTATIVE = 'ID02';
const SHAREHOLDERS = 'ID03';
const KEY_PERSONS = 'ID04';

/** An address as written, without the spaces and punctuation two spellings of it differ by. */
const addressKey = (address: string) => address.replace(/[\s,，。.、()（）-]/g, '');

export async function relatedParties(usccs: readonly string[], ctx: IdentityContext): Promise<RelatedPartyGroup[]> {
  if (usccs.length < 2) return [];
  const [registrations, representatives, shareholders, keyPersons] = await Promise.all([
    Promise.all(usccs.map((uscc) => ctx.records.load({ uscc, indicator: REGISTRATION, fields: ['address'] }))),
    Promise.all(usccs.map((uscc) => ctx.records.load({ uscc, indicator: LEGAL_REPRESENTATIVE, fields: ['idNumber'] }))),
    Promise.all(usccs.map((uscc) => ctx.records.load({ uscc, indicator: SHAREHOLDERS, fields: ['holderType', 'holderUscc', 'idNumber', 'name'] }))),
    Promise.all(usccs.map((uscc) => ctx.records.load({ uscc, indicator: KEY_PERSONS, fields: ['idNumber'] }))),
  ]);
  const groups = new Map<string, { kind: RelatedPartyGroup['kind']; shown: string; usccs: Set<string> }>();
  const add = (kind: RelatedPartyGroup['kind'], key: string, shown: string, uscc: string) => {
    const k = `${kind}|${key}`;
    const g = groups.get(k) ?? { kind, shown, usccs: new Set<string>() };
    g.usccs.add(uscc);
    groups.set(k, g);
  };
  // a person link is member data: only members with a purpose learn that two enterprises share a person
  const showPerson = readMasked(ctx.caller) && mayRead(ctx, 'MEMBER');
  usccs.forEach((uscc, i) => {
    for (const r of registrations[i] ?? []) {
      const address = asText(r.data['address']);
      if (address) add('ADDRESS', addressKey(address), address, uscc);
    }
    if (showPerson) for (const r of representatives[i] ?? []) if (r.personHash) add('LEGAL_REPRESENTATIVE', r.personHash, maskedId(r.data['idNumber']) ?? '同一人员', uscc);
    for (const r of shareholders[i] ?? []) {
      const holder = asText(r.data['holderUscc']);
      if (r.data['holderType'] === 'ENTERPRISE' && holder) add('SHAREHOLDER', holder, `${asText(r.data['name'])}（${holder}）`, uscc);
      else if (showPerson && r.personHash) add('SHAREHOLDER', r.personHash, maskedId(r.data['idNumber']) ?? '同一人员', uscc);
    }
    if (showPerson) for (const r of keyPersons[i] ?? []) if (r.personHash) add('KEY_PERSON', r.personHash, maskedId(r.data['idNumber']) ?? '同一人员', uscc);
  });
  return [...groups.values()]
    .filter((g) => g.usccs.size > 1)
    .map((g) => ({ kind: g.kind, sharedParty: g.shown, usccs: [...g.usccs].sort() }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || (a.usccs[0] ?? '').localeCompare(b.usccs[0] ?? ''));
}
