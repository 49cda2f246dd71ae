// The enterprise directory: registered enterprises and the search over them (identity's alone).

/** An enterprise registered in the directory (from its ID01 registration). */
export interface EnterpriseEntry {
  uscc: string;
  registrationNo?: string;
  name: string;
  region: string;
}

export type SearchMode = { kind: 'uscc'; code: string } | { kind: 'registrationNo'; code: string } | { kind: 'name'; text: string };

export interface EnterpriseDirectory {
  findByUsccs(usccs: readonly string[]): Promise<EnterpriseEntry[]>;
  findByRegistrationNo(registrationNo: string): Promise<EnterpriseEntry | null>;
  /** One page in code order after `after`; one more than `limit` is fetched to tell if more follow. */
  search(mode: SearchMode, region: string | undefined, after: string | undefined, limit: number): Promise<EnterpriseEntry[]>;
  /** Creates or updates enterprises from their registrations. */
  upsertMany(entries: readonly EnterpriseEntry[]): Promise<void>;
  count(): Promise<number>;
}
