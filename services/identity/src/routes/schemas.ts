import { z } from '@switchyard/kit';
import { CODE_PATTERN } from '../domain/codes';
import { EMAIL_MAX, LOCALES, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, ROLES, STATUSES } from '../domain/user';

/** Trimmed, lower-cased, at most 254 characters. */
export const Email = z
  .string()
  .max(EMAIL_MAX)
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'not an email address' }))
  .openapi({ example: 'alice@example.com' });

export const Password = z
  .string()
  .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`);

/** Checked for length only; a wrong one is simply wrong. */
export const AnyPassword = z.string().min(1).max(PASSWORD_MAX);

export const Name = z.string().trim().max(NAME_MAX);
export const Locale = z.enum(LOCALES);
export const Role = z.enum(ROLES);
export const Status = z.enum(STATUSES);
export const Code = z.string().trim().regex(CODE_PATTERN, 'six digits');
export const AvatarUrl = z
  .url({ protocol: /^https?$/, message: 'an http(s) URL' })
  .max(500)
  .nullable();

export const OwnProfile = z
  .object({
    id: z.string(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    roles: z.array(z.string()),
    status: Status,
    locale: Locale,
    isPublic: z.boolean(),
    avatarUrl: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('OwnProfile');

export const AdminUser = OwnProfile.extend({
  statusBeforeBan: Status.nullable(),
  banReason: z.string().nullable(),
  bannedAt: z.string().nullable(),
}).openapi('AdminUser');

export const PublicProfile = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    avatarUrl: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PublicProfile');

export const AccessToken = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
});

export const SessionTokens = AccessToken.extend({
  refreshToken: z.string().describe('Opaque, single use: every refresh returns a new one'),
  refreshExpiresAt: z.string(),
  user: OwnProfile,
}).openapi('SessionTokens');

export const FreshAccess = AccessToken.extend({ user: OwnProfile }).openapi('FreshAccess');

export const CodeSent = z
  .object({ expiresInSeconds: z.number().int(), sentTo: z.string() })
  .openapi('CodeSent');

export const Session = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi('Session');

export const UserIdParam = z.object({ id: z.uuid() });

export const noContent = { 204: { description: 'Done' } } as const;
