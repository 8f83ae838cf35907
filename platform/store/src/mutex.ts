/** A FIFO async lock. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /**
   * Resolves with a release function once the lock is ours. With a timeout it rejects
   * instead; the abandoned turn passes straight on when it comes.
   */
  lock(timeoutMs?: number): Promise<() => void> {
    let release!: () => void;
    const turnDone = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turnDone);
    return new Promise((resolve, reject) => {
      let abandoned = false;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              abandoned = true;
              reject(new Error(`lock not obtained within ${timeoutMs} ms`));
            }, timeoutMs);
      void previous.then(() => {
        if (timer) clearTimeout(timer);
        if (abandoned) return release();
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          release();
        });
      });
    });
  }
}
