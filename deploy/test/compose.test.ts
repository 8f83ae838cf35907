import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../services/gateway/src/directory';
import { committed, DEPLOY, fixture, yamlOf, type Rendered } from './support';

interface Container {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  profiles?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  restart?: string;
  labels?: Record<string, string>;
}

const compose = (r: Rendered) =>
  yamlOf(r.files['compose/docker-compose.yml']!) as {
    services: Record<string, Container>;
    volumes: Record<string, unknown>;
  };

const isJob = (c: Container) => c.labels?.['switchyard.job'] === 'migrate';

for (const r of [await committed(), await fixture()]) {
  describe(`docker-compose.yml: ${r.label}`, () => {
    const { services: containers, volumes } = compose(r);

    it('runs every registry service in its system profile (core for platform services)', () => {
      for (const s of r.services) {
        const c = containers[s.slug];
        expect(c, s.id).toBeDefined();
        expect(c!.profiles, s.id).toEqual([s.system ?? 'core']);
        expect(c!.command, s.id).toEqual([s.id]);
        expect(c!.image, s.id).toBe('${SWITCHYARD_IMAGE:-switchyard:dev}');
        expect(c!.build, s.id).toEqual({ context: '../..', dockerfile: 'Dockerfile' });
      }
      expect(existsSync(join(DEPLOY, 'compose', '../..', 'Dockerfile'))).toBe(true);
    });

    it('has the infrastructure in core and the observability stack in its profile', () => {
      for (const name of ['rabbitmq', 'postgres', 'redis', 'mailpit', 'gateway'])
        expect(containers[name]?.profiles, name).toEqual(['core']);
      expect(containers.rabbitmq!.image).toBe('rabbitmq:3.13-management');
      expect(containers.postgres!.image).toBe('postgres:16');
      expect(containers.redis!.image).toBe('redis:7');
      for (const name of ['prometheus', 'grafana', 'jaeger', 'loki', 'promtail'])
        expect(containers[name]?.profiles, name).toEqual(['observability']);
    });

    it('gives every long-running container a health check and every job none', () => {
      for (const [name, c] of Object.entries(containers)) {
        if (isJob(c)) {
          expect(c.healthcheck, name).toEqual({ disable: true });
          expect(c.restart, name).toBe('no');
        } else {
          expect(c.healthcheck?.test?.[0], name).toMatch(/^CMD(-SHELL)?$/);
          expect(c.healthcheck?.disable, name).toBeUndefined();
        }
      }
      for (const s of r.services)
        expect(containers[s.slug]!.healthcheck!.test!.join(' ')).toContain('/readyz');
    });

    it('has a migrate job for every service with a database, which the service waits for', () => {
      for (const s of r.services) {
        const job = containers[`${s.slug}-migrate`];
        const deps = containers[s.slug]!.depends_on ?? {};
        if (!s.database) {
          expect(job, s.id).toBeUndefined();
          expect(deps.postgres, s.id).toBeUndefined();
          continue;
        }
        expect(job?.command, s.id).toEqual([s.id, '--migrate-only']);
        expect(job?.profiles, s.id).toEqual(containers[s.slug]!.profiles);
        expect(job?.depends_on?.postgres, s.id).toEqual({ condition: 'service_healthy' });
        expect(deps[`${s.slug}-migrate`], s.id).toEqual({ condition: 'service_completed_successfully' });
        expect(deps.postgres, s.id).toEqual({ condition: 'service_healthy' });
      }
    });

    it('starts services only on a healthy broker and cache, and mail senders on a healthy SMTP server', () => {
      for (const s of r.services) {
        const deps = containers[s.slug]!.depends_on ?? {};
        expect(deps.rabbitmq, s.id).toEqual({ condition: 'service_healthy' });
        expect(deps.redis, s.id).toEqual({ condition: 'service_healthy' });
        expect(deps.mailpit, s.id).toEqual(s.smtp ? { condition: 'service_healthy' } : undefined);
      }
      expect(r.services.some((s) => s.smtp)).toBe(true);
    });

    it('only depends on containers that exist, are health-checked and run in the same or the core profile', () => {
      for (const [name, c] of Object.entries(containers)) {
        for (const [target, { condition }] of Object.entries(c.depends_on ?? {})) {
          const dep = containers[target];
          expect(dep, `${name} → ${target}`).toBeDefined();
          expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
          if (condition === 'service_healthy')
            expect(dep!.healthcheck?.test, `${name} → ${target}`).toBeDefined();
          else expect(isJob(dep!), `${name} → ${target}`).toBe(true);
          const allowed = new Set(['core', ...(c.profiles ?? [])]);
          for (const p of dep!.profiles ?? [])
            expect(allowed.has(p), `${name} → ${target} (${p})`).toBe(true);
        }
      }
    });

    it('tells every service where every other one is, and gives the gateway a valid directory', () => {
      for (const s of r.services) {
        for (const name of [s.slug, ...(s.database ? [`${s.slug}-migrate`] : [])]) {
          const env = containers[name]!.environment!;
          for (const other of r.services)
            expect(env[other.urlVariable], `${name}: ${other.urlVariable}`).toBe(`http://${other.slug}:8080`);
          expect(env.MIGRATE_ON_START).toBe('false');
          expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
          expect(env.DATABASE_URL).toMatch(
            /^postgres:\/\/switchyard:\$\{POSTGRES_PASSWORD:\?.+\}@postgres:5432\/switchyard$/,
          );
          expect(env.RABBITMQ_URL).toMatch(
            /^amqp:\/\/switchyard:\$\{RABBITMQ_PASSWORD:\?.+\}@rabbitmq:5672$/,
          );
          expect(env.REDIS_URL).toBe('redis://redis:6379');
          expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
          expect(env.SECRETS_KEY).toMatch(/^\$\{SECRETS_KEY:\?.+\}$/);
          expect(env.INTERNAL_API_TOKEN).toMatch(/^\$\{INTERNAL_API_TOKEN:\?.+\}$/);
          for (const key of s.requiredEnv)
            expect(env[key], `${s.id}: ${key}`).toMatch(new RegExp(`^\\$\\{${key}:\\?`));
        }
      }
      const directory = parseDirectory(containers.gateway!.environment!.GATEWAY_SERVICES!);
      const others = r.services.filter((s) => s.id !== 'gateway');
      expect(directory).toHaveLength(others.length);
      for (const s of others) {
        const entry = directory.find((d) => d.path === s.publicPath);
        expect(entry, s.id).toMatchObject({ name: s.name, url: `http://${s.slug}:8080` });
        expect(containers[new URL(entry!.url).hostname], s.id).toBeDefined();
      }
    });

    it('keeps secrets out of the file: every password comes from the env file', () => {
      const text = r.files['compose/docker-compose.yml']!;
      for (const key of ['POSTGRES_PASSWORD', 'RABBITMQ_DEFAULT_PASS', 'GF_SECURITY_ADMIN_PASSWORD']) {
        for (const m of text.matchAll(new RegExp(`${key}: (.*)`, 'g')))
          expect(m[1], key).toMatch(/^\$\{\w+:\?/);
      }
    });

    it('lists every ${VAR:?} the file requires in .env.example', () => {
      const text = r.files['compose/docker-compose.yml']!;
      const example = r.files['compose/.env.example']!;
      const required = new Set([...text.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!));
      expect(required.size).toBeGreaterThanOrEqual(4);
      for (const name of required) expect(example, name).toMatch(new RegExp(`^${name}=$`, 'm'));
    });

    it('mounts only declared volumes and files that exist', () => {
      for (const [name, c] of Object.entries(containers)) {
        for (const mount of c.volumes ?? []) {
          const source = mount.split(':')[0]!;
          if (source.startsWith('.'))
            expect(existsSync(join(DEPLOY, 'compose', source)), `${name}: ${source}`).toBe(true);
          else if (!source.startsWith('/'))
            expect(volumes[source], `${name}: volume ${source}`).toBeDefined();
        }
      }
    });
  });
}
