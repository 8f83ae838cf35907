import type { ScriptHeartbeat } from '@switchyard/contracts';
import type { PayloadOf } from '@switchyard/bus';
import { sleep, type Logger } from '@switchyard/kit';

type Beat = PayloadOf<typeof ScriptHeartbeat>;

/**
 * Tells the watcher the run is alive while it waits on purpose: a FloodWait or slow mode
 * being waited out, a pause, a lease, the engagement window. (The original watcher took a
 * slow Telegram call for a dead run.) Silent while playing normally: lines are progress.
 */
export class Heartbeat {
  private readonly waits = new Map<string, { reason: string; until: Date | null }>();
  private mode: 'playing' | 'paused' | 'engagement' = 'playing';

  constructor(
    private readonly runId: string,
    private readonly publish: (beat: Beat) => Promise<void>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  beginWait(key: string, reason: string, until: Date | null): void {
    this.waits.set(key, { reason, until });
    void this.beat();
  }

  endWait(key: string): void {
    this.waits.delete(key);
  }

  setMode(mode: 'playing' | 'paused' | 'engagement'): void {
    if (this.mode === mode) return;
    this.mode = mode;
    void this.beat(true);
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.intervalMs, signal);
      if (!signal.aborted) await this.beat();
    }
  }

  private async beat(always = false): Promise<void> {
    let beat: Beat | undefined;
    const at = new Date().toISOString();
    if (this.mode === 'paused')
      beat = { sfc_id: this.runId, state: 'paused', reason: 'paused', until: null, at };
    else if (this.waits.size > 0) {
      const waits = [...this.waits.values()];
      const until = waits.map((w) => w.until?.getTime() ?? Infinity).reduce((a, b) => Math.max(a, b), 0);
      beat = {
        sfc_id: this.runId,
        state: 'waiting',
        reason: waits[0]!.reason,
        until: Number.isFinite(until) ? new Date(until).toISOString() : null,
        at,
      };
    } else if (this.mode === 'engagement')
      beat = { sfc_id: this.runId, state: 'engagement', reason: null, until: null, at };
    else if (always) beat = { sfc_id: this.runId, state: 'playing', reason: null, until: null, at };
    if (!beat) return;
    await this.publish(beat).catch((err: unknown) =>
      this.log.warn({ err: String(err) }, 'heartbeat not published'),
    );
  }
}
