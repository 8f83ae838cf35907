import { z } from 'zod';

/**
 * The Telegram sandbox's wire protocol (coolthing.md, `telegram-sandbox`): the shapes its
 * client API answers with, shared by the sandbox service and the sandbox adapter of
 * `@switchyard/telegram`. Ids are strings, dates ISO strings.
 */

export const TgUserSchema = z.object({
  id: z.string().max(32),
  username: z.string().max(64).nullable(),
  firstName: z.string().max(128),
  lastName: z.string().max(128).nullable(),
  isBot: z.boolean(),
});

export const TgProfileSchema = TgUserSchema.extend({ bio: z.string().max(512).nullable() });

export const TgChatKindSchema = z.enum(['private', 'group', 'supergroup', 'channel']);

export const TgChatSchema = z.object({
  id: z.string().max(32),
  kind: TgChatKindSchema,
  title: z.string().max(256).nullable(),
  username: z.string().max(64).nullable(),
  membersCount: z.number().int().nullable(),
});

export const TgMessageSchema = z.object({
  id: z.number().int(),
  chat: TgChatSchema,
  sender: TgUserSchema.nullable(),
  text: z.string().max(4096),
  date: z.string(),
  replyToId: z.number().int().nullable(),
  outgoing: z.boolean(),
});

export const TgSentMessageSchema = z.object({ id: z.number().int(), chatId: z.string(), date: z.string() });

export const TgAccountEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('banned'), reason: z.string().max(200), at: z.string() }),
  z.object({ type: z.literal('limited'), reason: z.string().max(200), at: z.string() }),
  z.object({ type: z.literal('flood_wait'), seconds: z.number().int(), at: z.string() }),
]);

/** Header that carries the client's session key on every client call (never a URL, never a body). */
export const SANDBOX_KEY_HEADER = 'x-sandbox-session';

/** Telegram's RPC error as the sandbox reports it inside a problem document. */
export const TgRpcErrorSchema = z.object({ code: z.number().int(), text: z.string().max(100) });

export const PhoneSchema = z.string().regex(/^\+?\d{7,15}$/, 'a phone number in international format');
export const PeerRefSchema = z.string().min(1).max(200);

export const SendCodeInput = z.object({ phone: PhoneSchema });
export const SendCodeOutput = z.object({
  phoneCodeHash: z.string(),
  codeLength: z.number().int(),
  delivery: z.string(),
});
export const SignInInput = z.object({
  phone: PhoneSchema,
  phoneCodeHash: z.string().min(1).max(100),
  code: z.string().min(1).max(20),
});
export const SignInOutput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), user: TgUserSchema }),
  z.object({ status: z.literal('password_needed'), hint: z.string().nullable() }),
]);
export const CheckPasswordInput = z.object({
  phoneCodeHash: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
});
export const JoinInput = z.object({ target: PeerRefSchema });
export const ResolveInput = z.object({ ref: PeerRefSchema, expect: z.enum(['user', 'chat']) });
export const ResolveOutput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), user: TgUserSchema }),
  z.object({ kind: z.literal('chat'), chat: TgChatSchema }),
]);
export const ProfileInput = z.object({ user: PeerRefSchema });
export const SendInput = z.object({
  chat: PeerRefSchema,
  text: z.string().min(1).max(4096),
  replyTo: z.number().int().positive().optional(),
});
export const TypingInput = z.object({
  chat: PeerRefSchema,
  action: z.enum(['typing', 'cancel']).default('typing'),
});

export type TgUser = z.infer<typeof TgUserSchema>;
export type TgProfile = z.infer<typeof TgProfileSchema>;
export type TgChat = z.infer<typeof TgChatSchema>;
export type TgMessage = z.infer<typeof TgMessageSchema>;
export type TgAccountEvent = z.infer<typeof TgAccountEventSchema>;
export type TgSentMessage = z.infer<typeof TgSentMessageSchema>;
export type SendCodeResult = z.infer<typeof SendCodeOutput>;
export type SignInReply = z.infer<typeof SignInOutput>;
