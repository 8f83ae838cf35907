import { conflict } from '@switchyard/kit';
import type { AccountCredentials, SignInApp } from '@switchyard/telegram';
import { joinProxy } from '../domain/proxy';
import type { AccountRow } from '../repositories/accounts';
import type { Secrets } from './secrets';

/** The application credentials and proxy of an account, opened for the port. */
export function appOf(
  row: Pick<AccountRow, 'id' | 'api_id' | 'api_hash_sealed' | 'proxy' | 'proxy_secret_sealed'>,
  secrets: Secrets,
  ownerId = row.id,
): SignInApp {
  const apiHash = secrets.openOrNull('api_hash', ownerId, row.api_hash_sealed);
  return {
    ...(row.api_id ? { apiId: row.api_id } : {}),
    ...(apiHash ? { apiHash } : {}),
    ...(row.proxy
      ? { proxy: joinProxy(row.proxy, secrets.openOrNull('proxy_secret', ownerId, row.proxy_secret_sealed)) }
      : {}),
  };
}

/** Everything the port needs to act as the account; 409 when it has no session. */
export function credentialsOf(row: AccountRow, secrets: Secrets): AccountCredentials {
  if (!row.session_sealed) throw conflict('The account has no session; sign it in first.');
  return {
    accountId: row.id,
    session: secrets.open('session', row.id, row.session_sealed),
    ...appOf(row, secrets),
  };
}
