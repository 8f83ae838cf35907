import type { DirectoryEntry } from './directory';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const SYSTEMS: Record<string, string> = {
  coolthing: 'CoolThing: Telegram marketing automation',
  cinema: 'Cinema: films catalogue with RS256 identity',
  shop: 'Shop: catalog, cart, orders, notifications',
  fitness: 'Fitness: workout tracker',
};

/** The page at `/`: each system's web app and each service's API docs. */
export function landingPage(directory: DirectoryEntry[], webApps: string[]): string {
  const groups = new Map<string, DirectoryEntry[]>();
  for (const e of directory) {
    const key = e.system ?? 'platform';
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const sections = [...groups.entries()]
    .sort(([a], [b]) => (a === 'platform' ? -1 : b === 'platform' ? 1 : a.localeCompare(b)))
    .map(([system, entries]) => {
      const app = webApps.includes(system)
        ? `<p><a class="app" href="/${esc(system)}/">Open the ${esc(system)} app →</a></p>`
        : '';
      const rows = entries
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(
          (e) =>
            `<li><code>${esc(e.path)}</code> ${esc(e.title || e.name)} · <a href="${esc(e.path)}/docs">API docs</a> · <a href="${esc(e.path)}/openapi.json">OpenAPI</a></li>`,
        )
        .join('');
      return `<section><h2>${esc(SYSTEMS[system] ?? 'Platform services')}</h2>${app}<ul>${rows}</ul></section>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchyard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{margin-bottom:0}code{background:#eef1f6;padding:0 .3rem;border-radius:3px}a.app{font-weight:600}
section{border-top:1px solid #dde3ea;margin-top:1.5rem}li{margin:.2rem 0}</style></head>
<body><h1>Switchyard</h1><p>Four systems on one platform. <a href="/api/system/services">Service status (JSON)</a></p>${sections}</body></html>`;
}
