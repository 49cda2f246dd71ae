import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session, SignedInUser } from './session';

interface SessionState {
  readonly session: Session;
  readonly user?: SignedInUser;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const [user, setUser] = useState(session.user);
  useEffect(() => session.onChange(() => setUser(session.user)), [session]);
  return <SessionContext.Provider value={{ session, user }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
