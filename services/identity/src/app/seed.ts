import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUniqueViolation } from '@switchyard/store';
import { normaliseRoles, type Role } from '../domain/user';
import type { Infra } from './deps';

export interface SeedAccount {
  email: string;
  firstName: string;
  lastName: string;
  roles: Role[];
}

export const DEMO_ACCOUNTS: SeedAccount[] = [
  { email: 'admin@switchyard.local', firstName: 'Ada', lastName: 'Admin', roles: ['admin'] },
  { email: 'alice@switchyard.local', firstName: 'Alice', lastName: 'Demo', roles: ['user'] },
  { email: 'operator@switchyard.local', firstName: 'Oleg', lastName: 'Operator', roles: ['operator'] },
  { email: 'viewer@switchyard.local', firstName: 'Vera', lastName: 'Viewer', roles: ['viewer'] },
];

export const DEFAULT_OWNER_EMAIL = 'owner@switchyard.local';
const CREDENTIALS_FILE = 'initial-credentials.json';

type Saved = Record<string, string>;

const generatedPassword = () => randomBytes(12).toString('base64url');

/**
 * First start: the owner from OWNER_EMAIL/OWNER_PASSWORD (or, outside production, a generated
 * owner), and the demo accounts when enabled. Generated passwords are kept in the data folder
 * (mode 600) so the banner can show them on every start until they are changed.
 */
export async function seedAccounts(
  infra: Infra,
  options: { dataDir: string; production: boolean; demo: boolean },
): Promise<string[]> {
  const file = join(options.dataDir, CREDENTIALS_FILE);
  const saved: Saved = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as Saved,
    () => ({}),
  );
  let changed = false;
  const ensure = async (account: SeedAccount, password: string | undefined) => {
    const existing = await infra.users.byEmail(account.email);
    if (existing) {
      if (!account.roles.every((r) => existing.roles.includes(r))) {
        const roles = normaliseRoles([...(existing.roles as Role[]), ...account.roles]);
        await infra.users.update(existing.id, { roles }, infra.clock());
      }
      return;
    }
    const chosen = password ?? generatedPassword();
    const now = infra.clock();
    const inserted = await infra.users
      .insert({
        id: randomUUID(),
        email: account.email,
        password_hash: await infra.passwords.hash(chosen),
        first_name: account.firstName,
        last_name: account.lastName,
        roles: normaliseRoles(account.roles),
        status: 'active',
        status_before_ban: null,
        ban_reason: null,
        banned_at: null,
        locale: 'en',
        is_public: false,
        avatar_url: null,
        created_at: now,
        updated_at: now,
      })
      .then(
        () => true,
        // Another instance seeded the same account at the same moment.
        (err: unknown) => {
          if (isUniqueViolation(err)) return false;
          throw err;
        },
      );
    if (!inserted) return;
    infra.log.info({ email: account.email, roles: account.roles }, 'account seeded');
    if (!password) {
      saved[account.email] = chosen;
      changed = true;
    }
  };

  const { OWNER_EMAIL, OWNER_PASSWORD } = infra.config;
  const owner = { firstName: 'Owner', lastName: '', roles: ['owner'] as Role[] };
  if (OWNER_EMAIL) {
    await ensure({ ...owner, email: OWNER_EMAIL }, OWNER_PASSWORD);
  } else if (!(await infra.users.anyOwner())) {
    if (options.production)
      throw new Error('OWNER_EMAIL: required on the first start in production, got nothing');
    await ensure({ ...owner, email: DEFAULT_OWNER_EMAIL }, OWNER_PASSWORD);
  }
  if (options.demo) for (const account of DEMO_ACCOUNTS) await ensure(account, undefined);
  if (changed) await writeFile(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return bannerLines(infra, saved);
}

/** Sign-in lines for generated passwords that still work (a changed one is not shown). */
async function bannerLines(infra: Infra, saved: Saved): Promise<string[]> {
  const lines = await Promise.all(
    Object.entries(saved).map(async ([email, password]) => {
      const user = await infra.users.byEmail(email);
      if (!user || !(await infra.passwords.verify(user.password_hash, password))) return undefined;
      return `login ${email.padEnd(28)} ${password.padEnd(18)} (${user.roles.join(', ')})`;
    }),
  );
  return lines.filter((l): l is string => l !== undefined);
}
