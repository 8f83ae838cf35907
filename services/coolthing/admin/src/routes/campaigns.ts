import { newId } from '@switchyard/bus';
import {
  conflict,
  defineRoute,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  unprocessable,
  z,
  type FieldError,
} from '@switchyard/kit';
import type { Conn } from '../db';
import { sentKeys } from '../domain/audit';
import {
  applyCampaignPatch,
  changedFields,
  newCampaign,
  statusChangeProblem,
  type CampaignFields,
} from '../domain/campaign';
import { APPROVAL_MODES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '../domain/types';
import { recordAudit } from '../repositories/audit';
import {
  fieldsOf,
  findCampaign,
  insertCampaign,
  listCampaigns,
  softDeleteCampaign,
  updateCampaign,
} from '../repositories/campaigns';
import { findChats } from '../repositories/chats';
import { findLlmProfile } from '../repositories/llm-profiles';
import { unfinishedRunOf } from '../repositories/runs';
import { CampaignSchema, campaignView } from '../views/campaigns';
import { Id, IdParam, pageOf, PageQuery } from '../views/common';
import { allow, security } from './auth';
import type { Deps } from './deps';
import {
  CapsInput,
  FollowUpInput,
  Keywords,
  Languages,
  OptionalText,
  PacingInput,
  ScheduleInput,
} from './inputs';

const tags = ['campaigns'];

const editable = {
  scope: OptionalText(100),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  targetChatIds: z.array(Id).max(500).optional(),
  schedule: ScheduleInput.optional(),
  pacing: PacingInput.optional(),
  caps: CapsInput.optional(),
  plusKeywords: Keywords.optional(),
  minusKeywords: Keywords.optional(),
  languages: Languages.optional(),
  llmProfileId: Id.nullable().optional(),
  offerBrief: OptionalText(10_000),
  welcomeTemplate: OptionalText(4096),
  followUp: FollowUpInput.optional(),
  approvalMode: z.enum(APPROVAL_MODES).optional(),
  autoReply: z.boolean().optional(),
};

const CampaignInput = z
  .strictObject({ name: z.string().trim().min(1).max(200), type: z.enum(CAMPAIGN_TYPES), ...editable })
  .openapi('CampaignInput');
const CampaignPatch = z
  .strictObject({ name: z.string().trim().min(1).max(200).optional(), ...editable })
  .openapi('CampaignPatch');

/** References must point at things that exist: the original let an empty select mean "no profile". */
async function checkReferences(
  conn: Conn,
  next: CampaignFields,
  sent: { targetChatIds?: unknown; llmProfileId?: unknown },
) {
  const errors: FieldError[] = [];
  if (sent.targetChatIds !== undefined) {
    const found = await findChats(conn, next.targetChatIds);
    next.targetChatIds.forEach((id, i) => {
      if (!found.has(id))
        errors.push({ path: `body.targetChatIds.${i}`, message: `chat ${id} is not in the registry` });
    });
    if (new Set(next.targetChatIds).size !== next.targetChatIds.length)
      errors.push({ path: 'body.targetChatIds', message: 'each chat once' });
  }
  if (
    sent.llmProfileId !== undefined &&
    next.llmProfileId &&
    !(await findLlmProfile(conn, next.llmProfileId))
  )
    errors.push({ path: 'body.llmProfileId', message: 'unknown LLM profile' });
  if (errors.length) throw unprocessable('The campaign refers to things that do not exist.', errors);
}

export const listCampaignsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/campaigns',
      tags,
      summary: 'Campaigns, newest first, with filters',
      security,
      request: {
        query: z.object({
          type: z.enum(CAMPAIGN_TYPES).optional(),
          status: z.enum(CAMPAIGN_STATUSES).optional(),
          scope: z.string().max(100).optional(),
          chatId: z.string().max(64).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(CampaignSchema, 'CampaignPage'), 'A page of campaigns'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listCampaigns(deps.db, filter, { limit, offset });
      return c.json({ ...page, items: page.items.map(campaignView) }, 200);
    },
  );

export const getCampaignRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/campaigns/{id}',
      tags,
      summary: 'One campaign',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(CampaignSchema, 'The campaign'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const row = await findCampaign(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Campaign');
      return c.json(campaignView(row), 200);
    },
  );

export const createCampaignRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/campaigns',
      tags,
      summary: 'Create a campaign (unsent settings get safe defaults: review mode, caps, 09:00-21:00)',
      security,
      request: jsonInput(CampaignInput),
      responses: { 201: jsonBody(CampaignSchema, 'Created'), ...problems(400, 401, 403, 422) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const input = c.req.valid('json');
      const fields = newCampaign(input);
      const id = newId();
      const row = await deps.transaction(async (trx) => {
        await checkReferences(trx, fields, input);
        const created = await insertCampaign(trx, id, fields);
        await recordAudit(trx, actor, {
          action: 'campaign.created',
          entityType: 'campaign',
          entityId: id,
          details: { type: fields.type, name: fields.name },
        });
        return created;
      });
      return c.json(campaignView(row), 201);
    },
  );

export const patchCampaignRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/campaigns/{id}',
      tags,
      summary:
        'Change some fields of a campaign; fields not sent (and nested ones not sent) stay as they are',
      security,
      request: { params: IdParam, ...jsonInput(CampaignPatch) },
      responses: {
        200: jsonBody(CampaignSchema, 'The campaign as it is now'),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const row = await deps.transaction(async (trx) => {
        const current = await findCampaign(trx, id);
        if (!current) throw notFound('Campaign');
        const before = fieldsOf(current);
        if (patch.status) {
          const problem = statusChangeProblem(before.status, patch.status);
          if (problem) throw conflict(`Cannot change the status: ${problem}.`);
        }
        const after = applyCampaignPatch(before, patch);
        await checkReferences(trx, after, patch);
        const updated = await updateCampaign(trx, id, after);
        await recordAudit(trx, actor, {
          action: 'campaign.updated',
          entityType: 'campaign',
          entityId: id,
          details: { sent: sentKeys(patch), changed: changedFields(before, after) },
        });
        return updated!;
      });
      return c.json(campaignView(row), 200);
    },
  );

export const deleteCampaignRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/campaigns/{id}',
      tags,
      summary: 'Delete a campaign with no run in progress',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { id } = c.req.valid('param');
      await deps.transaction(async (trx) => {
        const run = await unfinishedRunOf(trx, { campaignId: id });
        if (run) throw conflict(`Run ${run} of this campaign has not ended; stop it first.`);
        if (!(await softDeleteCampaign(trx, id))) throw notFound('Campaign');
        await recordAudit(trx, actor, { action: 'campaign.deleted', entityType: 'campaign', entityId: id });
      });
      return c.body(null, 204);
    },
  );
