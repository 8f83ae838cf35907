import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import type { Deps } from './deps';

const DemoSchema = z
  .object({
    state: z.enum(['disabled', 'waiting_for_sandbox', 'waiting_for_sandbox_control', 'seeding', 'ready']),
    detail: z.string().nullable(),
    scriptId: z.string().nullable(),
    campaignId: z.string().nullable(),
    chatIds: z.array(z.string()),
    accountIds: z.array(z.string()),
    activation: z
      .object({
        scriptId: z.string(),
        campaignId: z.string(),
        mapping: z.record(z.string(), z.string()),
        chatIds: z.array(z.string()),
      })
      .nullable(),
  })
  .openapi('DemoStatus');

export const demoStatusRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/demo',
      tags: ['demo'],
      summary: 'The embedded demo: what is set up, and a body for POST /script-runs that starts its run',
      security,
      responses: { 200: jsonBody(DemoSchema, 'Demo status'), ...problems(401, 403) },
    },
    async (c) => {
      allow(c, 'read');
      return c.json(deps.demo.status(), 200);
    },
  );
