import type { Conn } from '../db';

/**
 * Names of runs, campaigns, accounts and chats by id, for messages other services write (the
 * notifier). Chats are found by registry id or Telegram id (leads carry the latter). Deleted rows
 * are included: a name outlives its row in an alert about the past.
 */
export async function namesOf(
  db: Conn,
  ids: { runs: string[]; campaigns: string[]; accounts: string[]; chats: string[] },
) {
  const none = Promise.resolve([]);
  const [runs, campaigns, accounts, chats] = await Promise.all([
    ids.runs.length
      ? db
          .selectFrom('script_runs')
          .select(['id', 'script_name', 'campaign_name'])
          .where('id', 'in', ids.runs)
          .execute()
      : none,
    ids.campaigns.length
      ? db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', ids.campaigns).execute()
      : none,
    ids.accounts.length
      ? db
          .selectFrom('accounts')
          .select(['id', 'username', 'first_name', 'last_name', 'phone'])
          .where('id', 'in', ids.accounts)
          .execute()
      : none,
    ids.chats.length
      ? db
          .selectFrom('chats')
          .select(['id', 'telegram_id', 'title', 'username', 'link'])
          .where((eb) => eb.or([eb('id', 'in', ids.chats), eb('telegram_id', 'in', ids.chats)]))
          .execute()
      : none,
  ]);
  return { runs, campaigns, accounts, chats };
}
