// Statements (本人声明): the enterprise's own short explanation attached to an adverse record.

export interface Statement {
  readonly recordId: string;
  readonly uscc: string;
  readonly text: string;
  /** The token subject of the account that made it. */
  readonly by: string;
  readonly at: Date;
}

export interface StatementStore {
  /** Keeps the record's statement: a new one replaces the one before. */
  save(statement: Statement): Promise<void>;
  /** The statements of these records, if any. */
  latestFor(recordIds: readonly string[]): Promise<Statement[]>;
}
