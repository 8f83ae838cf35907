import { InvalidLink } from './errors';

export type ParsedPeerRef =
  { kind: 'username'; username: string } | { kind: 'invite'; hash: string } | { kind: 'id'; id: string };

const USERNAME = /^[a-zA-Z][a-zA-Z0-9_]{3,31}$/;

/**
 * Reads the forms operators paste: `@name`, `name`, `t.me/name`, `https://t.me/+hash`,
 * `t.me/joinchat/hash`, `tg://resolve?domain=name`, a numeric id. Anything else is InvalidLink.
 */
export function parsePeerRef(ref: string): ParsedPeerRef {
  const raw = ref.trim();
  if (/^-?\d{1,20}$/.test(raw)) return { kind: 'id', id: raw };
  const resolve = /^tg:\/\/resolve\?domain=([^&]+)/i.exec(raw);
  if (resolve) return username(resolve[1]!, ref);
  const link = /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.me\/(.+)$/i.exec(raw);
  if (link) {
    const path = link[1]!.split(/[?#]/)[0]!.replace(/\/+$/, '');
    const invite = /^(?:\+|joinchat\/)([A-Za-z0-9_-]{4,64})$/.exec(path);
    if (invite) return { kind: 'invite', hash: invite[1]! };
    const first = path.split('/')[0]!;
    return username(first, ref);
  }
  return username(raw.replace(/^@/, ''), ref);
}

function username(name: string, ref: string): ParsedPeerRef {
  if (!USERNAME.test(name)) throw new InvalidLink(ref, 'USERNAME_INVALID');
  return { kind: 'username', username: name.toLowerCase() };
}
