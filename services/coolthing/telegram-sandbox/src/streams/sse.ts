const encoder = new TextEncoder();
/** A client this far behind (bytes queued) is dropped; it reconnects and resumes. */
const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * One `text/event-stream` response. Events written in the same turn of the event loop go out
 * as one chunk, which is what keeps thousands of messages a second cheap.
 */
export class SseStream {
  readonly response: Response;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private chunks: string[] = [];
  private scheduled = false;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeHandlers: (() => void)[] = [];

  constructor(signal?: AbortSignal, retryMs = 2000) {
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        cancel: () => this.close(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 1024 * 1024 }),
    );
    this.response = new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
    this.chunks.push(`retry: ${retryMs}\n\n`);
    this.schedule();
    this.heartbeat = setInterval(() => this.comment('ping'), HEARTBEAT_MS);
    signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closeHandlers.push(fn);
  }

  /** `data` must be one line (JSON is). */
  send(event: string, data: string, id?: number | string): void {
    if (this.closed) return;
    this.chunks.push(
      id === undefined
        ? `event: ${event}\ndata: ${data}\n\n`
        : `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`,
    );
    this.schedule();
  }

  comment(text: string): void {
    if (this.closed) return;
    this.chunks.push(`: ${text}\n\n`);
    this.schedule();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    try {
      this.controller.close();
    } catch {
      // already closed by the other side
    }
    for (const fn of this.closeHandlers.splice(0)) fn();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.closed || this.chunks.length === 0) return;
    const text = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    try {
      this.controller.enqueue(encoder.encode(text));
    } catch {
      this.close();
      return;
    }
    if ((this.controller.desiredSize ?? 0) < -MAX_BACKLOG_BYTES) this.close();
  }
}
