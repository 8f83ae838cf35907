import { UserRegistered } from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { FilmsDB } from '../db';
import { rememberRegisteredName } from '../repositories/users';

/** Keeps the names shown with comments: identity tells us a new user's first name. */
export function identitySubscription(): SubscriptionSpec {
  return {
    name: 'identity_users',
    handlers: [
      on(UserRegistered, async (user, ctx) => {
        await rememberRegisteredName(ctx.tx<FilmsDB>(), user.userId, user.firstName.trim() || null);
      }),
    ],
  };
}
