import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus, on } from '@switchyard/bus';
import { FilmRated, UserRegistered } from '@switchyard/contracts';
import type { EmbeddedInfra } from '@switchyard/kit';
import { sleep, waitFor } from '@switchyard/testing';
import { admin, alice, bob, newbie, startFilms, type Caller, type FilmsHarness } from './support';

describe('ratings, favourites, watch status and profiles', () => {
  let h: FilmsHarness;
  let moon: number;
  let gravity: number;
  let godfather: number;

  beforeAll(async () => {
    h = await startFilms();
    moon = await h.idOf('moon-2009');
    gravity = await h.idOf('gravity-2013');
    godfather = await h.idOf('the-godfather-1972');
  });
  afterAll(async () => h?.stop());

  const user = (n: number): Caller => ({ sub: `rater-${n}` });

  describe('ratings', () => {
    it('keeps one rating per user and the average of all', async () => {
      const first = await h.api('PUT', `/${moon}/rating`, { as: alice, body: { value: 4.5 } });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ filmId: moon, average: 4.5, count: 1, mine: 4.5 });
      await h.api('PUT', `/${moon}/rating`, { as: bob, body: { value: 2 } });
      const changed = await h.api('PUT', `/${moon}/rating`, { as: alice, body: { value: 5 } });
      expect(changed.body).toEqual({ filmId: moon, average: 3.5, count: 2, mine: 5 });
      expect((await h.api('GET', `/${moon}/rating`, { as: alice })).body.mine).toBe(5);
      expect((await h.api('GET', `/${moon}/rating`)).body).toEqual({
        filmId: moon,
        average: 3.5,
        count: 2,
        mine: null,
      });
      expect((await h.api('GET', `/${moon}`)).body.rating).toEqual({ average: 3.5, count: 2 });
    });

    it('averages like the original test: 5, 3, 2, 1 is 2.75; without the 5 it is 2', async () => {
      for (const [i, value] of [5, 3, 2, 1].entries())
        await h.api('PUT', `/${gravity}/rating`, { as: user(i), body: { value } });
      expect((await h.api('GET', `/${gravity}/rating`)).body).toMatchObject({ average: 2.75, count: 4 });
      const removed = await h.api('DELETE', `/${gravity}/rating`, { as: user(0) });
      expect(removed.status).toBe(200);
      expect(removed.body).toMatchObject({ average: 2, count: 3, mine: null });
      expect((await h.api('DELETE', `/${gravity}/rating`, { as: user(0) })).status).toBe(404);
    });

    it('counts every rating when many arrive at once', async () => {
      const values = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5, 5];
      const results = await Promise.all(
        values.map((value, i) =>
          h.api('PUT', `/${godfather}/rating`, { as: user(100 + i), body: { value } }),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      const sum = values.reduce((a, b) => a + b, 0);
      expect((await h.api('GET', `/${godfather}/rating`)).body).toMatchObject({
        count: values.length,
        average: Math.round((sum / values.length) * 100) / 100,
      });
    });

    it('accepts 0.5 to 5 in half steps only', async () => {
      for (const value of [0, 5.5, 3.3, -1, '4', null])
        expect(
          (await h.api('PUT', `/${moon}/rating`, { as: alice, body: { value } })).status,
          String(value),
        ).toBe(400);
      expect((await h.api('PUT', `/${moon}/rating`, { as: alice, body: {} })).status).toBe(400);
    });

    it('answers 404 for a film that does not exist, not a 500', async () => {
      expect((await h.api('PUT', '/999999/rating', { as: alice, body: { value: 3 } })).status).toBe(404);
      expect((await h.api('GET', '/999999/rating')).status).toBe(404);
      expect((await h.api('DELETE', '/999999/rating', { as: alice })).status).toBe(404);
    });

    it('publishes each rating change through the outbox', async () => {
      const infra = h.infra as EmbeddedInfra;
      const seen: { value: number | null; count: number }[] = [];
      const listener = new Bus({ transport: await infra.transport(), service: 'rating-listener' });
      await listener.subscribe({
        name: 'ratings',
        transactional: false,
        handlers: [on(FilmRated, async (p) => void seen.push({ value: p.value, count: p.count }))],
      });
      const amelie = await h.idOf('amelie-2001');
      await h.api('PUT', `/${amelie}/rating`, { as: bob, body: { value: 3.5 } });
      await h.api('DELETE', `/${amelie}/rating`, { as: bob });
      await waitFor(() => seen.length === 2, { message: 'two FilmRated events' });
      expect(seen).toEqual([
        { value: 3.5, count: 1 },
        { value: null, count: 0 },
      ]);
      await listener.stopConsuming();
    });
  });

  describe('favourites and watch status', () => {
    it('adds favourites idempotently and lists them newest first, page by page', async () => {
      for (const film of [moon, gravity, godfather]) {
        expect((await h.api('PUT', `/${film}/favourite`, { as: alice })).status).toBe(200);
        await sleep(5);
      }
      const again = await h.api('PUT', `/${moon}/favourite`, { as: alice });
      expect(again.body.favourite).toBe(true);
      const page1 = await h.api('GET', '/me/favourites?limit=2', { as: alice });
      expect(page1.body.items.map((i: { film: { id: number } }) => i.film.id)).toEqual([godfather, gravity]);
      expect(page1.body.items[0].addedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const page2 = await h.api('GET', `/me/favourites?limit=2&cursor=${page1.body.nextCursor}`, {
        as: alice,
      });
      expect(page2.body.items.map((i: { film: { id: number } }) => i.film.id)).toEqual([moon]);
      expect(page2.body.nextCursor).toBeNull();
      const details = await h.api('GET', `/${moon}`, { as: alice });
      expect(details.body.me).toMatchObject({ favourite: true, rating: 5 });
    });

    it('removes favourites and answers 404 for unknown films', async () => {
      expect((await h.api('DELETE', `/${godfather}/favourite`, { as: alice })).status).toBe(204);
      expect((await h.api('DELETE', `/${godfather}/favourite`, { as: alice })).status).toBe(404);
      expect((await h.api('PUT', '/999999/favourite', { as: alice })).status).toBe(404);
      expect((await h.api('GET', `/${godfather}`, { as: alice })).body.me.favourite).toBe(false);
    });

    it('records watch status with both timestamps from the first insert on', async () => {
      const planned = await h.api('PUT', `/${moon}/watch-status`, { as: alice, body: { status: 'planned' } });
      expect(planned.status).toBe(200);
      expect(planned.body.status).toBe('planned');
      expect(planned.body.createdAt).toBeTruthy();
      expect(planned.body.updatedAt).toBe(planned.body.createdAt);
      await sleep(20);
      const same = await h.api('PUT', `/${moon}/watch-status`, { as: alice, body: { status: 'planned' } });
      expect(same.body.updatedAt).toBe(planned.body.updatedAt);
      const watched = await h.api('PUT', `/${moon}/watch-status`, { as: alice, body: { status: 'watched' } });
      expect(watched.body.createdAt).toBe(planned.body.createdAt);
      expect(Date.parse(watched.body.updatedAt)).toBeGreaterThan(Date.parse(planned.body.updatedAt));
      const details = await h.api('GET', `/${moon}`, { as: alice });
      expect(details.body.me.watch).toEqual(watched.body);
      for (const status of ['in_plans', 'not_watching', '', 'WATCHED'])
        expect((await h.api('PUT', `/${moon}/watch-status`, { as: alice, body: { status } })).status).toBe(
          400,
        );
    });

    it('lists my films by watch status', async () => {
      for (const [film, status] of [
        [gravity, 'watching'],
        [godfather, 'watching'],
        [await h.idOf('amelie-2001'), 'abandoned'],
      ] as const)
        await h.api('PUT', `/${film}/watch-status`, { as: alice, body: { status } });
      const watching = await h.api('GET', '/me/watchlist?status=watching', { as: alice });
      expect(watching.body.items.map((i: { film: { id: number } }) => i.film.id).sort()).toEqual(
        [gravity, godfather].sort(),
      );
      const all = await h.api('GET', '/me/watchlist?limit=3', { as: alice });
      expect(all.body.items).toHaveLength(3);
      const rest = await h.api('GET', `/me/watchlist?limit=3&cursor=${all.body.nextCursor}`, { as: alice });
      expect(rest.body.items).toHaveLength(1);
      expect(rest.body.items[0]).toMatchObject({ status: 'watched', film: { id: moon } });
      expect((await h.api('GET', '/me/watchlist?status=in_plans', { as: alice })).status).toBe(400);
      expect((await h.api('GET', '/me/watchlist', { as: bob })).body.items).toEqual([]);
      expect((await h.api('DELETE', `/${gravity}/watch-status`, { as: alice })).status).toBe(204);
      expect((await h.api('DELETE', `/${gravity}/watch-status`, { as: alice })).status).toBe(404);
    });

    it('lets only verified users rate, favourite and set a status', async () => {
      for (const [method, path, body] of [
        ['PUT', `/${moon}/rating`, { value: 3 }],
        ['PUT', `/${moon}/favourite`, undefined],
        ['PUT', `/${moon}/watch-status`, { status: 'planned' }],
      ] as const) {
        expect((await h.api(method, path, { as: newbie, body })).status).toBe(403);
        expect((await h.api(method, path, { body })).status).toBe(401);
      }
      expect((await h.api('GET', '/me/favourites')).status).toBe(401);
    });
  });

  describe('profiles', () => {
    it('keeps profiles private by default: the owner and admins see them, others get 403', async () => {
      expect((await h.api('GET', `/users/${alice.sub}`, { as: bob })).status).toBe(403);
      expect((await h.api('GET', `/users/${alice.sub}`)).status).toBe(403);
      const own = await h.api('GET', `/users/${alice.sub}`, { as: alice });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        userId: alice.sub,
        displayName: 'User 00a11c',
        isPublic: false,
        favouritesCount: 2,
      });
      expect((await h.api('GET', `/users/${alice.sub}`, { as: admin })).status).toBe(200);
      expect((await h.api('GET', '/users/nobody-here')).status).toBe(404);
    });

    it('shows a public profile with favourites to everyone', async () => {
      const set = await h.api('PUT', '/me/profile', {
        as: alice,
        body: { isPublic: true, displayName: 'Alice' },
      });
      expect(set.body).toEqual({ userId: alice.sub, displayName: 'Alice', isPublic: true, nameSet: true });
      const page = await h.api('GET', `/users/${alice.sub}?limit=1`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        displayName: 'Alice',
        isPublic: true,
        favouritesCount: 2,
        ratingsCount: 1,
      });
      expect(page.body.favourites.items).toHaveLength(1);
      const more = await h.api(
        'GET',
        `/users/${alice.sub}/favourites?cursor=${page.body.favourites.nextCursor}`,
      );
      expect(more.body.items).toHaveLength(1);
      await h.api('PUT', '/me/profile', { as: alice, body: { isPublic: false } });
      expect((await h.api('GET', `/users/${alice.sub}/favourites`, { as: bob })).status).toBe(403);
      expect((await h.api('PUT', '/me/profile', { as: alice, body: {} })).status).toBe(400);
      expect((await h.api('PUT', '/me/profile', { as: alice, body: { isPublic: 'yes' } })).status).toBe(400);
    });

    it("takes a new user's name from identity's UserRegistered event", async () => {
      const infra = h.infra as EmbeddedInfra;
      const identity = new Bus({ transport: await infra.transport(), service: 'identity' });
      const carol = { sub: '018f3a2b-0000-7000-8000-0000000ca201' };
      await identity.publish(UserRegistered, {
        userId: carol.sub,
        email: 'carol@example.com',
        firstName: 'Carol',
        locale: 'en',
      });
      await waitFor(
        async () => (await h.api('GET', '/me/profile', { as: carol })).body.displayName === 'Carol',
        {
          message: 'display name from the event',
        },
      );
      // A name chosen in films wins over a later registration event.
      await h.api('PUT', '/me/profile', { as: carol, body: { displayName: 'Caz' } });
      await identity.publish(UserRegistered, {
        userId: carol.sub,
        email: 'carol@example.com',
        firstName: 'Caroline',
        locale: 'en',
      });
      await sleep(200);
      expect((await h.api('GET', '/me/profile', { as: carol })).body.displayName).toBe('Caz');
    });
  });
});
