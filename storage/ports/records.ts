// One indicator record of an enterprise, as stored, and the store of them.

/** One indicator record of one enterprise (or natural person), as stored. */
export interface StoredRecord {
  /** Derived from the natural key (see recordId), so resubmission updates in place. */
  id: string;
  /** Enterprise the record is about; null for a natural person (AD08). */
  uscc: string | null;
  ind: string;
  agency: string;
  agencyRegion: string;
  receivedAt: Date;
  /** The spec's attributes; a read may hold only the attributes it asked for. */
  data: Record<string, unknown>;
  /** Keyed hash of a natural person's ID number (legal representatives, AD08 entries about persons). */
  personHash?: string;
  /** Date credit repair (信用修复) took effect for an adverse record. */
  repairedOn?: string;
  /** Reasonableness warnings found when it was stored (e.g. R05); the record was accepted. */
  warnings?: { rule: string; field: string | null; message: string }[];
  /**
   * Whether an adverse record is in public display as last stated (when stored, then by each day's
   * ENTERED_DISPLAY or LEFT_DISPLAY); absent for a record stored before this state was kept.
   */
  displayed?: boolean;
}

export type NewRecord = Omit<StoredRecord, 'id' | 'receivedAt'> & { naturalKey: readonly unknown[] };

export interface IndicatorCount {
  uscc: string;
  ind: string;
  count: number;
}

export interface RecordStore {
  /** Records of these enterprises and indicators in one round trip, with only `fields` of their data. */
  findFor(usccs: readonly string[], indicators: readonly string[], fields: readonly string[]): Promise<StoredRecord[]>;
  /** Records of one indicator about (or naming) natural persons, by keyed ID hash. */
  findForPersons(hashes: readonly string[], indicator: string): Promise<StoredRecord[]>;
  findByIds(ids: readonly string[]): Promise<StoredRecord[]>;
  /** Records of one indicator in id order, after `afterId`: a whole-table walk, for daily jobs. */
  scan(indicator: string, afterId: string | null, limit: number): Promise<StoredRecord[]>;
  /** Record counts per enterprise and indicator, counted by the database. */
  countFor(usccs: readonly string[]): Promise<IndicatorCount[]>;
  /** Inserts records; answers the ids already stored, which were left as they are. */
  insertNew(records: readonly NewRecord[], receivedAt: Date): Promise<string[]>;
  /** Inserts or replaces records by id. */
  upsertMany(records: readonly NewRecord[], receivedAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Sets the repair date; false when the record is not stored (withdrawn meanwhile). */
  setRepaired(id: string, repairedOn: string): Promise<boolean>;
  /** Records the public display state of these records (the daily display job). */
  setDisplayed(ids: readonly string[], displayed: boolean): Promise<void>;
}
