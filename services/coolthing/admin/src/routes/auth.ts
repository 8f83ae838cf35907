import { forbidden, requireRole, type AppEnv } from '@switchyard/kit';
import type { Context } from 'hono';
import type { Actor } from '../domain/audit';
import { rolesFor, type Capability } from '../domain/roles';

/** The caller as an audit actor, when their verified account holds a role with the capability. */
export function allow(c: Context<AppEnv>, capability: Capability): Actor {
  const user = requireRole(c, ...rolesFor(capability));
  if (user.status !== 'active') throw forbidden('Your account is not active.');
  return { id: user.id, kind: 'user', roles: user.roles, requestId: c.get('requestId') ?? null };
}

export const security = [{ bearer: [] }];
