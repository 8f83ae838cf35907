import type { RouteDef } from '@switchyard/kit';
import type { Deps } from './deps';
import { getRunRoute, listRunsRoute } from './get-run';
import { internalPlanRoute } from './internal-plan';

export type { Deps };

export function routes(deps: Deps): RouteDef[] {
  return [listRunsRoute, getRunRoute, internalPlanRoute].map((route) => route(deps));
}
