import { describe, expect, it } from 'vitest';
import { z } from '@switchyard/kit';
import { baseWorkerEnv, passthrough, workerDriverEnv, workerName } from '../src/index';

describe('runtime driver settings shared by the watchdogs', () => {
  const schema = z.object(workerDriverEnv({ passthrough: 'TELEGRAM_*,BOT_*' }));

  it('defaults to the process driver and adds the watchdog’s own passthrough to the common one', () => {
    const config = schema.parse({});
    expect(config.WORKER_DRIVER).toBe('process');
    expect(config.WORKER_ENV).toEqual({});
    expect(config.WORKER_ENV_PASSTHROUGH).toContain('DATABASE_URL');
    expect(config.WORKER_ENV_PASSTHROUGH).toContain('SERVICE_URL_*');
    expect(config.WORKER_ENV_PASSTHROUGH.endsWith(',TELEGRAM_*,BOT_*')).toBe(true);
  });

  it('refuses a WORKER_ENV that is not a JSON object of strings', () => {
    expect(schema.safeParse({ WORKER_ENV: '{"A":1}' }).success).toBe(false);
    expect(schema.safeParse({ WORKER_ENV: 'not json' }).success).toBe(false);
    expect(schema.safeParse({ WORKER_DRIVER: 'podman' }).success).toBe(false);
    expect(schema.parse({ WORKER_ENV: '{"TIME_SCALE":"60"}' }).WORKER_ENV).toEqual({ TIME_SCALE: '60' });
  });

  it('copies the environment into docker workers only, by name and prefix', () => {
    const env = { DATABASE_URL: 'pg://x', BOT_TICK_MS: '5', HOME: '/root', TELEGRAM_API_ID: '1', EMPTY: '' };
    expect(passthrough('DATABASE_URL,BOT_*,EMPTY', env)).toEqual({
      DATABASE_URL: 'pg://x',
      BOT_TICK_MS: '5',
    });
    const config = { WORKER_ENV: { TIME_SCALE: '60' }, WORKER_ENV_PASSTHROUGH: 'DATABASE_URL,TELEGRAM_*' };
    expect(baseWorkerEnv('docker', config, env)).toEqual({
      DATABASE_URL: 'pg://x',
      TELEGRAM_API_ID: '1',
      TIME_SCALE: '60',
    });
    // Process workers inherit the environment; Kubernetes workers read the shared ConfigMap and Secret.
    expect(baseWorkerEnv('process', config, env)).toEqual({ TIME_SCALE: '60' });
    expect(baseWorkerEnv('kubernetes', config, env)).toEqual({ TIME_SCALE: '60' });
  });

  it('names workers per prefix, key and attempt, as valid DNS labels', () => {
    expect(workerName('bot', 'acc-1', 3)).toBe('bot-acc-1-3');
    expect(workerName('bot', 'Acc_1', 1)).not.toBe(workerName('bot', 'acc-1', 1));
    const long = workerName('a-rather-long-worker-prefix', 'x'.repeat(80), 99);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
