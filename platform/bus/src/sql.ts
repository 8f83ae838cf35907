import type { Generated } from 'kysely';

/**
 * Tables every service schema gets before its own migrations: the transactional outbox
 * and the inbox of processed event ids (plain SQL that runs on Postgres and PGlite alike).
 */
export const busMigrations: { name: string; sql: string }[] = [
  {
    name: '0001_outbox_inbox',
    sql: `
      CREATE TABLE platform_outbox (
        id text PRIMARY KEY,
        exchange text NOT NULL,
        routing_key text NOT NULL,
        type text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX platform_outbox_pending ON platform_outbox (id);
      CREATE TABLE platform_inbox (
        subscription text NOT NULL,
        event_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscription, event_id)
      );
      CREATE INDEX platform_inbox_handled_at ON platform_inbox (handled_at);
    `,
  },
];

export interface BusTables {
  platform_outbox: {
    id: string;
    exchange: string;
    routing_key: string;
    type: string;
    body: string;
    created_at: Generated<Date>;
    claimed_until: Date | null;
    attempts: Generated<number>;
    last_error: string | null;
  };
  platform_inbox: {
    subscription: string;
    event_id: string;
    handled_at: Generated<Date>;
  };
}
