// The query purpose (查询事由) of this browser session: asked once, when member data is first
// shown, chosen from the catalogue's purposes and sent with every request in x-query-purpose.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { QUERY_PURPOSES } from '../../../schema/catalogue/purposes';

export type Purpose = keyof typeof QUERY_PURPOSES;
export const PURPOSES = Object.entries(QUERY_PURPOSES).map(([code, description]) => ({ code: code as Purpose, description }));
const KEY = 'credit-console.purpose';

interface PurposeState {
  readonly purpose?: Purpose;
  choose: (purpose: Purpose | undefined) => void;
}

const PurposeContext = createContext<PurposeState | undefined>(undefined);

/** The purpose lasts as long as the tab (session storage): it is a statement, not a credential. */
export function currentPurpose(): Purpose | undefined {
  const stored = sessionStorage.getItem(KEY);
  return stored !== null && stored in QUERY_PURPOSES ? (stored as Purpose) : undefined;
}

export function PurposeProvider({ children }: { children: ReactNode }) {
  const [purpose, setPurpose] = useState<Purpose | undefined>(currentPurpose);
  const choose = (p: Purpose | undefined) => {
    if (p) sessionStorage.setItem(KEY, p);
    else sessionStorage.removeItem(KEY);
    setPurpose(p);
  };
  return <PurposeContext.Provider value={{ purpose, choose }}>{children}</PurposeContext.Provider>;
}

export function usePurpose(): PurposeState {
  const state = useContext(PurposeContext);
  if (!state) throw new Error('usePurpose outside PurposeProvider');
  return state;
}
