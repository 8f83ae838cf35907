import type { RouteDef } from '@switchyard/kit';
import {
  checkAccountRoute,
  deleteAccountRoute,
  getAccountRoute,
  listAccountsRoute,
  patchAccountRoute,
} from './accounts';
import { listAuditRoute } from './audit';
import { createBotRoute, deleteBotRoute, getBotRoute, listBotsRoute, patchBotRoute } from './bots';
import {
  createCampaignRoute,
  deleteCampaignRoute,
  getCampaignRoute,
  listCampaignsRoute,
  patchCampaignRoute,
} from './campaigns';
import {
  createChatRoute,
  deleteChatRoute,
  getChatRoute,
  listChatsRoute,
  patchChatRoute,
  resolveChatRoute,
} from './chats';
import { getDeadLetterRoute } from './dead-letters-get';
import { listDeadLettersRoute } from './dead-letters-list';
import { replayDeadLettersRoute } from './dead-letters-replay';
import { demoStatusRoute } from './demo';
import type { Deps } from './deps';
import {
  acquireLeaseRoute,
  internalCredentialsRoute,
  releaseLeaseRoute,
  renewLeaseRoute,
  reportStatusRoute,
} from './internal-accounts';
import { internalReplaceAccountRoute } from './internal-account-replace';
import { internalStopAccountRoute } from './internal-account-stop';
import { internalAccountWorkersRoute } from './internal-account-workers';
import { internalCampaignRoute } from './internal-campaigns';
import { internalNamesRoute } from './internal-names';
import { internalParserAssignmentRoute } from './internal-parser-assignments';
import { internalRunRoute } from './internal-runs';
import { internalBotsRoute, internalLlmProfileRoute } from './internal-secrets';
import {
  createLlmProfileRoute,
  deleteLlmProfileRoute,
  getLlmProfileRoute,
  listLlmProfilesRoute,
  patchLlmProfileRoute,
} from './llm-profiles';
import {
  cancelOnboardingRoute,
  getOnboardingRoute,
  importSessionRoute,
  startOnboardingRoute,
  submitCodeRoute,
  submitPasswordRoute,
} from './onboarding';
import { previewDraftScriptRoute, previewSavedScriptRoute } from './script-preview';
import {
  activateRunRoute,
  getRunRoute,
  listRunsRoute,
  pauseRunRoute,
  resumeRunRoute,
  stopRunRoute,
} from './script-runs';
import {
  createScriptRoute,
  deleteScriptRoute,
  getScriptRoute,
  listScriptsRoute,
  replaceScriptRoute,
} from './scripts';

export type { Deps };

/** Every operation; fixed paths come before `/{id}` ones that would match them too. */
export function routes(deps: Deps): RouteDef[] {
  return [
    // accounts and onboarding
    listAccountsRoute,
    startOnboardingRoute,
    getOnboardingRoute,
    submitCodeRoute,
    submitPasswordRoute,
    cancelOnboardingRoute,
    importSessionRoute,
    getAccountRoute,
    patchAccountRoute,
    deleteAccountRoute,
    checkAccountRoute,
    // notification bots, LLM profiles, chat registry
    listBotsRoute,
    createBotRoute,
    getBotRoute,
    patchBotRoute,
    deleteBotRoute,
    listLlmProfilesRoute,
    createLlmProfileRoute,
    getLlmProfileRoute,
    patchLlmProfileRoute,
    deleteLlmProfileRoute,
    listChatsRoute,
    createChatRoute,
    getChatRoute,
    patchChatRoute,
    deleteChatRoute,
    resolveChatRoute,
    // campaigns, scripts, runs
    listCampaignsRoute,
    createCampaignRoute,
    getCampaignRoute,
    patchCampaignRoute,
    deleteCampaignRoute,
    listScriptsRoute,
    createScriptRoute,
    previewDraftScriptRoute,
    getScriptRoute,
    replaceScriptRoute,
    deleteScriptRoute,
    previewSavedScriptRoute,
    listRunsRoute,
    activateRunRoute,
    getRunRoute,
    stopRunRoute,
    pauseRunRoute,
    resumeRunRoute,
    // audit, demo
    listAuditRoute,
    demoStatusRoute,
    // dead letters of every CoolThing service
    listDeadLettersRoute,
    replayDeadLettersRoute,
    getDeadLetterRoute,
    // fellow services
    internalRunRoute,
    internalCampaignRoute,
    internalCredentialsRoute,
    acquireLeaseRoute,
    renewLeaseRoute,
    releaseLeaseRoute,
    reportStatusRoute,
    internalBotsRoute,
    internalLlmProfileRoute,
    internalNamesRoute,
    internalParserAssignmentRoute,
    internalAccountWorkersRoute,
    internalReplaceAccountRoute,
    internalStopAccountRoute,
  ].map((route) => route(deps));
}
