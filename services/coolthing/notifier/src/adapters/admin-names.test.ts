import { describe, expect, it } from 'vitest';
import { ServiceCallError } from '@switchyard/http';
import { AdminNameDirectory } from './admin-names';
import type { JsonGetter } from './http';

const quiet = { warn: () => undefined };
const refs = (r: Partial<Record<'runs' | 'campaigns' | 'accounts' | 'chats', string[]>>) => ({
  runs: [],
  campaigns: [],
  accounts: [],
  chats: [],
  ...r,
});

function fakeAdmin(answer: (path: string, query?: Record<string, string | undefined>) => unknown) {
  const calls: { path: string; query?: Record<string, string | undefined> }[] = [];
  const admin: JsonGetter = {
    get: async <T>(path: string, options?: { query?: Record<string, string | undefined> }) => {
      calls.push({ path, query: options?.query });
      const data = answer(path, options?.query);
      if (data instanceof Error) throw data;
      return { status: 200, data: data as T };
    },
  };
  return { admin, calls };
}

describe('AdminNameDirectory', () => {
  it('asks /internal/names for every kind at once and caches what it found', async () => {
    const { admin, calls } = fakeAdmin(() => ({
      runs: { r1: { scriptName: 'Flat talk', campaignName: 'Spring' } },
      campaigns: { c1: 'Spring' },
      accounts: { a1: '@demo_parser_1' },
      chats: {},
    }));
    let now = 0;
    const names = new AdminNameDirectory(admin, 1000, quiet, () => now);
    const book = await names.lookup(
      refs({ runs: ['r1'], campaigns: ['c1'], accounts: ['a1'], chats: ['x1'] }),
    );
    expect(calls).toEqual([
      { path: '/internal/names', query: { runs: 'r1', campaigns: 'c1', accounts: 'a1', chats: 'x1' } },
    ]);
    expect(book.run('r1')).toEqual({ script: 'Flat talk', campaign: 'Spring' });
    expect(book.account('a1')).toBe('@demo_parser_1');
    expect(book.chat('x1')).toBeNull();
    await names.lookup(refs({ accounts: ['a1'], chats: ['x1'] }));
    expect(calls).toHaveLength(1);
    now = 1001;
    await names.lookup(refs({ accounts: ['a1'] }));
    expect(calls).toHaveLength(2);
  });

  it('falls back to the run endpoint of an admin without /internal/names', async () => {
    const { admin, calls } = fakeAdmin((path) =>
      path === '/internal/names'
        ? new ServiceCallError('coolthing/admin', 404, undefined)
        : {
            sfc: { scriptName: 'Flat talk' },
            campaign: { name: 'Spring' },
            chats: [{ id: 'ch1', title: 'Moscow flats' }],
            accounts: [{ id: 'a1', username: null, firstName: 'Ivan', lastName: 'Petrov' }],
          },
    );
    const names = new AdminNameDirectory(admin, 60_000, quiet);
    const book = await names.lookup(refs({ runs: ['r1'] }));
    expect(book.run('r1')).toEqual({ script: 'Flat talk', campaign: 'Spring' });
    expect(book.chat('ch1')).toBe('Moscow flats');
    expect(book.account('a1')).toBe('Ivan Petrov');
    await names.lookup(refs({ runs: ['r2'] }));
    expect(calls.map((c) => c.path)).toEqual([
      '/internal/names',
      '/internal/script-runs/r1',
      '/internal/script-runs/r2',
    ]);
  });

  it('never fails a message for a name: an unavailable admin means fewer names', async () => {
    const warnings: unknown[] = [];
    const { admin } = fakeAdmin(() => new Error('connect ECONNREFUSED'));
    const names = new AdminNameDirectory(admin, 60_000, {
      warn: (...args: unknown[]) => void warnings.push(args),
    });
    const book = await names.lookup(refs({ accounts: ['a1'] }));
    expect(book.account('a1')).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});
