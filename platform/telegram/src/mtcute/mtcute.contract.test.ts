import { telegramContract } from '../testing/contract';
import { StubTelegram, stubWorld } from '../testing/mtcute-stub';
import { MtcuteTelegramGateway } from './gateway';

// The port's contract against the mtcute adapter, offline: real mtcute over a stub of
// Telegram's RPC layer (no two-step verification: its SRP exchange is not simulated).
telegramContract(
  'mtcute adapter (stub transport)',
  {
    twoFactor: false,
    updates: true,
    faults: [
      'flood_wait',
      'slow_mode',
      'write_forbidden',
      'chat_private',
      'user_banned_in_chat',
      'peer_flood',
      'privacy_restricted',
      'ban_after_dms',
    ],
  },
  async () => {
    const stub = new StubTelegram();
    const gateway = new MtcuteTelegramGateway({ apiId: 1, apiHash: 'stub', createClient: stub.createClient });
    return {
      gateway,
      world: stubWorld(stub),
      close: () => gateway.close(),
    };
  },
);
