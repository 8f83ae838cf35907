import type { SystemName } from '@switchyard/kit';

export const SYSTEMS: readonly SystemName[] = ['coolthing', 'cinema', 'shop', 'fitness'];

/** Every service listens on this port inside its container or pod. */
export const SERVICE_PORT = 8080;
/** The one image every service runs from (the service id is its argument). */
export const IMAGE = 'switchyard';

/** Watchdogs that start workers as Kubernetes Jobs/Pods: they get a ServiceAccount, Role and RoleBinding. */
export const JOB_LAUNCHERS: ReadonlySet<string> = new Set([
  'coolthing/scripts-watchdog',
  'coolthing/watchdog',
]);
/** Started per script run by `coolthing/scripts-watchdog`, never as a long-running Deployment. */
export const ON_DEMAND: ReadonlySet<string> = new Set(['coolthing/scripts-worker']);
/** Hold a simulated world in memory: one replica, no autoscaling. */
export const SINGLETONS: ReadonlySet<string> = new Set(['coolthing/telegram-sandbox']);

/**
 * Variables a service's schema marks optional but that production needs (NODE_ENV=production in
 * the image): deployment asks for them like required ones. Applied only while the schema declares them.
 */
export const DEPLOY_REQUIRED_ENV: Readonly<Record<string, readonly string[]>> = {
  // The owner account is created from these on the first start; identity refuses to start without them.
  identity: ['OWNER_EMAIL', 'OWNER_PASSWORD'],
};

/** Values for the development cluster's throwaway Secret, where a placeholder would fail validation. */
export const DEV_VALUES: Readonly<Record<string, string>> = {
  OWNER_EMAIL: 'owner@switchyard.local',
  OWNER_PASSWORD: 'dev-only-owner-password',
};

/** Infrastructure images; the tags are pinned so a fresh clone gets what was tested. */
export const IMAGES = {
  rabbitmq: 'rabbitmq:3.13-management',
  postgres: 'postgres:16',
  redis: 'redis:7',
  mailpit: 'axllent/mailpit:v1.21.0',
  prometheus: 'prom/prometheus:v3.1.0',
  grafana: 'grafana/grafana:11.4.0',
  // Jaeger v2 is the OpenTelemetry-based all-in-one (v1 is end-of-life); OTLP on 4317/4318.
  jaeger: 'jaegertracing/jaeger:2.5.0',
  // 3.1 is the last Loki line on Alpine; 3.2+ images have no shell, so no health check can run in them.
  loki: 'grafana/loki:3.1.1',
  promtail: 'grafana/promtail:3.1.1',
} as const;

export interface Autoscaling {
  min: number;
  max: number;
  cpuPercent: number;
  /** Average memory per pod that triggers scaling out (seed 004 gives 200Mi for the shop). */
  memoryAverage?: string;
}

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

const DEFAULT_SCALING: Autoscaling = { min: 2, max: 4, cpuPercent: 75 };
const SCALING: Partial<Record<string, Autoscaling>> = {
  gateway: { min: 2, max: 8, cpuPercent: 70 },
  // shop.md "Operations": min 2, max 5, CPU 70 %, memory 200Mi.
  shop: { min: 2, max: 5, cpuPercent: 70, memoryAverage: '200Mi' },
};

export function autoscalingOf(id: string, system: SystemName | undefined): Autoscaling {
  return SCALING[id] ?? (system ? SCALING[system] : undefined) ?? DEFAULT_SCALING;
}

const DEFAULT_RESOURCES: Resources = {
  requests: { cpu: '100m', memory: '192Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};
const RESOURCES: Partial<Record<string, Resources>> = {
  gateway: { requests: { cpu: '200m', memory: '192Mi' }, limits: { cpu: '2', memory: '512Mi' } },
};

export function resourcesOf(id: string): Resources {
  return RESOURCES[id] ?? DEFAULT_RESOURCES;
}

/** Resources of a migrations Job: short-lived, mostly waiting on Postgres. */
export const MIGRATION_RESOURCES: Resources = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '384Mi' },
};
