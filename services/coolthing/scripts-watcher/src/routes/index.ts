import type { RouteDef } from '@switchyard/kit';
import { chatsRoute, engagementRoute, getRunRoute, linesRoute, listRunsRoute, type Deps } from './runs';

export type { Deps };

export function routes(deps: Deps): RouteDef[] {
  return [listRunsRoute, getRunRoute, chatsRoute, linesRoute, engagementRoute].map((route) => route(deps));
}
