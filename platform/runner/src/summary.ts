/** The block printed once everything is ready: where to go and how to sign in. */
export function printSummary(info: {
  mode: 'embedded' | 'distributed';
  seconds: number;
  gatewayUrl: string | undefined;
  services: { id: string; url: string }[];
  banner: string[];
}): void {
  const gateway = info.gatewayUrl?.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `Switchyard is ready (${info.mode} mode, ${info.services.length} services, ${info.seconds.toFixed(1)} s).`,
    '',
    ...(gateway ? [`  Open        ${gateway}/`, `  Services    ${gateway}/api/system/services`, ''] : []),
    ...info.services.map((s) => `  ${s.id.padEnd(28)} ${s.url}`),
    ...(info.banner.length ? ['', ...info.banner.map((b) => `  ${b}`)] : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
