import { defineRoute, jsonBody, jsonInput, problems } from '@switchyard/kit';
import { ResolveInput, ResolveOutput } from '@switchyard/contracts';
import { resolve } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

export const clientResolve = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/resolve',
      tags: ['client'],
      summary: 'Resolve a username, link or id to a user or chat',
      request: { headers: clientHeaders, ...jsonInput(ResolveInput) },
      responses: { 200: jsonBody(ResolveOutput, 'What the reference points at'), ...problems(400, 401) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      const { ref, expect } = c.req.valid('json');
      return c.json(
        telegram(() => resolve(deps.world, account, ref, expect)),
        200,
      );
    },
  );
