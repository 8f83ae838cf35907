import { execFile } from 'node:child_process';
import { uniqueName } from '../index';

const rabbitmqctl = (...args: string[]) =>
  new Promise<void>((resolve, reject) =>
    execFile('rabbitmqctl', args, { timeout: 30_000 }, (err) => (err ? reject(err) : resolve())),
  );

export interface VirtualHost {
  /** The broker URL with the virtual host in its path. */
  url: string;
  /** Deletes the virtual host with everything in it. */
  drop(): Promise<void>;
}

/**
 * A virtual host of its own on the local broker, for a test that starts whole services: their
 * queue names are fixed, so two systems on one virtual host (test files side by side, a
 * colleague's run) would consume each other's events. Needs `rabbitmqctl`; without it the
 * URL comes back as given, and the test must then run alone.
 */
export async function ownVirtualHost(url: string, prefix = 'test'): Promise<VirtualHost> {
  const vhost = uniqueName(prefix);
  const broker = new URL(url);
  try {
    await rabbitmqctl('add_vhost', vhost);
    await rabbitmqctl(
      'set_permissions',
      '-p',
      vhost,
      decodeURIComponent(broker.username || 'guest'),
      '.*',
      '.*',
      '.*',
    );
  } catch {
    return { url, drop: async () => undefined };
  }
  broker.pathname = `/${vhost}`;
  return { url: broker.href, drop: () => rabbitmqctl('delete_vhost', vhost).catch(() => undefined) };
}
