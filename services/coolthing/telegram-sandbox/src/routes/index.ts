import type { RouteDef } from '@switchyard/kit';
import { clientCheckPassword } from './client-check-password';
import { clientJoin } from './client-join';
import { clientLeave } from './client-leave';
import { clientMe } from './client-me';
import { clientOwnMessages } from './client-own-messages';
import { clientProfile } from './client-profile';
import { clientResolve } from './client-resolve';
import { clientSend } from './client-send';
import { clientSendCode } from './client-send-code';
import { clientSignIn } from './client-sign-in';
import { clientTyping } from './client-typing';
import type { Deps } from './common';
import { createAccountRoute, listAccounts } from './world-accounts';
import { createBotRoute, listBots } from './world-bots';
import { addChatMember, chatMembers } from './world-chat-members';
import { chatMessages } from './world-chat-messages';
import { postAsMember, simulateChatter } from './world-chat-post';
import { createChatRoute, getChat, listChats } from './world-chats';
import { worldAdvanceClock, worldChatter } from './world-clock';
import { listCodes } from './world-codes';
import { listDialogs } from './world-dialogs';
import { clearFaults, createFault, deleteFault, listFaults } from './world-faults';
import { worldReset } from './world-reset';
import { worldSummary } from './world-summary';
import { createUser, getUser, sendDirect } from './world-users';

export type { Deps } from './common';

/** Every OpenAPI operation of the sandbox: the client API (for the adapter) and world control. */
export function routes(deps: Deps): RouteDef[] {
  return [
    clientSendCode,
    clientSignIn,
    clientCheckPassword,
    clientMe,
    clientJoin,
    clientLeave,
    clientResolve,
    clientProfile,
    clientSend,
    clientTyping,
    clientOwnMessages,
    worldSummary,
    worldReset,
    worldAdvanceClock,
    worldChatter,
    listAccounts,
    createAccountRoute,
    listCodes,
    listChats,
    createChatRoute,
    getChat,
    chatMessages,
    chatMembers,
    addChatMember,
    postAsMember,
    simulateChatter,
    createUser,
    getUser,
    sendDirect,
    listDialogs,
    listFaults,
    createFault,
    deleteFault,
    clearFaults,
    listBots,
    createBotRoute,
  ].map((r) => r(deps));
}
