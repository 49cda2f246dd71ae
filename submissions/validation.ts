// Data-quality rules for submitted records, driven by the catalogue: completeness, validity and
// reasonableness. Each rule has an id and a message that tells an agency clerk what to fix.
import { isRegionCode, type AttributeSpec, type IndicatorSpec } from '../schema/catalogue';
import { addDuration } from '../schema/display-windows';
import { isValidRegistrationNo, isValidResidentId, isValidUscc } from '../schema/identifiers';
import { isIsoDate, isMoney } from '../platform/scalars';

export interface RuleFailure {
  readonly rule: RuleId;
  readonly field: string | null;
  readonly message: string;
}

export const RULES = {
  C01: 'a required attribute is missing',
  V01: 'an attribute is not of its type',
  V02: 'a value is not one of the allowed codes',
  V03: 'an identifier fails its check character',
  V04: 'a date is not an ISO date',
  V05: 'an amount is not a decimal with two places',
  V06: 'an attribute is not part of the indicator',
  V07: 'the record is not a JSON object',
  R01: 'a date lies in the future',
  R02: 'an end date is before its start date',
  R03: 'a ban runs longer than 3 years',
  R04: 'an amount that cannot be negative is negative',
  R05: "owners' equity differs from assets minus liabilities by more than 1%",
  F01: 'the enterprise is not registered',
  F02: 'the subject of the record is missing or not valid',
  A01: 'the enterprise is outside the submitting unit’s region',
  A02: 'the record belongs to another unit, which alone may correct it',
} as const;

export type RuleId = keyof typeof RULES;

const fail = (rule: RuleId, field: string | null, message: string): RuleFailure => ({ rule, field, message });

/** C0 control characters but tab, line feed and carriage return, and DEL: never part of a credit record's text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A submitted key as it can be shown in a message and stored: control characters replaced, length capped. */
function printable(key: string): string {
  return key.replace(new RegExp(CONTROL.source, 'g'), '\uFFFD').slice(0, 100);
}

function checkValue(attr: AttributeSpec, value: unknown): RuleFailure | undefined {
  const name = attr.name;
  const one = (v: unknown): RuleFailure | undefined => {
    switch (attr.type) {
      case 'Enum':
        return typeof v === 'string' && attr.values?.includes(v) ? undefined : fail('V02', name, `${name} must be one of ${attr.values?.join(', ')}; got ${JSON.stringify(v)}`);
      case 'USCC':
        return typeof v === 'string' && isValidUscc(v) ? undefined : fail('V03', name, `${name} is not a valid unified social credit code (18 characters, GB 32100-2015 check character)`);
      case 'RegistrationNo':
        return typeof v === 'string' && isValidRegistrationNo(v) ? undefined : fail('V03', name, `${name} is not a valid registration number (15 digits, ISO 7064 MOD 11,10)`);
      case 'RegionCode':
        return typeof v === 'string' && isRegionCode(v) ? undefined : fail('V02', name, `${name} is not a region code of this system`);
      case 'Date':
        return typeof v === 'string' && isIsoDate(v) ? undefined : fail('V04', name, `${name} must be a date written YYYY-MM-DD; got ${JSON.stringify(v)}`);
      case 'Money':
        if (typeof v !== 'string' || !isMoney(v)) return fail('V05', name, `${name} must be yuan as a string with two decimals, e.g. "1250.00"; got ${JSON.stringify(v)}`);
        return v.startsWith('-') && !attr.mayBeNegative ? fail('R04', name, `${name} cannot be negative`) : undefined;
      case 'Year':
        return Number.isInteger(v) && (v as number) >= 1949 && (v as number) <= 2100 ? undefined : fail('V01', name, `${name} must be a year such as 2025`);
      case 'Int':
        if (!Number.isInteger(v)) return fail('V01', name, `${name} must be a whole number`);
        return (v as number) < 0 ? fail('R04', name, `${name} cannot be negative`) : undefined;
      case 'String':
        if (typeof v !== 'string' || v.trim() === '' || v.length > 2000) return fail('V01', name, `${name} must be text of 1 to 2,000 characters`);
        return CONTROL.test(v) ? fail('V01', name, `${name} contains a control character (such as NUL); only tabs and line breaks are allowed`) : undefined;
    }
  };
  if (attr.list) {
    if (!Array.isArray(value) || value.length === 0) return fail('V01', name, `${name} must be a non-empty list`);
    for (const v of value) {
      const f = one(v);
      if (f) return f;
    }
    return undefined;
  }
  return one(value);
}

export interface ValidatedRecord {
  /** The spec's attributes, exactly; nothing else from the payload is kept. */
  readonly data: Record<string, unknown>;
  readonly warnings: RuleFailure[];
}

/** Envelope fields a submitted record may carry besides the indicator's attributes. */
export const ENVELOPE_FIELDS = new Set(['uscc', 'personIdNumber']);

/** Rule failures listed for one record at most: a report stays readable, and memory bounded, whatever a record holds. */
export const MAX_FAILURES_PER_RECORD = 20;

export function validateRecord(ind: IndicatorSpec, raw: unknown, today: string): { ok: ValidatedRecord } | { failures: RuleFailure[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { failures: [fail('V07', null, 'each record must be a JSON object')] };
  const input = raw as Record<string, unknown>;
  const failures: RuleFailure[] = [];
  const known = new Set(ind.attributes.map((a) => a.name));
  for (const key of Object.keys(input)) {
    // a record with thousands of made-up names is refused as one, not listed name by name
    if (failures.length >= MAX_FAILURES_PER_RECORD) break;
    if (!known.has(key) && !ENVELOPE_FIELDS.has(key)) failures.push(fail('V06', printable(key), `${printable(key)} is not an attribute of ${ind.code} ${ind.nameEn}`));
  }
  const data: Record<string, unknown> = {};
  for (const attr of ind.attributes) {
    const value = input[attr.name];
    if (value === undefined || value === null || value === '') {
      if (attr.required) failures.push(fail('C01', attr.name, `${attr.name} is required for ${ind.code} ${ind.nameEn}`));
      continue;
    }
    const f = checkValue(attr, value);
    if (f) failures.push(f);
    else data[attr.name] = value;
  }
  for (const attr of ind.attributes) {
    const when = attr.residentIdWhen;
    const v = data[attr.name];
    if (when && data[when.attribute] === when.equals && typeof v === 'string' && !isValidResidentId(v)) {
      failures.push(fail('V03', attr.name, `${attr.name} is not a valid resident ID number (GB 11643 check character)`));
    }
  }
  for (const attr of ind.attributes) {
    const v = data[attr.name];
    if (attr.type === 'Date' && typeof v === 'string' && v > today && !attr.mayBeFuture) {
      failures.push(fail('R01', attr.name, `${attr.name} ${v} is in the future`));
    }
  }
  for (const attr of ind.attributes) {
    const end = data[attr.name];
    for (const from of attr.notBefore ?? []) {
      const start = data[from];
      if (typeof start === 'string' && typeof end === 'string' && end < start) failures.push(fail('R02', attr.name, `${attr.name} ${end} is before ${from} ${start}`));
    }
  }
  for (const attr of ind.attributes) {
    const bound = attr.atMostAfter;
    const end = data[attr.name];
    const start = bound ? data[bound.attribute] : undefined;
    if (bound && typeof start === 'string' && typeof end === 'string' && end > addDuration(start, bound.duration)) {
      failures.push(fail('R03', attr.name, `${attr.name} may be at most ${bound.duration} after ${bound.attribute} (${addDuration(start, bound.duration)})`));
    }
  }
  if (failures.length > MAX_FAILURES_PER_RECORD) {
    const more = failures.length - (MAX_FAILURES_PER_RECORD - 1);
    failures.splice(MAX_FAILURES_PER_RECORD - 1, failures.length, fail(failures[MAX_FAILURES_PER_RECORD - 1]?.rule ?? 'V07', null, `and ${more} more problems with this record, not listed`));
  }
  return failures.length > 0 ? { failures } : { ok: { data, warnings: [] } };
}
