import { defineRoute, jsonBody, jsonInput, notFound, problems, unprocessable, z } from '@switchyard/kit';
import { FAULT_KINDS } from '../domain/model';
import { worldFault } from '../domain/world-views';
import { FaultSchema, requireControl, type Deps } from './common';

export const listFaults = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/faults',
      tags: ['faults'],
      summary: 'Injected faults',
      responses: { 200: jsonBody(z.object({ items: z.array(FaultSchema) }), 'Faults') },
    },
    async (c) => c.json({ items: [...deps.world.faults.values()].map(worldFault) }, 200),
  );

/**
 * Injects a fault. Each shows up where Telegram would produce it: `flood_wait` on the
 * account's next call (of `operation`), `slow_mode` on its second message in the chat within
 * `seconds`, `write_forbidden` / `chat_private` / `user_banned_in_chat` on sending there,
 * `peer_flood` and `privacy_restricted` on private messages, `ban_after_dms` after the
 * account's `afterDms`-th private message, `account_banned` at once.
 */
export const createFault = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/faults',
      tags: ['faults'],
      summary: 'Inject a fault for an account, chat or user',
      request: jsonInput(
        z.object({
          kind: z.enum(FAULT_KINDS),
          accountId: z.string().max(40).optional(),
          chatId: z
            .string()
            .regex(/^-?\d{1,20}$/)
            .optional(),
          userId: z
            .string()
            .regex(/^\d{1,20}$/)
            .optional(),
          seconds: z
            .number()
            .int()
            .min(1)
            .max(7 * 24 * 3600)
            .optional(),
          afterDms: z.number().int().min(0).max(100_000).optional(),
          operation: z
            .enum(['any', 'send', 'join', 'leave', 'resolve', 'typing', 'profile', 'history'])
            .default('any'),
          times: z.number().int().min(1).max(1_000_000).optional(),
        }),
      ),
      responses: { 201: jsonBody(FaultSchema, 'Injected'), ...problems(400, 401, 403, 422) },
    },
    async (c) => {
      requireControl(c, deps);
      const f = c.req.valid('json');
      const w = deps.world;
      if (f.accountId && !w.accounts.has(f.accountId)) throw unprocessable('Unknown account.');
      if (f.chatId && !w.chats.has(f.chatId)) throw unprocessable('Unknown chat.');
      if (f.userId && !w.users.has(Number(f.userId))) throw unprocessable('Unknown user.');
      const needs: Record<string, (keyof typeof f)[]> = {
        flood_wait: ['seconds'],
        slow_mode: ['chatId', 'seconds'],
        write_forbidden: ['chatId'],
        chat_private: ['chatId'],
        user_banned_in_chat: ['chatId', 'accountId'],
        account_banned: ['accountId'],
        ban_after_dms: ['accountId', 'afterDms'],
        peer_flood: ['accountId'],
        privacy_restricted: [],
      };
      const missing = (needs[f.kind] ?? []).filter((k) => f[k] === undefined);
      if (f.kind === 'flood_wait' && !f.accountId && !f.userId) missing.push('accountId');
      if (missing.length) throw unprocessable(`A ${f.kind} fault needs: ${missing.join(', ')}.`);
      const fault = w.addFault({
        id: w.newFaultId(),
        kind: f.kind,
        accountId: f.accountId ?? null,
        chatId: f.chatId ?? null,
        userId: f.userId ? Number(f.userId) : null,
        seconds: f.seconds ?? null,
        afterDms: f.afterDms ?? null,
        operation: f.operation,
        // A flood wait fires once by default (then the wait runs out); the rest hold until cleared.
        remaining: f.times ?? (f.kind === 'flood_wait' ? 1 : null),
        createdAt: w.clock.now(),
      });
      if (f.kind === 'slow_mode' && f.seconds) {
        const chat = w.chats.get(f.chatId!)!;
        chat.slowModeSeconds = f.seconds;
        w.sink.chat(chat);
      }
      return c.json(worldFault(fault), 201);
    },
  );

export const deleteFault = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/world/faults/{id}',
      tags: ['faults'],
      summary: 'Clear one fault',
      request: { params: z.object({ id: z.string().max(40) }) },
      responses: { 204: { description: 'Cleared' }, ...problems(401, 403, 404) },
    },
    async (c) => {
      requireControl(c, deps);
      const w = deps.world;
      const fault = w.faults.get(c.req.valid('param').id);
      if (!fault || !w.removeFault(fault.id)) throw notFound('Fault');
      if (fault.kind === 'slow_mode' && fault.chatId) clearSlowMode(deps, fault.chatId);
      return c.body(null, 204);
    },
  );

/** Clears every fault and lifts what they left behind (flood waits, bans, limits, slow mode). */
export const clearFaults = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/world/faults',
      tags: ['faults'],
      summary: 'Clear all faults and their effects',
      responses: { 200: jsonBody(z.object({ cleared: z.number().int() }), 'Cleared'), ...problems(401, 403) },
    },
    async (c) => {
      requireControl(c, deps);
      const w = deps.world;
      const ids = [...w.faults.keys()];
      for (const id of ids) w.removeFault(id);
      for (const a of w.accounts.values()) {
        if (a.status !== 'active' || a.floodUntil > 0) {
          a.status = 'active';
          a.bannedReason = null;
          a.floodUntil = 0;
          w.saveAccount(a);
        }
      }
      for (const chat of w.chats.values()) if (chat.slowModeSeconds > 0) clearSlowMode(deps, chat.id);
      return c.json({ cleared: ids.length }, 200);
    },
  );

function clearSlowMode(deps: Deps, chatId: string) {
  const chat = deps.world.chats.get(chatId);
  if (!chat) return;
  chat.slowModeSeconds = 0;
  deps.world.sink.chat(chat);
}
