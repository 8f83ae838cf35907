// Who changed what. Secrets appear only as "changed", never with a value.

export interface Actor {
  id: string;
  kind: 'user' | 'service' | 'system';
  roles: string[];
  requestId: string | null;
}

export const systemActor = (id: string): Actor => ({ id, kind: 'system', roles: [], requestId: null });
export const serviceActor = (id: string, requestId: string | null = null): Actor => ({
  id,
  kind: 'service',
  roles: [],
  requestId,
});

/** Keys of `patch` that were sent (undefined means "not sent"), for the audit record. */
export const sentKeys = (patch: object): string[] =>
  Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
