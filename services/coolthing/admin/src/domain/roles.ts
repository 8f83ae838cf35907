// Who may do what (coolthing.md "Operators sign in through Identity"). Each role includes the
// ones below it: viewer reads, operator runs campaigns and scripts, admin also manages
// accounts, bots, LLM profiles and the chat registry, owner does everything.

export const STAFF_ROLES = ['viewer', 'operator', 'admin', 'owner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Capability = 'read' | 'operate' | 'manage' | 'audit';

const ALLOWED: Record<Capability, readonly StaffRole[]> = {
  read: ['viewer', 'operator', 'admin', 'owner'],
  operate: ['operator', 'admin', 'owner'],
  manage: ['admin', 'owner'],
  audit: ['admin', 'owner'],
};

/** The roles that grant a capability, for `requireRole`. */
export const rolesFor = (capability: Capability): string[] => [...ALLOWED[capability]];

export const hasCapability = (roles: readonly string[], capability: Capability): boolean =>
  roles.some((r) => (ALLOWED[capability] as readonly string[]).includes(r));
