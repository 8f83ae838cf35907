import type { RouteDef } from '@switchyard/kit';
import { controlRoute, getRoute, killRoute, listRoute, type Deps } from './runs';

export type { Deps };

export function routes(deps: Deps): RouteDef[] {
  return [listRoute, getRoute, killRoute, controlRoute].map((route) => route(deps));
}
