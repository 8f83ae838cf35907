import type { RouteDef } from '@switchyard/kit';
import type { RouteDeps } from './deps';
import { inboxGet } from './inbox-get';
import { inboxList } from './inbox-list';
import { inboxView } from './inbox-page';
import { mailLog } from './mail-log';

/** The mailer's operations; the page comes before `/inbox/{id}` so `view` is not taken for an id. */
export function routes(deps: RouteDeps): RouteDef[] {
  return [inboxList, inboxView, inboxGet, mailLog].map((route) => route(deps));
}
