// Telegram calls with the worker's FloodWait policy: short waits slept through and the call
// repeated, a long one raised as LongFloodWait for the worker to pause the account.
import { sleep } from '@switchyard/kit';
import { FloodWait } from '@switchyard/telegram';
import { floodDecision } from '../domain/flood';
import type { ParserInfra } from './deps';

/** A FloodWait longer than PARSER_FLOOD_WAIT_LONG_SECONDS: the account pauses until `until`. */
export class LongFloodWait extends Error {
  override name = 'LongFloodWait';
  constructor(
    readonly seconds: number,
    readonly until: Date,
  ) {
    super(`flood wait of ${seconds} s, until ${until.toISOString()}`);
  }
}

export async function withFloodWaits<T>(
  infra: ParserInfra,
  call: () => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  const { config } = infra;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof FloodWait) || signal.aborted) throw err;
      const decision = floodDecision(
        err.seconds,
        config.PARSER_FLOOD_WAIT_LONG_SECONDS,
        config.PARSER_TIME_SCALE,
        infra.clock(),
      );
      if (decision.kind === 'pause') {
        infra.metrics.floodWaits.inc({ kind: 'long' });
        throw new LongFloodWait(decision.seconds, decision.until);
      }
      infra.metrics.floodWaits.inc({ kind: 'short' });
      infra.log.info({ seconds: err.seconds }, 'short flood wait; waiting it out');
      await sleep(decision.ms, signal);
    }
  }
}
