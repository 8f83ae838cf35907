import { forbidden, requireRole, type AppEnv } from '@switchyard/kit';
import type { Context } from 'hono';

/** Viewers read; operators work leads, drafts and the do-not-contact list; admins and owners also remove entries. */
export type Capability = 'read' | 'operate' | 'manage';

const ROLES: Record<Capability, string[]> = {
  read: ['viewer', 'operator', 'admin', 'owner'],
  operate: ['operator', 'admin', 'owner'],
  manage: ['admin', 'owner'],
};

/** The caller's id when their verified account holds a role with the capability, else 401/403. */
export function allow(c: Context<AppEnv>, capability: Capability): string {
  const user = requireRole(c, ...ROLES[capability]);
  if (user.status !== 'active') throw forbidden('Your account is not active.');
  return user.id;
}

export const security = [{ bearer: [] }];
