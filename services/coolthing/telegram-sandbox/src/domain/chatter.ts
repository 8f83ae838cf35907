import { chatKeyOf, dialogKeyOf, type Chat, type Message, type SimUser } from './model';
import { Prng } from './prng';
import type { World } from './world';

/** Per chat: when chatter last ran and the fraction of a message carried over. */
const progress = new WeakMap<World, Map<string, { last: number; carry: number }>>();
const memberLists = new WeakMap<Chat, { version: number; list: number[] }>();
/** Per dialog: replies a simulated user already gave, and whether they opted out. */
const dmState = new WeakMap<World, Map<string, { replies: number; optedOut: boolean }>>();

const MAX_POSTS_PER_CHAT_PER_TICK = 50;
const MAX_DM_REPLIES = 3;

/** Simulated members who may post (never accounts or bots). */
export function postingMembers(world: World, chat: Chat): number[] {
  const cached = memberLists.get(chat);
  if (cached && cached.version === chat.members.size) return cached.list;
  const list = [...chat.members].filter((id) => world.users.get(id)?.kind === 'member');
  memberLists.set(chat, { version: chat.members.size, list });
  return list;
}

/**
 * Simulated members post at each chat's rate (messages per sandbox minute). The text of
 * message N in chat C depends only on the seed, C and N, so a replay gives the same chat.
 */
export function chatter(world: World, now: number): void {
  let state = progress.get(world);
  if (!state) progress.set(world, (state = new Map()));
  for (const chat of world.chats.values()) {
    if (chat.chatterPerMinute <= 0 || chat.isAdminChat) continue;
    const p = state.get(chat.id);
    if (!p) {
      state.set(chat.id, { last: now, carry: 0 });
      continue;
    }
    const elapsed = Math.min(now - p.last, 10 * 60_000);
    p.last = now;
    p.carry += (chat.chatterPerMinute * elapsed) / 60_000;
    const due = Math.min(Math.floor(p.carry), MAX_POSTS_PER_CHAT_PER_TICK);
    p.carry -= Math.floor(p.carry);
    for (let i = 0; i < due; i++) postChatter(world, chat);
  }
}

/** One message by a simulated member: topic talk (often with keywords), small talk or a reply. */
export function postChatter(world: World, chat: Chat): Message | undefined {
  const members = postingMembers(world, chat);
  if (members.length === 0) return undefined;
  const rng = new Prng(`${world.seed}:${chat.id}:${chat.nextMessageId}`);
  const sender = rng.pick(members);
  const lang = world.users.get(sender)?.lang ?? chat.lang;
  const topical = chat.topic ? world.corpus.messages[lang][chat.topic] : undefined;
  const text = topical && rng.chance(0.65) ? rng.pick(topical) : rng.pick(world.corpus.small_talk[chat.lang]);
  const key = chatKeyOf(chat.id);
  const recent = world.messages.get(key) ?? [];
  const replyTo = recent.length > 0 && rng.chance(0.15) ? rng.pick(recent.slice(-20)).id : null;
  return world.post(key, sender, text, replyTo);
}

/** Posts `count` chatter messages at once (demos and the benchmark). */
export function simulate(world: World, chat: Chat, count: number): number {
  let posted = 0;
  for (let i = 0; i < count; i++) if (postChatter(world, chat)) posted++;
  return posted;
}

/** A simulated member may answer an account's message in a group (engagement for scripts). */
export function scheduleEngagement(world: World, chat: Chat, message: Message): void {
  const rng = new Prng(`${world.seed}:engage:${chat.id}:${message.id}`);
  if (!rng.chance(0.25)) return;
  const members = postingMembers(world, chat);
  if (members.length === 0) return;
  const sender = rng.pick(members);
  const delay = rng.int(10, 90) * 1000;
  const lang = world.users.get(sender)?.lang ?? chat.lang;
  const text = rng.chance(0.3) ? rng.pick(world.corpus.reactions) : rng.pick(world.corpus.small_talk[lang]);
  world.scheduler.at(message.date + delay, () => {
    if (world.chats.get(chat.id) === chat && chat.members.has(sender))
      world.post(chatKeyOf(chat.id), sender, text, message.id);
  });
}

/**
 * A simulated user reads a private message and, by persona, answers after a while:
 * interested, neutral, a question, an opt-out ("stop"), or nothing. Opted-out users stay silent.
 */
export function scheduleDmReply(world: World, user: SimUser, fromUserId: number, messageId: number): void {
  if (user.persona === 'silent') return;
  let states = dmState.get(world);
  if (!states) dmState.set(world, (states = new Map()));
  const key = dialogKeyOf(user.id, fromUserId);
  let state = states.get(key);
  if (!state) states.set(key, (state = { replies: 0, optedOut: false }));
  if (state.optedOut || state.replies >= MAX_DM_REPLIES) return;
  state.replies += 1;
  const rng = new Prng(`${world.seed}:dm:${key}:${messageId}`);
  const kind =
    state.replies === 1
      ? user.persona
      : rng.weighted({
          neutral: 2,
          question: 2,
          interested: 1,
          opt_out: user.persona === 'opt_out' ? 3 : 0.3,
        });
  if (kind === 'opt_out') state.optedOut = true;
  const text = rng.pick(world.corpus.dm_replies[user.lang][kind]);
  const at = world.clock.now() + rng.int(5, 120) * 1000;
  world.scheduler.at(at, () => {
    if (world.dialogs.has(key)) world.post(key, user.id, text, rng.chance(0.3) ? messageId : null);
  });
}
