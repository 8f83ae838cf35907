import { NewActiveScript } from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import { planRun, type PlanDeps } from '../app/plan-run';

/**
 * Admin activated a script: plan the run. Not transactional: it calls admin over HTTP, and
 * holding a transaction across that call would block the shared embedded database.
 */
export function newActiveScriptSubscription(deps: PlanDeps): SubscriptionSpec {
  return {
    name: 'new_active_script',
    // The seeds' queue name (reference §4), kept so their tooling finds it.
    queue: 'scripts_queue',
    transactional: false,
    handlers: [
      on(NewActiveScript, async (event) => void (await planRun(deps, event.script_for_campaign_id))),
    ],
  };
}
