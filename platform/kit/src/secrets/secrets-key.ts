import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { parseSecretsKey } from './secret-box';

export const SECRETS_KEY_FILE = 'secrets.key';

/**
 * The master key for secrets at rest: SECRETS_KEY when set. Without it (development and
 * embedded mode) one is generated once and kept in the service's data folder; production
 * refuses to start without it, since every instance must share the same key.
 */
export async function loadSecretsKey(options: {
  configured: string | undefined;
  production: boolean;
  dataDir: string;
  log: Logger;
}): Promise<Buffer> {
  if (options.configured) return parseSecretsKey(options.configured);
  if (options.production) {
    throw new Error(
      'SECRETS_KEY: required when NODE_ENV=production (32 bytes as 64 hex digits or base64), got nothing',
    );
  }
  const file = join(options.dataDir, SECRETS_KEY_FILE);
  try {
    return parseSecretsKey(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${file}: ${(err as Error).message}`);
  }
  const key = randomBytes(32);
  await writeFile(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  options.log.warn(
    { file },
    'SECRETS_KEY is not set: generated one and stored it in the data folder (set SECRETS_KEY in production)',
  );
  return key;
}
