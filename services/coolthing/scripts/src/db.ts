import type { Generated, Kysely } from '@switchyard/store';

/** The scripts service's tables. */
export interface ScriptsDB {
  runs: {
    sfc_id: string;
    status: 'planned' | 'rejected';
    campaign_id: string | null;
    script_id: string | null;
    seed: string | null;
    /** jsonb: written as JSON text, read back parsed. */
    plan: unknown;
    targets: Generated<unknown>;
    accounts: Generated<unknown>;
    problems: Generated<unknown>;
    chats: Generated<number>;
    lines: Generated<number>;
    created_at: Generated<Date>;
  };
}

export type Db = Kysely<ScriptsDB>;
