// The identity subgraph asks the adverse and reputation subgraphs for their part of a credit check
// directly, signed as the gateway signs its hops and with the caller's own token, so each checks
// the caller's right to the scenario itself. A part not answered refuses the whole check: a verdict
// never rests on records that were not read.
import { serviceUnavailable } from '../../platform/errors';
import { HOP_SIGNATURE_HEADER, signHop } from '../../platform/hop-signature';
import type { ScenarioHit, ScenarioHitsArgs } from '../kit/scenario-hits';

export type ScenarioPart = 'adverse' | 'reputation';

const FIELDS = 'uscc measure indicator recordId recordVersion summary';
const query = (field: string) =>
  `query ScenarioHits($s: String!, $a: Date!, $subjects: [ScenarioSubjectInput!]!, $q: ScenarioQualificationInput) { ${field}(scenario: $s, asOf: $a, subjects: $subjects, qualification: $q) { ${FIELDS} } }`;

export interface ScenarioClient {
  hits(part: ScenarioPart, args: ScenarioHitsArgs, authorization: string | undefined): Promise<ScenarioHit[]>;
}

export function scenarioClient(urlOf: (part: ScenarioPart) => string, hopKey: string | null, timeoutMs = 20_000): ScenarioClient {
  return {
    async hits(part, args, authorization) {
      const field = `${part}ScenarioHits`;
      const body = JSON.stringify({ query: query(field), variables: { s: args.scenario, a: args.asOf, subjects: args.subjects, q: args.qualification ?? null } });
      let answer: { data?: Record<string, ScenarioHit[] | null> | null; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        const res = await fetch(urlOf(part), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
            ...(hopKey !== null ? { [HOP_SIGNATURE_HEADER]: signHop(hopKey, { body, authorization }) } : {}),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        answer = (await res.json()) as typeof answer;
      } catch {
        throw serviceUnavailable(`the ${part} records`);
      }
      const list = answer.data?.[field];
      if (!list || answer.errors?.length) throw serviceUnavailable(`the ${part} records`);
      return list;
    },
  };
}
