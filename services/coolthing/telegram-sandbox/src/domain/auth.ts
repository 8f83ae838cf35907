import type { TgUser } from '@switchyard/contracts';
import { checkAccount } from './faults';
import { rpc, type Account } from './model';
import { userView } from './views';
import { sha256, type World } from './world';

/** Login codes are valid this long (sandbox time), as on Telegram. */
const CODE_TTL_MS = 30 * 60_000;

/** Step 1: a login code "arrives" on the phone; the sandbox shows it in its API and page. */
export function sendCode(world: World, phone: string): { phoneCodeHash: string; codeLength: number } {
  const account = world.accountsByPhone.get(normalisePhone(phone));
  if (!account) throw rpc.phoneInvalid();
  checkAccount(world, account, 'any');
  const codes = world.rng.fork(`code:${account.id}:${world.codes.size}:${world.clock.now()}`);
  const code = String(codes.int(10000, 99999));
  const phoneCodeHash = Array.from({ length: 16 }, () => codes.int(0, 15).toString(16)).join('');
  world.codes.set(phoneCodeHash, {
    phoneCodeHash,
    phone: account.phone,
    accountId: account.id,
    code,
    expiresAt: world.clock.now() + CODE_TTL_MS,
    codeVerified: false,
  });
  return { phoneCodeHash, codeLength: 5 };
}

/** Step 2: the code; binds the client's key to the account unless 2FA is on. */
export function signIn(
  world: World,
  input: { phone: string; phoneCodeHash: string; code: string },
  keyHash: string,
): { status: 'signed_in'; user: TgUser } | { status: 'password_needed'; hint: string | null } {
  const pending = world.codes.get(input.phoneCodeHash);
  if (!pending || pending.phone !== normalisePhone(input.phone)) throw rpc.codeInvalid();
  if (pending.expiresAt < world.clock.now()) {
    world.codes.delete(input.phoneCodeHash);
    throw rpc.codeExpired();
  }
  if (pending.code !== input.code.trim()) throw rpc.codeInvalid();
  const account = world.accounts.get(pending.accountId)!;
  if (account.passwordHash) {
    pending.codeVerified = true;
    return { status: 'password_needed', hint: account.passwordHint };
  }
  world.codes.delete(input.phoneCodeHash);
  return { status: 'signed_in', user: authorize(world, account, keyHash) };
}

/** Step 3: the 2FA password. */
export function checkPassword(
  world: World,
  input: { phoneCodeHash: string; password: string },
  keyHash: string,
): TgUser {
  const pending = world.codes.get(input.phoneCodeHash);
  if (!pending || !pending.codeVerified) throw rpc.codeInvalid();
  const account = world.accounts.get(pending.accountId)!;
  if (account.passwordHash !== sha256(input.password)) throw rpc.passwordInvalid();
  world.codes.delete(input.phoneCodeHash);
  return authorize(world, account, keyHash);
}

function authorize(world: World, account: Account, keyHash: string): TgUser {
  world.bindSession(keyHash, account.id);
  return userView(world.users.get(account.userId)!);
}

/** The account a client key is signed in as, or AUTH_KEY_UNREGISTERED. */
export function accountOfKey(world: World, keyHash: string): Account {
  const id = world.sessions.get(keyHash);
  const account = id ? world.accounts.get(id) : undefined;
  if (!account) throw rpc.unregistered();
  return account;
}

export const normalisePhone = (phone: string) => `+${phone.replace(/\D/g, '')}`;
