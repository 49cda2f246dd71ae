// creditCheck (联合奖惩): one scenario's measures on up to 1,000 enterprises on a day. The identity
// subgraph reads its own part (operating status, the persons a person rule reads), asks the adverse
// and reputation subgraphs for theirs, combines them into a verdict per enterprise with every
// measure and its evidence, and keeps the check as answered before it answers (the result at
// evaluation time prevails: creditCheckResult shows it again).
import { randomUUID } from 'node:crypto';
import { enforce } from '../../auth/access';
import { isMember, runCreditCheck } from '../../auth/policy';
import { GRADE_ORDER, type Grade } from '../../schema/bidding/rules';
import { maskedId } from '../../schema/bidding/summaries';
import { isValidUscc } from '../../schema/identifiers';
import { checkVerdict } from '../../schema/joint/evaluate';
import { JOINT_RULE_SET_VERSION, scenarioByCode, type ScenarioSpec } from '../../schema/joint/scenarios';
import { badUserInput, graphqlError } from '../../platform/errors';
import { daysBefore } from '../../schema/today';
import type { CheckMeasure, CheckSubject, StoredCheck } from '../../storage/port';
import { scenarioHits, type ScenarioHit, type ScenarioPerson, type ScenarioSubject } from '../kit/scenario-hits';
import type { IdentityContext } from './context';
import { relatedParties } from './related-parties';
import type { ScenarioClient } from './scenario-client';

export const MAX_SUBJECTS = 1000;
const MAX_LOOKBACK_DAYS = 31;
const LEGAL_REPRESENTATIVE = 'ID02';
const KEY_PERSONS = 'ID04';

export interface CreditCheckArgs {
  readonly scenario: string;
  readonly usccs: readonly string[];
  readonly asOf?: string | null;
  readonly reference?: string | null;
  readonly requiredQualification?: { type: string; minGrade: string } | null;
}

export function scenarioOf(code: string): ScenarioSpec {
  const scenario = scenarioByCode(code);
  if (!scenario) throw badUserInput('scenario', `no scenario ${code.slice(0, 40)}`);
  return scenario;
}

/** Each measure found, with its evidence, in the scenario's order of measures, and the verdict they give. */
function measuresOf(scenario: ScenarioSpec, hits: readonly ScenarioHit[]): { measures: CheckMeasure[]; verdict: string } {
  const applied = scenario.measures.filter((m) => hits.some((h) => h.measure === m.code));
  const measures = applied.map((m) => ({
    code: m.code,
    // the name and basis as they stood at evaluation time, kept with the check
    name: m.nameZh,
    legalBasis: `《${m.basis.document}》${m.article}`,
    kind: m.kind,
    effect: m.effect,
    evidence: hits.filter((h) => h.measure === m.code).map((h) => ({ recordId: h.recordId, indicator: h.indicator, recordVersion: h.recordVersion, summary: h.summary })),
  }));
  return { measures, verdict: checkVerdict(applied.map((m) => m.effect)) };
}

export async function runCheck(args: CreditCheckArgs, ctx: IdentityContext, client: ScenarioClient): Promise<StoredCheck> {
  const scenario = scenarioOf(args.scenario);
  enforce(runCreditCheck(ctx.caller, scenario));
  // a check reads member-level records (a tax credit grade, masked ID numbers): members state why, as for any member read
  if (isMember(ctx.caller) && ctx.purpose === undefined) throw graphqlError('BAD_REQUEST', 'a credit check reads member data: state why in the x-query-purpose header');
  if (args.usccs.length === 0) throw badUserInput('usccs', 'give at least one enterprise');
  if (args.usccs.length > MAX_SUBJECTS) throw badUserInput('usccs', `at most ${MAX_SUBJECTS} enterprises per check, got ${args.usccs.length}`);
  if (args.reference && args.reference.length > 100) throw badUserInput('reference', 'must be at most 100 characters');
  const asOf = args.asOf ?? ctx.today;
  // outside the member audience a check looks back a month at most: an earlier day would show records no longer on display
  if (!isMember(ctx.caller) && asOf < daysBefore(ctx.today, MAX_LOOKBACK_DAYS)) throw badUserInput('asOf', `at most ${MAX_LOOKBACK_DAYS} days before today`);
  const q = args.requiredQualification;
  if (q && !scenario.takesQualification) throw badUserInput('requiredQualification', `the ${scenario.code} scenario takes no qualification`);
  if (q && q.type.length > 100) throw badUserInput('requiredQualification.type', 'at most 100 characters');
  if (q && q.type.trim() === '') throw badUserInput('requiredQualification.type', 'must name a qualification type, e.g. 建筑工程施工总承包');
  if (q && !GRADE_ORDER.includes(q.minGrade as Grade)) throw badUserInput('requiredQualification.minGrade', 'is not a grade');
  const qualification = q ? { type: q.type.trim(), minGrade: q.minGrade } : null;

  const valid = args.usccs.map((u) => isValidUscc(u));
  const docs = await ctx.enterprises.loadMany(args.usccs.filter((_, i) => valid[i]));
  // a directory that did not answer is not "no such enterprise"
  const failed = docs.find((d): d is Error => d instanceof Error);
  if (failed) throw failed;
  const found = new Map(docs.flatMap((d) => (d && !(d instanceof Error) ? [[d.uscc, d] as const] : [])));
  const known = [...new Set(args.usccs.filter((u) => found.has(u)))];

  // the persons a person rule reads: the legal representative and the key persons, by keyed ID hash only
  const [representatives, keyPersons] = await Promise.all([
    Promise.all(known.map((uscc) => ctx.records.load({ uscc, indicator: LEGAL_REPRESENTATIVE, fields: ['idNumber'] }))),
    Promise.all(known.map((uscc) => ctx.records.load({ uscc, indicator: KEY_PERSONS, fields: ['idNumber'] }))),
  ]);
  const personsOf = (records: readonly { personHash?: string; data: Readonly<Record<string, unknown>> }[] | undefined, role: ScenarioPerson['role']): ScenarioPerson[] =>
    (records ?? []).flatMap((r) => (r.personHash ? [{ personKey: r.personHash, maskedIdNumber: maskedId(r.data['idNumber']) ?? null, role }] : []));
  const subjects: ScenarioSubject[] = known.map((uscc, i) => {
    const people = [...personsOf(representatives[i], 'LEGAL_REPRESENTATIVE'), ...personsOf(keyPersons[i], 'KEY_PERSON')];
    // one person in two roles is read once, in the stronger role
    const once = new Map<string, ScenarioPerson>();
    for (const p of people) if (!once.has(p.personKey)) once.set(p.personKey, p);
    return { uscc, persons: [...once.values()] };
  });
  const request = { scenario: scenario.code, asOf, subjects, qualification };
  const [own, adverse, reputation, related] = await Promise.all([
    scenarioHits('IDENTITY', request, ctx),
    client.hits('adverse', request, ctx.authorization),
    client.hits('reputation', request, ctx.authorization),
    relatedParties(known, ctx),
  ]);
  const personRules = scenario.measures.some((m) => m.trigger.kind === 'PERSON_ACTIVE_ENTRY');
  const byUscc = new Map<string, ScenarioHit[]>();
  for (const h of [...own, ...adverse, ...reputation]) byUscc.set(h.uscc, [...(byUscc.get(h.uscc) ?? []), h]);

  const results: CheckSubject[] = args.usccs.map((uscc, i) => {
    const entry = found.get(uscc);
    if (!entry) {
      return {
        uscc,
        name: null,
        problem: valid[i] ? 'no enterprise with this code is registered' : 'not a valid unified social credit code (GB 32100-2015 check character)',
        verdict: 'NOT_FOUND',
        measures: [],
      };
    }
    // a person rule with no person to read is said, never read as clear
    const unread = personRules && !(subjects.find((x) => x.uscc === uscc)?.persons.some((p) => p.role === 'LEGAL_REPRESENTATIVE') ?? false);
    return {
      uscc,
      name: entry.name,
      problem: unread ? 'no legal representative with an ID number on record: the rules on persons read the key persons only' : null,
      ...measuresOf(scenario, byUscc.get(uscc) ?? []),
    };
  });
  for (const uscc of known) ctx.returnedEnterprises.add(uscc);
  const check: StoredCheck = {
    id: `chk_${randomUUID()}`,
    scenario: scenario.code,
    asOf,
    reference: args.reference ?? null,
    ruleSetVersion: JOINT_RULE_SET_VERSION,
    checkedAt: new Date(),
    agency: ctx.caller.agency ?? null,
    region: ctx.caller.region ?? null,
    subject: ctx.caller.subject ?? '',
    results,
    relatedParties: related,
  };
  // kept before it is answered: no check leaves without its snapshot
  await ctx.creditChecks.save(check);
  return check;
}
