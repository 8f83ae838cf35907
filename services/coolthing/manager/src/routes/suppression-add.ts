import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import { Reason } from './common';
import type { Deps } from './deps';
import { SuppressionSchema, suppressionView } from './views';

const Input = z
  .strictObject({
    userId: z
      .string()
      .regex(/^\d{1,20}$/, 'a Telegram user id')
      .optional(),
    username: z
      .string()
      .trim()
      .transform((u) => u.replace(/^@/, ''))
      .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a Telegram username'))
      .optional(),
    reason: Reason.optional(),
  })
  .refine((v) => v.userId || v.username, { message: 'give userId or username', path: ['userId'] });

export const addSuppressionRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/suppressions',
      tags: ['suppression list'],
      summary:
        'Put a user on the do-not-contact list: their open leads stop, account workers refuse to write to them',
      security,
      request: jsonInput(Input),
      responses: {
        201: jsonBody(SuppressionSchema, 'Added'),
        200: jsonBody(SuppressionSchema, 'Already on the list'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const body = c.req.valid('json');
      const { row, created } = await deps.leads.suppress(actor, {
        userId: body.userId ?? null,
        username: body.username ?? null,
        reason: body.reason ?? null,
      });
      return c.json(suppressionView(row), created ? 201 : 200);
    },
  );
