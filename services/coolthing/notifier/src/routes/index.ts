import type { RouteDef } from '@switchyard/kit';
import type { Infra } from '../app/deps';
import { ackAlertRoute } from './ack-alert';
import { getAlertRoute } from './get-alert';
import { listAlertsRoute } from './list-alerts';
import { listTargetsRoute } from './list-targets';
import { postNotificationRoute } from './post-notification';

/** Every operation of the notifier. */
export function routes(deps: Infra): RouteDef[] {
  return [
    postNotificationRoute(deps),
    listTargetsRoute(deps),
    listAlertsRoute(deps),
    getAlertRoute(deps),
    ackAlertRoute(deps),
  ];
}
