/** The fixture service in a process of its own, for the OTLP export test. */
import { EmbeddedInfra, startService } from '../src';
import { fixtureService } from '../src/testing';

const infra = new EmbeddedInfra(undefined);
const running = await startService(fixtureService, {
  infra,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: '.data/test-otlp' },
  ownsProcess: true,
});
process.stdout.write(`listening ${running.url}\n`);
process.on('SIGTERM', () => {
  void running
    .stop()
    .then(() => infra.close())
    .then(() => process.exit(0));
});
