import { serviceUnavailable, type Logger } from '@switchyard/kit';
import type { TelegramGateway } from '@switchyard/telegram';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import type { AdminConfig } from '../config';

/** The Telegram port as configured: the sandbox or MTProto, chosen here and nowhere else. */
export interface TelegramProvider {
  readonly mode: 'sandbox' | 'mtproto';
  /** Default application credentials exist (mtproto), so accounts may come without their own. */
  readonly hasDefaultApp: boolean;
  /** The gateway, or a 503 problem when it is not configured. */
  gateway(): TelegramGateway;
  close(): Promise<void>;
}

export async function createTelegram(config: AdminConfig, log: Logger): Promise<TelegramProvider> {
  const warn = { warn: (obj: object, msg: string) => log.warn(obj, msg) };
  if (config.TELEGRAM_MODE === 'mtproto') {
    // Loaded only in this mode: mtcute is large and the sandbox never needs it.
    const { MtcuteTelegramGateway } = await import('@switchyard/telegram/mtcute');
    const gateway = new MtcuteTelegramGateway({
      apiId: config.TELEGRAM_API_ID ?? 0,
      apiHash: config.TELEGRAM_API_HASH ?? '',
      logger: warn,
    });
    return {
      mode: 'mtproto',
      hasDefaultApp: !!config.TELEGRAM_API_ID,
      gateway: () => gateway,
      close: () => gateway.close(),
    };
  }
  const baseUrl = config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX;
  const gateway = baseUrl
    ? new SandboxTelegramGateway({ baseUrl, logger: warn, timeoutMs: 10_000 })
    : undefined;
  return {
    mode: 'sandbox',
    hasDefaultApp: true,
    gateway: () => {
      if (!gateway)
        throw serviceUnavailable(
          'Telegram is not configured: TELEGRAM_MODE=sandbox needs SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX.',
        );
      return gateway;
    },
    close: async () => gateway?.close(),
  };
}
