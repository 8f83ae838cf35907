import type { RouteDef } from '@switchyard/kit';
import type { Deps } from './common';
import { getWorkerRoute } from './get-worker';
import { killWorkerRoute } from './kill-worker';
import { listWorkersRoute } from './list-workers';

export type { Deps };

export function routes(deps: Deps): RouteDef[] {
  return [listWorkersRoute, getWorkerRoute, killWorkerRoute].map((route) => route(deps));
}
