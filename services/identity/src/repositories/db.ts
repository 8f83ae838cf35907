import type { Kysely, Transaction } from '@switchyard/store';
import type { CodePurpose } from '../domain/codes';
import type { Locale, UserStatus } from '../domain/user';

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  roles: string[];
  status: UserStatus;
  status_before_ban: Exclude<UserStatus, 'banned'> | null;
  ban_reason: string | null;
  banned_at: Date | null;
  locale: Locale;
  is_public: boolean;
  avatar_url: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  user_agent: string | null;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Date;
  expires_at: Date;
  rotated_at: Date | null;
}

export interface VerificationCodesTable {
  user_id: string;
  purpose: CodePurpose;
  code_hash: string;
  new_email: string | null;
  attempts: number;
  created_at: Date;
  expires_at: Date;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: string;
  private_key_sealed: string;
  created_at: Date;
  activates_at: Date;
}

export interface IdentityDB {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  verification_codes: VerificationCodesTable;
  signing_keys: SigningKeysTable;
}

/** The service database or a transaction on it: repositories work with either. */
export type Executor = Kysely<IdentityDB> | Transaction<IdentityDB>;
