// The inbox of the Acquire local server: plain JavaScript, no build step, no network but
// this server. Every text from the server goes into the page as text (textContent), never
// as HTML; the server's Content-Security-Policy allows no inline script either.
'use strict';

/** Messages of a conversation shown at first, and added by "Show earlier messages". */
const PAGE = 100;

// `noticeUntil`: until when (ms) the live status shows why an action was refused.
/** @type {{ view: string, caseId: number | null, query: string, limit: number, refreshing: boolean, again: boolean, noticeUntil: number }} */
const state = { view: 'conversations', caseId: null, query: '', limit: PAGE, refreshing: false, again: false, noticeUntil: 0 };

/** An element with attributes (`on…` are listeners) and children (strings become text). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.message ?? `${response.status}`);
  return answer;
}

/** A time as the page shows it: hh:mm:ss today, else the date too. */
function when(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const today = new Date().toDateString() === at.toDateString();
  return today ? at.toLocaleTimeString() : at.toLocaleString();
}

function timeEl(iso) {
  return el('time', { datetime: iso }, when(iso));
}

/** A body pretty-printed when it is JSON. */
function pretty(text) {
  if (text === null || text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * The form an event came from, with its named fields.
 * @param {Event} event
 * @returns {HTMLFormElement & { elements: Record<string, HTMLInputElement> }}
 */
function formOf(event) {
  return /** @type {any} */ (event.target);
}

/**
 * The element with this id, as a form field.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLTextAreaElement | null}
 */
function fieldIn(root, selector) {
  return root.querySelector(selector);
}

/**
 * The page's element with this id (every id used here is in index.html).
 * @param {string} id
 * @returns {HTMLElement}
 */
function byId(id) {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`no #${id} in the page`);
  return found;
}

/** What went wrong, in words. @param {unknown} err */
function reason(err) {
  return err instanceof Error ? err.message : String(err);
}

function say(id, text) {
  byId(id).textContent = text;
}

// ---- conversations ----------------------------------------------------------------

async function renderCaseList() {
  const query = encodeURIComponent(state.query);
  const data = await getJson(`/__mock/ui/conversations?q=${query}`);
  const list = el('div');
  if (data.contacts.length === 0) list.append(el('p', { class: 'empty' }, 'No conversation matches.'));
  for (const contact of data.contacts) {
    const cases = el('ul', { class: 'cases' });
    for (const c of contact.cases) {
      const current = c.id === state.caseId ? 'page' : null;
      cases.append(el('li', {},
        el('a', { href: `#/conversations/${c.id}`, 'aria-current': current, 'data-case': c.id },
          el('strong', {}, `#${c.id}`),
          el('span', { class: `status status-${c.status}` }, String(c.status ?? '')),
          el('span', { class: 'hint' }, String(c.channel ?? '')),
          c.last ? timeEl(c.last.time) : el('span', {}, ''),
          el('span', { class: 'snippet' }, c.last ? `${c.last.senderType === 'contact' ? 'Customer' : 'Agent'}: ${c.last.text ?? ''}` : 'No message yet'))));
    }
    list.append(el('section', { class: 'contact', 'aria-label': contact.name },
      el('h3', {}, `${contact.name} `, el('span', { class: 'email' }, contact.email ?? '')),
      cases,
      el('button', { type: 'button', class: 'secondary small-button', onclick: () => newCase(contact.id) }, 'New case')));
  }
  for (const contact of data.caseless) {
    list.append(el('section', { class: 'contact', 'aria-label': contact.name },
      el('h3', {}, `${contact.name} `, el('span', { class: 'email' }, contact.email ?? '')),
      el('button', { type: 'button', class: 'secondary small-button', onclick: () => newCase(contact.id) }, 'Start a case')));
  }
  byId('case-list').replaceChildren(list);
}

async function newCase(contactId) {
  const added = await postJson('/__mock/cases', { contactId, status: 'active', count: 1 });
  location.hash = `#/conversations/${added.data.ids[0]}`;
}

/** The class and label of a message: agent, customer, internal note or timeline event. */
function kindOf(message, customer) {
  if (message.type === 'event') return ['event', 'Timeline event'];
  if (message.type === 'note') return ['note', `Internal note · ${message.sender ?? `agent ${message.senderId}`}`];
  if (message.senderType === 'contact') return ['customer', `Customer · ${customer}`];
  return ['agent', `Agent ${message.sender ?? message.senderId ?? ''}`.trim()];
}

function messageEl(message, customer) {
  const [kind, label] = kindOf(message, customer);
  return el('li', { class: `message ${kind}`, 'data-id': message.id },
    el('div', { class: 'meta' },
      el('span', {}, label),
      message.translateLangKey ? el('span', { class: 'badge', title: 'translation key' }, `→ ${message.translateLangKey}`) : null,
      message.channel ? el('span', {}, String(message.channel)) : null,
      message.edited ? el('span', { class: 'badge edited', title: `edited ${message.edited}` }, 'edited') : null,
      timeEl(message.time)),
    message.subject ? el('p', { class: 'subject' }, `Subject: ${message.subject}`) : null,
    el('p', {}, String(message.text ?? '')));
}

async function renderConversation() {
  const pane = byId('conversation');
  if (state.caseId === null) return;
  const view = await getJson(`/__mock/ui/cases/${state.caseId}?limit=${state.limit}`);
  const old = pane.querySelector('.messages');
  const atBottom = !old || old.scrollTop + old.clientHeight >= old.scrollHeight - 8;
  const previousHeight = old ? old.scrollHeight - old.scrollTop : 0;
  const active = view.case.status === 'active';
  const list = el('ol', { class: 'messages', 'aria-label': 'Messages', 'aria-live': 'polite' });
  if (view.earlier > 0) {
    list.append(el('li', { class: 'earlier' },
      el('button', { type: 'button', class: 'secondary', onclick: () => { state.limit += PAGE; renderConversation(); } },
        `Show earlier messages (${view.earlier} more)`)));
  }
  for (const message of view.messages) list.append(messageEl(message, view.contact.name));
  if (view.total === 0) list.append(el('li', { class: 'empty' }, 'No message yet.'));
  const reply = el('form', { class: 'reply', onsubmit: (event) => replyAsCustomer(event, view.case.id) },
    el('label', { for: 'reply-text' }, 'Reply as the customer'),
    el('textarea', { id: 'reply-text', name: 'text', required: true, disabled: !active }),
    el('div', { class: 'row' },
      el('button', { type: 'submit', disabled: !active }, 'Send as customer'),
      el('span', { class: 'hint', id: 'reply-state', role: 'status' }, active ? 'Fires case:message:new when a webhook URL is set.' : 'Reopen the case to reply.')));
  const draft = fieldIn(pane, '#reply-text')?.value ?? '';
  const hadFocus = document.activeElement?.id === 'reply-text';
  pane.replaceChildren(
    el('div', { class: 'conversation-head' },
      el('h2', {}, `Case #${view.case.id}`),
      el('span', { class: `status status-${view.case.status}` }, String(view.case.status)),
      el('span', { class: 'who' }, `${view.contact.name}${view.contact.email ? ` <${view.contact.email}>` : ''} · ${view.total} messages`),
      view.case.snooze
        ? el('span', { class: 'badge snoozed', title: view.case.snooze.message ?? '' }, `Snoozed until ${view.case.snooze.scheduleDate} UTC`)
        : null,
      view.case.agents.length > 0
        ? el('span', { class: 'agents' }, `Agents: ${view.case.agents.map((a) => (a.role === 'invited' ? `${a.name} (invited)` : a.name)).join(', ')}`)
        : null,
      el('div', { class: 'tools' },
        el('button', { type: 'button', class: 'secondary', onclick: () => setStatus(view.case.id, active ? 'closed' : 'active') },
          active ? 'Close case' : 'Reopen case'))),
    list,
    reply);
  const textarea = fieldIn(pane, '#reply-text');
  if (textarea !== null) {
    textarea.value = draft;
    if (hadFocus) textarea.focus();
  }
  list.scrollTop = atBottom ? list.scrollHeight : list.scrollHeight - previousHeight;
}

async function replyAsCustomer(event, caseId) {
  event.preventDefault();
  const form = formOf(event);
  const text = form.elements.text.value;
  try {
    await postJson(`/__mock/cases/${caseId}/contact-message`, { text });
    form.elements.text.value = '';
  } catch (err) {
    say('reply-state', `Not sent: ${reason(err)}`);
  }
}

async function setStatus(caseId, status) {
  await postJson(`/__mock/cases/${caseId}/status`, { status });
}

// ---- webhooks ---------------------------------------------------------------------

async function renderWebhooks() {
  const [target, deliveries] = await Promise.all([getJson('/__mock/webhook'), getJson('/__mock/ui/webhooks')]);
  const form = /** @type {HTMLFormElement & { elements: Record<string, HTMLInputElement> }} */ (byId('webhook-form'));
  if (!form.contains(document.activeElement)) {
    form.elements.url.value = target.url ?? '';
    form.elements.secret.value = target.secret ?? '';
  }
  say('webhook-state', target.url ? `Sending to ${target.url}.` : 'No webhook URL: events are not sent.');
  const list = el('div');
  if (deliveries.length === 0) list.append(el('p', { class: 'empty' }, 'No delivery yet.'));
  for (const delivery of deliveries) {
    const rows = delivery.attempts.map((a) => el('tr', {},
      el('td', {}, String(a.attempt)),
      el('td', {}, timeEl(a.time)),
      el('td', {}, a.status === null ? `no answer: ${a.error ?? ''}` : String(a.status)),
      el('td', {}, `${a.elapsedMs} ms`)));
    list.append(el('article', { class: 'delivery', 'data-delivery': delivery.delivery },
      el('header', {},
        el('strong', {}, delivery.event),
        el('span', { class: delivery.delivered ? 'ok' : 'failed' }, delivery.delivered ? 'delivered' : 'not delivered'),
        el('span', { class: 'hint' }, delivery.url),
        el('div', { class: 'tools' },
          el('button', { type: 'button', class: 'secondary', onclick: () => postJson(`/__mock/webhooks/${delivery.delivery}/redeliver`) }, 'Redeliver'))),
      el('table', { 'aria-label': `Attempts of delivery ${delivery.delivery}` },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Attempt'), el('th', { scope: 'col' }, 'Time'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Took'))),
        el('tbody', {}, ...rows)),
      el('details', {},
        el('summary', {}, 'Payload and signature'),
        el('pre', {}, `x-acquire-signature: ${delivery.signature}`),
        el('pre', {}, pretty(delivery.body)))));
  }
  byId('deliveries').replaceChildren(list);
}

// ---- break things -----------------------------------------------------------------

/** The script steps of one choice of the form. */
function stepFor(kind, caseId) {
  const step = {
    429: { status: 429, headers: { 'retry-after': '1' } },
    '500-stored': { status: 500, store: true },
    503: { status: 503 },
    stall: { fault: 'stall' },
    reset: { fault: 'reset' },
  }[kind];
  return caseId ? { ...step, forCase: caseId } : step;
}

function describeStep(step) {
  const what = step.fault === 'stall' ? 'no answer (stall)'
    : step.fault === 'reset' ? 'connection reset'
      : `${step.status}${step.store ? ' after storing' : ''}${step.headers?.['retry-after'] ? `, Retry-After ${step.headers['retry-after']} s` : ''}`;
  const forWhom = step.forCase ? `the next send to case ${step.forCase}`
    : step.forText ? `the send of "${step.forText}"`
      : step.forPath ? `the next request to ${step.forPath}` : 'the next send';
  return `${what}, for ${forWhom}`;
}

async function renderFaults() {
  const script = await getJson('/__mock/script');
  say('script-state', `${script.queued.length} queued · ${script.consumed} taken so far`);
  byId('queued').replaceChildren(...script.queued.map((step) => el('li', {}, describeStep(step))));
}

// ---- requests ---------------------------------------------------------------------

async function renderRequests() {
  const entries = await getJson('/__mock/ui/requests?limit=200');
  const items = entries.map((entry) => el('li', {},
    el('details', {},
      el('summary', {},
        timeEl(entry.time),
        el('span', {}, entry.method),
        el('span', { class: 'path', title: entry.path }, entry.path),
        el('span', {}, entry.status === null ? `no answer (${entry.fault})` : String(entry.status)),
        el('span', {}, `${(entry.latencyUs / 1000).toFixed(1)} ms`),
        el('span', {}, entry.stored ? 'stored' : 'not stored')),
      el('h3', {}, 'Request headers'),
      el('pre', {}, entry.headers.map(([name, value]) => `${name}: ${value}`).join('\n')),
      el('h3', {}, 'Request body'),
      el('pre', {}, pretty(entry.body) || '(empty)'),
      el('h3', {}, 'Response body'),
      el('pre', {}, entry.response === null ? '(no answer)' : pretty(entry.response) || '(empty)'))));
  if (items.length === 0) items.push(el('li', { class: 'empty' }, 'No request yet.'));
  byId('requests').replaceChildren(...items);
}

// ---- views, live updates ----------------------------------------------------------

const RENDER = {
  conversations: async () => { await renderCaseList(); await renderConversation(); },
  webhooks: renderWebhooks,
  faults: renderFaults,
  requests: renderRequests,
};

/** Renders the current view again; calls during a render run once after it. */
async function refresh() {
  if (state.refreshing) {
    state.again = true;
    return;
  }
  state.refreshing = true;
  try {
    await RENDER[state.view]();
  } catch (err) {
    say('live', `Could not load: ${reason(err)}`);
  } finally {
    state.refreshing = false;
    if (state.again) {
      state.again = false;
      refresh();
    }
  }
}

function route() {
  const [, view = 'conversations', id] = location.hash.split('/');
  state.view = RENDER[view] ? view : 'conversations';
  const caseId = id ? Number(id) : null;
  if (caseId !== state.caseId) state.limit = PAGE;
  state.caseId = caseId;
  for (const section of document.querySelectorAll('section.view')) {
    /** @type {HTMLElement} */ (section).hidden = section.id !== `view-${state.view}`;
  }
  for (const tab of document.querySelectorAll('nav.tabs a')) {
    if (tab.getAttribute('data-view') === state.view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  refresh();
}

function listen() {
  const events = new EventSource('/__mock/events');
  events.addEventListener('change', () => {
    // A refusal stays readable for a while; changes keep coming (webhook retries, sends).
    if (Date.now() >= state.noticeUntil) say('live', 'Live');
    byId('live').classList.add('on');
    refresh();
  });
  events.addEventListener('error', () => {
    byId('live').classList.remove('on');
    say('live', 'Reconnecting…');
  });
}

function wireForms() {
  byId('api-url').textContent = `${location.origin}/api/v1`;
  byId('search').addEventListener('submit', (event) => event.preventDefault());
  byId('q').addEventListener('input', (event) => {
    state.query = /** @type {HTMLInputElement} */ (event.target).value;
    refresh();
  });
  byId('new-contact').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = formOf(event);
    await postJson('/__mock/contacts', { fields: { name: form.elements.name.value, email: form.elements.email.value } });
    form.reset();
  });
  byId('webhook-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = formOf(event);
    await postJson('/__mock/webhook', { url: form.elements.url.value, secret: form.elements.secret.value });
    form.elements.url.blur();
    form.elements.secret.blur();
  });
  byId('fault-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = formOf(event);
    const count = Math.max(1, Math.min(100, Number(form.elements.count.value) || 1));
    const caseId = form.elements.caseId.value ? Number(form.elements.caseId.value) : null;
    const steps = Array.from({ length: count }, () => stepFor(form.elements.kind.value, caseId));
    await postJson('/__mock/script', steps);
  });
  const reset = byId('reset');
  let armed = null;
  reset.addEventListener('click', async () => {
    if (armed === null) {
      reset.textContent = 'Click again to reset';
      armed = setTimeout(() => { armed = null; reset.textContent = 'Reset everything'; }, 3000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    reset.textContent = 'Reset everything';
    await postJson('/__mock/reset');
  });
}

wireForms();
// An action the server refused (a redelivery without a webhook URL, …) says why.
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  state.noticeUntil = Date.now() + 5000;
  say('live', `Not done: ${reason(event.reason)}`);
});
window.addEventListener('hashchange', route);
route();
listen();
