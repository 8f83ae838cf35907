// Joins the assigned chats and keeps where their messages go. A chat the account cannot join
// or read is reported once (ParserChatUnavailable) and skipped; the others go on. Chats it
// joined that the assignment drops are left (see domain/leaving for which ones).
import { ParserChatUnavailable } from '@switchyard/contracts';
import { sleep } from '@switchyard/kit';
import {
  AccountBanned,
  isTelegramError,
  skipReasonText,
  type TelegramAccount,
  type TelegramChat,
} from '@switchyard/telegram';
import { joinTarget, type AssignedChat, type CompiledCampaign } from '../domain/assignment';
import { chatsToLeave } from '../domain/leaving';
import { ChatRoutes } from '../domain/routing';
import type { ParserInfra } from './deps';
import { LongFloodWait, withFloodWaits } from './telegram-calls';

interface Unavailable {
  target: string;
  reason: string;
}

export class ChatWatcher {
  /** Registry chat id → the target joined and the chat Telegram answered with. */
  private readonly joined = new Map<string, { target: string; chat: TelegramChat }>();
  /** Registry chat id → why it could not be joined (tried again only when its target changes). */
  private readonly unavailable = new Map<string, Unavailable>();
  private readonly reported = new Set<string>();
  /** Telegram ids of the chats this worker joined (and has not left), in this process. */
  private readonly memberships = new Set<string>();
  /** When the account last joined or left a chat (the two are spaced by PARSER_JOIN_GAP_MS). */
  private lastJoinAt = 0;
  /** Assigned chats that could not be joined, as of the last apply. */
  unavailableCount = 0;

  constructor(private readonly infra: ParserInfra) {}

  /**
   * Joins what is new and returns the routes of every chat watched now. Chats joined before are
   * watched again at once, and each new one as soon as it is joined (`progress`), so a slow run
   * of joins does not leave the other chats unwatched. Throws LongFloodWait and AccountBanned
   * (the account cannot go on); other failures skip the chat.
   */
  async apply(
    account: TelegramAccount,
    campaigns: readonly CompiledCampaign[],
    signal: AbortSignal,
    progress: (routes: ChatRoutes) => void,
  ): Promise<ChatRoutes> {
    const routes = new ChatRoutes();
    const missing = new Set<string>();
    const pending: [CompiledCampaign, AssignedChat][] = [];
    for (const campaign of campaigns)
      for (const chat of campaign.chats) {
        const known = this.joined.get(chat.id);
        if (known && known.target === joinTarget(chat))
          routes.add(known.chat.id, this.route(campaign, chat, known.chat));
        else pending.push([campaign, chat]);
      }
    progress(routes);
    for (const [campaign, chat] of pending) {
      if (signal.aborted) return routes;
      const joined = await this.ensureJoined(account, campaign, chat, signal);
      if (!joined) {
        missing.add(chat.id);
        continue;
      }
      routes.add(joined.id, this.route(campaign, chat, joined));
      progress(routes);
    }
    this.unavailableCount = missing.size;
    return routes;
  }

  private route(campaign: CompiledCampaign, chat: AssignedChat, joined: TelegramChat) {
    return { campaign, chat, title: chat.title ?? joined.title };
  }

  private async ensureJoined(
    account: TelegramAccount,
    campaign: CompiledCampaign,
    chat: AssignedChat,
    signal: AbortSignal,
  ): Promise<TelegramChat | null> {
    const target = joinTarget(chat) ?? '';
    if (!target) this.unavailable.set(chat.id, { target, reason: 'bad_link' });
    const known = this.joined.get(chat.id);
    if (known?.target === target) return known.chat;
    const failed = this.unavailable.get(chat.id);
    if (failed?.target === target) {
      await this.report(campaign, chat, target, failed.reason);
      return null;
    }
    await this.keepGap(signal);
    try {
      const joined = await withFloodWaits(this.infra, () => account.join(target), signal);
      this.lastJoinAt = Date.now();
      this.joined.set(chat.id, { target, chat: joined });
      this.memberships.add(joined.id);
      this.unavailable.delete(chat.id);
      this.infra.log.info({ chatId: chat.id, telegramChatId: joined.id }, 'chat joined');
      return joined;
    } catch (err) {
      this.lastJoinAt = Date.now();
      if (err instanceof AccountBanned || !isTelegramError(err)) throw err;
      this.unavailable.set(chat.id, { target, reason: err.reason });
      this.joined.delete(chat.id);
      await this.report(campaign, chat, target, err.reason);
      return null;
    }
  }

  /**
   * Leaves the chats this worker joined that no chat of `assigned` (registry ids) needs any
   * more; call it once the new routes are in use. Each chat is tried once: a failure is logged
   * and the account stays in it. A long FloodWait ends the round (the next leave would meet
   * it too); the chats not tried yet are tried after the next assignment. Returns how many
   * were left; throws AccountBanned.
   */
  async leaveDropped(
    account: TelegramAccount,
    assigned: ReadonlySet<string>,
    signal: AbortSignal,
  ): Promise<number> {
    let left = 0;
    const joinedAs = new Map([...this.joined].map(([id, j]) => [id, j.chat.id]));
    for (const telegramId of chatsToLeave(this.memberships, joinedAs, assigned)) {
      if (signal.aborted) break;
      const registryIds = [...this.joined].filter(([, j]) => j.chat.id === telegramId).map(([id]) => id);
      this.memberships.delete(telegramId);
      // Forgotten even if the leave fails: a chat assigned again is then joined again.
      for (const id of registryIds) this.joined.delete(id);
      await this.keepGap(signal);
      try {
        await withFloodWaits(this.infra, () => account.leave(telegramId), signal);
        this.infra.metrics.chatsLeft.inc();
        left++;
        this.infra.log.info(
          { telegramChatId: telegramId, chatIds: registryIds },
          'chat left: no longer assigned',
        );
      } catch (err) {
        if (err instanceof AccountBanned) throw err;
        if (signal.aborted) break;
        this.infra.log.warn(
          { telegramChatId: telegramId, chatIds: registryIds, err: String(err) },
          'chat not left; the account stays a member',
        );
        if (err instanceof LongFloodWait) break;
      } finally {
        this.lastJoinAt = Date.now();
      }
    }
    return left;
  }

  /** Telegram answers many joins (or leaves) in a row with FloodWait: keep a gap between them. */
  private async keepGap(signal: AbortSignal): Promise<void> {
    const gap = this.lastJoinAt + this.infra.config.PARSER_JOIN_GAP_MS - Date.now();
    if (gap > 0) await sleep(gap, signal);
  }

  /** Once per campaign, chat and target: a chat that stays unavailable is not reported on every poll. */
  private async report(
    campaign: CompiledCampaign,
    chat: AssignedChat,
    target: string,
    reason: string,
  ): Promise<void> {
    const key = `${campaign.id}|${chat.id}|${target}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const { infra } = this;
    infra.metrics.chatsUnavailable.inc({ reason });
    const text = skipReasonText[reason as keyof typeof skipReasonText] ?? skipReasonText.unknown_error;
    infra.log.warn({ chatId: chat.id, target, reason }, 'chat unavailable; skipped');
    await infra.bus.publish(ParserChatUnavailable, {
      account_id: infra.accountId,
      campaign_id: campaign.id,
      chat_id: chat.id,
      chat_title: chat.title?.slice(0, 256) ?? null,
      target: (target || '(no link, username or id)').slice(0, 300),
      reason: reason.slice(0, 64),
      reason_text_en: text.en,
      reason_text_ru: text.ru,
      at: infra.clock().toISOString(),
    });
  }
}
