// Which campaigns a message in a Telegram chat belongs to, once the account joined the chats.
import type { AssignedChat, CompiledCampaign } from './assignment';

export interface Route {
  campaign: CompiledCampaign;
  chat: AssignedChat;
  /** The title Telegram gave when joining (the registry's when it had one). */
  title: string | null;
}

export class ChatRoutes {
  private readonly byTelegramId = new Map<string, Route[]>();

  /** Adds the chat of `route` under the Telegram id the join returned. */
  add(telegramChatId: string, route: Route): void {
    const list = this.byTelegramId.get(telegramChatId) ?? [];
    if (!list.some((r) => r.campaign.id === route.campaign.id)) list.push(route);
    this.byTelegramId.set(telegramChatId, list);
  }

  routes(telegramChatId: string): readonly Route[] {
    return this.byTelegramId.get(telegramChatId) ?? [];
  }

  get chatIds(): string[] {
    return [...this.byTelegramId.keys()];
  }

  get size(): number {
    return this.byTelegramId.size;
  }
}
