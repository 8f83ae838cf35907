/** A presented refresh token and its session, as stored. */
export interface RefreshState {
  token: { expiresAt: Date; rotatedAt: Date | null };
  session: { revokedAt: Date | null; expiresAt: Date };
}

export type RefreshDecision =
  | 'rotate'
  /** Not a token we issued (or long purged). */
  | 'unknown'
  | 'expired'
  | 'revoked'
  /** A token that was already rotated: stolen or replayed. The whole family goes. */
  | 'reuse';

/** What to do with a refresh token: rotate it, or refuse it and why. */
export function decideRefresh(state: RefreshState | undefined, now: Date): RefreshDecision {
  if (!state) return 'unknown';
  if (state.session.revokedAt) return 'revoked';
  if (state.token.rotatedAt) return 'reuse';
  const t = now.getTime();
  if (state.token.expiresAt.getTime() <= t || state.session.expiresAt.getTime() <= t) return 'expired';
  return 'rotate';
}
