import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedInfra, startService, type Infra, type RunningService } from '@switchyard/kit';
import { startTestIssuer, type TestIssuer } from '@switchyard/testing';
import { service } from '../src/main';
import { fixtureCatalogue, type FixtureFilm } from './fixtures';

export interface Caller {
  sub: string;
  roles?: string[];
  status?: string;
}

export const alice: Caller = { sub: '018f3a2b-0000-7000-8000-00000000a11c', roles: ['user'] };
export const bob: Caller = { sub: '018f3a2b-0000-7000-8000-000000000b0b', roles: ['user'] };
export const newbie: Caller = { sub: '018f3a2b-0000-7000-8000-0000000000ee', status: 'not_verified' };
export const admin: Caller = { sub: '018f3a2b-0000-7000-8000-0000000000ad', roles: ['admin'] };
export const owner: Caller = { sub: '018f3a2b-0000-7000-8000-0000000000ff', roles: ['owner'] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on response bodies directly
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface FilmsHarness {
  svc: RunningService;
  infra: Infra;
  issuer: TestIssuer;
  dataDir: string;
  url(path: string): string;
  token(caller: Caller): Promise<string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  api<T = any>(
    method: string,
    path: string,
    options?: { as?: Caller; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Film id by slug (through the API). */
  idOf(slug: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the films service on an in-memory PGlite (or the given infrastructure) with a real
 * RS256 test issuer, seeded from the fixture catalogue unless told otherwise.
 */
export async function startFilms(
  options: { catalogue?: FixtureFilm[] | 'bundled'; env?: Record<string, string>; infra?: Infra } = {},
): Promise<FilmsHarness> {
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(join(tmpdir(), 'films-test-'));
  let seedFile: string | undefined;
  if (options.catalogue !== 'bundled') {
    seedFile = join(dataDir, 'catalogue.json');
    await writeFile(seedFile, JSON.stringify(options.catalogue ?? fixtureCatalogue));
  }
  const infra = options.infra ?? new EmbeddedInfra(undefined);
  const cleanUp = async () => {
    if (!options.infra) await infra.close();
    await issuer.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  const svc = await startService(service, {
    infra,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      AUTH_JWKS_URL: issuer.jwksUrl,
      ...(seedFile ? { FILMS_SEED_FILE: seedFile } : {}),
      ...options.env,
    },
  }).catch(async (err: unknown) => {
    await cleanUp();
    throw err;
  });
  const tokens = new Map<string, string>();
  const token = async (caller: Caller) => {
    const key = JSON.stringify(caller);
    let t = tokens.get(key);
    if (!t) {
      t = await issuer.sign({
        sub: caller.sub,
        roles: caller.roles ?? ['user'],
        status: caller.status ?? 'active',
      });
      tokens.set(key, t);
    }
    return t;
  };
  const url = (path: string) => `${svc.url}${path}`;
  const api: FilmsHarness['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) headers.authorization = `Bearer ${await token(opts.as)}`;
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData) body = opts.body;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(url(path), { method, headers, body });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    svc,
    infra,
    issuer,
    dataDir,
    url,
    token,
    api,
    async idOf(slug) {
      const res = await api('GET', `/${slug}`);
      if (res.status !== 200) throw new Error(`no film ${slug}: ${res.status}`);
      return res.body.id as number;
    },
    async stop() {
      await svc.stop();
      await cleanUp();
    },
  };
}
