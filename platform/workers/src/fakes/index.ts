// Local stand-ins for the Docker Engine API and the Kubernetes API that record every call:
// driver tests, and watchdog tests that adopt workers after a restart.
export { fakeDockerApi } from './docker-api';
export { fakeKubernetesApi } from './kubernetes-api';
export { recordingServer, type RecordedCall, type Reply } from './recording-server';
