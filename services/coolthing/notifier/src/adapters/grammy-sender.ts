import {
  AccountBanned,
  FloodWait,
  InvalidLink,
  TelegramError,
  TelegramUnknownError,
  WriteForbidden,
} from '@switchyard/telegram';
import { GrammyBotNotifier } from '@switchyard/telegram/bot';
import { DeliveryFailure, type BotSender } from '../ports/sender';

/**
 * Bot API through grammY (with auto-retry for short 429s), one client per token, against
 * Telegram or any server speaking the Bot API (the sandbox in embedded mode).
 */
export class GrammySender implements BotSender {
  private readonly clients = new Map<string, GrammyBotNotifier>();

  constructor(private readonly options: { apiRoot: string | undefined; maxRetryDelaySeconds: number }) {}

  /** The client for a token (also used to ask the sandbox who the demo bot is). */
  client(token: string): GrammyBotNotifier {
    let client = this.clients.get(token);
    if (!client) {
      client = new GrammyBotNotifier({
        token,
        ...(this.options.apiRoot ? { apiRoot: this.options.apiRoot } : {}),
        maxRetryDelaySeconds: this.options.maxRetryDelaySeconds,
        maxRetryAttempts: 3,
      });
      this.clients.set(token, client);
    }
    return client;
  }

  async send(
    bot: { id: string; token: string },
    chatId: string,
    text: string,
    options: { html: boolean },
  ): Promise<{ messageId: number }> {
    try {
      return await this.client(bot.token).sendMessage(chatId, text, { html: options.html });
    } catch (err) {
      throw classify(err);
    }
  }
}

/** Typed Telegram failures as retryable or not (a Bot API 400 is a refusal, a 5xx or network error is not). */
export function classify(err: unknown): DeliveryFailure {
  if (err instanceof FloodWait)
    return new DeliveryFailure(`Telegram asked to wait ${err.seconds} s`, false, 'flood_wait');
  if (err instanceof WriteForbidden)
    return new DeliveryFailure(
      `the bot may not write there: ${err.rpcText ?? err.message}`,
      true,
      'forbidden',
    );
  if (err instanceof InvalidLink)
    return new DeliveryFailure('chat not found (is the bot a member?)', true, 'chat_not_found');
  if (err instanceof AccountBanned)
    return new DeliveryFailure('the bot token was refused (revoked or wrong)', true, 'unauthorized');
  if (err instanceof TelegramUnknownError) {
    const code = (err.original as { error_code?: unknown } | null)?.error_code;
    if (typeof code === 'number' && code >= 400 && code < 500)
      return new DeliveryFailure(
        `Telegram refused the message: ${err.rpcText ?? err.message}`,
        true,
        'refused',
      );
    return new DeliveryFailure(err.message, false, 'unavailable');
  }
  if (err instanceof TelegramError) return new DeliveryFailure(err.message, false, err.code.toLowerCase());
  return new DeliveryFailure(err instanceof Error ? err.message : String(err), false, 'unavailable');
}
