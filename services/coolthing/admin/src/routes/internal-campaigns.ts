// A Parser Mode campaign for the manager: its settings, its LLM profile with the API key opened,
// and its manager accounts. Fellow services only; never exposed through the gateway.
import { InternalCampaignSchema } from '@switchyard/contracts/coolthing-admin';
import { defineRoute, jsonBody, notFound, problems, requireInternal, z } from '@switchyard/kit';
import { listAccounts } from '../repositories/accounts';
import { findCampaign } from '../repositories/campaigns';
import { findLlmProfile } from '../repositories/llm-profiles';
import { iso } from '../views/common';
import type { Deps } from './deps';
import { withApiKey } from './internal-secrets';

// The manager's contract; `meta` names it in the OpenAPI document.
const CampaignSchema = InternalCampaignSchema.meta({ id: 'InternalParserCampaign' });

/** More manager accounts than one campaign can sensibly use. */
const MAX_ACCOUNTS = 500;

export const internalCampaignRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/campaigns/{id}',
      tags: ['internal'],
      summary:
        'A campaign with its parser settings, its LLM profile (API key opened) and its manager accounts (fellow services only)',
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 200: jsonBody(CampaignSchema, 'The campaign'), ...problems(404) },
    },
    async (c) => {
      requireInternal(c);
      const campaign = await findCampaign(deps.db, c.req.valid('param').id);
      if (!campaign) throw notFound('Campaign');
      const profile = campaign.llm_profile_id
        ? await findLlmProfile(deps.db, campaign.llm_profile_id)
        : undefined;
      const accounts = await listAccounts(
        deps.db,
        { role: 'manager', campaignId: campaign.id },
        { limit: MAX_ACCOUNTS, offset: 0 },
      );
      const today = deps.clock().toISOString().slice(0, 10);
      return c.json(
        {
          id: campaign.id,
          name: campaign.name,
          type: campaign.type,
          status: campaign.status,
          schedule: campaign.schedule,
          pacing: campaign.pacing,
          caps: campaign.caps,
          languages: campaign.languages,
          offerBrief: campaign.offer_brief,
          welcomeTemplate: campaign.welcome_template,
          followUp: campaign.follow_up,
          approvalMode: campaign.approval_mode,
          autoReply: campaign.auto_reply,
          llmProfile: profile ? withApiKey(deps, profile) : null,
          accounts: accounts.items
            .sort((a, b) => a.id.localeCompare(b.id))
            .map((a) => {
              const current = a.counters_day === today;
              return {
                id: a.id,
                status: a.status,
                username: a.username,
                telegramUserId: a.telegram_user_id,
                warmupStage: a.warmup_stage,
                floodWaitUntil: iso(a.flood_wait_until),
                isReserve: a.is_reserve,
                countersDay: a.counters_day,
                contactsToday: current ? a.contacts_today : 0,
                messagesToday: current ? a.messages_today : 0,
              };
            }),
        },
        200,
      );
    },
  );
