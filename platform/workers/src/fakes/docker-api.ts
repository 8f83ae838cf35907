import { randomBytes } from 'node:crypto';
import { recordingServer, type RecordedCall, type Reply } from './recording-server';

interface Container {
  id: string;
  name: string;
  config: Record<string, unknown>;
  running: boolean;
  exitCode: number | null;
  waiters: (() => void)[];
}

/**
 * The slice of the Docker Engine API the docker driver uses, with containers that "run"
 * until the test ends them. Records every call so tests compare them with the real API.
 */
export async function fakeDockerApi(listen: { socketPath?: string } = {}) {
  const containers = new Map<string, Container>();
  const byRef = (ref: string) => containers.get(ref) ?? [...containers.values()].find((c) => c.name === ref);
  const end = (c: Container, code: number) => {
    if (!c.running) return;
    c.running = false;
    c.exitCode = code;
    for (const w of c.waiters.splice(0)) w();
  };
  const state = (c: Container) => ({
    Status: c.running ? 'running' : 'exited',
    Running: c.running,
    ExitCode: c.exitCode ?? 0,
    OOMKilled: false,
    Error: '',
  });
  const route = (call: RecordedCall, url: URL): Reply | undefined => {
    const m = /^\/v(\d+\.\d+)\/containers\/(create|[^/]+)(?:\/(start|stop|kill|wait|json))?$/.exec(
      url.pathname,
    );
    if (!m) return undefined;
    const [, , ref, action] = m;
    if (ref === 'create' && call.method === 'POST') {
      const name = url.searchParams.get('name') ?? '';
      if (byRef(name))
        return {
          status: 409,
          body: { message: `Conflict. The container name "/${name}" is already in use` },
        };
      const id = randomBytes(32).toString('hex');
      containers.set(id, {
        id,
        name,
        config: call.body as Record<string, unknown>,
        running: false,
        exitCode: null,
        waiters: [],
      });
      return { status: 201, body: { Id: id, Warnings: [] } };
    }
    const c = byRef(ref!);
    if (!c) return { status: 404, body: { message: `No such container: ${ref}` } };
    if (call.method === 'POST' && action === 'start') {
      if (c.running) return { status: 304 };
      c.running = true;
      return { status: 204 };
    }
    if (call.method === 'POST' && action === 'stop') {
      if (!c.running) return { status: 304 };
      end(c, 143);
      return { status: 204 };
    }
    if (call.method === 'POST' && action === 'kill') {
      if (!c.running) return { status: 409, body: { message: 'is not running' } };
      end(c, 137);
      return { status: 204 };
    }
    if (call.method === 'POST' && action === 'wait') {
      const reply = () => ({ status: 200, body: { StatusCode: c.exitCode ?? 0, Error: null } });
      if (!c.running) return reply();
      return {
        ...reply(),
        delayUntil: new Promise<void>((resolve) => c.waiters.push(resolve)),
        get body() {
          return { StatusCode: c.exitCode ?? 0, Error: null };
        },
      };
    }
    if (call.method === 'GET' && action === 'json')
      return { status: 200, body: { Id: c.id, Name: `/${c.name}`, State: state(c) } };
    if (call.method === 'DELETE' && !action) {
      if (c.running && url.searchParams.get('force') !== 'true')
        return { status: 409, body: { message: 'stop the container before removing' } };
      end(c, 137);
      containers.delete(c.id);
      return { status: 204 };
    }
    return undefined;
  };
  const server = await recordingServer(route, listen);
  return {
    ...server,
    containers,
    /** The container's process ends with `code`. */
    exit: (ref: string, code: number) => end(byRef(ref)!, code),
    /** A container created outside the driver (left by an earlier try). */
    leftover: (name: string) => {
      const id = randomBytes(32).toString('hex');
      containers.set(id, { id, name, config: {}, running: false, exitCode: 0, waiters: [] });
      return id;
    },
  };
}
