import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { requestScope } from './context';

export type { Logger };

/** Keys whose values never reach the logs. */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'oldPassword',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'authorization',
  'cookie',
  'session',
  'sessionString',
  'session_string',
  'apiKey',
  'api_key',
  'apiHash',
  'api_hash',
  'secret',
  'botToken',
  'bot_token',
  'privateKey',
];

let root: Logger | undefined;

/**
 * The process's one root logger: JSON to stdout, or pretty in a terminal. Services log
 * through children of it, so embedded mode writes through a single stream.
 */
export function rootLogger(options: { level?: string; format?: 'json' | 'pretty' } = {}): Logger {
  if (root) {
    if (options.level) root.level = options.level;
    return root;
  }
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const config: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: undefined,
    redact: {
      paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
      censor: '[redacted]',
    },
    mixin() {
      const fields: Record<string, string> = {};
      const span = trace.getActiveSpan()?.spanContext();
      if (span && span.traceId !== '00000000000000000000000000000000') {
        fields.trace_id = span.traceId;
        fields.span_id = span.spanId;
      }
      const scope = requestScope.getStore();
      if (scope) fields.request_id = scope.requestId;
      return fields;
    },
  };
  root =
    format === 'pretty'
      ? pino(
          config,
          pretty({ sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' }),
        )
      : pino(config);
  return root;
}

/** A service's logger: the root with service and system names on every line. */
export function serviceLogger(service: string, system: string | undefined, level?: string): Logger {
  const child = rootLogger().child(system ? { service, system } : { service });
  if (level) child.level = level;
  return child;
}
