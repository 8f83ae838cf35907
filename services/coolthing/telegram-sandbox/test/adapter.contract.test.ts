import { telegramContract } from '@switchyard/telegram/testing';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { startSandbox } from './helpers';

let seq = 0;

// The port's contract against the sandbox adapter, over a real sandbox service on a real port.
telegramContract(
  'sandbox adapter',
  {
    twoFactor: true,
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
    const sandbox = await startSandbox();
    const api = sandbox.api;
    const gateway = new SandboxTelegramGateway({ baseUrl: sandbox.url });
    return {
      gateway,
      world: {
        account: async (spec) => {
          const phone = api.nextPhone();
          await api.post('/world/accounts', {
            phone,
            ...(spec?.password ? { password: spec.password } : {}),
          });
          return { phone };
        },
        codeFor: (phone) => api.code(phone),
        chat: async () => {
          const c = await api.post('/world/chats', { username: `contract_chat_${++seq}`, members: 3 });
          return { id: c.id, username: c.username, inviteLink: c.inviteLink };
        },
        user: async (spec) => {
          const u = await api.post('/world/users', {
            username: `contract_user_${++seq}`,
            bio: `bio of user ${seq}`,
            persona: 'silent',
            privacyRestricted: false,
            chatIds: spec?.chatId ? [spec.chatId] : [],
          });
          return { id: u.id, username: u.username, firstName: u.firstName, bio: u.bio };
        },
        postInChat: async (chatId, userId, text) => {
          await api.post(`/world/chats/${chatId}/messages`, { userId, text });
        },
        directMessage: async (from, to, text) => {
          await api.post(`/world/users/${from}/messages`, { to, text });
        },
        fault: async (phone, fault) => {
          const { id: accountId } = await api.accountByPhone(phone);
          await api.post('/world/faults', { ...fault, accountId });
        },
      },
      close: async () => {
        await gateway.close();
        await sandbox.stop();
      },
    };
  },
);
