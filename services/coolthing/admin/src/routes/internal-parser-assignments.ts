// A parser account's work: the active parser campaign it serves, with its keywords and the
// share of the campaign's chats this account watches (the campaign's available parser accounts
// split them; one that is paused or banned gives its chats to the others). Fellow services only.
import { createHash } from 'node:crypto';
import { ParserAssignmentSchema } from '@switchyard/contracts/coolthing-admin';
import { conflict, defineRoute, jsonBody, notFound, problems, requireInternal, z } from '@switchyard/kit';
import { chatsOf } from '../domain/chat-partition';
import { findAccount } from '../repositories/accounts';
import {
  activeParserCampaign,
  availableParserAccounts,
  knownAccountUserIds,
  liveChats,
} from '../repositories/worker-accounts';
import type { Deps } from './deps';

// The parser's contract; `meta` names it in the OpenAPI document.
const AssignmentSchema = ParserAssignmentSchema.meta({ id: 'ParserAssignment' });

export const internalParserAssignmentRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/parser-assignments/{accountId}',
      tags: ['internal'],
      summary: "A parser account's campaigns, keywords and its share of their chats (fellow services only)",
      request: { params: z.object({ accountId: z.string().min(1).max(64) }) },
      responses: { 200: jsonBody(AssignmentSchema, 'The assignment'), ...problems(404, 409) },
    },
    async (c) => {
      requireInternal(c);
      const { accountId } = c.req.valid('param');
      const account = await findAccount(deps.db, accountId);
      if (!account) throw notFound('Account');
      if (account.role !== 'parser')
        throw conflict(`Account ${accountId} is a ${account.role} account, not a parser.`);
      const campaigns = [];
      const campaign = account.campaign_id
        ? await activeParserCampaign(deps.db, account.campaign_id)
        : undefined;
      if (campaign) {
        const sharing = await availableParserAccounts(deps.db, campaign.id, deps.clock());
        const chats = await liveChats(deps.db, campaign.target_chat_ids);
        const mine = new Set(
          chatsOf(
            account.id,
            chats.map((ch) => ch.id),
            sharing,
          ),
        );
        campaigns.push({
          id: campaign.id,
          name: campaign.name,
          plusKeywords: campaign.plus_keywords,
          minusKeywords: campaign.minus_keywords,
          languages: campaign.languages,
          dedupWindowSeconds: null,
          chats: chats
            .filter((ch) => mine.has(ch.id))
            .map((ch) => ({
              id: ch.id,
              link: ch.link,
              username: ch.username,
              telegramId: ch.telegram_id,
              title: ch.title,
            })),
          sharedBy: sharing.length,
        });
      }
      const body = {
        accountId: account.id,
        status: account.status,
        telegramUserId: account.telegram_user_id,
        campaigns,
        knownAccountUserIds: await knownAccountUserIds(deps.db),
      };
      const revision = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
      return c.json({ ...body, revision }, 200);
    },
  );
