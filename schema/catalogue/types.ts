// Shapes of the domain specification. Everything here is data; behaviour lives next to its user.
import type { LegalBasis } from './legal-basis';

export type Category = 'IDENTITY' | 'ADVERSE' | 'REPUTATION' | 'ECONOMIC';
export type Disclosure = 'PUBLIC' | 'MEMBER' | 'RESTRICTED';
export type Cardinality = 'ONE' | 'MANY' | 'PER_YEAR';
export type AttributeType = 'USCC' | 'RegistrationNo' | 'String' | 'Enum' | 'RegionCode' | 'Money' | 'Date' | 'Year' | 'Int';

export interface AttributeSpec {
  readonly name: string;
  readonly type: AttributeType;
  /** A list of `type` values, e.g. AD01 penaltyTypes. */
  readonly list?: boolean;
  readonly required: boolean;
  /** GraphQL enum type name, for `type: 'Enum'`. Indicators sharing a value set share the name. */
  readonly enumName?: string;
  readonly values?: readonly string[];
  /** Stricter disclosure than the indicator's own. */
  readonly disclosure?: Disclosure;
  /** Member agencies see a masked form of this RESTRICTED attribute instead of nothing. */
  readonly maskedForMembers?: boolean;
  /**
   * The attribute identifies a natural person, whom the system links across records by keyed
   * hash: who may follow that link (to every enterprise the person represents, to the debtor list).
   */
  readonly personLink?: Disclosure;
  /** A date that may lie in the future (a validity or ban end); other dates may not (R01). */
  readonly mayBeFuture?: boolean;
  /** Date attributes this one may not come before (an end and its starts, R02). */
  readonly notBefore?: readonly string[];
  /** A date at most this ISO 8601 duration after another date attribute (a ban of at most 3 years, R03). */
  readonly atMostAfter?: { readonly attribute: string; readonly duration: string };
  /** An amount that may be negative (equity, profit); other amounts may not (R04). */
  readonly mayBeNegative?: boolean;
  /** The value is a resident ID number (GB 11643 check character) when another attribute has this value. */
  readonly residentIdWhen?: { readonly attribute: string; readonly equals: string };
  readonly note?: string;
}

/** When a record is in force: list entries until removed, arrears until cleared, bans between their dates. */
export interface ActiveRule {
  /** Date the entry takes effect (inclusive). */
  readonly from: string;
  /** Date the entry stops being in force (it is not in force on that day), when set. */
  readonly endedBy?: string;
  /** Last day the entry is in force (inclusive), when set. */
  readonly lastDay?: string;
}

export interface IndicatorSpec {
  readonly code: string;
  readonly category: Category;
  /** Field name on `Enterprise`. */
  readonly field: string;
  /** GraphQL object type of one record. */
  readonly typeName: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Agencies that may submit this indicator. */
  readonly sources: readonly string[];
  readonly disclosure: Disclosure;
  readonly cardinality: Cardinality;
  readonly attributes: readonly AttributeSpec[];
  /** Attributes that, with the enterprise and the submitting agency, identify one record. */
  readonly naturalKey: readonly string[];
  /** The date attribute lists are ordered and windowed by (newest first). */
  readonly mainDate?: string;
  /** ISO 8601 durations bounding public display, by severity (the display class) or ALL: display stops by itself at the end. */
  readonly publicWindow?: Readonly<Record<string, string>>;
  /** The longest display the law allows per class, where a regulator may extend `publicWindow`. */
  readonly publicWindowMaximum?: Readonly<Record<string, string>>;
  /** The shortest display per class: repair may be applied for once it has passed. */
  readonly repairableAfter?: Readonly<Record<string, string>>;
  /** The law the windows follow. */
  readonly displayBasis?: LegalBasis;
  /** A repair application is decided by the deciding unit within this many working days (Monday to Friday), under `basis`. */
  readonly repairDecision?: { readonly workingDays: number; readonly basis: LegalBasis };
  /** When a record of this indicator is in force (its `active` field, bidding rules, display). */
  readonly inForce?: ActiveRule;
  /** A list entry: shown to the public while in force, whatever its age. */
  readonly publicWhileInForce?: boolean;
  /**
   * The registration itself: a record names its enterprise by its own `uscc` attribute and its
   * region by `region`, creates the enterprise and may move it.
   */
  readonly registration?: boolean;
  /** Records may be about a natural person instead of an enterprise, named by this envelope field (a resident ID number, kept only as its keyed hash). */
  readonly personSubject?: string;
  readonly note?: string;
}

export interface Agency {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly levels: readonly ('city' | 'district')[];
}

export interface Region {
  readonly code: string;
  readonly name: string;
  /** A functional zone whose code is local to this system rather than GB/T 2260. */
  readonly local?: boolean;
}

export type RuleVerdict = 'DISQUALIFIED' | 'WARN';

export interface BiddingRule {
  readonly id: string;
  readonly verdict: RuleVerdict;
  readonly indicator: string;
  readonly when: string;
}
