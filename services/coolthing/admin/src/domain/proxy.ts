// A proxy has a public part (shown, stored in clear) and a secret part (password or MTProxy
// secret: write-only, stored sealed). The port wants them together.
import type { ProxyConfig } from '@switchyard/telegram';
import type { PublicProxy } from './types';

export interface ProxyInput {
  type: 'socks5' | 'http' | 'mtproxy';
  host: string;
  port: number;
  username?: string;
  password?: string;
  secret?: string;
  tls?: boolean;
}

/** Splits what a client sent into what may be shown and the secret to seal (if any). */
export function splitProxy(input: ProxyInput): { proxy: PublicProxy; secret: string | null } {
  const proxy: PublicProxy = { type: input.type, host: input.host, port: input.port };
  if (input.type !== 'mtproxy' && input.username) proxy.username = input.username;
  if (input.type === 'http' && input.tls) proxy.tls = true;
  const secret = input.type === 'mtproxy' ? (input.secret ?? null) : (input.password ?? null);
  return { proxy, secret };
}

/** Why the proxy cannot be used, or null. */
export function proxyProblem(input: ProxyInput): string | null {
  if (input.type === 'mtproxy' && !input.secret) return 'an MTProxy needs its secret';
  if (input.type === 'mtproxy' && (input.username || input.password))
    return 'an MTProxy has a secret, not a username and password';
  if (input.type !== 'mtproxy' && input.secret) return 'only an MTProxy has a secret';
  if (input.password && !input.username) return 'a password needs a username';
  return null;
}

/** The port's proxy from the stored parts. */
export function joinProxy(proxy: PublicProxy, secret: string | null): ProxyConfig {
  if (proxy.type === 'mtproxy')
    return { type: 'mtproxy', host: proxy.host, port: proxy.port, secret: secret ?? '' };
  const auth = proxy.username ? { username: proxy.username, ...(secret ? { password: secret } : {}) } : {};
  if (proxy.type === 'http')
    return { type: 'http', host: proxy.host, port: proxy.port, ...auth, ...(proxy.tls ? { tls: true } : {}) };
  return { type: 'socks5', host: proxy.host, port: proxy.port, ...auth };
}
