// A subgraph's part of a credit check: the measures of a scenario whose indicator is this
// subgraph's, evaluated on each subject's records (and on its persons' entries, matched by keyed
// ID hash only). Every subject's loads are issued together, so the record loaders batch them:
// the statements do not grow with the number of subjects.
import { enforce } from '../../auth/access';
import { runCreditCheck } from '../../auth/policy';
import { qualificationMet, type Grade, type QualificationRequirement } from '../../schema/bidding/rules';
import { indicatorByCode, type Category } from '../../schema/catalogue';
import { measureSummary, triggeringRecords } from '../../schema/joint/evaluate';
import { scenarioByCode, type MeasureSpec } from '../../schema/joint/scenarios';
import { badUserInput } from '../../platform/errors';
import type { SubgraphContext } from './context';
import { toView, type RecordView } from './indicator-resolvers';

export interface ScenarioPerson {
  readonly personKey: string;
  readonly maskedIdNumber: string | null;
  readonly role: 'LEGAL_REPRESENTATIVE' | 'KEY_PERSON';
}

export interface ScenarioSubject {
  readonly uscc: string;
  readonly persons: readonly ScenarioPerson[];
}

export interface ScenarioHit {
  readonly uscc: string;
  readonly measure: string;
  readonly indicator: string;
  readonly recordId: string | null;
  readonly recordVersion: string | null;
  readonly summary: string;
}

export const SCENARIO_HITS_SDL = (field: string) => `
input ScenarioPersonInput @inaccessible {
  personKey: ID!
  maskedIdNumber: String
  role: String!
}

input ScenarioSubjectInput @inaccessible {
  uscc: ID!
  persons: [ScenarioPersonInput!]!
}

input ScenarioQualificationInput @inaccessible {
  type: String!
  minGrade: String!
}

"A measure's trigger found on one subject's record: what the identity subgraph combines into a credit check."
type ScenarioHit @inaccessible @shareable {
  uscc: ID!
  measure: String!
  indicator: String!
  recordId: ID
  recordVersion: String
  summary: String!
}

extend type Query {
  "This subgraph's part of a credit check, asked for by the identity subgraph with the caller's token."
  ${field}(scenario: String!, asOf: Date!, subjects: [ScenarioSubjectInput!]!, qualification: ScenarioQualificationInput): [ScenarioHit!]! @inaccessible
}`;

const MAX_SUBJECTS = 1000;

function allAttributes(code: string): string[] {
  return (indicatorByCode(code)?.attributes ?? []).map((a) => a.name).sort();
}

function hitOf(subject: string, measure: MeasureSpec, record: RecordView | null, summary: string): ScenarioHit {
  return { uscc: subject, measure: measure.code, indicator: measure.indicator, recordId: record?.id ?? null, recordVersion: record?.receivedAt.toISOString() ?? null, summary };
}

async function subjectHits(
  measures: readonly MeasureSpec[],
  subject: ScenarioSubject,
  asOf: string,
  qualification: QualificationRequirement | undefined,
  ctx: SubgraphContext,
): Promise<ScenarioHit[]> {
  const perMeasure = await Promise.all(
    measures.map(async (m): Promise<ScenarioHit[]> => {
      const t = m.trigger;
      if (t.kind === 'QUALIFICATION') {
        if (!qualification) return [];
        const certificates = (await ctx.records.load({ uscc: subject.uscc, indicator: m.indicator, fields: allAttributes(m.indicator) })).map(toView);
        return qualificationMet(qualification, certificates, asOf) ? [] : [hitOf(subject.uscc, m, null, measureSummary(m, {}, { type: qualification.type, minGrade: qualification.minGrade }))];
      }
      if (t.kind === 'PERSON_ACTIVE_ENTRY') {
        const persons = subject.persons.filter((p) => p.role === 'LEGAL_REPRESENTATIVE' || t.persons === 'LEGAL_REPRESENTATIVE_AND_KEY_PERSONS');
        const lists = await Promise.all(persons.map(async (p) => ({ p, views: (await ctx.personRecords.load({ personHash: p.personKey, indicator: m.indicator })).map(toView) })));
        return lists.flatMap(({ p, views }) => triggeringRecords(m, views, asOf).map((r) => hitOf(subject.uscc, m, r, measureSummary(m, r.data, { maskedId: p.maskedIdNumber ?? undefined }))));
      }
      const views = (await ctx.records.load({ uscc: subject.uscc, indicator: m.indicator, fields: allAttributes(m.indicator) })).map(toView);
      // a status rule reads the current record only
      const read = t.kind === 'STATUS_NOT' ? views.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime()).slice(0, 1) : views;
      return triggeringRecords(m, read, asOf).map((r) => hitOf(subject.uscc, m, r, measureSummary(m, r.data)));
    }),
  );
  return perMeasure.flat();
}

export interface ScenarioHitsArgs {
  readonly scenario: string;
  readonly asOf: string;
  readonly subjects: readonly ScenarioSubject[];
  readonly qualification?: { type: string; minGrade: string } | null;
}

/** The hits of `category`'s measures for every subject; the caller's right to run the scenario is checked here too. */
export async function scenarioHits(category: Category, args: ScenarioHitsArgs, ctx: SubgraphContext): Promise<ScenarioHit[]> {
  const scenario = scenarioByCode(args.scenario);
  if (!scenario) throw badUserInput('scenario', `no scenario ${args.scenario.slice(0, 40)}`);
  enforce(runCreditCheck(ctx.caller, scenario));
  if (args.subjects.length > MAX_SUBJECTS) throw badUserInput('subjects', `at most ${MAX_SUBJECTS} subjects`);
  const measures = scenario.measures.filter((m) => indicatorByCode(m.indicator)?.category === category);
  const qualification = args.qualification ? { type: args.qualification.type, minGrade: args.qualification.minGrade as Grade } : undefined;
  return (await Promise.all(args.subjects.map((s) => subjectHits(measures, s, args.asOf, qualification, ctx)))).flat();
}
