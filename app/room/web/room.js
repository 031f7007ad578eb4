// Debrief room: the page on a participant's phone or laptop. Contract:
// docs/room.md. No libraries; the CSP forbids inline code and styles, so the
// page is built with the DOM API and text from the room goes in as text.
'use strict';
// Everything lives in this one closure; its body is not indented.
(() => {
const STORE = 'debrief-room';         // {token, device, author, category}
const OUTBOX = 'debrief-room-outbox'; // [{key, kind, token, body}]
const MAX_CARD = 2000;                // characters in a card (docs/room.md)
const PATHS = {card: '/api/cards', change: '/api/changes', kudos: '/api/kudos'};
const OFFLINE = 'Cannot reach the room right now. Check that you are on the same Wi-Fi as the screen.';

const $ = (id) => document.getElementById(id);
const top = $('top'), notices = $('notices'), main = $('main'), banner = $('banner');

// ---- DOM helpers

// h('p', {class: 'x', onclick: f}, 'text', child…): an element. Strings
// become text nodes, so nothing here can ever be parsed as HTML.
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...only(kids));
  return el;
}
// only drops the holes that `cond && node` leaves.
const only = (kids) => kids.flat().filter((x) => x != null && x !== false && x !== '');
const alertP = () => h('p', {class: 'err', role: 'alert'});

// setText changes text only when it differs, so live regions stay quiet.
function setText(el, s) {
  if (el.textContent !== s) el.textContent = s;
}

// sync keeps one element per key, in the order of items, reusing elements
// so focus and in-place edits survive a new state; only moves what moved.
function sync(list, items, keyOf, make, update) {
  const old = new Map();
  for (const el of list.children) old.set(el.dataset.key, el);
  let at = list.firstElementChild;
  for (const item of items) {
    const k = keyOf(item);
    let el = old.get(k);
    if (el) old.delete(k);
    else { el = make(item); el.dataset.key = k; }
    update(el, item);
    if (el === at) at = at.nextElementSibling;
    else list.insertBefore(el, at);
  }
  for (const el of old.values()) el.remove();
}

const chars = (s) => [...s].length; // code points, as the server counts
const num = (x) => (Number.isFinite(x) ? x : 0);
const fmt = (x) => num(x).toLocaleString('en');
const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;

// ---- Storage

function load(key, dflt) {
  try { return JSON.parse(localStorage.getItem(key)) || dflt; } catch { return dflt; }
}
function save(key, v) {
  try { localStorage.setItem(key, JSON.stringify(v)); } catch { /* private mode: this visit only */ }
}
let room = load(STORE, {});
if (typeof room !== 'object') room = {};
let outbox = load(OUTBOX, []);
outbox = Array.isArray(outbox) ? outbox.filter((it) => it && it.key && PATHS[it.kind] && it.body) : [];
const saveRoom = () => save(STORE, room);
const saveOutbox = () => save(OUTBOX, outbox);
// A new room keeps only the writer's name and last category.
const newRoom = (token) => { room = {author: room.author, category: room.category, token}; saveRoom(); };


// ---- Requests

// api answers {ok, status, data, error, retryAfter, network}; it never
// throws. A 401 (token gone) or 410 (room closed) ends the visit here,
// whichever request meets it.
async function api(method, path, body) {
  const headers = {'Content-Type': 'application/json'};
  if (room.token) headers['X-Room-Token'] = room.token;
  if (room.device) headers['X-Room-Device'] = room.device;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 15000); // a dead Wi-Fi can hang a request for minutes
  let res, data = null;
  try {
    res = await fetch(path, {method, headers, cache: 'no-store', signal: ctl.signal,
      body: body === undefined ? undefined : JSON.stringify(body)});
    try { data = await res.json(); } catch { /* 204, or not JSON */ }
  } catch {
    return {ok: false, status: 0, network: true, data: {}, error: OFFLINE};
  } finally { clearTimeout(timer); }
  // Retry-After is in seconds (docs/room.md). The server always says what
  // went wrong; the fallback is for when it cannot.
  const r = {ok: res.ok, status: res.status, data: data || {}, retryAfter: Math.max(0, Number(res.headers.get('Retry-After')) || 0)};
  if (!res.ok) r.error = (typeof data?.error === 'string' && data.error) || 'The room could not do that. Try again.';
  if (res.status === 410) roomClosed();
  else if (res.status === 401 && path !== '/api/join') lostToken();
  return r;
}

// ---- Screens

let screen = '';   // join | connecting | room | closed
let state = null;  // the last `state` event
let phase = '';    // the phase the view below was built for
let view = null;   // {el, update, mounted?, kind?, err?, restore?, leave?}

function show(name, ...kids) {
  view?.leave?.();
  screen = name; phase = ''; view = null;
  top.replaceChildren();
  main.replaceChildren(...kids);
}

function start() {
  const m = location.pathname.match(/^\/j\/([^/]+)\/?$/);
  if (m) {
    let token = m[1];
    try { token = decodeURIComponent(token); } catch { /* keep it as it is */ }
    if (token !== room.token) newRoom(token); // a new room: its device id is not ours yet
    // The token should not stay in the address bar (or the history).
    history.replaceState(null, '', '/');
  }
  if (room.token) enter(); else showJoin();
}

function showJoin(notice, unsent) {
  const input = h('input', {id: 'code', class: 'code', type: 'text', maxlength: 6, autocapitalize: 'characters',
    autocomplete: 'off', autocorrect: 'off', spellcheck: 'false', inputmode: 'text', enterkeyhint: 'go',
    'aria-describedby': 'code-help'});
  const err = alertP(), wait = h('p', {class: 'wait'});
  const btn = h('button', {type: 'submit', class: 'primary wide'}, 'Join');
  const clean = (s) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  input.addEventListener('input', () => {
    // Upper-case as typed; keep the caret where it was.
    const v = input.value, pos = input.selectionStart ?? v.length, c = clean(v).slice(0, 6);
    if (c === v) return;
    input.value = c;
    const p = Math.min(c.length, clean(v.slice(0, pos)).length);
    input.setSelectionRange(p, p);
  });
  let until = 0;
  function tick() {
    const s = Math.ceil((until - Date.now()) / 1000);
    btn.disabled = s > 0;
    wait.textContent = s > 0 ? `You can try again in ${s} s.` : '';
    if (s > 0 && btn.isConnected) setTimeout(tick, 500);
  }
  const form = h('form', {novalidate: true},
    h('label', {for: 'code', class: 'code-label'}, 'Room code'),
    h('p', {id: 'code-help', class: 'help'}, 'Six letters and digits, shown on the screen next to the QR code.'),
    input, err, wait, btn);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (btn.disabled) return;
    const code = clean(input.value);
    if (code.length !== 6) { err.textContent = 'The room code has six letters and digits.'; input.focus(); return; }
    err.textContent = '';
    btn.disabled = true;
    const r = await api('POST', '/api/join', {code});
    btn.disabled = false;
    if (r.ok && typeof r.data.token === 'string' && r.data.token) { newRoom(r.data.token); enter(); return; }
    err.textContent = r.status === 403 ? 'That code doesn’t match. Check the code on the screen.' : r.error;
    if (r.status === 429) { until = Date.now() + (r.retryAfter || 60) * 1000; tick(); }
    input.focus();
  });
  show('join', h('div', {class: 'screen'},
    h('p', {class: 'brand'}, 'Debrief room'), h('h1', {}, 'Join the debrief'),
    notice && h('p', {class: 'notice', role: 'alert'}, notice),
    form, unsentBlock(unsent)));
  input.focus();
}

function showClosed(unsent) {
  const h1 = h('h1', {tabindex: -1}, 'This room is closed');
  show('closed', h('div', {class: 'screen'},
    h('p', {class: 'brand'}, 'Debrief room'), h1,
    h('p', {class: 'calm'}, 'Thank you for taking part. You can close this page.'),
    unsentBlock(unsent),
    h('button', {type: 'button', class: 'wide', onclick: () => showJoin()}, 'Join another room')));
  h1.focus();
}

// What the outbox still held when the room went away, to copy, not lose.
function unsentBlock(texts) {
  return texts && texts.length > 0 && h('section', {class: 'unsent'},
    h('h2', {}, 'Not sent'),
    h('p', {}, 'These did not reach the room. Copy them to keep them.'),
    h('ul', {}, texts.map((t) => h('li', {}, t))));
}

function connectingMsg(s) {
  if (screen !== 'connecting') show('connecting', h('p', {class: 'calm', role: 'status', id: 'connecting'}));
  setText($('connecting'), s);
}

// leaveRoom forgets token and device; it returns the texts never received.
function leaveRoom() {
  closeStream();
  clearTimeout(enterTimer);
  writingAt = 0;
  const unsent = outbox.filter((it) => it.token === room.token).map(textOf);
  outbox = []; saveOutbox();
  sent.clear(); inflight.clear();
  newRoom(undefined);
  state = null;
  setBanner('');
  notices.replaceChildren();
  return unsent;
}
function roomClosed() {
  if (screen !== 'closed') showClosed(leaveRoom());
}
function lostToken() {
  if (screen !== 'join' && screen !== 'closed') {
    showJoin('This room has been closed or the link is old. Ask for the new code.', leaveRoom());
  }
}

// ---- Joining the stream

let enterTimer = 0, enterDelay = 1000;
async function enter() {
  clearTimeout(enterTimer);
  if (screen !== 'room') connectingMsg('Connecting to the room…');
  // Items queued for another room can never be delivered.
  outbox = outbox.filter((it) => it.token === room.token); saveOutbox();
  if (!room.device) {
    const token = room.token;
    const r = await api('POST', '/api/devices', {});
    if (room.token !== token || screen !== 'connecting') return; // 401/410 already handled
    if (!r.ok || typeof r.data.device !== 'string' || !r.data.device) {
      connectingMsg(`${r.error} Trying again…`);
      enterTimer = setTimeout(enter, enterDelay);
      enterDelay = Math.min(enterDelay * 2, 10000);
      return;
    }
    enterDelay = 1000;
    room.device = r.data.device; saveRoom();
  }
  openStream();
}

let es = null, esTimer = 0, esDelay = 1000, bannerTimer = 0;
function openStream() {
  closeStream();
  const src = new EventSource(`/api/events?t=${encodeURIComponent(room.token)}&d=${encodeURIComponent(room.device)}`);
  es = src;
  const on = (type, f) => src.addEventListener(type, (e) => { if (es === src) f(e); });
  on('open', () => { esDelay = 1000; connected(true); flushOutbox(true); });
  on('state', (e) => {
    let s;
    try { s = JSON.parse(e.data); } catch { return; }
    if (s && typeof s === 'object') onState(s);
  });
  on('closed', roomClosed);
  on('error', () => {
    connected(false);
    // While CONNECTING the browser retries by itself. CLOSED means it gave
    // up (an error status, or no network): reopen with our own backoff.
    if (src.readyState === EventSource.CLOSED) {
      src.close(); es = null;
      esTimer = setTimeout(reopen, esDelay);
      esDelay = Math.min(esDelay * 2, 10000);
    }
  });
}
function closeStream() {
  clearTimeout(esTimer);
  if (es) { es.close(); es = null; }
}
// An EventSource does not tell why it failed. One small request does: a
// 401 or 410 ends the visit (in api); anything else, open the stream again.
async function reopen() {
  if (!room.token || !room.device || es) return;
  const token = room.token;
  await api('POST', '/api/writing', {writing: false});
  writingAt = 0;
  if (room.token === token && !es && (screen === 'room' || screen === 'connecting')) openStream();
}
// Phones freeze background tabs; catch up when the page is back.
function wake() {
  if (!room.token || !room.device) return;
  if (!es && (screen === 'room' || screen === 'connecting')) { clearTimeout(esTimer); esDelay = 1000; reopen(); }
  flushOutbox(true);
}
document.addEventListener('visibilitychange', () => { if (!document.hidden) wake(); });
window.addEventListener('online', wake);

function connected(on) {
  clearTimeout(bannerTimer);
  if (on) { setBanner(''); return; }
  if (screen === 'connecting') connectingMsg(`${OFFLINE} Trying again…`);
  // A grace period, so a quick reconnect does not flash the banner.
  bannerTimer = setTimeout(() => { if (screen === 'room') setBanner('Reconnecting…'); }, 1200);
}
function setBanner(s) {
  clearTimeout(bannerTimer);
  setText(banner, s);
}

function onState(s) {
  if (s.open === false) { roomClosed(); return; }
  for (const k of ['categories', 'mine', 'cards', 'changes', 'kudos', 'stored']) if (!Array.isArray(s[k])) s[k] = [];
  if (!s.votes || typeof s.votes !== 'object') s.votes = {};
  state = s;
  // An item the room has stored, whose answer was lost: sent, not waiting.
  const stored = new Set(s.stored);
  if (outbox.some((it) => stored.has(it.key))) { outbox = outbox.filter((it) => !stored.has(it.key)); saveOutbox(); }
  if (screen !== 'room') show('room');
  connected(true);
  renderTop();
  pruneSent();
  if (s.phase !== phase) {
    view?.leave?.();
    phase = s.phase;
    view = (VIEWS.get(phase) || calmView)();
    main.replaceChildren(view.el);
    view.mounted?.();
  }
  view.update();
}

function renderTop() {
  if (!top.firstChild) {
    top.append(h('p', {class: 'brand'}, 'Debrief room'), h('h1', {id: 'title'}),
      h('p', {class: 'meta'},
        // Announced when the facilitator moves on; the counts are not.
        h('span', {id: 'phase', class: 'phase', role: 'status'}), ' ', h('span', {id: 'stats'})));
  }
  const title = typeof state.title === 'string' && state.title ? state.title : 'Debrief';
  setText($('title'), title);
  setText($('phase'), state.phaseLabel || state.phase || '');
  setText($('stats'), `${fmt(state.joined)} here · ${plural(num(state.written), 'card', 'cards')} written · ${fmt(state.writing)} writing`);
  document.title = `${title} · Debrief room`;
}

// ---- Categories

function catOf(key) {
  return (state && state.categories.find((c) => c.key === key)) ||
    {key, label: key || 'Other', short: String(key || 'Other').toUpperCase(), colour: ''};
}
// The colour is a CSS variable set through the CSSOM (allowed by the CSP,
// unlike style attributes). Only plain hex colours are taken.
function paintCat(el, key) {
  const c = catOf(key).colour;
  if (/^#[0-9a-f]{3,8}$/i.test(c)) el.style.setProperty('--cat', c);
  else el.style.removeProperty('--cat');
}
// A category select with a colour swatch. A debrief's categories are fixed,
// so the options are filled once.
function categoryField(id, value) {
  const select = h('select', {id}, state.categories.map((c) => h('option', {value: c.key}, c.label || c.key)));
  const swatch = h('span', {class: 'swatch', 'aria-hidden': 'true'});
  if (state.categories.some((c) => c.key === value)) select.value = value;
  const paint = () => paintCat(swatch, select.value);
  select.addEventListener('change', paint);
  paint();
  return {select, paint, wrap: h('div', {class: 'select'}, swatch, select)};
}

// ---- Outbox
// Cards, proposals and kudos are stored locally BEFORE they are sent and
// leave the outbox only on a 2xx answer; a retry uses the same key, so the
// server writes each once.

const inflight = new Set();
const sent = new Map(); // key → {kind, id, body, at}: answered, not yet in a state

function textOf(it) {
  const b = it.body;
  return it.kind === 'card' ? b.text : it.kind === 'change' ? b.what : b.for ? `${b.who}: ${b.for}` : b.who;
}

function queue(kind, body) {
  // A random 128-bit key per item, so a retried POST is written once.
  const key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => x.toString(16).padStart(2, '0')).join('');
  const it = {key, kind, token: room.token, body: {key, ...body}};
  outbox.push(it); saveOutbox();
  send(it);
}

async function send(it) {
  if (inflight.has(it.key)) return;
  inflight.add(it.key);
  refresh();
  const r = await api('POST', PATHS[it.kind], it.body);
  inflight.delete(it.key);
  if (!outbox.includes(it)) return; // the room went away meanwhile
  if (r.ok) {
    drop(it);
    sent.set(it.key, {kind: it.kind, id: r.data.id, body: it.body, at: Date.now()});
  } else if (r.network || r.status === 429 || r.status >= 500) {
    // Kept and retried later: not before the server's Retry-After, and a
    // few seconds after a network failure unless the stream comes back.
    it.waitUntil = Date.now() + r.retryAfter * 1000;
    it.failedAt = Date.now();
    if (!r.network && view?.kind === it.kind) view.err.textContent = r.error;
  } else if (r.status !== 401 && r.status !== 410) {
    drop(it);
    rejected(it, r.error);
  }
  refresh();
}
function drop(it) {
  outbox = outbox.filter((x) => x !== it); saveOutbox();
}
function flushOutbox(now) {
  if (!room.token || !room.device) return;
  const t = Date.now();
  for (const it of outbox) {
    if (it.token === room.token && t >= (it.waitUntil || 0) && (now || t - (it.failedAt || 0) >= 3000)) send(it);
  }
}
setInterval(() => { if (outbox.length) flushOutbox(false); }, 4000);

const listOf = (kind) => (kind === 'card' ? state.mine : kind === 'change' ? state.changes : state.kudos);
function pruneSent() {
  for (const [k, s] of sent) {
    if (listOf(s.kind).some((x) => x.id === s.id) || Date.now() - s.at > 15000) sent.delete(k);
  }
}
// Items of a kind not yet in the state: answered ("Sent") and still in the
// outbox, in the order they were written.
function pendingOf(kind) {
  const out = [], list = listOf(kind);
  for (const [key, s] of sent) {
    if (s.kind === kind && !list.some((x) => x.id === s.id)) out.push({key: `k${key}`, body: s.body, status: 'Sent'});
  }
  for (const it of outbox) {
    if (it.kind === kind) {
      out.push({key: `k${it.key}`, body: it.body, pending: true,
        status: inflight.has(it.key) ? 'Sending…' : 'Waiting for the connection…'});
    }
  }
  return out;
}
function refresh() {
  if (view && state) view.update();
}
// A 4xx answer: the item is dropped, its text goes back into the form (or,
// when that form is not on screen, into a notice) so nothing is lost.
function rejected(it, msg) {
  if (view?.kind === it.kind) { view.restore(it.body, msg); return; }
  const what = {card: 'A card', change: 'A proposed change', kudos: 'A thank-you'}[it.kind];
  const n = h('div', {class: 'notice', role: 'alert'},
    h('p', {}, `${what} was not sent: ${msg}`),
    h('p', {class: 'kept'}, textOf(it)),
    h('button', {type: 'button', onclick: () => n.remove()}, 'Dismiss'));
  notices.append(n);
}
function putBack(field, text) {
  field.value = field.value.trim() ? `${text}\n\n${field.value}` : text;
}

// ---- Writing: the "writing" count, Enter to send

let writingAt = 0; // when we last said {writing: true}; 0 when we are not writing
function typing(text) {
  if (!text.trim()) stopWriting();
  else if (Date.now() - writingAt > 10000) {
    writingAt = Date.now();
    api('POST', '/api/writing', {writing: true});
  }
}
function stopWriting() {
  if (!writingAt) return;
  writingAt = 0;
  api('POST', '/api/writing', {writing: false});
}

// Enter sends, Shift+Enter is a new line (not while an IME is composing).
function enterSends(field, submit) {
  field.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(); }
  });
}

// A form with a Send button, its error line and a list below (factors,
// lessons, kudos). cfg: {kind, head, fields, listHead, empty, submit}.
function writeView(cfg) {
  const err = alertP();
  const form = h('form', {class: 'write', novalidate: true}, cfg.head, cfg.fields, err,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Send')));
  form.addEventListener('submit', (e) => { e.preventDefault(); cfg.submit(); });
  const listHead = h('h2', {tabindex: -1}, cfg.listHead);
  const list = h('ul', {class: cfg.kind === 'card' ? 'cards' : 'notes'}), empty = h('p', {class: 'empty'}, cfg.empty);
  return {
    kind: cfg.kind, err, listHead,
    el: h('div', {class: 'view'}, form, h('section', {}, listHead, empty, list)),
    show(items, make, update) {
      sync(list, items, (x) => x.key, make, update);
      empty.hidden = items.length > 0;
    },
  };
}

// ---- Factors: write cards, see your own

function cardFace(el, c, status) {
  paintCat(el, c.category);
  const cat = catOf(c.category);
  return only([
    // The category in text too: colour is never the only cue.
    h('p', {class: 'card-top'}, h('span', {class: 'tag'}, cat.short || cat.label),
      status && h('span', {class: 'status'}, status)),
    h('p', {class: 'card-text'}, c.text),
    c.author && h('p', {class: 'card-author'}, `— ${c.author}`),
  ]);
}

function factorsView() {
  const text = h('textarea', {id: 'card-text', rows: 4, placeholder: 'What contributed? One factor per card',
    enterkeyhint: 'send', 'aria-describedby': 'card-count'});
  const count = h('p', {id: 'card-count', class: 'count'});
  const hint = h('p', {class: 'coach-hint'}), coach = h('div', {class: 'coach', role: 'status'});
  const cat = categoryField('card-cat', room.category);
  const author = h('input', {id: 'card-author', type: 'text', maxlength: 200, autocomplete: 'off'});
  author.value = room.author || '';
  const v = writeView({kind: 'card', submit, listHead: 'Your cards',
    empty: 'Cards you send appear here, face down until the facilitator reveals them.',
    head: h('h2', {}, h('label', {for: 'card-text'}, 'Write a card')),
    fields: [text, count, coach, h('div', {class: 'row'},
      h('div', {}, h('label', {for: 'card-cat'}, 'Category'), cat.wrap),
      h('div', {}, h('label', {for: 'card-author'}, 'Your name ',
        h('span', {class: 'opt'}, '(optional — leave empty to stay anonymous)')), author))]});
  const err = v.err;

  function counted() {
    const n = chars(text.value.trim());
    count.classList.toggle('over', n > MAX_CARD);
    // Only near the limit: a counter from the first letter is noise.
    setText(count, n > MAX_CARD ? `${fmt(n - MAX_CARD)} characters too many (at most ${fmt(MAX_CARD)})`
      : n >= MAX_CARD - 300 ? `${fmt(n)} of ${fmt(MAX_CARD)} characters` : '');
  }
  function setHint(s) {
    if (!s) { coach.replaceChildren(); return; }
    setText(hint, s);
    if (!coach.firstChild) coach.append(hint, h('p', {class: 'coach-note'}, 'Only you see this.'));
  }
  let coachTimer = 0, coachSeq = 0;
  text.addEventListener('input', () => {
    err.textContent = '';
    counted();
    typing(text.value);
    clearTimeout(coachTimer);
    coachTimer = setTimeout(async () => {
      const t = text.value.trim(), seq = ++coachSeq;
      if (!t) { setHint(''); return; }
      const r = await api('POST', '/api/coach', {text: t});
      if (seq === coachSeq && r.ok) setHint(typeof r.data.hint === 'string' ? r.data.hint : '');
    }, 400);
  });
  author.addEventListener('input', () => { room.author = author.value; saveRoom(); });
  cat.select.addEventListener('change', () => { room.category = cat.select.value; saveRoom(); });

  function submit() {
    const t = text.value.trim();
    const problem = !t ? 'Write something first.'
      : chars(t) > MAX_CARD ? `A card holds at most ${fmt(MAX_CARD)} characters. Split it into two cards.`
        : !cat.select.value ? 'Choose a category.' : '';
    err.textContent = problem;
    if (problem) { text.focus(); return; }
    clearTimeout(coachTimer); coachSeq++;
    text.value = ''; counted(); setHint('');
    stopWriting();
    queue('card', {text: t, category: cat.select.value, author: author.value.trim()});
  }
  enterSends(text, submit);

  function updateMine(li, x) {
    if (li.dataset.mode) return; // being edited or asked about: leave it alone
    const sig = JSON.stringify([x.body, x.status, catOf(x.body.category)]);
    if (li.dataset.sig === sig) return;
    li.dataset.sig = sig;
    li.replaceChildren(...cardFace(li, x.body, x.status));
    li.classList.toggle('pending', !!x.pending);
    if (x.card && !x.card.revealed) {
      li.append(h('div', {class: 'card-actions'},
        h('button', {type: 'button', onclick: () => editCard(li, x.card)}, 'Edit'),
        h('button', {type: 'button', onclick: () => askDelete(li, x.card)}, 'Delete')));
    }
    li.append(alertP());
  }
  // Back to the card's face; focus to the card, or the heading if it is gone.
  function settle(li, focusSel) {
    delete li.dataset.mode; delete li.dataset.sig;
    update();
    ((li.isConnected && li.querySelector(focusSel)) || v.listHead).focus();
  }

  function editCard(li, card) {
    li.dataset.mode = 'edit';
    const id = `edit-${card.id}`, ta = h('textarea', {id, rows: 4}), e2 = alertP();
    ta.value = card.text;
    const c = categoryField(`${id}-cat`, card.category);
    const saveBtn = h('button', {type: 'submit', class: 'primary'}, 'Save');
    const f = h('form', {class: 'edit', novalidate: true},
      h('label', {for: id}, 'Edit your card'), ta, h('label', {for: c.select.id}, 'Category'), c.wrap, e2,
      h('div', {class: 'card-actions'}, saveBtn,
        h('button', {type: 'button', onclick: () => settle(li, 'button')}, 'Cancel')));
    async function save() {
      const t = ta.value.trim();
      if (!t || chars(t) > MAX_CARD) {
        e2.textContent = t ? `A card holds at most ${fmt(MAX_CARD)} characters.` : 'A card needs some text. To remove it, use Delete.';
        return;
      }
      saveBtn.disabled = true;
      const r = await api('PUT', `/api/cards/${card.id}`, {text: t, category: c.select.value, author: card.author || ''});
      saveBtn.disabled = false;
      if (!r.ok) { e2.textContent = r.error; ta.focus(); return; }
      Object.assign(card, {text: t, category: c.select.value}); // the next state says the same
      settle(li, 'button');
    }
    f.addEventListener('submit', (e) => { e.preventDefault(); save(); });
    enterSends(ta, save);
    paintCat(li, c.select.value);
    c.select.addEventListener('change', () => paintCat(li, c.select.value));
    li.replaceChildren(f);
    ta.focus();
  }

  // Delete asks in the card itself (no window.confirm); "Keep it" has focus.
  function askDelete(li, card) {
    li.dataset.mode = 'confirm';
    const acts = li.querySelector('.card-actions'), e2 = li.querySelector('.err');
    const keep = h('button', {type: 'button', onclick: () => settle(li, '.card-actions button:last-child')}, 'Keep it');
    const yes = h('button', {type: 'button', class: 'danger'}, 'Delete');
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      const r = await api('DELETE', `/api/cards/${card.id}`);
      yes.disabled = false;
      if (!r.ok) { e2.textContent = r.error; keep.focus(); return; }
      if (state) state.mine = state.mine.filter((m) => m.id !== card.id);
      settle(li, '.card-actions button');
    });
    acts.replaceChildren(h('span', {class: 'confirm'}, 'Delete this card?'), yes, keep);
    keep.focus();
  }

  function update() {
    const items = state.mine.map((c) => ({key: `c${c.id}`, card: c, body: c,
      status: c.revealed ? 'Revealed' : 'Sent · face down'}));
    items.push(...pendingOf('card'));
    items.reverse(); // newest first, right under the form
    v.show(items, () => h('li', {class: 'card'}), updateMine);
  }

  return {
    ...v, update, leave: stopWriting,
    mounted() {
      // Not on phones: the keyboard would cover the page before it is read.
      if (matchMedia('(min-width: 48rem)').matches && !matchMedia('(pointer: coarse)').matches) text.focus();
    },
    restore(body, msg) {
      putBack(text, body.text);
      cat.select.value = body.category; // from this same list
      cat.paint();
      counted();
      err.textContent = msg;
    },
  };
}

// ---- Connect: dot voting

// n dots, the first `full` of them filled; text says the same beside them.
const dotRow = (n, full = n) => h('span', {class: 'dots', 'aria-hidden': 'true'},
  Array.from({length: n}, (_, i) => h('span', {class: i < full ? 'dot' : 'dot used'})));

function connectView() {
  const left = h('p', {class: 'dots-left'}), note = h('p', {class: 'dots-note'}), err = alertP();
  const bar = h('div', {class: 'dots-bar'}, left, err); // sticky at the top
  const list = h('ul', {class: 'cards votes'});
  const empty = h('p', {class: 'empty'}, 'No cards are revealed yet. The facilitator will turn them over.');
  let errTimer = 0;
  // A refused dot is news for a moment, not a banner over the cards.
  const oops = (s) => {
    err.textContent = s;
    clearTimeout(errTimer);
    errTimer = setTimeout(() => { err.textContent = ''; }, 8000);
  };

  function makeVote() {
    const p = {tag: h('span', {class: 'tag'}), text: h('span', {class: 'card-text'}),
      author: h('span', {class: 'card-author'}), tally: h('span', {class: 'tally'})};
    p.btn = h('button', {type: 'button', class: 'vote'}, h('span', {class: 'card-top'}, p.tag), p.text, p.author, p.tally);
    p.minus = h('button', {type: 'button', class: 'unvote'}, '−');
    const li = h('li', {class: 'card vcard'}, p.btn, p.minus);
    li.parts = p;
    p.btn.addEventListener('click', () => vote(li, true));
    p.minus.addEventListener('click', () => vote(li, false));
    return li;
  }
  function updateVote(li, c) {
    const {tag, text, author, tally, btn, minus} = li.parts;
    const shown = !!state.votes.shown, mine = num(c.myVotes), cat = catOf(c.category);
    const total = plural(num(c.votes), 'vote', 'votes');
    li.card = c;
    paintCat(li, c.category);
    setText(tag, cat.short || cat.label);
    setText(text, c.text);
    setText(author, c.author ? `— ${c.author}` : '');
    const sig = `${mine}/${shown ? total : ''}`;
    if (tally.dataset.sig !== sig) {
      tally.dataset.sig = sig;
      tally.replaceChildren(...only([
        mine > 0 && dotRow(mine),
        mine > 0 && h('span', {}, `You gave ${mine}`),
        shown && h('strong', {class: 'total'}, total)]));
    }
    btn.disabled = shown;
    btn.setAttribute('aria-pressed', String(mine > 0));
    btn.setAttribute('aria-label', shown ? `${c.text}: ${total}, you gave ${mine}` : `Vote for ${c.text}, you gave ${mine}`);
    // aria-disabled rather than disabled: the button keeps focus after the
    // last dot is taken back.
    minus.hidden = shown;
    minus.setAttribute('aria-disabled', String(mine === 0));
    minus.setAttribute('aria-label', `Take back a dot from ${c.text}`);
  }
  async function vote(li, add) {
    const c = li.card;
    if (state.votes.shown || (!add && !(num(c.myVotes) > 0))) return;
    const r = add ? await api('POST', '/api/votes', {card: c.id}) : await api('DELETE', `/api/votes/${c.id}`);
    if (!r.ok) { oops(r.network ? 'Cannot reach the room; that dot was not counted.' : r.error); return; }
    err.textContent = '';
    c.myVotes = num(c.myVotes) + (add ? 1 : -1);
    if (Number.isFinite(r.data.left)) state.votes.left = r.data.left;
    update();
  }
  function update() {
    const vs = state.votes, budget = num(vs.budget), l = Math.max(0, num(vs.left));
    left.replaceChildren(dotRow(budget, l), h('strong', {}, `${l} of ${budget}`), ` ${budget === 1 ? 'dot' : 'dots'} left`);
    setText(note, vs.shown ? 'Votes are shown, so voting is over.'
      : `Tap a card to give it a dot; − takes one back. At most ${num(vs.perCard)} on one card.`);
    note.classList.toggle('shown', !!vs.shown);
    bar.hidden = !!vs.shown; // no dots to spend any more
    sync(list, state.cards, (c) => `v${c.id}`, makeVote, updateVote); // in the order sent
    empty.hidden = state.cards.length > 0;
  }
  return {update, el: h('div', {class: 'view'}, h('h2', {}, 'Vote for what matters most'), note, bar, empty, list)};
}

// ---- Lessons and kudos: a form and the list so far

// fields: [{name, label, multi, missing (when required)}]; face(item) → nodes.
function proposeView(kind, head, fields, listHead, emptyText, face) {
  const inputs = fields.map((f) => {
    const id = `${kind}-${f.name}`;
    const el = f.multi ? h('textarea', {id, rows: 3}) : h('input', {id, type: 'text', maxlength: 200, autocomplete: 'off'});
    return {f, el, box: h('div', {}, h('label', {for: id}, f.label, !f.missing && h('span', {class: 'opt'}, ' (optional)')), el)};
  });
  const v = writeView({kind, listHead, empty: emptyText, head: h('h2', {}, head), fields: inputs.map((x) => x.box),
    submit() {
      const body = {};
      for (const {f, el} of inputs) {
        body[f.name] = el.value.trim();
        if (f.missing && !body[f.name]) { v.err.textContent = f.missing; el.focus(); return; }
      }
      v.err.textContent = '';
      for (const {el} of inputs) el.value = '';
      queue(kind, body);
    }});
  return {
    ...v,
    update() {
      const items = listOf(kind).map((x) => ({key: `i${x.id}`, body: x})).concat(pendingOf(kind));
      v.show(items, () => h('li', {class: 'note'}), (li, x) => {
        const sig = JSON.stringify([x.body, x.status]);
        if (li.dataset.sig === sig) return;
        li.dataset.sig = sig;
        li.replaceChildren(...only([face(x.body), x.status && h('p', {class: 'status'}, x.status)]));
      });
    },
    restore(body, msg) {
      for (const {f, el} of inputs) if (body[f.name]) putBack(el, body[f.name]);
      v.err.textContent = msg;
    },
  };
}

const lessonsView = () => proposeView('change', 'Propose a process change',
  [{name: 'what', label: 'What should change?', multi: true, missing: 'Write the change you propose first.'}],
  'Proposed so far', 'Nothing proposed yet.', (x) => [h('p', {}, x.what)]);

const kudosView = () => proposeView('kudos', 'Thank someone for detective work',
  [{name: 'who', label: 'Who', missing: 'Say who you are thanking.'}, {name: 'for', label: 'For what', multi: true}],
  'Thanks so far', 'No thanks yet.', (x) => [h('p', {class: 'note-who'}, x.who), x.for && h('p', {}, x.for)]);

// ---- Phases with nothing to do here

const CALM = new Map([
  ['stage', ['Setting the stage', 'The group is setting the stage. Cards open when the facilitator moves to Factors.']],
  ['share', ['Wrapping up', 'The debrief is being wrapped up. Thank you!']],
]);
function calmView() {
  const [head, text] = CALM.get(phase) || ['Follow the screen', 'This page changes by itself when there is something to do here.'];
  return {update() {}, el: h('div', {class: 'view calm-view'}, h('h2', {}, head), h('p', {class: 'calm'}, text))};
}

const VIEWS = new Map([['factors', factorsView], ['connect', connectView], ['lessons', lessonsView], ['kudos', kudosView]]);

start();
})();
