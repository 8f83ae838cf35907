import type { RouteDef } from '@switchyard/kit';
import { listAuditRoute } from './audit-list';
import type { Deps } from './deps';
import { annotateLeadRoute } from './lead-annotate';
import { autoReplyRoute } from './lead-auto-reply';
import { approveDraftRoute } from './lead-draft-approve';
import { editDraftRoute } from './lead-draft-edit';
import { rejectDraftRoute } from './lead-draft-reject';
import { retryDraftRoute } from './lead-draft-retry';
import { getLeadRoute } from './lead-get';
import { sendMessageRoute } from './lead-message';
import { setStatusRoute } from './lead-status';
import { takeOverRoute } from './lead-takeover';
import { exportLeadsRoute } from './leads-export';
import { listLeadsRoute } from './leads-list';
import { addSuppressionRoute } from './suppression-add';
import { deleteSuppressionRoute } from './suppression-delete';
import { listSuppressionsRoute } from './suppressions-list';

export type { Deps };

/** Every operation; fixed paths come before `/{id}` ones that would match them too. */
export function routes(deps: Deps): RouteDef[] {
  return [
    listLeadsRoute,
    exportLeadsRoute,
    getLeadRoute,
    annotateLeadRoute,
    setStatusRoute,
    editDraftRoute,
    approveDraftRoute,
    rejectDraftRoute,
    retryDraftRoute,
    takeOverRoute,
    autoReplyRoute,
    sendMessageRoute,
    listSuppressionsRoute,
    addSuppressionRoute,
    deleteSuppressionRoute,
    listAuditRoute,
  ].map((route) => route(deps));
}
