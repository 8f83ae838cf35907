import type { Lang } from './corpus';
import type { Account, Bot, Chat, ChatKind, Persona, RoleHint, SimUser } from './model';
import { Prng } from './prng';
import { sha256, type World } from './world';

export interface MemberSpec {
  firstName?: string;
  lastName?: string | null;
  username?: string | null;
  bio?: string | null;
  lang?: Lang;
  persona?: Persona;
  privacyRestricted?: boolean;
}

export interface AccountSpec {
  phone: string;
  firstName?: string;
  lastName?: string | null;
  username?: string | null;
  bio?: string | null;
  lang?: Lang;
  password?: string;
  passwordHint?: string;
  roleHint?: RoleHint;
}

export interface ChatSpec {
  title?: string;
  kind?: ChatKind;
  username?: string | null;
  isPrivate?: boolean;
  inviteHash?: string;
  lang?: Lang;
  topic?: string | null;
  /** New simulated members to create in it. */
  members?: number;
  /** Existing users to add. */
  memberIds?: number[];
  slowModeSeconds?: number;
  chatterPerMinute?: number;
  isAdminChat?: boolean;
}

const CYRILLIC: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya'
    .split(' ')
    .map((p) => p.split(':') as [string, string]),
);

const translit = (s: string) =>
  [...s.toLowerCase()].map((ch) => CYRILLIC[ch] ?? (/[a-z0-9_]/.test(ch) ? ch : '')).join('');

/** A free username built from `base` (`anna_petrova`, `anna_petrova7`, ...). */
export function freeUsername(world: World, base: string, rng: Prng): string {
  let name =
    translit(base)
      .replace(/^[^a-z]+/, '')
      .slice(0, 24) || 'user';
  if (name.length < 5) name = `${name}_tg`;
  let candidate = name;
  while (world.usernames.has(candidate)) candidate = `${name}${rng.int(1, 9999)}`;
  return candidate;
}

export function createMember(world: World, spec: MemberSpec, rng: Prng): SimUser {
  const lang = spec.lang ?? (rng.chance(0.6) ? 'ru' : 'en');
  const c = world.corpus;
  const firstName = spec.firstName ?? rng.pick(c.first_names[lang]);
  const lastName =
    spec.lastName !== undefined ? spec.lastName : rng.chance(0.7) ? rng.pick(c.last_names[lang]) : null;
  const username =
    spec.username !== undefined
      ? spec.username
      : rng.chance(0.75)
        ? freeUsername(world, `${firstName}_${lastName ?? rng.int(10, 99)}`, rng)
        : null;
  return world.addUser({
    id: world.newUserId('member'),
    kind: 'member',
    username,
    firstName,
    lastName,
    bio: spec.bio !== undefined ? spec.bio : rng.chance(0.6) ? rng.pick(c.bios[lang]) : null,
    lang,
    persona:
      spec.persona ?? rng.weighted({ interested: 20, neutral: 25, question: 20, opt_out: 10, silent: 25 }),
    privacyRestricted: spec.privacyRestricted ?? rng.chance(0.03),
  });
}

export function createAccount(world: World, spec: AccountSpec, rng: Prng): Account {
  const lang = spec.lang ?? 'ru';
  const firstName = spec.firstName ?? rng.pick(world.corpus.first_names[lang]);
  const user = world.addUser({
    id: world.newUserId('account'),
    kind: 'account',
    username:
      spec.username !== undefined
        ? spec.username
        : freeUsername(world, `${firstName}_${spec.roleHint ?? 'acc'}`, rng),
    firstName,
    lastName: spec.lastName ?? null,
    bio: spec.bio ?? null,
    lang,
    persona: 'silent',
    privacyRestricted: false,
  });
  return world.addAccount({
    id: world.newAccountId(),
    userId: user.id,
    phone: `+${spec.phone.replace(/\D/g, '')}`,
    passwordHash: spec.password ? sha256(spec.password) : null,
    passwordHint: spec.password ? (spec.passwordHint ?? null) : null,
    roleHint: spec.roleHint ?? null,
    status: 'active',
    bannedReason: null,
    dmsSent: 0,
    floodUntil: 0,
  });
}

export function createChat(world: World, spec: ChatSpec, rng: Prng): Chat {
  const n = world.chats.size + 1;
  const kind = spec.kind ?? 'supergroup';
  const lang = spec.lang ?? 'ru';
  const topic = spec.topic ?? null;
  const t = topic ? world.corpus.chat_topics.find((x) => x.key === topic) : undefined;
  if (topic && !t) throw new Error(`unknown topic ${topic}`);
  const title = spec.title ?? (t ? (lang === 'ru' ? t.title_ru : t.title_en) : `Chat ${n}`);
  const isPrivate = spec.isPrivate ?? false;
  const chat = world.addChat({
    id: kind === 'group' ? String(-(100_000 + n)) : `-100${1_000_000_000 + n}`,
    kind,
    title,
    username:
      spec.username !== undefined
        ? spec.username
        : isPrivate
          ? null
          : freeUsername(world, `${topic ?? 'chat'}_${lang}_chat`, rng),
    inviteHash:
      spec.inviteHash ??
      Array.from(
        { length: 16 },
        () => 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[rng.int(0, 55)],
      ).join(''),
    isPrivate,
    lang,
    topic,
    members: new Set(spec.memberIds ?? []),
    slowModeSeconds: spec.slowModeSeconds ?? 0,
    chatterPerMinute: spec.chatterPerMinute ?? 0,
    isAdminChat: spec.isAdminChat ?? false,
    nextMessageId: 1,
  });
  for (let i = 0; i < (spec.members ?? 0); i++)
    chat.members.add(createMember(world, { lang: rng.chance(0.85) ? lang : undefined }, rng).id);
  world.sink.chat(chat);
  return chat;
}

export function createBot(
  world: World,
  spec: { username: string; firstName?: string; token: string },
): { bot: Bot; user: SimUser } {
  const user = world.addUser({
    id: world.newUserId('bot'),
    kind: 'bot',
    username: spec.username,
    firstName: spec.firstName ?? spec.username,
    lastName: null,
    bio: null,
    lang: 'en',
    persona: 'silent',
    privacyRestricted: false,
  });
  const bot = world.addBot({ userId: user.id, tokenHash: sha256(spec.token), contacts: new Set() });
  return { bot, user };
}

export interface DemoOptions {
  chatterPerMinute: number;
  botToken: string;
}

/** The demo world of embedded mode: a dozen chats, a few hundred members, accounts by role, a bot. */
export function seedDemoWorld(world: World, options: DemoOptions): void {
  const rng = new Prng(`${world.seed}:demo`);
  const pool: number[] = [];
  world.corpus.chat_topics.slice(0, 12).forEach((topic, i) => {
    const lang: Lang = i % 2 === 0 || i >= 10 ? 'ru' : 'en';
    const kind: ChatKind = i % 5 === 3 ? 'group' : i % 5 === 4 ? 'channel' : 'supergroup';
    const reuse = pool.length > 0 ? rng.int(3, Math.min(12, pool.length)) : 0;
    const memberIds = Array.from({ length: reuse }, () => rng.pick(pool));
    const chat = createChat(
      world,
      {
        topic: topic.key,
        lang,
        kind,
        isPrivate: i === 5 || i === 10,
        members: rng.int(18, 36),
        memberIds,
        slowModeSeconds: topic.key === 'crypto' ? 30 : 0,
        chatterPerMinute: options.chatterPerMinute,
      },
      rng,
    );
    for (const id of chat.members) pool.push(id);
  });
  const accounts: AccountSpec[] = [
    { phone: '+79991000001', roleHint: 'parser', username: 'demo_parser_1' },
    { phone: '+79991000002', roleHint: 'parser', username: 'demo_parser_2', lang: 'en' },
    { phone: '+79992000001', roleHint: 'manager', username: 'demo_manager_1' },
    {
      phone: '+79992000002',
      roleHint: 'manager',
      username: 'demo_manager_2',
      password: 'sandbox',
      passwordHint: 'sandbox',
    },
    { phone: '+79993000001', roleHint: 'actor', username: 'demo_actor_1' },
    { phone: '+79993000002', roleHint: 'actor', username: 'demo_actor_2' },
    { phone: '+79993000003', roleHint: 'actor', username: 'demo_actor_3', lang: 'en' },
  ];
  for (const spec of accounts) createAccount(world, spec, rng);
  const { user: botUser } = createBot(world, {
    username: 'switchyard_notify_bot',
    firstName: 'Switchyard notifications',
    token: options.botToken,
  });
  const admins = [
    createMember(
      world,
      {
        firstName: 'Алиса',
        lastName: 'Админова',
        username: 'demo_admin_alice',
        lang: 'ru',
        persona: 'silent',
      },
      rng,
    ),
    createMember(
      world,
      { firstName: 'Boris', lastName: 'Admin', username: 'demo_admin_boris', lang: 'en', persona: 'silent' },
      rng,
    ),
  ];
  createChat(
    world,
    {
      title: 'CoolThing admins',
      kind: 'supergroup',
      isPrivate: true,
      isAdminChat: true,
      lang: 'ru',
      memberIds: [...admins.map((a) => a.id), botUser.id],
    },
    rng,
  );
}
