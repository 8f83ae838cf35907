import {
  defineRoute,
  forbidden,
  isAdmin,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  requireUser,
  z,
} from '@switchyard/kit';
import { displayNameOf } from '../domain/display-name';
import { findUser, updateProfile, userCounts, type FilmUser } from '../repositories/users';
import type { Deps } from './deps';
import { favouritesOf } from './my-lists';
import { cursorParam, limitParam, schemas, security } from './schemas';

const UserIdParam = z.object({
  userId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/),
});

const MyProfile = z
  .object({ userId: z.string(), displayName: z.string(), isPublic: z.boolean(), nameSet: z.boolean() })
  .openapi('MyFilmsProfile');

const myView = (u: FilmUser) => ({
  userId: u.user_id,
  displayName: displayNameOf(u.user_id, u.display_name),
  isPublic: u.is_public,
  nameSet: !!u.display_name,
});

export const getMyProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/me/profile',
      tags: ['profiles'],
      summary: 'Your films profile: display name and whether your page is public',
      security,
      responses: { 200: jsonBody(MyProfile, 'Profile'), ...problems(401) },
    },
    async (c) => {
      const user = requireUser(c);
      const row = (await findUser(deps.db, user.id)) ?? {
        user_id: user.id,
        display_name: null,
        is_public: false,
      };
      return c.json(myView(row), 200);
    },
  );

export const putMyProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/me/profile',
      tags: ['profiles'],
      summary: 'Make your profile page public or private, and set the name shown with your comments',
      security,
      request: jsonInput(
        z
          .strictObject({
            isPublic: z.boolean().optional(),
            displayName: z.string().trim().min(1).max(60).nullable().optional(),
          })
          .refine((v) => v.isPublic !== undefined || v.displayName !== undefined, 'Nothing to change.'),
      ),
      responses: { 200: jsonBody(MyProfile, 'Profile'), ...problems(400, 401) },
    },
    async (c) => {
      const user = requireUser(c);
      const body = c.req.valid('json');
      const row = await deps.transaction((trx) => updateProfile(trx, user.id, body));
      return c.json(myView(row), 200);
    },
  );

async function visibleProfile(deps: Deps, c: Parameters<typeof requireUser>[0], userId: string) {
  const profile = await findUser(deps.db, userId);
  if (!profile) throw notFound('User');
  const viewer = c.get('user');
  if (!profile.is_public && viewer?.id !== userId && !isAdmin(viewer))
    throw forbidden('This profile is private.');
  return profile;
}

export const getProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/users/{userId}',
      tags: ['profiles'],
      summary: "A user's profile page with favourites (private pages: the user and admins only)",
      request: { params: UserIdParam, query: z.object({ limit: limitParam(24) }) },
      responses: { 200: jsonBody(schemas.FilmsProfile, 'Profile'), ...problems(400, 403, 404) },
    },
    async (c) => {
      const { userId } = c.req.valid('param');
      const profile = await visibleProfile(deps, c, userId);
      const counts = await userCounts(deps.db, userId);
      return c.json(
        {
          userId,
          displayName: displayNameOf(userId, profile.display_name),
          isPublic: profile.is_public,
          favouritesCount: counts.favourites,
          ratingsCount: counts.ratings,
          favourites: await favouritesOf(deps, userId, c.req.valid('query').limit),
        },
        200,
      );
    },
  );

export const profileFavouritesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/users/{userId}/favourites',
      tags: ['profiles'],
      summary: "More of a user's favourites (same visibility as the profile)",
      request: { params: UserIdParam, query: z.object({ limit: limitParam(24), cursor: cursorParam }) },
      responses: { 200: jsonBody(schemas.FavouritesPage, 'Favourites'), ...problems(400, 403, 404) },
    },
    async (c) => {
      const { userId } = c.req.valid('param');
      await visibleProfile(deps, c, userId);
      const { limit, cursor } = c.req.valid('query');
      return c.json(await favouritesOf(deps, userId, limit, cursor), 200);
    },
  );
