// Statements (本人声明): the enterprise's own short explanation of an adverse record, made while
// the record is retained. Members, the credit administration and the enterprise read it with the
// record (and in member and subject reports); the public sees that there is one, not its text.
import DataLoader from 'dataloader';
import type { Reader } from '../auth/access';
import type { Caller } from '../auth/caller';
import { isMember, isSubjectOf, makeStatement } from '../auth/policy';
import { indicatorByCode } from '../schema/catalogue';
import { isVisible } from '../schema/display-windows';
import { badUserInput } from '../platform/errors';
import type { Statement, SubgraphStorage } from '../storage/port';

export const MAX_STATEMENT_CHARACTERS = 500;

export const STATEMENT_SDL = `
"The enterprise's own statement (本人声明) on an adverse record."
type SubjectStatement @shareable {
  "Its text: for member agencies, the credit administration and the enterprise; null for the public, which sees only that there is one."
  text: String
  at: DateTime!
}

extend type Mutation {
  "The enterprise, signed in as itself, attaches a statement (at most ${MAX_STATEMENT_CHARACTERS} characters) to one of its adverse records while the record is retained; a new one replaces it."
  makeAdverseStatement(recordId: ID!, text: String!): SubjectStatement!
}`;

export const STATEMENT_FIELD = '  "The enterprise\'s own statement (本人声明) on this record, if any."\n  statement: SubjectStatement';

/** A statement as `reader` may read it: its text for the enterprise, and for members with a stated purpose (it is member data). */
export function statementView(reader: Reader, s: Statement): { text: string | null; at: Date } {
  const { caller } = reader;
  return { text: isSubjectOf(caller, s.uscc) || (isMember(caller) && reader.purpose !== undefined) ? s.text : null, at: s.at };
}

export class StatementService {
  constructor(private readonly storage: SubgraphStorage) {}

  loader(): DataLoader<string, Statement | null> {
    return new DataLoader(
      async (ids) => {
        const found = new Map((await this.storage.subjectStatements.latestFor(ids)).map((s) => [s.recordId, s]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: 1000 },
    );
  }

  async make(caller: Caller, recordId: string, text: string, today: string, now = new Date()): Promise<Statement> {
    const [record] = await this.storage.transaction((tx) => tx.records.findByIds([recordId]));
    const ind = record ? indicatorByCode(record.ind) : undefined;
    // a record the caller may not speak to reads as absent: the answer never tells that it exists
    if (!record || ind?.category !== 'ADVERSE' || !makeStatement(caller, record).allowed) throw badUserInput('recordId', 'no such adverse record of your enterprise');
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_STATEMENT_CHARACTERS) throw badUserInput('text', `1 to ${MAX_STATEMENT_CHARACTERS} characters`);
    // during the retention period only: a record no one sees any more takes no statement
    if (!isVisible('MEMBER', ind, { data: record.data }, today)) throw badUserInput('recordId', 'this record is past its retention period');
    const statement: Statement = { recordId, uscc: record.uscc ?? '', text: trimmed, by: caller.subject ?? '', at: now };
    await this.storage.subjectStatements.save(statement);
    return statement;
  }
}
