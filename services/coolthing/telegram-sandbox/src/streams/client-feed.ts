import { messageViewFor } from '../domain/views';
import type { Account } from '../domain/model';
import type { World } from '../domain/world';
import { SseStream } from './sse';

/**
 * An account's updates, as Telegram pushes them to a connected client: new messages in its
 * chats and private conversations, and events about the account itself (banned, limited).
 */
export function openClientUpdates(world: World, account: Account, signal?: AbortSignal): Response {
  const stream = new SseStream(signal);
  const userId = account.userId;
  const unsubscribe = world.subscribe((e) => {
    if (e.type === 'message') {
      // Cheap rejection first: most messages are in chats this account is not in.
      const key = e.message.chatKey;
      if (key.startsWith('c:')) {
        if (!world.chats.get(key.slice(2))?.members.has(userId)) return;
      } else if (!key.endsWith(`:${userId}`) && !key.startsWith(`d:${userId}:`)) return;
      const view = messageViewFor(world, userId, e.message);
      if (view) stream.send('message', JSON.stringify(view));
    } else if (e.type === 'account' && e.accountId === account.id) {
      stream.send('account', JSON.stringify({ ...e.event, at: new Date(e.event.at).toISOString() }));
    }
  });
  stream.onClose(unsubscribe);
  stream.comment('connected');
  return stream.response;
}
