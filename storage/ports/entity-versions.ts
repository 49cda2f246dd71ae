// The versions of enterprises' data in one subgraph's database: bumped in the transaction of every
// change to them, read by the gateway's entity cache before it serves or keeps an answer.

/** The key under which a subgraph's own generation is kept (bumped when it starts). */
export const GENERATION_KEY = '*';

export interface EntityVersions {
  /**
   * The current version of each enterprise asked for and of the generation (GENERATION_KEY); an
   * enterprise absent from the answer has not changed since versions were kept ('0').
   */
  read(usccs: readonly string[]): Promise<ReadonlyMap<string, string>>;
  close(): Promise<void>;
}
