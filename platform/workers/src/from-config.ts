import type { Logger, WorkerRuntime } from '@switchyard/kit';
import type { WorkerDriverEnv } from './config';
import { DockerDriver } from './docker';
import type { WorkerDriver } from './driver';
import { KubernetesDriver } from './kubernetes';
import { ProcessDriver } from './process';

/**
 * Picks the runtime driver from WORKER_DRIVER; a missing piece stops start-up with a clear
 * message. Containers and Jobs carry the watchdog instance as a label.
 */
export function driverFromConfig(
  config: WorkerDriverEnv,
  runtime: WorkerRuntime | undefined,
  instance: string,
  log: Logger,
): WorkerDriver {
  const labels = { 'switchyard/watchdog': instance.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63) };
  switch (config.WORKER_DRIVER) {
    case 'process':
      if (!runtime)
        throw new Error(
          "WORKER_DRIVER=process needs the runner's worker runtime (npm start, run-service.ts); use docker or kubernetes",
        );
      return new ProcessDriver(runtime);
    case 'docker':
      return new DockerDriver({
        host: config.DOCKER_HOST,
        apiVersion: config.DOCKER_API_VERSION,
        image: config.WORKER_IMAGE ?? 'switchyard',
        ...(config.DOCKER_NETWORK ? { network: config.DOCKER_NETWORK } : {}),
        labels,
      });
    case 'kubernetes': {
      const apiUrl =
        config.K8S_API_URL ??
        (config.KUBERNETES_SERVICE_HOST
          ? `https://${config.KUBERNETES_SERVICE_HOST}:${config.KUBERNETES_SERVICE_PORT ?? 443}`
          : undefined);
      if (!apiUrl)
        throw new Error(
          'WORKER_DRIVER=kubernetes: set K8S_API_URL or run in a pod (KUBERNETES_SERVICE_HOST)',
        );
      log.info({ apiUrl, namespace: config.POD_NAMESPACE }, 'workers run as Kubernetes Jobs');
      return new KubernetesDriver({
        apiUrl,
        serviceAccountDir: config.K8S_SERVICE_ACCOUNT_DIR,
        ...(config.POD_NAMESPACE ? { namespace: config.POD_NAMESPACE } : {}),
        ...(config.WORKER_IMAGE ? { image: config.WORKER_IMAGE } : {}),
        ...(config.POD_NAME ? { podName: config.POD_NAME } : {}),
        ttlSecondsAfterFinished: config.K8S_JOB_TTL_SECONDS,
        serviceAccountName: config.K8S_WORKER_SERVICE_ACCOUNT,
        envFrom: config.K8S_WORKER_ENV_FROM.split(',')
          .map((s) => s.trim())
          .filter((s) => /^(configmap|secret):[a-z0-9.-]+$/.test(s)),
        pollMs: config.K8S_POLL_MS,
        labels,
      });
    }
  }
}
