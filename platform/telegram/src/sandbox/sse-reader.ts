export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/** Reads `text/event-stream` chunks into events; comments and `retry:` lines are dropped. */
export class SseReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array, emit: (e: SseEvent) => void): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('data:')) data.push(line.slice(line.charAt(5) === ' ' ? 6 : 5));
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('id:')) id = line.slice(3).trim();
      }
      if (data.length > 0) emit({ event, data: data.join('\n'), id });
    }
  }
}
