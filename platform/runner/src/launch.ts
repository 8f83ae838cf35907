import { fileURLToPath } from 'node:url';

const RUN_SERVICE_TS = fileURLToPath(new URL('./run-service.ts', import.meta.url));

/** How to start one registered service (or its migrations) as a process of its own. */
export interface ServiceCommand {
  command: string;
  args: string[];
}

/**
 * The command that runs service `id`: the compiled bundle named by SWITCHYARD_SERVICE_BUNDLE
 * when set (the distributed runner sets it, and every worker a service starts inherits it),
 * TypeScript through tsx otherwise.
 */
export function serviceCommand(id: string, flags: string[] = [], env = process.env): ServiceCommand {
  const bundle = env.SWITCHYARD_SERVICE_BUNDLE;
  const entry = bundle ? ['--enable-source-maps', bundle] : ['--import', 'tsx', RUN_SERVICE_TS];
  return { command: process.execPath, args: [...entry, id, ...flags] };
}
