// The NewTargetMessage a matched message becomes.
import type { PayloadOf } from '@switchyard/bus';
import type { NewTargetMessage } from '@switchyard/contracts';
import type { TelegramMessage } from '@switchyard/telegram';
import { detectLanguage } from './language';

export type LeadPayload = PayloadOf<typeof NewTargetMessage>;

const clip = (s: string | null | undefined, n: number): string | null => (s ? s.slice(0, n) : (s ?? null));

export interface LeadInput {
  accountId: string;
  campaignId: string;
  chatTitle: string | null;
  message: TelegramMessage;
  keywords: readonly string[];
  bio: string | null;
}

export function leadPayload(input: LeadInput): LeadPayload {
  const { message } = input;
  const sender = message.sender!;
  return {
    worker_id: input.accountId,
    campaign_id: input.campaignId,
    chat_id: message.chat.id,
    chat_title: clip(input.chatTitle ?? message.chat.title, 256),
    message_id: message.id,
    user_id: sender.id,
    // A sender without a username is still a lead: the manager reaches them by id.
    username: clip(sender.username, 64),
    first_name: clip(sender.firstName, 128),
    last_name: clip(sender.lastName, 128),
    message: message.text.slice(0, 4096),
    matched_keywords: input.keywords.slice(0, 100).map((k) => k.slice(0, 200)),
    language: detectLanguage(message.text),
    sent_at: message.date.toISOString(),
    bio: clip(input.bio, 512),
  };
}
