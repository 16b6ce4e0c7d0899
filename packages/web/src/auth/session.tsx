import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { api, setCsrfToken } from '../api/client';
import type { TLocale, TMe } from '../api/types';
import i18n, { currentLang } from '../i18n';

interface TSessionState {
  user: TMe | null;
  loading: boolean;
  refresh: () => Promise<void>;
  setLanguage: (lang: TLocale) => Promise<void>;
}

const SessionContext = createContext<TSessionState | null>(null);

export const SESSION_KEY = ['session'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const s = await api.get<{ user: TMe | null; csrfToken: string }>('/api/auth/session');
      setCsrfToken(s.csrfToken);
      return s.user;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  const user = q.data ?? null;

  const refresh = useCallback(async () => {
    setCsrfToken(null);
    await qc.invalidateQueries({ queryKey: SESSION_KEY });
  }, [qc]);

  const setLanguage = useCallback(
    async (lang: TLocale) => {
      await i18n.changeLanguage(lang);
      if (user && user.locale !== lang) {
        const res = await api.patch<{ user: TMe }>('/api/auth/me', { locale: lang });
        qc.setQueryData(SESSION_KEY, res.user);
      }
    },
    [qc, user],
  );

  const value = useMemo(
    () => ({ user, loading: q.isPending, refresh, setLanguage }),
    [user, q.isPending, refresh, setLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): TSessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Roles allowed to change customers (agent and viewer only read). */
export function canWrite(user: TMe | null): boolean {
  return user?.role === 'owner' || user?.role === 'admin' || user?.role === 'analyst';
}

export function isAdmin(user: TMe | null): boolean {
  return user?.role === 'owner' || user?.role === 'admin';
}

export { currentLang };
