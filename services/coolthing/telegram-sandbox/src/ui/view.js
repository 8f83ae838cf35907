/* global document, EventSource, CSS, location */
// The sandbox's live page: appends messages of the open chat as they happen and keeps the
// counters of the list current. Served as a file because the gateway's CSP forbids inline scripts.
(function () {
  var current = document.body.getAttribute('data-chat');
  var box = document.getElementById('messages');
  var status = document.getElementById('status');
  var typing = document.getElementById('typing');
  var typingTimer;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(m) {
    var kind = m.sender ? m.sender.kind : 'channel';
    var div = el('div', 'msg ' + kind);
    div.setAttribute('data-id', String(m.id));
    var head = el('div', 'head');
    head.appendChild(el('b', '', m.sender ? m.sender.name : 'channel'));
    if (m.sender && m.sender.username) head.appendChild(el('span', 'user', ' @' + m.sender.username));
    head.appendChild(el('span', 'kind', ' ' + kind));
    head.appendChild(el('time', '', ' ' + m.date.slice(11, 19)));
    if (m.replyToId) head.appendChild(el('span', 'reply', ' ↩ #' + m.replyToId));
    head.appendChild(el('span', 'id', ' #' + m.id));
    div.appendChild(head);
    div.appendChild(el('div', 'text', m.text));
    return div;
  }

  function bump(chatId) {
    var li = document.querySelector('li[data-chat="' + CSS.escape(chatId) + '"] .count');
    if (li) li.textContent = String(Number(li.textContent) + 1);
  }

  var source = new EventSource('events');
  source.onopen = function () {
    status.textContent = status.textContent.replace(/ · (connecting…|live.*|reconnecting…)$/, '') + ' · live';
  };
  source.onerror = function () {
    status.textContent =
      status.textContent.replace(/ · (connecting…|live.*|reconnecting…)$/, '') + ' · reconnecting…';
  };
  source.addEventListener('message', function (ev) {
    var m = JSON.parse(ev.data);
    bump(m.chatId);
    if (m.chatId !== current) return;
    if (box.querySelector('[data-id="' + m.id + '"]')) return;
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.appendChild(render(m));
    while (box.childNodes.length > 500) box.removeChild(box.firstChild);
    if (atBottom) box.scrollTop = box.scrollHeight;
  });
  source.addEventListener('typing', function (ev) {
    var t = JSON.parse(ev.data);
    if (t.chatId !== current) return;
    typing.textContent = t.action === 'typing' ? t.name + ' is typing…' : '';
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () {
      typing.textContent = '';
    }, 6000);
  });
  source.addEventListener('reset', function () {
    location.reload();
  });
  box.scrollTop = box.scrollHeight;
})();
