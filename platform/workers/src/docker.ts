import { setTimeout as delay } from 'node:timers/promises';
import { ApiClient, ApiError } from './api-client';
import {
  exitSignal,
  serviceParts,
  type LaunchedWorker,
  type WorkerDriver,
  type WorkerExit,
  type WorkerLaunch,
} from './driver';

export interface DockerDriverOptions {
  /** `unix:///var/run/docker.sock` or `tcp://host:2375` (http). */
  host: string;
  apiVersion: string;
  image: string;
  network?: string;
  /** Labels every worker container carries (the watchdog instance, the system). */
  labels?: Record<string, string>;
  /** How often to look at a container when the wait call is cut off. */
  pollMs?: number;
}

interface ContainerState {
  Running?: boolean;
  Status?: string;
  ExitCode?: number;
  OOMKilled?: boolean;
  Error?: string;
}

/** `unix:///path` → socket; `tcp://h:p` or `http://h:p` → URL. */
export function dockerEndpoint(host: string): { baseUrl: string; socketPath?: string } {
  if (host.startsWith('unix://'))
    return { baseUrl: 'http://docker', socketPath: host.slice('unix://'.length) };
  if (host.startsWith('/')) return { baseUrl: 'http://docker', socketPath: host };
  return { baseUrl: host.replace(/^tcp:\/\//, 'http://') };
}

/**
 * Workers as containers through the Docker Engine API: create (image, command, env, labels,
 * network), start, wait, stop/kill, remove. Containers outlive the watchdog; after its
 * restart it finds them again by id.
 */
export class DockerDriver implements WorkerDriver {
  readonly kind = 'docker' as const;
  readonly outlivesWatchdog = true;
  private readonly api: ApiClient;
  private readonly base: string;
  private readonly closing = new AbortController();

  constructor(private readonly options: DockerDriverOptions) {
    this.api = new ApiClient(dockerEndpoint(options.host));
    this.base = `/v${options.apiVersion}`;
  }

  async start(launch: WorkerLaunch): Promise<LaunchedWorker> {
    const body = {
      Image: this.options.image,
      Cmd: [launch.service],
      Env: Object.entries(launch.env).map(([k, v]) => `${k}=${v}`),
      Labels: {
        ...this.options.labels,
        'app.kubernetes.io/part-of': 'switchyard',
        'switchyard/service': serviceParts(launch.service).name,
        ...launch.labels,
        'switchyard/attempt': String(launch.attempt),
      },
      HostConfig: {
        // The watchdog restarts crashed workers itself (with backoff and a limit).
        RestartPolicy: { Name: 'no' },
        AutoRemove: false,
        Init: true,
        ...(this.options.network ? { NetworkMode: this.options.network } : {}),
      },
    };
    const path = `${this.base}/containers/create?name=${encodeURIComponent(launch.name)}`;
    let created;
    try {
      created = await this.api.call('POST', path, body);
    } catch (err) {
      // A container of that name is left from an earlier try of the same attempt: replace it.
      if (!(err instanceof ApiError && err.status === 409)) throw err;
      await this.api.call(
        'DELETE',
        `${this.base}/containers/${encodeURIComponent(launch.name)}?force=true`,
        undefined,
        {
          accept: [404],
        },
      );
      created = await this.api.call('POST', path, body);
    }
    const id = (created.body as { Id: string }).Id;
    await this.api.call('POST', `${this.base}/containers/${id}/start`, undefined, { accept: [304] });
    return this.handle(id);
  }

  async adopt(ref: string): Promise<LaunchedWorker | undefined> {
    const res = await this.api.call(
      'GET',
      `${this.base}/containers/${encodeURIComponent(ref)}/json`,
      undefined,
      {
        accept: [404],
      },
    );
    if (res.status === 404) return undefined;
    return this.handle(ref, (res.body as { State?: ContainerState }).State);
  }

  async close(): Promise<void> {
    this.closing.abort();
  }

  private handle(id: string, known?: ContainerState): LaunchedWorker {
    const { exited, settle } = exitSignal();
    if (known && !known.Running) settle(exitOf(known));
    else void this.watch(id).then(settle);
    const container = `${this.base}/containers/${encodeURIComponent(id)}`;
    return {
      ref: id,
      exited,
      stop: async () => {
        await this.api.call('POST', `${container}/stop?t=10`, undefined, {
          accept: [304, 404],
          timeoutMs: 30_000,
        });
        await exited;
      },
      kill: async () => {
        await this.api.call('POST', `${container}/kill?signal=SIGKILL`, undefined, { accept: [404, 409] });
      },
      remove: async () => {
        await this.api.call('DELETE', `${container}?force=true&v=true`, undefined, { accept: [404] });
      },
    };
  }

  /** Blocks on the wait endpoint; when that call breaks (daemon restart), polls the container. */
  private async watch(id: string): Promise<WorkerExit> {
    const container = `${this.base}/containers/${encodeURIComponent(id)}`;
    const signal = this.closing.signal;
    while (!signal.aborted) {
      try {
        const res = await this.api.call('POST', `${container}/wait?condition=not-running`, undefined, {
          timeoutMs: null,
          accept: [404],
          signal,
        });
        if (res.status === 404) return { code: null, signal: null, detail: 'container removed' };
        const out = res.body as { StatusCode: number; Error?: { Message?: string } | null };
        const state = await this.inspect(id);
        return {
          code: out.StatusCode,
          signal: null,
          ...(state?.OOMKilled
            ? { detail: 'OOMKilled' }
            : out.Error?.Message
              ? { detail: out.Error.Message }
              : {}),
        };
      } catch {
        if (signal.aborted) break;
        const state = await this.inspect(id).catch(() => undefined);
        if (state === null) return { code: null, signal: null, detail: 'container removed' };
        if (state && !state.Running) return exitOf(state);
        await delay(this.options.pollMs ?? 2000, undefined, { signal }).catch(() => undefined);
      }
    }
    return new Promise<WorkerExit>(() => undefined); // the watchdog is closing: no verdict
  }

  private async inspect(id: string): Promise<ContainerState | null> {
    const res = await this.api.call(
      'GET',
      `${this.base}/containers/${encodeURIComponent(id)}/json`,
      undefined,
      {
        accept: [404],
      },
    );
    return res.status === 404 ? null : ((res.body as { State?: ContainerState }).State ?? {});
  }
}

function exitOf(state: ContainerState): WorkerExit {
  return {
    code: state.ExitCode ?? null,
    signal: null,
    ...(state.OOMKilled ? { detail: 'OOMKilled' } : state.Error ? { detail: state.Error } : {}),
  };
}
