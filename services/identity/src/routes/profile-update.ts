import { defineRoute, jsonBody, jsonInput, notFound, problems, requireUser, z } from '@switchyard/kit';
import { ownProfile } from '../app/views';
import type { RouteDeps } from './deps';
import { AvatarUrl, Locale, Name, OwnProfile } from './schemas';

export const updateProfile = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/me',
      tags: ['profile'],
      summary: 'Change names, language, profile visibility or avatar URL',
      security: [{ bearer: [] }],
      request: jsonInput(
        z
          .object({
            firstName: Name.min(1).optional(),
            lastName: Name.optional(),
            locale: Locale.optional(),
            isPublic: z.boolean().optional(),
            avatarUrl: AvatarUrl.optional(),
          })
          .strict(),
      ),
      responses: { 200: jsonBody(OwnProfile, 'Updated profile'), ...problems(400, 401, 404) },
    },
    async (c) => {
      const body = c.req.valid('json');
      const updated = await deps.users.update(
        requireUser(c).id,
        {
          ...(body.firstName !== undefined ? { first_name: body.firstName } : {}),
          ...(body.lastName !== undefined ? { last_name: body.lastName } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
          ...(body.isPublic !== undefined ? { is_public: body.isPublic } : {}),
          ...(body.avatarUrl !== undefined ? { avatar_url: body.avatarUrl } : {}),
        },
        deps.clock(),
      );
      if (!updated) throw notFound('User');
      return c.json(ownProfile(updated), 200);
    },
  );
