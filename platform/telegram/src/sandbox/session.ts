import { randomBytes } from 'node:crypto';
import { SignInFailed, TelegramUnknownError } from '../errors';

const SESSION_PREFIX = 'sandbox:1:';
const PENDING_PREFIX = 'sandbox-pending:1:';
const KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * A sandbox session is a random key made by the client, as an MTProto auth key is: the
 * sandbox stores only its hash, so the session string exists only where the caller keeps it.
 */
export const newKey = () => randomBytes(32).toString('base64url');

export const sessionOf = (key: string) => `${SESSION_PREFIX}${key}`;

export function keyOfSession(session: string): string {
  const key = session.startsWith(SESSION_PREFIX) ? session.slice(SESSION_PREFIX.length) : '';
  if (!KEY.test(key)) throw new TelegramUnknownError(new Error('not a sandbox session string'));
  return key;
}

export const pendingStateOf = (key: string, phoneCodeHash: string) =>
  `${PENDING_PREFIX}${key}:${phoneCodeHash}`;

export function readPendingState(state: string): { key: string; phoneCodeHash: string } {
  const [key, phoneCodeHash] = state.startsWith(PENDING_PREFIX)
    ? state.slice(PENDING_PREFIX.length).split(':')
    : [];
  if (!key || !KEY.test(key) || !phoneCodeHash) throw new SignInFailed('flow_expired');
  return { key, phoneCodeHash };
}
