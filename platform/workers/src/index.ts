export {
  exitSignal,
  serviceParts,
  type LaunchedWorker,
  type WorkerDriver,
  type WorkerExit,
  type WorkerLaunch,
} from './driver';
export { ApiClient, ApiError, type ApiEndpoint, type ApiResponse } from './api-client';
export { DockerDriver, dockerEndpoint, type DockerDriverOptions } from './docker';
export { KubernetesDriver, labelValue, type KubernetesDriverOptions } from './kubernetes';
export { ProcessDriver } from './process';
export {
  COMMON_PASSTHROUGH,
  baseWorkerEnv,
  passthrough,
  workerDriverEnv,
  type WorkerDriverEnv,
} from './config';
export { driverFromConfig } from './from-config';
export { workerName } from './names';
