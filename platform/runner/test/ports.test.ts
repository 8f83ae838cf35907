import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assertPortFree, freePort } from '../src/ports';

const run = promisify(execFile);
const PORTS = fileURLToPath(new URL('../src/ports.ts', import.meta.url));

/** Another process asking for `n` ports at the same time as this one. */
const portsFromAnotherProcess = (n: number) =>
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { freePort } = await import(${JSON.stringify(PORTS)});
       const got = [];
       for (let i = 0; i < ${n}; i++) got.push(await freePort());
       console.log(JSON.stringify(got));`,
    ],
    { timeout: 60_000 },
  ).then(({ stdout }) => JSON.parse(stdout) as number[]);

describe('free ports', () => {
  it('hands out ports below the ephemeral range, never the same one twice in a process', async () => {
    const got = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(new Set(got).size).toBe(50);
    for (const p of got) expect(p >= 20_000 && p < 32_000).toBe(true);
  });

  it('never hands the same port to two processes planning at once', async () => {
    const [a, b] = await Promise.all([portsFromAnotherProcess(300), portsFromAnotherProcess(300)]);
    expect(a).toHaveLength(300);
    expect(b).toHaveLength(300);
    expect(a.filter((p) => b.includes(p))).toEqual([]);
  }, 60_000);

  it('names a port that is taken', async () => {
    const { createServer } = await import('node:net');
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    await expect(assertPortFree(port)).rejects.toThrow(`port ${port} is already in use`);
    srv.close();
  });
});
