// Embedded demo: once the Telegram sandbox answers, register its chats (permission `owned`),
// create the coworking script and a scripts campaign, and sign in its actor accounts, so an
// operator can launch a run right after `npm start`. Each step runs once (demo_steps), in
// the background, retrying until the sandbox is ready; readiness never waits for it.
import { newId } from '@switchyard/bus';
import { coworkingScript, countScriptVariants } from '@switchyard/coolthing-script';
import type { BackgroundTask } from '@switchyard/kit';
import { isUniqueViolation, type Transaction } from '@switchyard/store';
import type { AdminDB } from '../db';
import { systemActor } from '../domain/audit';
import { newCampaign } from '../domain/campaign';
import { findAccountByPhone } from '../repositories/accounts';
import { recordAudit } from '../repositories/audit';
import { insertCampaign } from '../repositories/campaigns';
import { findChatByTelegramId, insertChat } from '../repositories/chats';
import { jsonb } from '../repositories/common';
import { demoStep } from '../repositories/demo-steps';
import { insertScript } from '../repositories/scripts';
import type { Infra } from './deps';
import type { AccountOnboarding } from './onboarding';

/** The part of the sandbox's world API the demo reads (`GET /world/chats`, `/world/accounts`, `/world/codes`). */
export interface SandboxWorld {
  get<T>(path: string): Promise<T>;
}

export class WorldRefused extends Error {
  override name = 'WorldRefused';
  constructor(readonly status: number) {
    super(`the sandbox refused world control (${status})`);
  }
}

interface WorldChat {
  id: string;
  kind: 'group' | 'supergroup' | 'channel';
  title: string;
  username: string | null;
  inviteLink: string | null;
  isPrivate: boolean;
  lang: string;
  membersCount: number;
  isAdminChat: boolean;
}

interface WorldAccount {
  phone: string;
  roleHint: 'parser' | 'manager' | 'actor' | null;
  twoFactor: boolean;
}

export type DemoState =
  'disabled' | 'waiting_for_sandbox' | 'waiting_for_sandbox_control' | 'seeding' | 'ready';

export interface DemoStatus {
  state: DemoState;
  detail: string | null;
  scriptId: string | null;
  campaignId: string | null;
  chatIds: string[];
  accountIds: string[];
  /** A body for `POST /script-runs` that starts the demo run. */
  activation: {
    scriptId: string;
    campaignId: string;
    mapping: Record<string, string>;
    chatIds: string[];
  } | null;
}

export const DEMO_CAMPAIGN_NAME = 'Hive Coworking (demo)';
const actor = systemActor('demo');

export class DemoSeeder {
  private current: DemoStatus = {
    state: 'waiting_for_sandbox',
    detail: null,
    scriptId: null,
    campaignId: null,
    chatIds: [],
    accountIds: [],
    activation: null,
  };

  constructor(
    private readonly infra: Infra,
    private readonly onboarding: AccountOnboarding,
    private readonly world: SandboxWorld | null,
    private readonly enabled: boolean,
  ) {
    if (!enabled || !world)
      this.current = {
        ...this.current,
        state: 'disabled',
        detail: !enabled
          ? 'COOLTHING_DEMO is off'
          : 'the demo needs the Telegram sandbox (TELEGRAM_MODE=sandbox and SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX)',
      };
  }

  status(): DemoStatus {
    return this.current;
  }

  task(): BackgroundTask {
    return {
      name: 'demo-data',
      run: async (signal) => {
        if (this.current.state === 'disabled') return;
        let delay = 500;
        let warned = false;
        while (!signal.aborted) {
          try {
            if (await this.seed()) return;
            delay = 30_000;
          } catch (err) {
            const refused = err instanceof WorldRefused;
            this.current = {
              ...this.current,
              state: refused ? 'waiting_for_sandbox_control' : 'waiting_for_sandbox',
              detail: refused
                ? 'The sandbox refuses world control to this service (SANDBOX_CONTROL_AUTH=roles): its actor ' +
                  'accounts cannot be signed in automatically. Set SANDBOX_CONTROL_AUTH=open, or sign them in ' +
                  'through POST /accounts/onboarding with codes from the sandbox.'
                : (err as Error).message.slice(0, 300),
            };
            // Said once: the state stays visible at GET /demo while the task keeps trying.
            if (refused && !warned) {
              warned = true;
              this.infra.log.warn({ detail: this.current.detail }, 'demo: the sandbox refuses world control');
            }
            delay = Math.min(delay * 2, 30_000);
          }
          await sleep(delay, signal);
        }
      },
    };
  }

  /** One pass over the steps; true when everything is in place. */
  async seed(): Promise<boolean> {
    const chats = await this.world!.get<{ items: WorldChat[] }>('/world/chats');
    this.current = { ...this.current, state: 'seeding', detail: null };
    const chatIds = await this.step('chats', this.registerChats(chats.items), (r) => r.chatIds as string[]);
    const scriptId = await this.step(
      'script',
      (trx) => this.createScript(trx),
      (r) => r.scriptId as string,
    );
    const targets = chats.items
      .filter((c) => !c.isAdminChat && !c.isPrivate && c.lang === coworkingScript.language)
      .map((c) => c.id);
    const campaignId = await this.step(
      'campaign',
      (trx) => this.createCampaign(trx, targets),
      (r) => r.campaignId as string,
    );
    this.current = { ...this.current, scriptId, campaignId, chatIds };
    const accountIds = await this.signInActors();
    const campaignChats =
      ((await demoStep(this.infra.db, 'campaign'))?.chatIds as string[] | undefined) ?? [];
    const ready = accountIds.length >= coworkingScript.roles.length;
    this.current = {
      state: ready ? 'ready' : 'seeding',
      detail: ready
        ? null
        : `${accountIds.length} of ${coworkingScript.roles.length} actor accounts signed in`,
      scriptId,
      campaignId,
      chatIds,
      accountIds,
      activation: ready
        ? {
            scriptId,
            campaignId,
            mapping: Object.fromEntries(
              coworkingScript.roles.map((r, i) => [String(r.index), accountIds[i]!]),
            ),
            chatIds: campaignChats.slice(0, 2),
          }
        : null,
    };
    if (ready) this.infra.log.info({ campaignId, scriptId, accounts: accountIds.length }, 'demo data ready');
    return ready;
  }

  /** Runs a step once across restarts and instances: the step's row is claimed first. */
  private async step<T>(
    name: string,
    make: (trx: Transaction<AdminDB>) => Promise<Record<string, unknown>>,
    pick: (result: Record<string, unknown>) => T,
  ): Promise<T> {
    const done = await demoStep(this.infra.db, name);
    if (done) return pick(done);
    const result = await this.infra.transaction(async (trx) => {
      const claimed = await trx
        .insertInto('demo_steps')
        .values({ step: name, result: jsonb({}) })
        .onConflict((oc) => oc.column('step').doNothing())
        .returning('step')
        .executeTakeFirst();
      if (!claimed) return null;
      const made = await make(trx);
      await trx
        .updateTable('demo_steps')
        .set({ result: jsonb(made) })
        .where('step', '=', name)
        .execute();
      return made;
    });
    return pick(result ?? (await demoStep(this.infra.db, name))!);
  }

  private registerChats(chats: WorldChat[]) {
    return async (trx: Transaction<AdminDB>) => {
      const ids: string[] = [];
      for (const chat of chats) {
        if (chat.isAdminChat) continue;
        const existing = await findChatByTelegramId(trx, chat.id);
        if (existing) {
          ids.push(existing.id);
          continue;
        }
        const row = await insertChat(trx, {
          id: newId(),
          telegram_id: chat.id,
          username: chat.username,
          link: chat.username ? `https://t.me/${chat.username}` : chat.inviteLink,
          title: chat.title,
          kind: chat.kind === 'channel' ? 'channel_comments' : chat.kind,
          members_count: chat.membersCount,
          language: chat.lang,
          tags: ['demo'],
          permission: 'owned',
          permission_note: 'A chat of the sandbox demo world, owned by the demo.',
          resolved_at: this.infra.clock(),
          deleted_at: null,
        });
        await recordAudit(trx, actor, {
          action: 'chat.created',
          entityType: 'chat',
          entityId: row.id,
          details: { demo: true },
        });
        ids.push(row.id);
      }
      return { chatIds: ids };
    };
  }

  private async createScript(trx: Transaction<AdminDB>): Promise<Record<string, unknown>> {
    const id = newId();
    await insertScript(
      trx,
      id,
      { script: coworkingScript, variantsTotal: countScriptVariants(coworkingScript).total },
      'demo',
    );
    await recordAudit(trx, actor, {
      action: 'script.created',
      entityType: 'script',
      entityId: id,
      details: { demo: true },
    });
    return { scriptId: id };
  }

  private async createCampaign(
    trx: Transaction<AdminDB>,
    telegramIds: string[],
  ): Promise<Record<string, unknown>> {
    const chatIds: string[] = [];
    for (const telegramId of telegramIds) {
      const chat = await findChatByTelegramId(trx, telegramId);
      if (chat) chatIds.push(chat.id);
    }
    const id = newId();
    await insertCampaign(
      trx,
      id,
      newCampaign({
        name: DEMO_CAMPAIGN_NAME,
        type: 'scripts',
        status: 'active',
        scope: 'demo',
        targetChatIds: chatIds,
      }),
    );
    await recordAudit(trx, actor, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: id,
      details: { demo: true },
    });
    return { campaignId: id, chatIds };
  }

  /** Signs in the sandbox's actor accounts that have no account here yet; returns all of their ids. */
  private async signInActors(): Promise<string[]> {
    const { items } = await this.world!.get<{ items: WorldAccount[] }>('/world/accounts');
    const actors = items.filter((a) => a.roleHint === 'actor').sort((a, b) => a.phone.localeCompare(b.phone));
    const ids: string[] = [];
    for (const world of actors) {
      const existing = await findAccountByPhone(this.infra.db, world.phone);
      if (existing) {
        ids.push(existing.id);
        continue;
      }
      if (world.twoFactor) continue;
      try {
        const started = await this.onboarding.start(actor, {
          phone: world.phone,
          role: 'actor',
          tags: ['demo'],
        });
        const { items: codes } = await this.world!.get<{ items: { code: string }[] }>(
          `/world/codes?phone=${encodeURIComponent(world.phone.replace(/\D/g, ''))}`,
        );
        const code = codes.at(-1)?.code;
        if (!code) continue;
        const result = await this.onboarding.submitCode(actor, started.id, code);
        if (result.status === 'signed_in') ids.push(result.account.id);
      } catch (err) {
        if (isUniqueViolation(err)) {
          const other = await findAccountByPhone(this.infra.db, world.phone);
          if (other) ids.push(other.id);
          continue;
        }
        throw err;
      }
    }
    return ids;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
