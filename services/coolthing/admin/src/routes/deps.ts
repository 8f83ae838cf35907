import type { Accounts } from '../app/accounts';
import type { ChatResolver } from '../app/chats';
import type { DemoSeeder } from '../app/demo';
import type { Infra } from '../app/deps';
import type { AccountOnboarding } from '../app/onboarding';
import type { ScriptRuns } from '../app/script-runs';
import type { Clients } from './dead-letters-common';

/** What route handlers receive: the infrastructure and the use cases built on it. */
export interface Deps extends Infra {
  accounts: Accounts;
  onboarding: AccountOnboarding;
  chats: ChatResolver;
  runs: ScriptRuns;
  demo: DemoSeeder;
  /** Fellow services (the dead-letter API of each). */
  clients: Clients;
}
