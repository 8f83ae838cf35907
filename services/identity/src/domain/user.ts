/** Roles every system understands; CoolThing adds `operator` and `viewer`. */
export const ROLES = ['user', 'admin', 'owner', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ['not_verified', 'active', 'banned'] as const;
export type UserStatus = (typeof STATUSES)[number];

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 60;
export const EMAIL_MAX = 254;

/** Emails are unique after trimming and lower-casing. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const isAdminRole = (roles: readonly string[]) => roles.includes('admin') || roles.includes('owner');

/** The status an unban restores: the one before the ban (an unverified user stays unverified). */
export function statusAfterUnban(before: UserStatus | null): Exclude<UserStatus, 'banned'> {
  return before === 'not_verified' ? 'not_verified' : 'active';
}

export type BanRefusal = 'self' | 'owner' | 'admin-needs-owner' | 'already-banned';

/** Whether `actor` may ban `target`; undefined when allowed. */
export function banRefusal(
  actor: { id: string; roles: readonly string[] },
  target: { id: string; roles: readonly string[]; status: UserStatus },
): BanRefusal | undefined {
  if (actor.id === target.id) return 'self';
  if (target.status === 'banned') return 'already-banned';
  if (target.roles.includes('owner')) return 'owner';
  if (target.roles.includes('admin') && !actor.roles.includes('owner')) return 'admin-needs-owner';
  return undefined;
}

/** True when replacing `current` by `next` takes the owner role from the only owner left. */
export function removesLastOwner(
  current: readonly string[],
  next: readonly string[],
  owners: number,
): boolean {
  return current.includes('owner') && !next.includes('owner') && owners <= 1;
}

/** Roles in a stable order without duplicates; `user` is always kept. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  const set = new Set<Role>(['user', ...roles]);
  return ROLES.filter((r) => set.has(r));
}
