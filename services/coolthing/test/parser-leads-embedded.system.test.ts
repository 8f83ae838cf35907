import { afterAll, beforeAll, describe, it } from 'vitest';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { findEntry } from '../../registry';
import * as flows from './parser-leads-flows';
import { ParserModeApi } from './parser-mode-harness';

describe('CoolThing Parser Mode leads in embedded mode (real parser and watchdog, inline workers)', () => {
  let system: EmbeddedSystem;
  let world: flows.LeadsWorld;
  let ban: flows.BanState;

  beforeAll(async () => {
    const t0 = performance.now();
    system = await startEmbedded({
      entries: flows.PARSER_LEADS_ENTRIES.map(findEntry),
      ports: 'auto',
      env: flows.parserLeadsEnv,
    });
    const api = new ParserModeApi(system.gatewayUrl!);
    await api.login();
    world = await flows.setUpLeadsWorld(api);
    console.log(`embedded: parser leads ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }, 240_000);
  afterAll(async () => system?.stop());

  it(
    '1,000 member messages across 5 chats: exactly the expected leads, each once, with their keywords',
    () => flows.thousandMessagesGiveTheExpectedLeads(world),
    240_000,
  );
  it('a ban in the sandbox: marked, the reserve takes over its campaign and worker, leads keep coming', async () => {
    ban = await flows.banSwapsInTheReserve(world);
  });
  it("the notifier's account-banned message reaches the admin chat through the bot, once", () =>
    flows.adminsToldThroughTheBot(world, ban));
  it('the account-banned message names the reserve that took over', () =>
    flows.alertNamesTheReplacement(world, ban));
});
