import type { Locale } from '../domain/types';

/** A Bot API bot that posts alerts into admin chats. */
export interface NotificationBot {
  id: string;
  name: string;
  /** Never logged, never stored by the notifier. */
  token: string;
  adminChatIds: string[];
  enabled: boolean;
  /** The bot's language; null: the chat's or the configured default. */
  locale: Locale | null;
  source: 'admin' | 'env' | 'sandbox';
}

/** Where the bots and their admin chats come from (the admin service, the environment, the sandbox). */
export interface BotDirectory {
  /** Enabled bots; throws when a source cannot be read and nothing is known from before. */
  bots(): Promise<NotificationBot[]>;
}
