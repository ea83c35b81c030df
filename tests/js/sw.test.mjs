// Unit tests for the service worker's logic (generator/publish/sw.js,
// createWorker) on fake caches, fetch and small time limits: a navigation
// always ends, whatever hangs or fails. Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const SRC = new URL('../../generator/publish/sw.js', import.meta.url);
const { createWorker } = require(SRC.pathname);

const SCOPE = 'https://example.org/so-tay/';
const OFFLINE = { version: 'v2', count: 2, bytes: 300, list: 'sotay-offline.json' };
const LIMITS = { cache: 20, navigation: 60, file: 60, activate: 60 };
const never = () => new Promise(() => {});
const page = (text, status = 200) => new Response(text, { status, headers: { 'Content-Type': 'text/html' } });

/** A cache of url → text; answers with a new Response each time, like the Cache API. */
class FakeCache {
  constructor(hang) { this.map = new Map(); this.hang = hang; }
  match(url) {
    if (this.hang.match) return never();
    const body = this.map.get(String(url));
    return Promise.resolve(body === undefined ? undefined : page(body));
  }
  put(url, res) {
    if (this.hang.put) return never();
    return res.text().then((body) => { this.map.set(String(url), body); });
  }
}

/** caches with {name: {path: text}}; `hang` names the calls that never answer. */
function fakeCaches(initial = {}, hang = {}) {
  const store = new Map();
  for (const [name, files] of Object.entries(initial)) {
    const cache = new FakeCache(hang);
    for (const [path, body] of Object.entries(files)) cache.map.set(new URL(path, SCOPE).href, body);
    store.set(name, cache);
  }
  return {
    store,
    keys: () => (hang.keys ? never() : Promise.resolve([...store.keys()])),
    has: (name) => (hang.has ? never() : Promise.resolve(store.has(name))),
    open: (name) => {
      if (hang.open) return never();
      if (!store.has(name)) store.set(name, new FakeCache(hang));
      return Promise.resolve(store.get(name));
    },
    delete: (name) => (hang.delete ? never() : Promise.resolve(store.delete(name))),
  };
}

/** fetch answering from {url: text | 'fail' | 'hang' | Response}; everything else fails (offline). */
function fakeFetch(answers = {}) {
  const calls = [];
  const fn = (input) => {
    const url = String(input.url || input);
    calls.push(url);
    const a = answers[url];
    if (a === 'hang') return never();
    if (a === undefined || a === 'fail') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(a instanceof Response ? a : page(a));
  };
  fn.calls = calls;
  return fn;
}

function worker({ caches = fakeCaches(), fetch = fakeFetch(), offline = OFFLINE } = {}) {
  return createWorker({ offline, scope: SCOPE, caches, fetch, Response, AbortController, setTimeout, clearTimeout, timeouts: LIMITS });
}

const nav = (path) => ({ url: SCOPE + path, method: 'GET', mode: 'navigate' });
const asset = (path) => ({ url: SCOPE + path, method: 'GET', mode: 'no-cors' });
const url = (path) => new URL(path, SCOPE).href;

/** The response's text, failing the test if it takes more than `ms` (a hang). */
async function settle(promise, ms = 1000) {
  let timer;
  const res = await Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('hung')), ms); })]);
  clearTimeout(timer);
  return res;
}
const text = async (promise) => (await settle(promise)).text();

test('cache key: no query, no fragment, a folder is its index.html', () => {
  const w = worker();
  assert.equal(w.cacheKey({ url: SCOPE + 'van-ban/a.html?q=1#dieu-3' }), url('van-ban/a.html'));
  assert.equal(w.cacheKey({ url: SCOPE }), url('index.html'));
  assert.equal(w.CACHE, 'sotay-v2');
});

test('units: only known ones, once; sizes add up', () => {
  const w = worker({ offline: { ...OFFLINE, units: { 'xa-a': ['Xã A', 3, 30], constructor: ['x', 1, 1] } } });
  assert.deepEqual(w.knownUnits(['xa-a', 'xa-a', 'xa-b', 'toString']), ['xa-a']);
  assert.deepEqual(w.sizeOf(['xa-a']), { files: 5, bytes: 330 });
});

test('this build\'s cache answers first; the network is not asked', async () => {
  const fetch = fakeFetch({ [url('a.html')]: 'mạng' });
  const w = worker({ caches: fakeCaches({ 'sotay-v2': { 'a.html': 'bản lưu' } }), fetch });
  assert.equal(await text(w.respond(nav('a.html?x=1'))), 'bản lưu');
  assert.deepEqual(fetch.calls, []);
});

test('a navigation while the new worker activates (its cache not there yet): the network', async () => {
  const fetch = fakeFetch({ [url('a.html')]: 'mạng' });
  const w = worker({ caches: fakeCaches({ 'sotay-v1': { 'a.html': 'bản cũ' } }), fetch });
  assert.equal(await text(w.respond(nav('a.html'))), 'mạng');
});

test('a navigation when the Cache API never answers: the network, in bounded time', async () => {
  for (const hang of [{ has: true }, { open: true }, { match: true }, { keys: true, has: true, open: true, match: true }]) {
    const w = worker({ caches: fakeCaches({ 'sotay-v2': { 'a.html': 'bản lưu' } }, hang), fetch: fakeFetch({ [url('a.html')]: 'mạng' }) });
    assert.equal(await text(w.respond(nav('a.html'))), 'mạng', JSON.stringify(hang));
  }
});

test('offline, the page not in this build\'s cache: the copy in an older cache', async () => {
  const w = worker({ caches: fakeCaches({ 'sotay-v1': { 'a.html': 'bản cũ', '404.html': 'không tìm thấy' } }) });
  assert.equal(await text(w.respond(nav('a.html'))), 'bản cũ');
});

test('offline, the page in no cache: the offline 404 page, from whichever cache has it', async () => {
  const w = worker({ caches: fakeCaches({ 'sotay-v2': { 'b.html': 'b' }, 'sotay-v1': { '404.html': 'không tìm thấy' } }) });
  assert.equal(await text(w.respond(nav('a.html'))), 'không tìm thấy');
});

test('offline, nothing cached and the caches never answer: "Không có mạng.", not a hang', async () => {
  const w = worker({ caches: fakeCaches({}, { keys: true, has: true, open: true }) });
  const res = await settle(w.respond(nav('a.html')));
  assert.equal(res.status, 503);
  assert.equal(await res.text(), 'Không có mạng.');
});

test('a silent network: after the navigation limit the cached copy is served', async () => {
  const w = worker({ caches: fakeCaches({ 'sotay-v1': { 'a.html': 'bản cũ' } }), fetch: fakeFetch({ [url('a.html')]: 'hang' }) });
  assert.equal(await text(w.respond(nav('a.html'))), 'bản cũ');
});

test('a failed file other than a page: a network error, not the 404 page', async () => {
  const w = worker({ caches: fakeCaches({ 'sotay-v1': { '404.html': 'không tìm thấy' } }) });
  const res = await settle(w.respond(asset('assets/x.css')));
  assert.equal(res.type, 'error');
});

test('activation ends even if deleting an old cache never does', async () => {
  const caches = fakeCaches({ 'sotay-v1': {}, 'sotay-v2': {}, 'khac': {} }, { delete: true });
  await settle(worker({ caches }).activate());
  const ok = fakeCaches({ 'sotay-v1': {}, 'sotay-v2': {}, 'khac': {} });
  await settle(worker({ caches: ok }).activate());
  assert.deepEqual([...ok.store.keys()], ['sotay-v2', 'khac']); // only our other builds' caches go
});

function listed(files) {
  return JSON.stringify({ version: 'v2', files });
}

test('cacheAll: every file, then the mark; unchanged files are copied from the old cache', async () => {
  const oldMark = JSON.stringify({ hashes: { 'a.html': 'h1' }, units: [] });
  const caches = fakeCaches({ 'sotay-v1': { 'a.html': 'a cũ', '__sotay-offline__.json': oldMark } });
  const fetch = fakeFetch({ [url('sotay-offline.json')]: listed([['a.html', 'h1'], ['b.html', 'h2']]), [url('b.html')]: 'b mới' });
  const messages = [];
  const w = worker({ caches, fetch });
  await settle(w.cacheAll({ postMessage: (m) => messages.push(m) }, []));
  assert.ok(!fetch.calls.includes(url('a.html'))); // same hash: not downloaded again
  const cache = caches.store.get('sotay-v2');
  assert.equal(cache.map.get(url('a.html')), 'a cũ');
  assert.equal(cache.map.get(url('b.html')), 'b mới');
  assert.deepEqual(JSON.parse(cache.map.get(w.MARK)), { hashes: { 'a.html': 'h1', 'b.html': 'h2' }, units: [] });
  assert.deepEqual(messages.at(-1), { type: 'done', version: 'v2', units: [] });
  assert.equal((await settle(w.status())).complete, true);
});

test('cacheAll: a file that never arrives counts as failed in bounded time; no mark', async () => {
  const caches = fakeCaches();
  const fetch = fakeFetch({ [url('sotay-offline.json')]: listed([['a.html', 'h1'], ['b.html', 'h2']]), [url('a.html')]: 'a', [url('b.html')]: 'hang' });
  const messages = [];
  const w = worker({ caches, fetch });
  await assert.rejects(settle(w.cacheAll({ postMessage: (m) => messages.push(m) }, [])), /offline cache incomplete/);
  assert.deepEqual(messages.at(-1), { type: 'failed', done: 1, total: 2 });
  assert.equal(caches.store.get('sotay-v2').map.has(w.MARK), false);
  assert.equal((await settle(w.status())).complete, false);
});

test('a file list of another build is refused', async () => {
  const fetch = fakeFetch({ [url('sotay-offline.json')]: JSON.stringify({ version: 'v3', files: [] }) });
  const messages = [];
  await assert.rejects(settle(worker({ fetch }).cacheAll({ postMessage: (m) => messages.push(m) }, [])), /version v3/);
  assert.deepEqual(messages, [{ type: 'failed', done: 0, total: 2 }]);
});

test('install refills the new cache only for a reader who opted in before', async () => {
  const fetch = fakeFetch({ [url('sotay-offline.json')]: listed([]) });
  const fresh = fakeCaches();
  await settle(worker({ caches: fresh, fetch }).install());
  assert.equal(fresh.store.size, 0); // nothing downloaded without consent
  const optedIn = fakeCaches({ 'sotay-v1': { '__sotay-offline__.json': JSON.stringify({ hashes: {}, units: [] }) } });
  await settle(worker({ caches: optedIn, fetch }).install());
  assert.ok(optedIn.store.get('sotay-v2').map.has(url('__sotay-offline__.json')));
});

test('the worker script binds itself to `self` only inside a service worker', () => {
  const listeners = {};
  const sw = {
    SOTAY_OFFLINE: OFFLINE, registration: { scope: SCOPE }, caches: fakeCaches(), fetch: fakeFetch(), Response,
    URL, AbortController, setTimeout, clearTimeout, addEventListener: (type, fn) => { listeners[type] = fn; },
  };
  sw.self = sw;
  vm.runInNewContext(readFileSync(SRC, 'utf8'), sw);
  assert.deepEqual(Object.keys(listeners).sort(), ['activate', 'fetch', 'install', 'message']);
  let answered = null;
  listeners.fetch({ request: { url: 'https://other.example/x', method: 'GET' }, respondWith: (r) => { answered = r; } });
  assert.equal(answered, null); // another site's request is left alone
});
