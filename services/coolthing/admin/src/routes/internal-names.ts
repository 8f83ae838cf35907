// Names for ids, for the notifier's messages (the original showed UUIDs where names exist).
// Fellow services only; never exposed through the gateway.
import { defineRoute, jsonBody, problems, requireInternal, z } from '@switchyard/kit';
import { namesOf } from '../repositories/names';
import type { Deps } from './deps';

const Ids = z
  .string()
  .max(6600)
  .transform((v) => [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean))
  .pipe(z.array(z.string().min(1).max(64)).max(100))
  .default([]);

/** `@username`, else the account's names, else its phone with the middle hidden. */
function accountName(a: {
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
}): string | null {
  if (a.username) return `@${a.username}`;
  const names = [a.first_name, a.last_name].filter(Boolean).join(' ');
  if (names) return names;
  return a.phone && a.phone.length > 6 ? `${a.phone.slice(0, 4)}…${a.phone.slice(-2)}` : null;
}

export const internalNamesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/names',
      tags: ['internal'],
      summary:
        'Names of runs, campaigns, accounts and chats (also by Telegram id) by id (fellow services only)',
      request: {
        query: z.object({ runs: Ids, campaigns: Ids, accounts: Ids, chats: Ids }),
      },
      responses: {
        200: jsonBody(
          z.object({
            runs: z.record(
              z.string(),
              z.object({ scriptName: z.string(), campaignName: z.string().nullable() }),
            ),
            campaigns: z.record(z.string(), z.string()),
            accounts: z.record(z.string(), z.string()),
            chats: z.record(z.string(), z.string()),
          }),
          'Names of the ids that exist (unknown ids are left out)',
        ),
        ...problems(400, 404),
      },
    },
    async (c) => {
      requireInternal(c);
      const query = c.req.valid('query');
      const found = await namesOf(deps.db, query);
      const runs: Record<string, { scriptName: string; campaignName: string | null }> = {};
      for (const r of found.runs) runs[r.id] = { scriptName: r.script_name, campaignName: r.campaign_name };
      const campaigns: Record<string, string> = {};
      for (const r of found.campaigns) campaigns[r.id] = r.name;
      const accounts: Record<string, string> = {};
      for (const r of found.accounts) {
        const name = accountName(r);
        if (name) accounts[r.id] = name;
      }
      const chats: Record<string, string> = {};
      for (const r of found.chats) {
        const name = r.title ?? (r.username ? `@${r.username}` : r.link);
        if (!name) continue;
        if (query.chats.includes(r.id)) chats[r.id] = name;
        if (r.telegram_id && query.chats.includes(r.telegram_id)) chats[r.telegram_id] = name;
      }
      return c.json({ runs, campaigns, accounts, chats }, 200);
    },
  );
