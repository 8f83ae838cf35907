/**
 * `node --import tsx platform/runner/src/build.ts <dir>`: writes the service bundle to <dir>
 * (the Dockerfile's build step); then `node <dir>/run-service.mjs <id>` runs a service
 * without TypeScript tooling. Local runners build their own into node_modules/.cache.
 */
import { buildServiceBundle } from './bundle';

const [outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: build.ts <output directory>');
  process.exit(2);
}
const t0 = performance.now();
buildServiceBundle(outDir).then(
  (entry) => console.warn(`service bundle: ${entry} (${(performance.now() - t0).toFixed(0)} ms)`),
  (err: unknown) => {
    console.error(`service bundle failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
