import type { SecretBox } from '@switchyard/kit';

/** What a sealed value is; each kind has its own key, and the owner's id is bound to it. */
export type SecretKind =
  'session' | 'sign_in_state' | 'api_hash' | 'proxy_secret' | 'bot_token' | 'llm_api_key';

/** Key purposes: sessions and sign-in states share `telegram-sessions` (a sign-in state is a session in the making). */
const PURPOSE: Record<SecretKind, string> = {
  session: 'telegram-sessions',
  sign_in_state: 'telegram-sessions',
  api_hash: 'telegram-apps',
  proxy_secret: 'telegram-proxies',
  bot_token: 'bot-tokens',
  llm_api_key: 'llm-api-keys',
};

/**
 * Seals and opens the admin's secrets at rest (AES-256-GCM). The context binds a sealed value
 * to its kind and row, so a value copied into another row or column does not open.
 */
export class Secrets {
  private constructor(private readonly boxes: Map<string, SecretBox>) {}

  static async create(secretBox: (purpose: string) => Promise<SecretBox>): Promise<Secrets> {
    const boxes = new Map<string, SecretBox>();
    for (const purpose of new Set(Object.values(PURPOSE))) boxes.set(purpose, await secretBox(purpose));
    return new Secrets(boxes);
  }

  private box(kind: SecretKind): SecretBox {
    return this.boxes.get(PURPOSE[kind])!;
  }

  seal(kind: SecretKind, ownerId: string, value: string): string {
    return this.box(kind).seal(Buffer.from(value, 'utf8'), `${kind}:${ownerId}`);
  }

  open(kind: SecretKind, ownerId: string, sealed: string): string {
    return this.box(kind).open(sealed, `${kind}:${ownerId}`).toString('utf8');
  }

  sealOrNull(kind: SecretKind, ownerId: string, value: string | null | undefined): string | null {
    return value ? this.seal(kind, ownerId, value) : null;
  }

  openOrNull(kind: SecretKind, ownerId: string, sealed: string | null): string | null {
    return sealed ? this.open(kind, ownerId, sealed) : null;
  }
}
