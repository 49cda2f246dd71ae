// Validation of query arguments shared by the subgraphs; each failure names the argument.
import { isRegionCode } from '../schema/catalogue';
import { isValidRegistrationNo, isValidUscc } from '../schema/identifiers';
import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 1000;

export function requireUscc(argument: string, value: string): string {
  if (!isValidUscc(value)) {
    throw badUserInput(argument, `'${value.slice(0, 40)}' is not a valid unified social credit code (18 characters, GB 32100-2015 check character)`);
  }
  return value;
}

export function requireRegistrationNo(argument: string, value: string): string {
  if (!isValidRegistrationNo(value)) {
    throw badUserInput(argument, `'${value.slice(0, 40)}' is not a valid registration number (15 digits, ISO 7064 MOD 11,10 check digit)`);
  }
  return value;
}

export function requireRegion(argument: string, value: string): string {
  if (!isRegionCode(value)) throw badUserInput(argument, `'${value.slice(0, 20)}' is not a region code of this system`);
  return value;
}

export function requirePageSize(argument: string, value: number | null | undefined, fallback: number): number {
  const size = value ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(argument, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}
