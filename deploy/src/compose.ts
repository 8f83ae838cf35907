import type { YAMLMap } from 'yaml';
import { directoryEnv, type DeployService } from './model';
import { IMAGE, IMAGES, SERVICE_PORT } from './settings';
import { commentOf, GENERATED_NOTE, newDocument, render } from './yaml';

/** Fails `docker compose` with a clear message when a secret is missing from deploy/compose/.env. */
const required = (name: string) => `\${${name}:?set ${name} in deploy/compose/.env (see .env.example)}`;

/** The environment every service container gets (a YAML anchor, so it is written once). */
export function composeEnv(services: readonly DeployService[]): Record<string, string> {
  return {
    LOG_FORMAT: 'json',
    // The migrate job of each service has applied its migrations before the service starts.
    MIGRATE_ON_START: 'false',
    DATA_DIR: '/data',
    PUBLIC_URL: '${PUBLIC_URL:-http://localhost:8080}',
    DATABASE_URL: `postgres://switchyard:${required('POSTGRES_PASSWORD')}@postgres:5432/switchyard`,
    RABBITMQ_URL: `amqp://switchyard:${required('RABBITMQ_PASSWORD')}@rabbitmq:5672`,
    REDIS_URL: 'redis://redis:6379',
    SMTP_URL: 'smtp://mailpit:1025',
    SECRETS_KEY: required('SECRETS_KEY'),
    INTERNAL_API_TOKEN: required('INTERNAL_API_TOKEN'),
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
    ...directoryEnv(services, (s) => `http://${s.slug}:${SERVICE_PORT}`),
  };
}

const probe = (path: string) => [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${SERVICE_PORT}${path}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

const healthy = { condition: 'service_healthy' };

function serviceContainer(s: DeployService) {
  const dependsOn: Record<string, unknown> = { rabbitmq: healthy, redis: healthy };
  if (s.smtp) dependsOn.mailpit = healthy;
  if (s.database) {
    dependsOn.postgres = healthy;
    dependsOn[`${s.slug}-migrate`] = { condition: 'service_completed_successfully' };
  }
  return {
    image: '${SWITCHYARD_IMAGE:-switchyard:dev}',
    build: { context: '../..', dockerfile: 'Dockerfile' },
    command: [s.id],
    profiles: [s.profile],
    init: true,
    restart: 'unless-stopped',
    stop_grace_period: '15s',
    ...(s.id === 'gateway' ? { ports: ['${GATEWAY_PORT:-8080}:8080'] } : {}),
    // Readiness (database, broker, cache reachable), so `service_healthy` means "can take work".
    healthcheck: { test: probe('/readyz'), interval: '10s', timeout: '3s', retries: 5, start_period: '30s' },
    depends_on: dependsOn,
    labels: { 'switchyard.service': s.id },
  };
}

function migrateContainer(s: DeployService) {
  return {
    image: '${SWITCHYARD_IMAGE:-switchyard:dev}',
    build: { context: '../..', dockerfile: 'Dockerfile' },
    command: [s.id, '--migrate-only'],
    profiles: [s.profile],
    restart: 'no',
    // A one-shot job: it has no HTTP port, so the image's /healthz check is switched off.
    healthcheck: { disable: true },
    depends_on: { postgres: healthy },
    labels: { 'switchyard.service': s.id, 'switchyard.job': 'migrate' },
  };
}

const wget = (url: string) => ['CMD', 'wget', '-q', '-O', '/dev/null', url];

function infrastructure() {
  return {
    postgres: {
      image: IMAGES.postgres,
      profiles: ['core'],
      restart: 'unless-stopped',
      environment: {
        POSTGRES_USER: 'switchyard',
        POSTGRES_PASSWORD: required('POSTGRES_PASSWORD'),
        POSTGRES_DB: 'switchyard',
      },
      volumes: ['postgres-data:/var/lib/postgresql/data'],
      healthcheck: {
        test: ['CMD', 'pg_isready', '-U', 'switchyard', '-d', 'switchyard'],
        interval: '5s',
        timeout: '3s',
        retries: 10,
        start_period: '10s',
      },
    },
    rabbitmq: {
      image: IMAGES.rabbitmq,
      profiles: ['core'],
      restart: 'unless-stopped',
      hostname: 'rabbitmq',
      environment: {
        RABBITMQ_DEFAULT_USER: 'switchyard',
        RABBITMQ_DEFAULT_PASS: required('RABBITMQ_PASSWORD'),
      },
      ports: ['127.0.0.1:15672:15672'],
      volumes: ['rabbitmq-data:/var/lib/rabbitmq'],
      healthcheck: {
        test: ['CMD', 'rabbitmq-diagnostics', '-q', 'check_port_connectivity'],
        interval: '10s',
        timeout: '10s',
        retries: 10,
        start_period: '30s',
      },
    },
    redis: {
      image: IMAGES.redis,
      profiles: ['core'],
      restart: 'unless-stopped',
      command: ['redis-server', '--appendonly', 'yes'],
      volumes: ['redis-data:/data'],
      healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '5s', timeout: '3s', retries: 10 },
    },
    mailpit: {
      image: IMAGES.mailpit,
      profiles: ['core'],
      restart: 'unless-stopped',
      ports: ['127.0.0.1:8025:8025'],
      healthcheck: { test: ['CMD', '/mailpit', 'readyz'], interval: '10s', timeout: '3s', retries: 5 },
    },
  };
}

function observability() {
  return {
    prometheus: {
      image: IMAGES.prometheus,
      profiles: ['observability'],
      restart: 'unless-stopped',
      command: [
        '--config.file=/etc/prometheus/prometheus.yml',
        '--storage.tsdb.path=/prometheus',
        '--storage.tsdb.retention.time=15d',
        '--web.enable-lifecycle',
      ],
      ports: ['127.0.0.1:9090:9090'],
      volumes: [
        '../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        '../prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro',
        'prometheus-data:/prometheus',
      ],
      healthcheck: {
        test: wget('http://127.0.0.1:9090/-/ready'),
        interval: '10s',
        timeout: '3s',
        retries: 5,
      },
    },
    grafana: {
      image: IMAGES.grafana,
      profiles: ['observability'],
      restart: 'unless-stopped',
      environment: {
        GF_SECURITY_ADMIN_USER: 'admin',
        GF_SECURITY_ADMIN_PASSWORD: required('GRAFANA_ADMIN_PASSWORD'),
        GF_USERS_ALLOW_SIGN_UP: 'false',
      },
      ports: ['127.0.0.1:3000:3000'],
      volumes: [
        '../grafana/provisioning:/etc/grafana/provisioning:ro',
        '../grafana/dashboards:/var/lib/grafana/dashboards:ro',
        'grafana-data:/var/lib/grafana',
      ],
      healthcheck: {
        test: wget('http://127.0.0.1:3000/api/health'),
        interval: '10s',
        timeout: '3s',
        retries: 5,
      },
      // Jaeger and Loki are queried lazily: Grafana need not wait for them.
      depends_on: { prometheus: healthy },
    },
    jaeger: {
      image: IMAGES.jaeger,
      profiles: ['observability'],
      restart: 'unless-stopped',
      // OTLP on all interfaces, so the other containers reach it (the binary's default is localhost).
      environment: { JAEGER_LISTEN_HOST: '0.0.0.0' },
      ports: ['127.0.0.1:16686:16686'],
      healthcheck: { test: wget('http://127.0.0.1:16686/'), interval: '10s', timeout: '3s', retries: 5 },
    },
    loki: {
      image: IMAGES.loki,
      profiles: ['observability'],
      restart: 'unless-stopped',
      command: ['-config.file=/etc/loki/local-config.yaml'],
      volumes: ['loki-data:/loki'],
      healthcheck: {
        test: wget('http://127.0.0.1:3100/ready'),
        interval: '10s',
        timeout: '3s',
        retries: 10,
        start_period: '20s',
      },
    },
    promtail: {
      image: IMAGES.promtail,
      profiles: ['observability'],
      restart: 'unless-stopped',
      command: ['-config.file=/etc/promtail/promtail.yml'],
      volumes: [
        '../loki/promtail.yml:/etc/promtail/promtail.yml:ro',
        '/var/run/docker.sock:/var/run/docker.sock:ro',
      ],
      // The image has bash but neither wget nor curl.
      healthcheck: {
        test: [
          'CMD',
          'bash',
          '-c',
          "exec 3<>/dev/tcp/127.0.0.1/9080 && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3",
        ],
        interval: '10s',
        timeout: '3s',
        retries: 5,
      },
      depends_on: { loki: healthy },
    },
  };
}

/** deploy/compose/docker-compose.yml: infrastructure, one container (and migrate job) per service, observability. */
export function renderCompose(services: readonly DeployService[]): string {
  const containers: Record<string, unknown> = { ...infrastructure() };
  for (const s of services) {
    if (s.database) containers[`${s.slug}-migrate`] = migrateContainer(s);
    containers[s.slug] = serviceContainer(s);
  }
  Object.assign(containers, observability());

  const doc = newDocument({
    name: 'switchyard',
    'x-switchyard-env': composeEnv(services),
    services: containers,
    volumes: Object.fromEntries(
      ['postgres-data', 'rabbitmq-data', 'redis-data', 'prometheus-data', 'grafana-data', 'loki-data'].map(
        (v) => [v, {}],
      ),
    ),
  });
  // Every service and job shares one environment: write it once, refer to it by alias.
  const env = doc.get('x-switchyard-env', true) as YAMLMap;
  env.anchor = 'switchyard-env';
  for (const s of services) {
    const extra = s.requiredEnv;
    const slugs = s.database ? [s.slug, `${s.slug}-migrate`] : [s.slug];
    for (const slug of slugs) {
      if (extra.length === 0) doc.setIn(['services', slug, 'environment'], doc.createAlias(env));
      else {
        // Variables only this service needs (no default in its schema): the shared ones plus these.
        const own = { ...composeEnv(services), ...Object.fromEntries(extra.map((k) => [k, required(k)])) };
        doc.setIn(['services', slug, 'environment'], doc.createNode(own));
      }
    }
  }
  doc.commentBefore = commentOf(
    `${GENERATED_NOTE}\nUsage: deploy/compose/README.md. Image: ${IMAGE}, from the repository's Dockerfile.`,
  );
  return render(doc);
}
