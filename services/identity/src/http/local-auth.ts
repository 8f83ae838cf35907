import type { MiddlewareHandler } from 'hono';
import { HttpProblem, type AppEnv } from '@switchyard/kit';
import { TokenError } from '@switchyard/auth';
import type { AccessTokens } from '../keys/access-tokens';
import { sessionIdOf } from '../keys/access-tokens';
import type { SessionsRepository } from '../repositories/sessions';
import type { UsersRepository } from '../repositories/users';

/**
 * Identity verifies access tokens itself, from the keys in memory rather than over HTTP, and
 * goes further than other services can: a token of an ended session or a banned account is
 * refused at once, so logout-everywhere and bans take effect here without waiting for expiry.
 */
export function localAuthentication(deps: {
  tokens: AccessTokens;
  sessions: SessionsRepository;
  users: UsersRepository;
  clock: () => Date;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    c.set('user', null);
    c.set('authError', null);
    if (header) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header);
      if (!match) c.set('authError', 'invalid');
      else {
        try {
          const user = await deps.tokens.verifier.verify(match[1]!);
          const row = await deps.users.byId(user.id);
          if (!row) throw new TokenError('invalid', 'no such user');
          if (row.status === 'banned') throw new HttpProblem(403, 'Forbidden', 'This account is banned.');
          const sessionId = sessionIdOf(match[1]!);
          if (!sessionId || !(await deps.sessions.isLive(sessionId, deps.clock()))) {
            throw new TokenError('invalid', 'the session has ended');
          }
          c.set('user', user);
        } catch (err) {
          if (err instanceof HttpProblem) throw err;
          c.set('authError', err instanceof TokenError ? err.reason : 'invalid');
        }
      }
    }
    await next();
  };
}
