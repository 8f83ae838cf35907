// New chat messages → leads: skip what can never be one, match each campaign of the chat,
// drop users already leads of the campaign, and write the claim and its NewTargetMessage in one
// transaction (outbox). Messages are handled in lanes by sender, so a user's keep their order.
import { performance } from 'node:perf_hooks';
import { NewTargetMessage } from '@switchyard/contracts';
import type { TelegramAccount, TelegramMessage } from '@switchyard/telegram';
import { leadPayload } from '../domain/lead';
import { laneOf } from '../domain/lanes';
import { skipReason, type SenderContext } from '../domain/message-filter';
import { ChatRoutes, type Route } from '../domain/routing';
import { claimLead, recentlyClaimed } from '../repositories/lead-claims';
import type { ParserInfra } from './deps';
import type { ProfileReader } from './profiles';

export interface LeadCounters {
  seen: number;
  skipped: number;
  matched: number;
  leads: number;
}

export class LeadFinder {
  private routes = new ChatRoutes();
  private context: SenderContext = { selfId: '', knownAccountUserIds: new Set() };
  private readonly lanes: Promise<void>[];
  readonly counters: LeadCounters = { seen: 0, skipped: 0, matched: 0, leads: 0 };

  constructor(
    private readonly infra: ParserInfra,
    private readonly profiles: ProfileReader,
    private readonly account: () => TelegramAccount | undefined,
  ) {
    this.lanes = Array.from({ length: infra.config.PARSER_LANES }, () => Promise.resolve());
  }

  /** The chats and campaigns to match, and who is never a lead; replaced whenever the assignment changes. */
  use(routes: ChatRoutes, context: SenderContext): void {
    this.routes = routes;
    this.context = context;
  }

  accept(message: TelegramMessage): void {
    const routes = this.routes.routes(message.chat.id);
    if (routes.length === 0) return;
    this.counters.seen++;
    this.infra.metrics.seen.inc();
    const reason = skipReason(message, this.context);
    if (reason) {
      this.counters.skipped++;
      this.infra.metrics.skipped.inc({ reason });
      return;
    }
    const lane = laneOf(message.sender!.id, this.lanes.length);
    this.lanes[lane] = this.lanes[lane]!.then(() => this.handle(message, routes)).catch((err: unknown) =>
      this.infra.log.error(
        { err: String(err), chatId: message.chat.id, messageId: message.id },
        'message not handled; its lead may be missing',
      ),
    );
  }

  /** Resolves when every message taken so far is handled. */
  async drained(): Promise<void> {
    await Promise.all(this.lanes);
  }

  private async handle(message: TelegramMessage, routes: readonly Route[]): Promise<void> {
    const { infra } = this;
    for (const route of routes) {
      const started = performance.now();
      const result = route.campaign.matcher.match(message.text);
      infra.metrics.matchSeconds.observe((performance.now() - started) / 1000);
      if (!result.matched) {
        if (result.vetoedBy !== undefined) infra.metrics.vetoed.inc();
        continue;
      }
      this.counters.matched++;
      infra.metrics.matched.inc();
      await this.withRetry(() => this.lead(message, route, result.keywords));
    }
  }

  private async lead(message: TelegramMessage, route: Route, keywords: readonly string[]): Promise<void> {
    const { infra } = this;
    const sender = message.sender!;
    const at = infra.clock();
    const since = new Date(at.getTime() - route.campaign.windowMs);
    // A known duplicate costs no profile read.
    if (await recentlyClaimed(infra.db, route.campaign.id, sender.id, since)) {
      infra.metrics.duplicates.inc();
      return;
    }
    const account = this.account();
    const bio = account ? await this.profiles.bio(account, sender.id) : null;
    const payload = leadPayload({
      accountId: infra.accountId,
      campaignId: route.campaign.id,
      chatTitle: route.title,
      message,
      keywords,
      bio,
    });
    const published = await infra.transaction(async (trx, publish) => {
      const claimed = await claimLead(trx, {
        campaignId: route.campaign.id,
        userId: sender.id,
        accountId: infra.accountId,
        chatId: message.chat.id,
        messageId: message.id,
        at,
        windowMs: route.campaign.windowMs,
      });
      if (claimed) await publish(NewTargetMessage, payload);
      return claimed;
    });
    if (!published) {
      infra.metrics.duplicates.inc();
      return;
    }
    this.counters.leads++;
    infra.metrics.leads.inc();
  }

  private async withRetry(fn: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        // The database may blip; the message is still in memory, so try a few times before losing it.
        if (attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }
}
