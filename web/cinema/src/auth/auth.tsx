import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { client, identity } from '../api';
import type { OwnProfile } from '../api/types';
import { Loading } from '../components/States';

interface Auth {
  /** False until the stored session has been checked (or refreshed from the cookie). */
  ready: boolean;
  user: OwnProfile | null;
  isAdmin: boolean;
  isVerified: boolean;
  /** Replace the user after a profile change. */
  setUser(user: OwnProfile): void;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export const isAdminUser = (user: OwnProfile | null) =>
  !!user && (user.roles.includes('admin') || user.roles.includes('owner'));

export function AuthProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [user, setUser] = useState<OwnProfile | null>(null);

  useEffect(() => {
    const offSession = client.on('session', (grant) => setUser(grant.user));
    const offSignedOut = client.on('signedOut', () => setUser(null));
    let cancelled = false;
    const boot = async () => {
      try {
        if (client.accessToken) {
          const me = await identity.me();
          if (!cancelled) setUser(me);
        } else if (client.mayHaveSession) {
          await client.refresh(); // the cookie, if any, brings the session (and the user) back
        }
      } catch {
        // a dead session ends as a guest; a network failure leaves the token for later calls
      } finally {
        if (!cancelled) setReady(true);
      }
    };
    void boot();
    return () => {
      cancelled = true;
      offSession();
      offSignedOut();
    };
  }, []);

  const logout = useCallback(() => identity.logout(), []);

  const value = useMemo<Auth>(
    () => ({
      ready,
      user,
      isAdmin: isAdminUser(user),
      isVerified: user?.status === 'active',
      setUser,
      logout,
    }),
    [ready, user, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Renders its children for a signed-in user; sends guests to sign in and back. */
export function RequireUser({ children }: { children: ReactNode }) {
  const { ready, user } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
