import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../services/registry';
import { GENERATED_DIRS, renderAll } from '../src/render';
import { DEPLOY, fixture, yamlDocs } from './support';

const HOW =
  'deploy/ is out of date with services/registry.ts: run `node --import tsx deploy/generate.ts` and commit the result';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('node_modules'))
    .map((e) => relative(DEPLOY, join(e.parentPath, e.name)));
}

describe('generated files', () => {
  it('are what the generator renders from the current registry', async () => {
    const files = await renderAll(registry);
    for (const [path, content] of Object.entries(files)) {
      const onDisk = existsSync(join(DEPLOY, path)) ? readFileSync(join(DEPLOY, path), 'utf8') : '(missing)';
      expect(onDisk, `deploy/${path}: ${HOW}`).toBe(content);
    }
    const orphans = GENERATED_DIRS.flatMap((d) => filesUnder(join(DEPLOY, d))).filter((p) => !(p in files));
    expect(orphans, HOW).toEqual([]);
  });

  it('cover every registry entry', async () => {
    const files = await renderAll(registry);
    const compose = files['compose/docker-compose.yml']!;
    for (const entry of registry) {
      if (entry.onDemand) continue;
      expect(compose, entry.id).toContain(`command: [${entry.id}]`);
      expect(Object.keys(files), entry.id).toContain(
        `k8s/base/services/${entry.id.replace(/\//g, '-')}.yaml`,
      );
    }
  });

  it('render the same twice (deterministic)', async () => {
    expect(await renderAll(registry)).toEqual(await renderAll(registry));
  });
});

describe('every configuration file under deploy/', () => {
  const all = filesUnder(DEPLOY);

  it('parses: YAML with the yaml package, JSON with JSON.parse', () => {
    const yamlFiles = all.filter((p) => /\.ya?ml$/.test(p));
    const jsonFiles = all.filter((p) => p.endsWith('.json'));
    expect(yamlFiles.length).toBeGreaterThanOrEqual(15);
    for (const path of yamlFiles) {
      const docs = yamlDocs(readFileSync(join(DEPLOY, path), 'utf8'));
      expect(docs.length, path).toBeGreaterThan(0);
    }
    for (const path of jsonFiles)
      expect(() => JSON.parse(readFileSync(join(DEPLOY, path), 'utf8')), path).not.toThrow();
  });

  it('holds no real secrets: env files are templates or marked development-only', () => {
    for (const path of all.filter((p) => /(^|\/)(\.env[^/]*|[^/]*\.env)$/.test(p))) {
      const text = readFileSync(join(DEPLOY, path), 'utf8');
      const values = [...text.matchAll(/^[A-Z_]+=(.*)$/gm)].map((m) => m[1]!);
      for (const value of values)
        expect(
          value === '' ||
            /dev-only|ZGV2LW9ubHkt|@(postgres|rabbitmq):|^(redis|smtp):\/\/(redis|mailpit)|@switchyard\.local$/.test(
              value,
            ),
          `${path}: ${value}`,
        ).toBe(true);
    }
  });
});

const { services } = await fixture();

describe('what the generator reads from a definition (fixture registry)', () => {
  const byId = (id: string) => services.find((s) => s.id === id);

  it('derives names, profiles, paths and databases', () => {
    expect(byId('shop/orders')).toMatchObject({
      slug: 'shop-orders',
      profile: 'shop',
      database: true,
      schema: 'shop_orders',
      urlVariable: 'SERVICE_URL_SHOP_ORDERS',
      publicPath: '/api/shop/orders',
    });
    expect(byId('shop/cart')!.database).toBe(false);
    expect(byId('mailer')).toMatchObject({ profile: 'core', database: true, publicPath: '/api/mail' });
  });

  it('asks deployment for variables without a default, and for those production needs', () => {
    expect(byId('fitness/ai')!.requiredEnv).toEqual(['FITNESS_LLM_API_KEY']);
    expect(byId('identity')!.requiredEnv).toEqual(['OWNER_EMAIL', 'OWNER_PASSWORD']);
    expect(byId('gateway')!.requiredEnv).toEqual([]);
  });

  it('knows the watchdogs, the singleton sandbox and the on-demand script worker', () => {
    expect(services.filter((s) => s.launchesJobs).map((s) => s.id)).toEqual([
      'coolthing/scripts-watchdog',
      'coolthing/watchdog',
    ]);
    expect(services.filter((s) => s.singleton).map((s) => s.id)).toEqual(['coolthing/telegram-sandbox']);
    expect(byId('coolthing/scripts-worker')).toBeUndefined();
  });
});
