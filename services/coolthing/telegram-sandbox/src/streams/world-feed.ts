import { worldMessage } from '../domain/world-views';
import type { World, WorldEvent } from '../domain/world';
import { SseStream } from './sse';

interface Entry {
  id: number;
  event: string;
  data: string;
  /** Chat id or dialog key, for filtered streams. */
  chat: string | null;
}

interface Viewer {
  stream: SseStream;
  chat: string | null;
}

const HISTORY = 2000;

/**
 * The live view's feed: each world event is serialised once, kept in a short history (for
 * `Last-Event-ID` resumes) and fanned out to every open `/events` stream.
 */
export class WorldFeed {
  private readonly history: Entry[] = [];
  private nextId = 1;
  private readonly viewers = new Set<Viewer>();
  private readonly unsubscribe: () => void;

  constructor(private readonly world: World) {
    this.unsubscribe = world.subscribe((e) => this.publish(e));
  }

  close(): void {
    this.unsubscribe();
    for (const v of this.viewers) v.stream.close();
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** A new stream; `chat` narrows messages and typing to one chat or dialog. */
  open(options: { chat: string | null; lastEventId: number | null; signal?: AbortSignal }): Response {
    const stream = new SseStream(options.signal);
    const viewer = { stream, chat: options.chat };
    if (options.lastEventId !== null) {
      for (const e of this.history)
        if (e.id > options.lastEventId && visible(e, viewer)) stream.send(e.event, e.data, e.id);
    }
    this.viewers.add(viewer);
    stream.onClose(() => this.viewers.delete(viewer));
    return stream.response;
  }

  private publish(e: WorldEvent): void {
    const entry = this.entryOf(e);
    if (!entry) return;
    this.history.push(entry);
    if (this.history.length > HISTORY * 1.5) this.history.splice(0, this.history.length - HISTORY);
    for (const v of this.viewers) if (visible(entry, v)) v.stream.send(entry.event, entry.data, entry.id);
  }

  private entryOf(e: WorldEvent): Entry | undefined {
    const id = this.nextId++;
    const w = this.world;
    switch (e.type) {
      case 'message': {
        const view = worldMessage(w, e.message);
        return { id, event: 'message', data: JSON.stringify(view), chat: view.chatId };
      }
      case 'typing': {
        const chat = e.chatKey.startsWith('c:') ? e.chatKey.slice(2) : e.chatKey;
        const data = {
          chatId: chat,
          userId: String(e.userId),
          name: w.displayName(e.userId),
          action: e.action,
        };
        return { id, event: 'typing', data: JSON.stringify(data), chat };
      }
      case 'member':
      case 'member_left':
        return {
          id,
          event: e.type,
          data: JSON.stringify({ chatId: e.chatId, userId: String(e.userId) }),
          chat: e.chatId,
        };
      case 'account':
        return {
          id,
          event: 'account',
          data: JSON.stringify({
            accountId: e.accountId,
            ...e.event,
            at: new Date(e.event.at).toISOString(),
          }),
          chat: null,
        };
      case 'faults':
        return { id, event: 'faults', data: JSON.stringify({ count: w.faults.size }), chat: null };
      case 'reset':
        return { id, event: 'reset', data: JSON.stringify({ seed: w.seed }), chat: null };
    }
  }
}

const visible = (e: Entry, v: Viewer) => v.chat === null || e.chat === null || e.chat === v.chat;
