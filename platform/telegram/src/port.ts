/**
 * What CoolThing needs from Telegram, and nothing more. Adapters: MTProto user accounts
 * (`./mtcute`), the sandbox (`./sandbox`); the Bot API for notifications is `./bot`.
 * Every method throws the typed errors of `./errors` (FloodWait, SlowMode, ...), never strings.
 */

/** A user as others see it. Ids are strings: Telegram ids exceed 2^31 and JSON numbers lose nothing this way. */
export interface TelegramUser {
  id: string;
  username: string | null;
  firstName: string;
  lastName: string | null;
  isBot: boolean;
}

/** A user's profile: names, username and bio (`about`). */
export interface TelegramProfile extends TelegramUser {
  bio: string | null;
}

export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel';

export interface TelegramChat {
  id: string;
  kind: ChatKind;
  title: string | null;
  username: string | null;
  membersCount: number | null;
}

/** A message the account received or sent. */
export interface TelegramMessage {
  id: number;
  chat: TelegramChat;
  /** Null for anonymous channel posts. */
  sender: TelegramUser | null;
  text: string;
  date: Date;
  replyToId: number | null;
  /** True for messages the account itself sent (from another device, or echoed). */
  outgoing: boolean;
}

export interface SentMessage {
  id: number;
  chatId: string;
  date: Date;
}

/** `@username`, `username`, `https://t.me/username`, `https://t.me/+hash`, `t.me/joinchat/hash` or a numeric id. */
export type PeerRef = string;

export type TypingAction = 'typing' | 'cancel';

/** Proxy per account. MTProxy secrets are hex or base64. */
export type ProxyConfig =
  | { type: 'socks5'; host: string; port: number; username?: string; password?: string }
  | { type: 'http'; host: string; port: number; username?: string; password?: string; tls?: boolean }
  | { type: 'mtproxy'; host: string; port: number; secret: string };

/** What an adapter needs to act as one account. `session` is a secret the caller stores encrypted. */
export interface AccountCredentials {
  /** The caller's id for the account (logs, leases); not Telegram's. */
  accountId: string;
  session: string;
  apiId?: number;
  apiHash?: string;
  proxy?: ProxyConfig;
}

/** Application credentials for signing in (ignored by the sandbox). */
export interface SignInApp {
  apiId?: number;
  apiHash?: string;
  proxy?: ProxyConfig;
}

/**
 * A sign-in in progress. `state` is opaque and secret (it holds a temporary key): the caller
 * stores it encrypted between the steps, so any instance can continue the flow.
 */
export interface PendingSignIn {
  phone: string;
  state: string;
  /** How Telegram delivered the code (`app`, `sms`; `sandbox` in the sandbox). */
  codeDelivery: string;
  codeLength: number | null;
}

export type SignInResult =
  | { status: 'signed_in'; session: string; user: TelegramUser }
  | { status: 'password_needed'; pending: PendingSignIn; hint: string | null };

/** Events about the account itself, raised when Telegram says so (or when a call reveals it). */
export type AccountEvent =
  | { type: 'banned'; reason: string; at: Date }
  | { type: 'limited'; reason: string; at: Date }
  | { type: 'flood_wait'; seconds: number; at: Date };

export type MessageScope = 'all' | 'chats' | 'private';

export interface MessageFilter {
  /** Chats, private messages or both (default `all`). */
  scope?: MessageScope;
  /** Only these chat ids. */
  chatIds?: string[];
  /** Include the account's own messages (default false). */
  includeOutgoing?: boolean;
}

export interface RecentMessagesOptions {
  /** How many messages at most (1 to 100). */
  limit: number;
  /** Only messages with a greater id (ids grow with time within a chat). */
  afterId?: number;
}

export type Unsubscribe = () => void;

/** An async iterator over new messages that can be closed from outside. */
export interface MessageStream extends AsyncIterable<TelegramMessage> {
  close(): void;
}

/** One connected account. Connections are kept open and reused until `close`. */
export interface TelegramAccount {
  readonly accountId: string;
  me(): Promise<TelegramUser>;
  /** The current session string (it may change after sign-in or a DC migration). */
  exportSession(): Promise<string>;
  /** Joins a chat by public username or invite link; joining a chat already joined is not an error. */
  join(target: PeerRef): Promise<TelegramChat>;
  /**
   * Leaves a group, supergroup or channel. Leaving a chat the account is not in (never joined,
   * already left, removed or banned from it) is not an error: that is the state asked for.
   */
  leave(chat: PeerRef): Promise<void>;
  resolveUser(ref: PeerRef): Promise<TelegramUser>;
  resolveChat(ref: PeerRef): Promise<TelegramChat>;
  getProfile(user: PeerRef): Promise<TelegramProfile>;
  sendMessage(chat: PeerRef, text: string, options?: { replyTo?: number }): Promise<SentMessage>;
  sendTyping(chat: PeerRef, action?: TypingAction): Promise<void>;
  /**
   * The account's own messages among a chat's latest ones, newest first: at most `limit`,
   * only newer than message `afterId` when given. Lets a caller see whether a send whose
   * answer it never got reached the chat. Adapters look through a bounded stretch of recent
   * history, not all of it. A chat the account cannot see (private, banned from it; in the
   * sandbox also one it has not joined) answers ChatPrivate.
   */
  ownRecentMessages(chat: PeerRef, options: RecentMessagesOptions): Promise<TelegramMessage[]>;
  /** Calls `handler` for each new message matching `filter`. */
  onMessage(handler: (message: TelegramMessage) => void, filter?: MessageFilter): Unsubscribe;
  /** The same as an async iterator (buffered; `close()` ends it). */
  messages(filter?: MessageFilter): MessageStream;
  /** Bans, limits and long flood waits. */
  onAccountEvent(handler: (event: AccountEvent) => void): Unsubscribe;
  close(): Promise<void>;
}

/** The port: sign-in for onboarding, and connections for workers. */
export interface TelegramGateway {
  readonly kind: 'mtproto' | 'sandbox';
  /** Step 1: asks Telegram to send a login code to the phone. */
  sendCode(phone: string, app?: SignInApp): Promise<PendingSignIn>;
  /** Step 2: the code; may ask for the 2FA password. */
  signIn(pending: PendingSignIn, code: string, app?: SignInApp): Promise<SignInResult>;
  /** Step 3 (optional): the 2FA password. */
  checkPassword(
    pending: PendingSignIn,
    password: string,
    app?: SignInApp,
  ): Promise<{ session: string; user: TelegramUser }>;
  /** Checks an imported session string and returns whose it is (and the session to store). */
  importSession(session: string, app?: SignInApp): Promise<{ session: string; user: TelegramUser }>;
  /** Opens (or returns the open) connection for an account. */
  connect(credentials: AccountCredentials): Promise<TelegramAccount>;
  close(): Promise<void>;
}
