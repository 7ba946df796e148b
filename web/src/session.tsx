// Who is signed in, for every page: loaded once from GET /api/me. Pages and the navigation ask `can(role)`
// to hide what the person's role cannot do (the API refuses it anyway).
import { createContext, type ReactNode, useContext } from 'react';
import { type ApiError, api, type MeData, type Role } from './api.ts';
import { useResource } from './useResource.ts';

const RANK: Record<Role, number> = { viewer: 0, biller: 1, administrator: 2 };

export const allows = (held: Role, needed: Role) => RANK[held] >= RANK[needed];

export interface Session {
  me: MeData | undefined;
  error: ApiError | undefined;
  loading: boolean;
  can(role: Role): boolean;
}

const SessionContext = createContext<Session>({
  me: undefined,
  error: undefined,
  loading: true,
  can: () => false,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const { data, error, loading } = useResource('me', () => api.me());
  const session: Session = {
    me: data,
    error,
    loading,
    can: (role) => (data ? allows(data.role, role) : false),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
