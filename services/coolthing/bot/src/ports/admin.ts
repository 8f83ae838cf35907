import type { AccountsApi } from '@switchyard/telegram/accounts-api';

export type { AccountStatusReport } from '@switchyard/telegram/accounts-api';

/**
 * The admin's internal account API, as a worker uses it: the shared one (credentials, session
 * lease, status reports). Lease refusals are the platform's SessionLeaseHeld and SessionLeaseLost.
 */
export type AdminAccounts = AccountsApi;
