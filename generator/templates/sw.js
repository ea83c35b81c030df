/* Sổ tay Quy chế — service worker (scope: the whole site). Written by
 * generator/offline.py, which puts the build's version, file count and size
 * above this line; the file list itself is OFFLINE.list (sotay-offline.json).
 *
 * Nothing is downloaded until the reader accepts "Tải toàn bộ để đọc offline"
 * (message "cache-all" from assets/sotay/ui.js): data is metered. Then the
 * list is fetched and every file of it goes into the cache "sotay-<version>", with progress
 * messages, and the site is served cache-first (network for anything else).
 * A new build has a new version: if the reader had opted in, the new worker
 * fills the new cache at install (files whose hash did not change are copied
 * from the old cache, not downloaded again), then deletes the old caches.
 */
"use strict";

var OFFLINE = self.SOTAY_OFFLINE;
var PREFIX = "sotay-";
var CACHE = PREFIX + OFFLINE.version;
var SCOPE = self.registration.scope;
var MARK = new URL("__sotay-offline__.json", SCOPE).href; // written last: the cache is complete
var CONCURRENCY = 4;

function urlOf(path) {
  return new URL(path, SCOPE).href;
}

function readMark(cache) {
  return cache.match(MARK).then(function (res) { return res ? res.json() : null; });
}

/** The newest other complete cache: {cache, hashes} or null. */
function previousCache() {
  return caches.keys().then(function (keys) {
    var others = keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; });
    return others.reduce(function (found, key) {
      return found.then(function (best) {
        if (best) return best;
        return caches.open(key).then(function (cache) {
          return readMark(cache).then(function (hashes) { return hashes ? { cache: cache, hashes: hashes } : null; });
        });
      });
    }, Promise.resolve(null));
  });
}

/** The build's [path, hash] list; refused if it is another build's (a newer worker is on its way). */
function fileList() {
  return fetch(urlOf(OFFLINE.list), { cache: "no-cache" })
    .then(function (res) {
      if (!res.ok) throw new Error(OFFLINE.list + ": " + res.status);
      return res.json();
    })
    .then(function (list) {
      if (list.version !== OFFLINE.version) throw new Error(OFFLINE.list + ": version " + list.version);
      return list.files;
    });
}

function cacheAll(client) {
  var total = OFFLINE.count;
  var done = 0;
  var failed = 0;
  var hashes = {};
  function tell(msg) { if (client) client.postMessage(msg); }
  var list = fileList().catch(function (err) {
    tell({ type: "failed", done: 0, total: total });
    throw err;
  });
  return Promise.all([caches.open(CACHE), previousCache(), list]).then(function (opened) {
    var cache = opened[0];
    var old = opened[1];
    var files = opened[2];
    function one(entry) {
      var path = entry[0];
      var hash = entry[1];
      var url = urlOf(path);
      var reuse = old && old.hashes[path] === hash ? old.cache.match(url) : Promise.resolve(undefined);
      return reuse
        .then(function (res) {
          return res || fetch(url, { cache: "no-cache" }).then(function (fresh) {
            if (!fresh.ok) throw new Error(url + ": " + fresh.status);
            return fresh;
          });
        })
        .then(function (res) { hashes[path] = hash; return cache.put(url, res); })
        .catch(function () { failed += 1; })
        .then(function () {
          done += 1;
          if (done % 10 === 0 || done === total) tell({ type: "progress", done: done, total: total });
        });
    }
    function worker() {
      var entry = files.shift();
      return entry ? one(entry).then(worker) : Promise.resolve();
    }
    var workers = [];
    for (var i = 0; i < CONCURRENCY; i += 1) workers.push(worker());
    return Promise.all(workers).then(function () {
      if (failed) {
        tell({ type: "failed", done: done - failed, total: total });
        throw new Error("offline cache incomplete");
      }
      return cache.put(MARK, new Response(JSON.stringify(hashes), { headers: { "Content-Type": "application/json" } }))
        .then(function () { tell({ type: "done", version: OFFLINE.version }); });
    });
  });
}

function isComplete() {
  return caches.has(CACHE).then(function (has) {
    return has ? caches.open(CACHE).then(readMark).then(Boolean) : false;
  });
}

self.addEventListener("install", function (event) {
  // Opted in before (an older complete cache exists): fill the new cache now.
  event.waitUntil(
    previousCache()
      .then(function (old) { return old ? cacheAll(null) : null; })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.map(function (key) {
        return key.indexOf(PREFIX) === 0 && key !== CACHE ? caches.delete(key) : null;
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  var msg = event.data || {};
  var client = event.source;
  if (msg.type === "status") {
    event.waitUntil(isComplete().then(function (complete) {
      client.postMessage({ type: "status", complete: complete, bytes: OFFLINE.bytes, files: OFFLINE.count, version: OFFLINE.version });
    }));
  } else if (msg.type === "cache-all") {
    event.waitUntil(cacheAll(client).catch(function () {}));
  }
});

/** Cache key of a request: no query, no fragment, "…/" → "…/index.html". */
function cacheKey(request) {
  var url = new URL(request.url);
  url.hash = "";
  url.search = "";
  if (url.pathname.slice(-1) === "/") url.pathname += "index.html";
  return url.href;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  event.respondWith(
    caches.has(CACHE).then(function (has) {
      if (!has) return fetch(request);
      return caches.open(CACHE).then(function (cache) {
        return cache.match(cacheKey(request)).then(function (hit) {
          return hit || fetch(request).catch(function () {
            return request.mode === "navigate" ? cache.match(urlOf("404.html")).then(function (page) {
              return page || new Response("Không có mạng.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
            }) : Response.error();
          });
        });
      });
    })
  );
});
