import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServiceBundle } from '../src/bundle';
import { serviceCommand } from '../src/launch';

const run = promisify(execFile);

describe('service bundle', () => {
  const dirs: string[] = [];
  let bundle: string;
  let dataDir: string;
  beforeAll(async () => {
    bundle = await buildServiceBundle();
    dataDir = await mkdtemp(join(tmpdir(), 'bundle-'));
    dirs.push(dataDir);
  }, 60_000);
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const env = () => ({ PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' });

  it('is built once per content: a second build of the same sources is the same file', async () => {
    expect(bundle).toMatch(/node_modules\/\.cache\/switchyard\/services\/[0-9a-f]{16}\/run-service\.mjs$/);
    expect(await buildServiceBundle()).toBe(bundle);
  });

  it('runs services from the bundle when SWITCHYARD_SERVICE_BUNDLE names one, through tsx otherwise', () => {
    const bundled = serviceCommand('mailer', ['--migrate-only'], { SWITCHYARD_SERVICE_BUNDLE: '/b/run.mjs' });
    expect(bundled.command).toBe(process.execPath);
    expect(bundled.args).toEqual(['--enable-source-maps', '/b/run.mjs', 'mailer', '--migrate-only']);
    const source = serviceCommand('mailer', [], {});
    expect(source.args.slice(0, 2)).toEqual(['--import', 'tsx']);
    expect(source.args[2]).toMatch(/platform\/runner\/src\/run-service\.ts$/);
    expect(source.args[3]).toBe('mailer');
  });

  it('finds each service’s migrations next to its source: one process migrates several services', async () => {
    const { command, args } = serviceCommand('mailer', ['cinema/films', '--migrate-only'], {
      SWITCHYARD_SERVICE_BUNDLE: bundle,
    });
    const { stdout } = await run(command, args, { env: env(), timeout: 60_000 });
    const done = stdout
      .split('\n')
      .filter((l) => l.includes('migrations done'))
      .map((l) => JSON.parse(l) as { service: string; applied: string[] });
    expect(done.map((d) => d.service).sort()).toEqual(['films', 'mailer']);
    for (const d of done) expect(d.applied.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses several services without --migrate-only, and names an unknown one', async () => {
    const opts = { env: env(), timeout: 30_000 };
    await expect(run(process.execPath, [bundle, 'mailer', 'identity'], opts)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: run-service.ts'),
    });
    await expect(
      run(process.execPath, [bundle, 'mailer', 'nosuch/service', '--migrate-only'], opts),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown service nosuch/service') });
  }, 60_000);

  it('writes a bundle to a given folder (the image build) that runs without tsx', async () => {
    const out = join('node_modules', '.cache', 'switchyard', `bundle-test-${process.pid}`);
    dirs.push(out);
    const entry = await buildServiceBundle(out);
    expect(entry).toBe(join(process.cwd(), out, 'run-service.mjs'));
    const { stdout } = await run(process.execPath, [entry, 'identity', '--migrate-only'], {
      env: env(),
      timeout: 60_000,
    });
    expect(stdout).toContain('"service":"identity"');
    expect(stdout).toContain('migrations done');
  }, 60_000);
});
