import type { AccountEvent, MessageFilter, MessageStream, TelegramMessage, Unsubscribe } from './port';

interface Listener {
  handler: (message: TelegramMessage) => void;
  filter: MessageFilter;
}

/** Fans incoming messages and account events out to subscribers; shared by the adapters. */
export class MessageHub {
  private readonly listeners = new Set<Listener>();
  private readonly accountListeners = new Set<(event: AccountEvent) => void>();
  private readonly streams = new Set<() => void>();

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  get size(): number {
    return this.listeners.size;
  }

  onMessage(handler: (message: TelegramMessage) => void, filter: MessageFilter = {}): Unsubscribe {
    const listener = { handler, filter };
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onAccountEvent(handler: (event: AccountEvent) => void): Unsubscribe {
    this.accountListeners.add(handler);
    return () => void this.accountListeners.delete(handler);
  }

  emitMessage(message: TelegramMessage): void {
    for (const l of this.listeners) {
      if (!matches(message, l.filter)) continue;
      try {
        l.handler(message);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  emitAccountEvent(event: AccountEvent): void {
    for (const l of this.accountListeners) {
      try {
        l(event);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  /** An async iterator over `onMessage`; messages wait in a buffer until read. */
  messages(filter: MessageFilter = {}): MessageStream {
    const buffer: TelegramMessage[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const unsubscribe = this.onMessage((m) => {
      buffer.push(m);
      wake?.();
    }, filter);
    const close = () => {
      closed = true;
      unsubscribe();
      this.streams.delete(close);
      wake?.();
    };
    this.streams.add(close);
    return {
      close,
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<TelegramMessage>> => {
          while (buffer.length === 0 && !closed) await new Promise<void>((r) => (wake = r));
          wake = undefined;
          const value = buffer.shift();
          return value ? { value, done: false } : { value: undefined, done: true };
        },
        return: async (): Promise<IteratorResult<TelegramMessage>> => {
          close();
          return { value: undefined, done: true };
        },
      }),
    };
  }

  /** Drops every subscriber and ends every open `messages()` iterator. */
  clear(): void {
    for (const close of [...this.streams]) close();
    this.listeners.clear();
    this.accountListeners.clear();
  }
}

function matches(message: TelegramMessage, filter: MessageFilter): boolean {
  if (message.outgoing && !filter.includeOutgoing) return false;
  const scope = filter.scope ?? 'all';
  if (scope === 'private' && message.chat.kind !== 'private') return false;
  if (scope === 'chats' && message.chat.kind === 'private') return false;
  if (filter.chatIds && !filter.chatIds.includes(message.chat.id)) return false;
  return true;
}
