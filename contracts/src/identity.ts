import { defineEvent, defineExchange } from '@switchyard/bus';
import { z } from 'zod';

/** Identity's facts for other services: who registered, who is banned. */
export const identityExchange = defineExchange({
  name: 'identity_exchange',
  deadLetterExchange: 'identity_dlx',
});

const userRef = z.object({ userId: z.string().min(1).max(64) });

export const UserRegistered = defineEvent({
  type: 'identity.user_registered',
  exchange: identityExchange,
  routingKey: 'user.registered',
  schema: userRef.extend({
    email: z.string().email().max(254),
    firstName: z.string().max(60),
    locale: z.enum(['ru', 'en']),
  }),
});

export const UserActivated = defineEvent({
  type: 'identity.user_activated',
  exchange: identityExchange,
  routingKey: 'user.activated',
  schema: userRef,
});

/** Services refuse a banned user at once, even with an access token that has not expired. */
export const UserBanned = defineEvent({
  type: 'identity.user_banned',
  exchange: identityExchange,
  routingKey: 'user.banned',
  schema: userRef.extend({ reason: z.string().max(500).optional() }),
});

export const UserUnbanned = defineEvent({
  type: 'identity.user_unbanned',
  exchange: identityExchange,
  routingKey: 'user.unbanned',
  schema: userRef,
});

/** The account's sign-in email changed (after the new address was proven with a code). */
export const UserEmailChanged = defineEvent({
  type: 'identity.user_email_changed',
  exchange: identityExchange,
  routingKey: 'user.email_changed',
  schema: userRef.extend({ email: z.string().email().max(254) }),
});
