import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError } from 'grammy';
import {
  AccountBanned,
  FloodWait,
  InvalidLink,
  TelegramUnknownError,
  WriteForbidden,
  type TelegramError,
} from '../errors';

/** What the notifier needs from a Bot API bot: post into admin chats, read what admins write. */
export interface BotNotifier {
  me(): Promise<{ id: string; username: string | null }>;
  sendMessage(
    chatId: string,
    text: string,
    options?: { html?: boolean; replyTo?: number },
  ): Promise<{ messageId: number }>;
  /** Starts long polling; `handler` gets every new message in the bot's chats. */
  start(
    handler: (message: { chatId: string; fromId: string | null; text: string; messageId: number }) => void,
  ): void;
  stop(): Promise<void>;
}

export interface GrammyNotifierOptions {
  token: string;
  /** `https://api.telegram.org` by default; the sandbox's URL in embedded mode. */
  apiRoot?: string;
  /** 429s with a retry_after up to this long are waited out (auto-retry); longer ones throw FloodWait. */
  maxRetryDelaySeconds?: number;
  maxRetryAttempts?: number;
}

/** The Bot API adapter (grammY + auto-retry). The token stays inside grammY; it is never logged. */
export class GrammyBotNotifier implements BotNotifier {
  readonly bot: Bot;
  private running: Promise<void> | undefined;

  constructor(options: GrammyNotifierOptions) {
    this.bot = new Bot(options.token, options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {});
    this.bot.api.config.use(
      autoRetry({
        maxDelaySeconds: options.maxRetryDelaySeconds ?? 60,
        maxRetryAttempts: options.maxRetryAttempts ?? 3,
        rethrowHttpErrors: false,
      }),
    );
    this.bot.catch(() => undefined);
  }

  async me(): Promise<{ id: string; username: string | null }> {
    try {
      const me = await this.bot.api.getMe();
      return { id: String(me.id), username: me.username ?? null };
    } catch (err) {
      throw botError(err);
    }
  }

  async sendMessage(
    chatId: string,
    text: string,
    options: { html?: boolean; replyTo?: number } = {},
  ): Promise<{ messageId: number }> {
    try {
      const m = await this.bot.api.sendMessage(chatId, text, {
        ...(options.html ? { parse_mode: 'HTML' as const } : {}),
        ...(options.replyTo ? { reply_parameters: { message_id: options.replyTo } } : {}),
      });
      return { messageId: m.message_id };
    } catch (err) {
      throw botError(err, chatId);
    }
  }

  start(
    handler: (message: { chatId: string; fromId: string | null; text: string; messageId: number }) => void,
  ): void {
    this.bot.on('message', (ctx) => {
      handler({
        chatId: String(ctx.chat.id),
        fromId: ctx.from ? String(ctx.from.id) : null,
        text: ctx.message.text ?? '',
        messageId: ctx.message.message_id,
      });
    });
    this.running = this.bot.start({ drop_pending_updates: false });
  }

  async stop(): Promise<void> {
    if (this.bot.isRunning()) await this.bot.stop();
    await this.running?.catch(() => undefined);
  }
}

/** Bot API failures as the port's typed errors. */
export function botError(err: unknown, target?: string): TelegramError {
  if (err instanceof GrammyError) {
    if (err.error_code === 429) return new FloodWait(err.parameters.retry_after ?? 1, 'FLOOD_WAIT');
    if (err.error_code === 401) return new AccountBanned('BOT_TOKEN_INVALID');
    if (err.error_code === 403) return new WriteForbidden('cannot_write', err.description);
    if (err.error_code === 400 && /chat not found/i.test(err.description))
      return new InvalidLink(target, err.description);
    return new TelegramUnknownError(err, err.description);
  }
  if (err instanceof HttpError) return new TelegramUnknownError(err);
  return new TelegramUnknownError(err);
}
