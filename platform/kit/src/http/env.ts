import type { AuthUser } from '@switchyard/auth';
import type { Logger } from 'pino';

export type { AuthUser };

/** Hono environment shared by every service app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** The caller when a valid access token came with the request, else null. */
    user: AuthUser | null;
    /** Why a presented token was not accepted ('expired' | 'invalid'), for required-auth routes. */
    authError: string | null;
    /** True when the request carries this deployment's internal API token (a fellow service). */
    internal: boolean;
  };
}
