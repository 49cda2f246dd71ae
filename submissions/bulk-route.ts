// POST /submissions/{indicator}?batchId=…: a periodic file of records as NDJSON (one JSON record
// a line) or CSV (a header row of attribute names, then a record a line), read as a stream and
// sent on in chunks through the same submission mutations (so access, validation and audit are
// the same). Memory stays bounded by three chunks (two in flight, one being read) whatever the
// file size, and a chunk is cut by records and by bytes, so it always fits a subgraph's body limit. Chunk k of batch B is
// submitted as batch `B#k`, so re-sending a file re-uses every chunk already reported and completes
// the rest: nothing is stored twice.
import type { ApolloServer, BaseContext } from '@apollo/server';
import express, { type Request, type Response } from 'express';
import { submitRecords } from '../auth/policy';
import { indicatorByCode, submitMutationOf, type IndicatorSpec } from '../schema/catalogue';
import { boundedLines } from './bounded-lines';
import type { Caller } from '../auth/caller';
import { isErrorCode, sendError, type ErrorCode } from '../platform/errors';
import { asText } from '../schema/text';
import { CsvRecords, type DecodedLine } from './csv-records';

/** Records per chunk: the most one mutation takes, stored well within the mutation timeout. */
export const CHUNK_SIZE = 1000;
/** Bytes of records (as JSON) per chunk: the mutation's body stays well under a subgraph's 2 MB. */
export const CHUNK_BYTES = 1024 * 1024;
const MAX_IN_FLIGHT = 2;

interface Problem {
  code: string;
  message: string;
}
const MAX_LISTED_REJECTIONS = 1000;
const BATCH_ID = /^[A-Za-z0-9._:-]{1,90}$/;

interface Rejection {
  index: number;
  rule: string;
  field: string | null;
  message: string;
}

interface ChunkReport {
  received: number;
  accepted: number;
  rejected: number;
  rejections: Rejection[];
  warnings: Rejection[];
}

export interface BulkReport {
  batchId: string;
  indicator: string;
  received: number;
  accepted: number;
  rejected: number;
  chunks: number;
  rejectionsByRule: Record<string, number>;
  /** The first rejections, with `index` the line's position in the file (from 0, blank lines skipped). */
  rejections: Rejection[];
  /** Accepted lines kept with a warning (R05), the first of them listed like rejections. */
  warned: number;
  warnings: Rejection[];
}

export interface BulkLimits {
  readonly maxLineBytes: number;
  readonly maxBodyBytes: number;
}

/** One NDJSON line as the record it holds. */
function jsonLine(text: string): DecodedLine {
  try {
    return { kind: 'record', record: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'bad', message: 'the line is not valid JSON' };
  }
}

/** What one bulk request asks: the indicator, the batch and how its lines are read; or why it cannot be read at all. */
function bulkRequestOf(req: Request): { ind: IndicatorSpec; batchId: string; csv: CsvRecords | undefined } | { refused: [ErrorCode, string] } {
  const code = String(req.params['indicator'] ?? '');
  const ind = indicatorByCode(code);
  if (!ind) return { refused: ['BAD_USER_INPUT', `indicator: '${code.slice(0, 10)}' is not an indicator code`] };
  const batchId = typeof req.query['batchId'] === 'string' ? req.query['batchId'] : '';
  if (!BATCH_ID.test(batchId)) return { refused: ['BAD_USER_INPUT', 'batchId: give ?batchId= of 1 to 90 letters, digits, dots, colons, underscores or hyphens'] };
  const type = req.headers['content-type'] ?? '';
  const csv = /^text\/csv/.test(type) ? new CsvRecords(ind) : undefined;
  if (!csv && !/^application\/(x-ndjson|jsonl|json-seq)|^application\/x-jsonlines/.test(type)) {
    return { refused: ['UNSUPPORTED_MEDIA_TYPE', 'send the records as NDJSON (content-type application/x-ndjson) or CSV with a header row (text/csv)'] };
  }
  return { ind, batchId, csv };
}

/**
 * Collects a file's records into chunks, cut by count and by bytes, and submits each through the
 * category's mutation as batch `B#k`, two in flight; adds every chunk's outcome to the report.
 */
class ChunkSender<C extends BaseContext> {
  private chunk: { index: number; record: unknown }[] = [];
  private bytes = 0;
  private sent = 0;
  private readonly inFlight: Promise<Problem | undefined>[] = [];

  constructor(
    private readonly server: ApolloServer<C>,
    private readonly context: C,
    private readonly ind: IndicatorSpec,
    private readonly report: BulkReport,
  ) {}

  /** Adds one record; answers the problem of an earlier chunk, which stops the file. */
  async add(index: number, record: unknown): Promise<Problem | undefined> {
    // a line of a few KB can be a record of more (a CSV row repeats no names; its JSON does)
    const bytes = Buffer.byteLength(JSON.stringify(record) ?? '');
    if (this.chunk.length > 0 && this.bytes + bytes > CHUNK_BYTES) {
      const problem = await this.flush();
      if (problem) return problem;
    }
    this.chunk.push({ index, record });
    this.bytes += bytes;
    return this.chunk.length >= CHUNK_SIZE ? this.flush() : undefined;
  }

  /** Sends what is left (unless the file stopped) and waits for every chunk; the first problem, if any. */
  async finish(send: boolean): Promise<Problem | undefined> {
    if (send) this.start();
    let problem: Problem | undefined;
    for (const settled of await Promise.all(this.inFlight)) problem ??= settled;
    return problem;
  }

  private async flush(): Promise<Problem | undefined> {
    const problem = this.inFlight.length >= MAX_IN_FLIGHT ? await this.inFlight.shift() : undefined;
    if (!problem) this.start();
    return problem;
  }

  private start(): void {
    if (this.chunk.length === 0) return;
    const current = this.chunk;
    this.chunk = [];
    this.bytes = 0;
    // numbered when sent: chunks in flight together must never share a batch id
    const number = this.sent++;
    this.inFlight.push(this.submit(current, number).catch((): Problem => ({ code: 'INTERNAL_SERVER_ERROR', message: 'a chunk could not be submitted; send the file again' })));
  }

  private async submit(current: { index: number; record: unknown }[], number: number): Promise<Problem | undefined> {
    const { ind, report } = this;
    const mutation = submitMutationOf(ind.category);
    const result = await this.server.executeOperation(
      {
        query: `mutation Bulk($b: ID!, $i: String!, $r: [JSON!]!) { ${mutation}(batchId: $b, indicator: $i, records: $r) { received accepted rejected rejections { index rule field message } warnings { index rule field message } } }`,
        variables: { b: `${report.batchId}#${number}`, i: ind.code, r: current.map((c) => c.record) },
      },
      { contextValue: this.context },
    );
    report.chunks++;
    const single = result.body.kind === 'single' ? result.body.singleResult : undefined;
    const data = (single?.data as Record<string, ChunkReport | undefined> | undefined)?.[mutation];
    if (!data) {
      const error = single?.errors?.[0];
      return { code: asText(error?.extensions?.['code']) || 'INTERNAL_SERVER_ERROR', message: error?.message ?? 'submission failed' };
    }
    report.accepted += data.accepted;
    report.rejected += data.rejected;
    // a chunk reports positions in the chunk; the file's caller wants line numbers
    const byLine = (r: Rejection): Rejection => ({ ...r, index: current[r.index]?.index ?? r.index });
    for (const r of data.rejections) noteRejection(report, byLine(r));
    for (const w of data.warnings) {
      report.warned++;
      if (report.warnings.length < MAX_LISTED_REJECTIONS) report.warnings.push(byLine(w));
    }
    return undefined;
  }
}

function noteRejection(report: BulkReport, r: Rejection): void {
  report.rejectionsByRule[r.rule] = (report.rejectionsByRule[r.rule] ?? 0) + 1;
  if (report.rejections.length < MAX_LISTED_REJECTIONS) report.rejections.push(r);
}

export function bulkSubmissionRoute<C extends { readonly caller: Caller }>(server: ApolloServer<C>, contextOf: (req: Request) => C, limits: BulkLimits): express.Router {
  const router = express.Router();
  router.post('/:indicator', async (req: Request, res: Response) => {
    const asked = bulkRequestOf(req);
    if ('refused' in asked) return sendError(res, ...asked.refused);
    const { ind, batchId, csv } = asked;
    // who may submit is decided before a byte of the body is read
    const context = contextOf(req);
    const decision = submitRecords(context.caller, ind);
    if (!decision.allowed) return sendError(res, decision.code, decision.reason);

    const report: BulkReport = { batchId, indicator: ind.code, received: 0, accepted: 0, rejected: 0, chunks: 0, rejectionsByRule: {}, rejections: [], warned: 0, warnings: [] };
    // Two chunks in flight: the database stores one while the gateway and subgraph prepare the next.
    const chunks = new ChunkSender(server, context, ind, report);
    let index = 0;
    let problem: Problem | undefined;
    for await (const line of boundedLines(req, limits.maxLineBytes, limits.maxBodyBytes)) {
      if (line.kind === 'body-too-large') {
        problem = {
          code: 'PAYLOAD_TOO_LARGE',
          message: `the file is larger than ${Math.round(limits.maxBodyBytes / 2 ** 20)} MB: send it as several files of at most that size, each with a batchId of its own (the report says what of this one was stored)`,
        };
        break;
      }
      if (line.kind === 'line' && line.text.trim() === '') continue;
      const at = index++;
      const decoded: DecodedLine = line.kind === 'too-long' ? { kind: 'bad', message: `the line is longer than ${limits.maxLineBytes} bytes` } : csv ? csv.line(line.text) : jsonLine(line.text);
      if (decoded.kind === 'header') continue;
      report.received++;
      if (decoded.kind === 'bad') {
        report.rejected++;
        noteRejection(report, { index: at, rule: 'V07', field: null, message: decoded.message });
        continue;
      }
      problem = await chunks.add(at, decoded.record);
      if (problem) break;
    }
    const settled = await chunks.finish(!problem);
    problem ??= settled;
    // stop the client sending the rest of an oversized body
    if (problem?.code === 'PAYLOAD_TOO_LARGE') res.set('connection', 'close');
    report.rejections.sort((a, b) => a.index - b.index);
    report.warnings.sort((a, b) => a.index - b.index);
    if (problem) {
      // A refusal stops the file; chunks before it are stored and re-sending the file resumes.
      sendError(res, isErrorCode(problem.code) ? problem.code : 'SUBGRAPH_ERROR', problem.message, { report });
      return;
    }
    res.json(report);
  });
  return router;
}
