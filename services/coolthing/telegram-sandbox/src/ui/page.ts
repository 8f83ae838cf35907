import { worldDialog, worldChat, worldMessage } from '../domain/world-views';
import type { World } from '../domain/world';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/**
 * The live page: chats and private conversations on the left, the chosen one's messages on
 * the right, kept current by `view.js` over the event stream (no inline script: the CSP).
 */
export function renderView(world: World, selected: string | null): string {
  const chats = [...world.chats.values()].map((c) => worldChat(world, c));
  const dialogs = [...world.dialogs.keys()]
    .map((k) => worldDialog(world, k))
    .sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''))
    .slice(0, 50);
  const current = selected ?? chats[0]?.id ?? null;
  const key = current === null ? null : current.startsWith('d:') ? current : `c:${current}`;
  const messages = (key ? (world.messages.get(key) ?? []) : [])
    .slice(-150)
    .map((m) => worldMessage(world, m));
  const title =
    current === null
      ? 'No chats yet'
      : current.startsWith('d:')
        ? (dialogs.find((d) => d.id === current)?.title ?? current)
        : (chats.find((c) => c.id === current)?.title ?? current);
  const item = (id: string, label: string, meta: string, count: number) =>
    `<li class="${id === current ? 'active' : ''}" data-chat="${esc(id)}"><a href="?chat=${encodeURIComponent(id)}">${esc(label)}</a>` +
    `<small>${esc(meta)} · <span class="count">${count}</span> msgs</small></li>`;
  const message = (m: ReturnType<typeof worldMessage>) =>
    `<div class="msg ${m.sender?.kind ?? 'channel'}" data-id="${m.id}"><div class="head"><b>${esc(m.sender?.name ?? 'channel')}</b>` +
    `${m.sender?.username ? ` <span class="user">@${esc(m.sender.username)}</span>` : ''}` +
    ` <span class="kind">${esc(m.sender?.kind ?? '')}</span> <time>${esc(m.date.slice(11, 19))}</time>` +
    `${m.replyToId ? ` <span class="reply">↩ #${m.replyToId}</span>` : ''} <span class="id">#${m.id}</span></div>` +
    `<div class="text">${esc(m.text)}</div></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Telegram sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{margin:0;font:14px system-ui,sans-serif;display:grid;grid-template-columns:320px 1fr;height:100vh;color:#1f2933}
aside{overflow:auto;border-right:1px solid #d9e2ec;background:#f5f7fa}
aside h2{font-size:12px;text-transform:uppercase;color:#627d98;margin:16px 12px 4px}
ul{list-style:none;margin:0;padding:0} li{padding:8px 12px;border-bottom:1px solid #e4e7eb}
li.active{background:#dceefb} li a{display:block;color:#102a43;text-decoration:none;font-weight:600}
li small{color:#627d98} main{display:flex;flex-direction:column;overflow:hidden}
header{padding:12px 16px;border-bottom:1px solid #d9e2ec} header h1{font-size:16px;margin:0}
#status{font-size:12px;color:#627d98} #messages{flex:1;overflow:auto;padding:12px 16px}
.msg{margin:6px 0;padding:6px 10px;border-radius:8px;background:#f0f4f8;max-width:760px}
.msg.account{background:#e3f8ff;border-left:3px solid #2680c2} .msg.bot{background:#fffbea;border-left:3px solid #f0b429}
.head{font-size:12px;color:#486581} .user,.kind,.id,.reply{color:#829ab1} .text{white-space:pre-wrap;margin-top:2px}
#typing{height:18px;font-size:12px;color:#829ab1;padding:0 16px 8px}
</style></head>
<body data-chat="${esc(current ?? '')}">
<aside><h2>Chats (${chats.length})</h2><ul id="chats">${chats
    .map((c) =>
      item(
        c.id,
        c.title,
        `${c.kind}${c.isPrivate ? ', private' : ''}${c.isAdminChat ? ', admins' : ''} · ${c.membersCount} members`,
        c.messagesCount,
      ),
    )
    .join('')}</ul>
<h2>Private messages (${world.dialogs.size})</h2><ul id="dialogs">${dialogs.map((d) => item(d.id, d.title, 'private', d.messagesCount)).join('')}</ul></aside>
<main><header><h1>${esc(title)}</h1><div id="status">seed ${world.seed} · sandbox time ×${world.clock.scale} · connecting…</div></header>
<div id="messages">${messages.map(message).join('')}</div><div id="typing"></div></main>
<script src="view.js"></script>
</body></html>`;
}
