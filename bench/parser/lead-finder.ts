// The message → lead step of the latency bench. `parser`: the real parser worker (a parser
// account signed in through the admin, the chat in the registry, the worker started as the
// watchdog would). `stand-in`: until the parser exists, a sandbox account in this process that
// watches the chat, matches with the same keyword matcher and publishes NewTargetMessage.
import type { Bus } from '@switchyard/bus';
import { NewTargetMessage } from '@switchyard/contracts';
import { compileMatcher } from '@switchyard/coolthing-matching';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import type { LatencySystem } from './latency-system';

export type FinderKind = 'parser' | 'stand-in';

export interface ChatUnderWatch {
  /** The sandbox chat id. */
  id: string;
  username: string;
}

export interface LeadFinder {
  stop(): Promise<void>;
}

/** The real parser: the chat joins the campaign's targets, a parser account serves the campaign. */
async function realParser(
  system: LatencySystem,
  campaignId: string,
  chat: ChatUnderWatch,
): Promise<LeadFinder> {
  const registered = await system.api.admin(
    'POST',
    '/chats',
    { username: chat.username, permission: 'owned' },
    201,
  );
  await system.api.admin('PATCH', `/campaigns/${campaignId}`, { targetChatIds: [registered.id] });
  const accountId = await system.api.onboardParser('+79995550001');
  await system.api.admin('PATCH', `/accounts/${accountId}`, { campaignId });
  await system.startWorker('coolthing/parser', accountId);
  return { stop: async () => undefined };
}

/** The stand-in: the same matcher, one sandbox account, NewTargetMessage straight on the bus. */
async function standIn(
  system: LatencySystem,
  bus: Bus,
  campaignId: string,
  chat: ChatUnderWatch,
): Promise<LeadFinder> {
  const phone = '+79995550002';
  await system.api.world('POST', '/world/accounts', { phone, roleHint: 'parser' });
  const gateway = new SandboxTelegramGateway({ baseUrl: system.sandboxUrl });
  const pending = await gateway.sendCode(phone);
  const codes = await system.api.world('GET', `/world/codes?phone=${phone.replace(/\D/g, '')}`);
  const signed = await gateway.signIn(pending, codes.items.at(-1).code);
  if (signed.status !== 'signed_in') throw new Error('the stand-in account could not sign in');
  const account = await gateway.connect({ accountId: 'bench-finder', session: signed.session });
  await account.join(`@${chat.username}`);
  const matcher = compileMatcher({ plus: ['coworking'], languages: ['en', 'ru'] });
  account.onMessage(
    (m) => {
      if (!m.sender || m.outgoing) return;
      const match = matcher.match(m.text);
      if (!match.matched) return;
      void bus
        .publish(NewTargetMessage, {
          worker_id: 'bench-finder',
          campaign_id: campaignId,
          chat_id: m.chat.id,
          chat_title: m.chat.title,
          message_id: m.id,
          user_id: m.sender.id,
          username: m.sender.username,
          first_name: m.sender.firstName,
          last_name: m.sender.lastName,
          message: m.text,
          matched_keywords: [...match.keywords],
          language: 'en',
          sent_at: m.date.toISOString(),
          bio: null,
        })
        .catch((err: unknown) => console.error('stand-in publish failed', err));
    },
    { scope: 'chats' },
  );
  return { stop: () => gateway.close() };
}

export function startFinder(
  kind: FinderKind,
  system: LatencySystem,
  campaignId: string,
  chat: ChatUnderWatch,
): Promise<LeadFinder> {
  return kind === 'parser'
    ? realParser(system, campaignId, chat)
    : standIn(system, system.bus, campaignId, chat);
}
