import { defineRoute, jsonBody, notFound, problems } from '@switchyard/kit';
import { findLead } from '../repositories/leads';
import { conversation } from '../repositories/messages';
import { outboundOfLead } from '../repositories/outbound';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { LeadDetailSchema, LeadIdParam, leadView, messageView, outboundView } from './views';

export const getLeadRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/leads/{id}',
      tags: ['leads'],
      summary: 'A lead with its conversation (oldest first) and the messages requested for it',
      security,
      request: { params: LeadIdParam },
      responses: { 200: jsonBody(LeadDetailSchema, 'The lead'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const lead = await findLead(deps.db, c.req.valid('param').id);
      if (!lead) throw notFound('Lead');
      const [messages, outbound] = await Promise.all([
        conversation(deps.db, lead.id),
        outboundOfLead(deps.db, lead.id),
      ]);
      return c.json(
        { ...leadView(lead), conversation: messages.map(messageView), outbound: outbound.map(outboundView) },
        200,
      );
    },
  );
