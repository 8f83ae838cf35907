import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type OutputFile, type Plugin } from 'esbuild';

const RUN_SERVICE_TS = fileURLToPath(new URL('./run-service.ts', import.meta.url));
const ROOT = resolve(dirname(RUN_SERVICE_TS), '..', '..', '..');
/** Inside the root node_modules, so the bundle's bare imports resolve to the installed packages. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'switchyard', 'services');

/**
 * Compiles `run-service.ts` and every service it can load into one ES module bundle (with a
 * chunk per lazily loaded service) and returns its path. Node then starts a service in about
 * a third of the CPU time tsx needs, which is most of a distributed start-up. Workspace code
 * is bundled; npm packages stay imports of the installed node_modules.
 *
 * Without `outDir` the bundle lives in node_modules/.cache under a hash of its own contents,
 * so concurrent builds agree and a changed source makes a new one. With `outDir` (an image
 * build) it is written there, replacing what was there.
 */
export async function buildServiceBundle(outDir?: string): Promise<string> {
  // Built for a folder as deep as the one it lands in, so the source maps' paths hold.
  const buildDir = outDir ? resolve(outDir) : join(CACHE, 'build');
  const result = await build({
    entryPoints: { 'run-service': RUN_SERVICE_TS },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: buildDir,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    write: false,
    logLevel: 'silent',
    plugins: [workspaceOnly, sourceLocations],
  });
  if (outDir) {
    await rm(buildDir, { recursive: true, force: true });
    await writeOutputs(result.outputFiles, buildDir, buildDir);
    return join(buildDir, 'run-service.mjs');
  }
  const hash = createHash('sha256');
  for (const f of result.outputFiles) hash.update(relative(buildDir, f.path)).update(f.contents);
  const dir = join(CACHE, hash.digest('hex').slice(0, 16));
  const entry = join(dir, 'run-service.mjs');
  if (existsSync(entry)) {
    // Marks it as in use, for the pruning below.
    const now = new Date();
    await utimes(dir, now, now);
    return entry;
  }
  // Written aside and renamed into place: a reader never sees half a bundle.
  const staging = `${dir}.${process.pid}.${Date.now()}.tmp`;
  await writeOutputs(result.outputFiles, buildDir, staging);
  try {
    await rename(staging, dir);
  } catch (err) {
    // Another build of the same sources got there first.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(entry)) throw err;
  }
  await pruneOldBundles(dir);
  return entry;
}

async function writeOutputs(files: OutputFile[], builtFor: string, dir: string): Promise<void> {
  for (const f of files) {
    const target = join(dir, relative(builtFor, f.path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.contents);
  }
}

const KEEP_BUNDLES = 10;
const KEEP_DAYS = 7;

/**
 * Removes bundles that are neither among the newest few nor recent: a system started from an
 * older bundle still loads lazily from it (a worker, a service chunk), so nothing young goes.
 */
async function pruneOldBundles(current: string): Promise<void> {
  const dirs = await Promise.all(
    (await readdir(CACHE)).map(async (name) => {
      const path = join(CACHE, name);
      return { path, mtime: (await stat(path)).mtimeMs };
    }),
  );
  dirs.sort((a, b) => b.mtime - a.mtime);
  const old = Date.now() - KEEP_DAYS * 86_400_000;
  for (const d of dirs.slice(KEEP_BUNDLES))
    if (d.path !== current && d.mtime < old) await rm(d.path, { recursive: true, force: true });
}

/** npm packages are loaded from node_modules at run time; only @switchyard/* and relative files are compiled in. */
const workspaceOnly: Plugin = {
  name: 'workspace-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@switchyard/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Services find their migrations, data files and page scripts next to their source
 * (`new URL('../db/migrations', import.meta.url)`); each module keeps the URL of its
 * source file, so those paths hold in the bundle too.
 */
const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${join('/', 'node_modules', '/')}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: source.replace(/\bimport\.meta\.url\b/g, url),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};
