// Reads Prometheus text format with the Prometheus project's own Python client parser
// (prometheus_client.parser), so a test checks the output a real scraper would accept.
import { execFileSync } from 'node:child_process';
import { DEBIAN_PYTHON } from '../../scripts/services/debian';

export interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

const PARSE = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
`;

/** Every sample of a scrape; throws (with the parser's message) when the text is not valid. */
export function parsePrometheus(text: string): Sample[] {
  const parsed = JSON.parse(execFileSync(DEBIAN_PYTHON, ['-c', PARSE], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Sample[];
  return parsed.map((s) => ({ name: s.name, labels: s.labels, value: s.value }));
}

/** The sum of the samples named `name` whose labels include `labels` (NaN when there is none). */
export function total(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  const matching = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return matching.length ? matching.reduce((sum, s) => sum + s.value, 0) : Number.NaN;
}
