/**
 * Shared by the deploy tests: a fixture registry with one service of every shape (so the
 * generator's rules are tested before the real registry has such services), file loading
 * and a small PromQL linter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineService, z } from '@switchyard/kit';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { registry, type RegistryEntry } from '../../services/registry';
import { knownSeries } from '../src/metrics';
import { loadServices, type DeployService } from '../src/model';
import { renderAll } from '../src/render';

export const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(DEPLOY, '..');

type Shape = Parameters<typeof defineService>[0];
const fake = (id: string, def: Partial<Shape> & { name: string }): RegistryEntry => ({
  id,
  port: 0,
  load: async () => defineService({ title: def.name, setup: () => ({}), ...def }),
});

/** Services the registry will have: platform ones, each system, a database or not, watchdogs, a singleton. */
export const FIXTURE_ENTRIES: RegistryEntry[] = [
  registry.find((e) => e.id === 'gateway')!,
  fake('identity', {
    name: 'identity',
    migrations: '/migrations',
    env: z.object({ OWNER_EMAIL: z.string().optional(), OWNER_PASSWORD: z.string().optional() }),
  }),
  fake('mailer', {
    name: 'mailer',
    route: 'mail',
    database: true,
    env: z.object({ SMTP_URL: z.string().url().optional() }),
  }),
  fake('coolthing/admin', { name: 'admin', system: 'coolthing', migrations: '/m' }),
  fake('coolthing/scripts-watchdog', { name: 'scripts-watchdog', system: 'coolthing', database: true }),
  fake('coolthing/scripts-worker', { name: 'scripts-worker', system: 'coolthing', database: true }),
  fake('coolthing/watchdog', { name: 'watchdog', system: 'coolthing' }),
  fake('coolthing/telegram-sandbox', { name: 'telegram-sandbox', system: 'coolthing' }),
  fake('cinema/films', { name: 'films', system: 'cinema', migrations: '/m' }),
  fake('shop/catalog', { name: 'catalog', system: 'shop', migrations: '/m' }),
  fake('shop/cart', { name: 'cart', system: 'shop' }),
  fake('shop/orders', { name: 'orders', system: 'shop', migrations: '/m' }),
  fake('fitness/ai', {
    name: 'ai',
    system: 'fitness',
    env: z.object({ FITNESS_LLM_API_KEY: z.string().min(1), FITNESS_MODEL: z.string().default('x') }),
  }),
];

export interface Rendered {
  label: string;
  services: DeployService[];
  files: Record<string, string>;
}

/** The committed files for the real registry (what a user deploys). */
export async function committed(): Promise<Rendered> {
  const services = await loadServices(registry);
  const generated = await renderAll(registry);
  const files: Record<string, string> = {};
  for (const path of Object.keys(generated))
    files[path] = existsSync(join(DEPLOY, path)) ? readFileSync(join(DEPLOY, path), 'utf8') : '';
  return { label: 'committed files (services/registry.ts)', services, files };
}

/** The generator's output for the fixture registry, rendered in memory. */
export async function fixture(): Promise<Rendered> {
  return {
    label: 'fixture registry',
    services: await loadServices(FIXTURE_ENTRIES),
    files: await renderAll(FIXTURE_ENTRIES),
  };
}

export const readDeploy = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');

/** Parses one YAML document, merge keys and aliases resolved; throws on any error. */
export function yamlOf(text: string): unknown {
  return parseYaml(text, { merge: true, prettyErrors: true });
}

/** Every document of a multi-document YAML file; throws on the first error. */
export function yamlDocs(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text, { merge: true })
    .map((doc) => {
      if ('errors' in doc && doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS() as Record<string, unknown>;
    })
    .filter((d) => d !== null);
}

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'Inf',
  'NaN',
]);

/** Problems of a PromQL expression: unbalanced brackets, unknown metric names, no metric at all. */
export function lintPromQL(expr: string, known: Set<string> = knownSeries()): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) problems.push(`unbalanced "${c}" at ${i}`);
  }
  if (quote) problems.push('unterminated string');
  if (stack.length) problems.push(`unclosed ${stack.join('')}`);
  const names = metricNames(expr);
  if (names.length === 0) problems.push('no metric name');
  for (const name of names) if (!known.has(name)) problems.push(`unknown metric ${name}`);
  return problems;
}

/** Metric names an expression selects (functions, keywords, labels and Grafana variables excluded). */
export function metricNames(expr: string): string[] {
  let s = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  s = s.replace(/\$\{?\w+\}?/g, '5m');
  s = s.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names: string[] = [];
  for (const m of s.matchAll(/(?<![\w.])[A-Za-z_:][\w:]*/g)) {
    if (KEYWORDS.has(m[0])) continue;
    if (
      s
        .slice(m.index + m[0].length)
        .trimStart()
        .startsWith('(')
    )
      continue;
    names.push(m[0]);
  }
  return names;
}
