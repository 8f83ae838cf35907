import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values that logs and outgoing calls pick up without passing them around. */
export interface RequestScope {
  requestId: string;
  correlationId: string;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
