import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { ApiError, setCsrfToken } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import type { Me, MeClinic, Role } from '../api/types.ts';

export const ME_KEY = ['me'] as const;
const CLINIC_KEY = 'palpa.clinicId';

/** Who is signed in (null when nobody is). Also keeps the CSRF token the API client sends on writes. */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 60_000,
  });
}

/** Loads /api/me again (after sign-in, a password change, two-factor changes…). */
export function useRefreshMe() {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 }),
    [queryClient],
  );
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await endpoints.me();
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export interface Session {
  me: Me;
  /** The clinic the person is working in (null when they belong to none). */
  clinic: MeClinic | null;
  roles: Role[];
  selectClinic(clinicId: string): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(CLINIC_KEY));
  const selectClinic = useCallback((clinicId: string) => {
    localStorage.setItem(CLINIC_KEY, clinicId);
    setChosen(clinicId);
  }, []);
  const value = useMemo<Session>(() => {
    const clinic = me.clinics.find((c) => c.id === chosen) ?? me.clinics[0] ?? null;
    return { me, clinic, roles: clinic?.roles ?? [], selectClinic };
  }, [me, chosen, selectClinic]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The session when signed in, null on pages that also work signed out (online booking). */
export function useOptionalSession(): Session | null {
  return useContext(SessionContext);
}

/** The current clinic, for pages that only make sense inside one (their route is gated accordingly). */
export function useClinic(): MeClinic {
  const { clinic } = useSession();
  if (!clinic) throw new Error('No clinic selected');
  return clinic;
}
