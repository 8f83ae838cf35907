import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, alice, bob, newbie, owner, startFilms, type FilmsHarness } from './support';

describe('comments and moderation', () => {
  let h: FilmsHarness;
  let moon: number;
  let gravity: number;

  beforeAll(async () => {
    h = await startFilms();
    moon = await h.idOf('moon-2009');
    gravity = await h.idOf('gravity-2013');
    await h.api('PUT', '/me/profile', { as: alice, body: { displayName: 'Alice' } });
  });
  afterAll(async () => h?.stop());

  const post = (film: number, as: typeof alice, text: string, parentId?: number) =>
    h.api('POST', `/${film}/comments`, { as, body: { text, ...(parentId ? { parentId } : {}) } });

  it('posts a comment with its author and date', async () => {
    const res = await post(moon, alice, '  A quiet masterpiece.  ');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      filmId: moon,
      parentId: null,
      state: 'visible',
      text: 'A quiet masterpiece.',
      author: { userId: alice.sub, displayName: 'Alice' },
      editedAt: null,
      canEdit: true,
      canDelete: true,
      canModerate: false,
    });
    expect(Date.parse(res.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await h.api('GET', `/${moon}`)).body.commentsCount).toBe(1);
  });

  it('allows one level of replies, on the same film only', async () => {
    const top = (await post(moon, alice, 'Who else cried at the end?')).body;
    const reply = await post(moon, bob, 'Me.', top.id);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ parentId: top.id, author: { displayName: 'User 000b0b' } });
    const nested = await post(moon, alice, 'Same.', reply.body.id);
    expect(nested.status).toBe(400);
    expect(nested.body.detail).toMatch(/one level/);
    const otherFilm = await post(gravity, bob, 'Wrong thread.', top.id);
    expect(otherFilm.status).toBe(400);
    expect(otherFilm.body.detail).toMatch(/another film/);
    expect((await post(moon, bob, 'To nothing.', 987654)).status).toBe(404);
  });

  it('answers 404 for comments on a film that does not exist, and 400 for bad text', async () => {
    expect((await post(999999, alice, 'Hello?')).status).toBe(404);
    expect((await h.api('GET', '/999999/comments')).status).toBe(404);
    expect((await post(moon, alice, '')).status).toBe(400);
    expect((await post(moon, alice, '   \n  ')).status).toBe(400);
    expect((await post(moon, alice, 'x'.repeat(2001))).status).toBe(400);
    expect(
      (await h.api('POST', `/${moon}/comments`, { as: alice, body: { text: 'x', parentId: 'abc' } })).status,
    ).toBe(400);
  });

  it('lists threads newest first with their replies, authors and dates, page by page', async () => {
    const threads: number[] = [];
    for (let i = 1; i <= 5; i++)
      threads.push((await post(gravity, i % 2 ? alice : bob, `Thread ${i}`)).body.id);
    for (let i = 1; i <= 3; i++) await post(gravity, bob, `Reply ${i}`, threads[4]);
    const page1 = await h.api('GET', `/${gravity}/comments?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(5);
    expect(page1.body.items.map((t: { text: string }) => t.text)).toEqual(['Thread 5', 'Thread 4']);
    const newest = page1.body.items[0];
    expect(newest.replyCount).toBe(3);
    expect(newest.replies.map((r: { text: string }) => r.text)).toEqual(['Reply 1', 'Reply 2', 'Reply 3']);
    expect(newest.replies[0]).toMatchObject({ author: { displayName: 'User 000b0b' }, parentId: threads[4] });
    expect(newest.author).toEqual({ userId: alice.sub, displayName: 'Alice' });
    const page2 = await h.api('GET', `/${gravity}/comments?limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await h.api('GET', `/${gravity}/comments?limit=2&cursor=${page2.body.nextCursor}`);
    expect([...page2.body.items, ...page3.body.items].map((t: { text: string }) => t.text)).toEqual([
      'Thread 3',
      'Thread 2',
      'Thread 1',
    ]);
    expect(page3.body.nextCursor).toBeNull();
    const replies = await h.api('GET', `/${gravity}/comments/${threads[4]}/replies?limit=2`);
    expect(replies.body.items.map((r: { text: string }) => r.text)).toEqual(['Reply 1', 'Reply 2']);
    const more = await h.api(
      'GET',
      `/${gravity}/comments/${threads[4]}/replies?cursor=${replies.body.nextCursor}`,
    );
    expect(more.body.items.map((r: { text: string }) => r.text)).toEqual(['Reply 3']);
    expect((await h.api('GET', `/${moon}/comments?cursor=${page1.body.nextCursor}`)).status).toBe(400);
  });

  it('lets only the author edit a comment', async () => {
    const c = (await post(moon, alice, 'Typo hree.')).body;
    expect(
      (await h.api('PATCH', `/${moon}/comments/${c.id}`, { as: bob, body: { text: 'Mine now' } })).status,
    ).toBe(403);
    expect(
      (await h.api('PATCH', `/${moon}/comments/${c.id}`, { as: admin, body: { text: 'Mod edit' } })).status,
    ).toBe(403);
    const edited = await h.api('PATCH', `/${moon}/comments/${c.id}`, {
      as: alice,
      body: { text: 'Typo here.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.text).toBe('Typo here.');
    expect(edited.body.editedAt).not.toBeNull();
    // The comment id must belong to the film in the path.
    expect(
      (await h.api('PATCH', `/${gravity}/comments/${c.id}`, { as: alice, body: { text: 'x' } })).status,
    ).toBe(404);
  });

  it('deletes by the author; replies from others stay under a removed parent', async () => {
    const top = (await post(moon, alice, 'I will delete this.')).body;
    await post(moon, bob, 'But my reply stays.', top.id);
    expect((await h.api('DELETE', `/${moon}/comments/${top.id}`, { as: bob })).status).toBe(403);
    expect((await h.api('DELETE', `/${moon}/comments/${top.id}`, { as: alice })).status).toBe(204);
    expect((await h.api('DELETE', `/${moon}/comments/${top.id}`, { as: alice })).status).toBe(404);
    const list = (await h.api('GET', `/${moon}/comments?limit=50`, { as: alice })).body;
    const thread = list.items.find((t: { id: number }) => t.id === top.id);
    expect(thread).toMatchObject({
      state: 'deleted',
      deletedBy: 'author',
      text: null,
      author: null,
      canDelete: false,
    });
    expect(thread.replies.map((r: { text: string }) => r.text)).toEqual(['But my reply stays.']);
    const lonely = (await post(moon, alice, 'Gone without a trace.')).body;
    await h.api('DELETE', `/${moon}/comments/${lonely.id}`, { as: alice });
    const after = (await h.api('GET', `/${moon}/comments?limit=50`)).body;
    expect(after.items.map((t: { id: number }) => t.id)).not.toContain(lonely.id);
  });

  it('lets admins hide a comment: others see it removed by a moderator, its author and admins see the text', async () => {
    const c = (await post(moon, bob, 'Spoiler: he is a clone.')).body;
    expect(
      (await h.api('PUT', `/${moon}/comments/${c.id}/moderation`, { as: alice, body: { hidden: true } }))
        .status,
    ).toBe(403);
    const hidden = await h.api('PUT', `/${moon}/comments/${c.id}/moderation`, {
      as: admin,
      body: { hidden: true },
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({
      state: 'hidden',
      text: 'Spoiler: he is a clone.',
      canModerate: true,
    });
    const find = async (as?: typeof alice) =>
      (await h.api('GET', `/${moon}/comments?limit=50`, as ? { as } : {})).body.items.find(
        (t: { id: number }) => t.id === c.id,
      );
    expect(await find()).toMatchObject({
      state: 'hidden',
      text: null,
      author: { displayName: 'User 000b0b' },
    });
    expect((await find(alice)).text).toBeNull();
    expect((await find(bob)).text).toBe('Spoiler: he is a clone.');
    expect((await find(admin)).text).toBe('Spoiler: he is a clone.');
    // A hidden comment takes no replies and no edits.
    expect((await post(moon, alice, 'Reply to hidden', c.id)).status).toBe(409);
    expect(
      (await h.api('PATCH', `/${moon}/comments/${c.id}`, { as: bob, body: { text: 'edit' } })).status,
    ).toBe(409);
    await h.api('PUT', `/${moon}/comments/${c.id}/moderation`, { as: owner, body: { hidden: false } });
    expect((await find()).text).toBe('Spoiler: he is a clone.');
  });

  it("lets admins delete anyone's comment", async () => {
    const c = (await post(moon, bob, 'Buy cheap watches at ...')).body;
    await post(moon, alice, 'Spam!', c.id);
    expect((await h.api('DELETE', `/${moon}/comments/${c.id}`, { as: admin })).status).toBe(204);
    const thread = (await h.api('GET', `/${moon}/comments?limit=50`)).body.items.find(
      (t: { id: number }) => t.id === c.id,
    );
    expect(thread).toMatchObject({ state: 'deleted', deletedBy: 'moderator', text: null });
  });

  it('lets only verified users comment', async () => {
    expect((await post(moon, newbie, 'Hi')).status).toBe(403);
    expect((await h.api('POST', `/${moon}/comments`, { body: { text: 'Hi' } })).status).toBe(401);
    const c = (await post(moon, alice, 'mine')).body;
    expect((await h.api('DELETE', `/${moon}/comments/${c.id}`)).status).toBe(401);
  });
});
