import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Ports handed out by this process, so one plan never gets the same port twice.
const handedOut = new Set<number>();

/**
 * Ports handed out by any runner on this machine in the last while: two systems planned at
 * once by different processes (test files running side by side) would otherwise both find a
 * port free and both hand it out before either service has bound it.
 */
const RESERVATIONS = join(tmpdir(), 'switchyard-ports');
/** Long enough for a planned service to bind its port; after that, binding tells the truth. */
const RESERVATION_MS = 120_000;

async function reserve(port: number): Promise<boolean> {
  const file = join(RESERVATIONS, String(port));
  const age = await stat(file).then(
    (s) => Date.now() - s.mtimeMs,
    () => undefined,
  );
  if (age !== undefined) {
    if (age < RESERVATION_MS) return false;
    await rm(file, { force: true });
  }
  await mkdir(RESERVATIONS, { recursive: true });
  // `wx` fails when another process created the file first: it has the port.
  return writeFile(file, String(process.pid), { flag: 'wx' }).then(
    () => true,
    () => false,
  );
}

/**
 * A port that is free right now, chosen below the kernel's ephemeral range (Linux 32768+,
 * macOS 49152+). Ports from `listen(0)` come from that range, and so do the ones on-demand
 * workers and outgoing connections take while the plan's services are still starting: a
 * planned port from there could be taken before its service binds it (EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    if ((await canBind(port)) && (await reserve(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found between 20000 and 32000');
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Fails early, naming the port, when something else already listens on it. */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${port} is already in use; stop what uses it or set PORT/--ports=auto`)
          : err,
      ),
    );
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}
