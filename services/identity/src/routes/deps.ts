import type { Infra } from '../app/deps';
import type { LoginGuard } from '../app/guards';
import type { CookieOptions } from '../http/request';

/** What route handlers receive: the use cases' infrastructure plus HTTP-only settings. */
export interface RouteDeps extends Infra {
  guard: LoginGuard;
  /** Hash of a random password, verified for unknown emails so they cost the same time. */
  dummyHash: string;
  cookie: CookieOptions;
}
