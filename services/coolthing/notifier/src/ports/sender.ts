/** Sends one message with one bot. */
export interface BotSender {
  /** Throws `DeliveryFailure`. */
  send(
    bot: { id: string; token: string },
    chatId: string,
    text: string,
    options: { html: boolean },
  ): Promise<{ messageId: number }>;
}

/** Why a message did not reach a chat, and whether trying again can help. */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure';
  constructor(
    message: string,
    /** Retrying cannot help (the bot is not in the chat, the token is revoked, the text is refused). */
    readonly permanent: boolean,
    /** Short machine reason for metrics: `flood_wait`, `forbidden`, `chat_not_found`, `unauthorized`, ... */
    readonly reason: string,
  ) {
    super(message);
  }
}
