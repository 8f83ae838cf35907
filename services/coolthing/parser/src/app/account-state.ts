// What the rest of the system learns when the account cannot go on: the status in the admin
// (which moves the account's chats), and for a flood wait an event for the notifier and
// metrics. A ban is announced by the watchdog (account.banned, once, naming the reserve account
// that takes over), which learns it from the worker's exit code and the admin.
import { AccountFloodWait } from '@switchyard/contracts';
import type { ParserInfra } from './deps';
import type { LongFloodWait } from './telegram-calls';

export async function reportBanned(infra: ParserInfra, reason: string): Promise<void> {
  await infra.admin
    .reportStatus(infra.accountId, { status: 'banned', reason })
    .catch((err: unknown) => infra.log.warn({ err: String(err) }, 'ban not reported to the admin'));
}

export async function reportFloodWait(infra: ParserInfra, wait: LongFloodWait): Promise<void> {
  await infra.bus
    .publish(AccountFloodWait, {
      account_id: infra.accountId,
      seconds: wait.seconds,
      until: wait.until.toISOString(),
    })
    .catch((err: unknown) => infra.log.error({ err: String(err) }, 'AccountFloodWait not published'));
  await infra.admin
    .reportStatus(infra.accountId, {
      status: 'flood_wait',
      until: wait.until,
      reason: `FLOOD_WAIT_${wait.seconds}`,
    })
    .catch((err: unknown) => infra.log.warn({ err: String(err) }, 'flood wait not reported to the admin'));
}
