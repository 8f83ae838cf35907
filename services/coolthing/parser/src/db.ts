import type { BusTables } from '@switchyard/bus';
import type { Kysely, Transaction } from '@switchyard/store';

export interface LeadClaimsTable {
  campaign_id: string;
  user_id: string;
  emitted_at: Date;
  account_id: string;
  chat_id: string;
  message_id: number;
}

export interface ParserDB extends BusTables {
  lead_claims: LeadClaimsTable;
}

export type Db = Kysely<ParserDB>;
export type Conn = Kysely<ParserDB> | Transaction<ParserDB>;
