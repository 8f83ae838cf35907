import type { NameBook, NameRefs } from '../domain/types';

/** Names for ids events carry (runs, campaigns, accounts, chats). */
export interface NameDirectory {
  /** Never throws: what cannot be found stays unknown and the message says what kind of thing it is. */
  lookup(refs: Required<NameRefs>): Promise<NameBook>;
}
