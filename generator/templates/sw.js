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
 *
 * A handbook of several communes (OFFLINE.units: slug → [name, files, bytes])
 * lists each commune's pages apart (sotay-offline/<slug>.json): "status" and
 * "cache-all" name the reader's unit, and the cache holds the shared files
 * plus the units asked for so far (kept in the completion mark, and carried
 * over to the next build's cache).
 */
"use strict";

var OFFLINE = self.SOTAY_OFFLINE;
var UNITS = OFFLINE.units || {};
var PREFIX = "sotay-";
var CACHE = PREFIX + OFFLINE.version;
var SCOPE = self.registration.scope;
var MARK = new URL("__sotay-offline__.json", SCOPE).href; // written last: the cache is complete
var UNIT_LISTS = "sotay-offline/";
var CONCURRENCY = 4;

function urlOf(path) {
  return new URL(path, SCOPE).href;
}

/** The completion mark: {hashes: {path: hash}, units: [slug]}, or null while incomplete. */
function readMark(cache) {
  return cache.match(MARK).then(function (res) { return res ? res.json() : null; }).then(function (mark) {
    if (!mark) return null;
    return mark.hashes ? mark : { hashes: mark, units: [] }; // a mark of a worker without units
  });
}

/** The newest complete cache, this build's first: {cache, hashes, units} or null. */
function completeCache() {
  return caches.keys().then(function (keys) {
    var ours = keys.filter(function (k) { return k.indexOf(PREFIX) === 0; });
    ours.sort(function (a, b) { return (b === CACHE) - (a === CACHE); });
    return ours.reduce(function (found, key) {
      return found.then(function (best) {
        if (best) return best;
        return caches.open(key).then(function (cache) {
          return readMark(cache).then(function (mark) {
            return mark ? { cache: cache, hashes: mark.hashes, units: mark.units || [], current: key === CACHE } : null;
          });
        });
      });
    }, Promise.resolve(null));
  });
}

/** Units this build knows, without repeats. */
function knownUnits(units) {
  return (units || []).filter(function (u, i, all) {
    return Object.prototype.hasOwnProperty.call(UNITS, u) && all.indexOf(u) === i;
  });
}

/** Files and bytes of the shared part plus `units`. */
function sizeOf(units) {
  return units.reduce(function (size, u) {
    return { files: size.files + UNITS[u][1], bytes: size.bytes + UNITS[u][2] };
  }, { files: OFFLINE.count, bytes: OFFLINE.bytes });
}

/** One [path, hash] list; refused if it is another build's (a newer worker is on its way). */
function fileList(name) {
  return fetch(urlOf(name), { cache: "no-cache" })
    .then(function (res) {
      if (!res.ok) throw new Error(name + ": " + res.status);
      return res.json();
    })
    .then(function (list) {
      if (list.version !== OFFLINE.version) throw new Error(name + ": version " + list.version);
      return list.files;
    });
}

function filesOf(units) {
  var names = [OFFLINE.list].concat(units.map(function (u) { return UNIT_LISTS + u + ".json"; }));
  return Promise.all(names.map(fileList)).then(function (lists) { return [].concat.apply([], lists); });
}

/** Cache the shared files and `units` (with those already cached); progress to `client`. */
function cacheAll(client, units) {
  var done = 0;
  var failed = 0;
  var hashes = {};
  function tell(msg) { if (client) client.postMessage(msg); }
  return completeCache().then(function (old) {
    var wanted = knownUnits((old ? old.units : []).concat(units || []));
    var total = sizeOf(wanted).files;
    var list = filesOf(wanted).catch(function (err) {
      tell({ type: "failed", done: 0, total: total });
      throw err;
    });
    return Promise.all([caches.open(CACHE), list]).then(function (opened) {
      var cache = opened[0];
      var files = opened[1];
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
        var mark = JSON.stringify({ hashes: hashes, units: wanted });
        return cache.put(MARK, new Response(mark, { headers: { "Content-Type": "application/json" } }))
          .then(function () { tell({ type: "done", version: OFFLINE.version, units: wanted }); });
      });
    });
  });
}

/** What the reader is offered: complete when this build's cache holds `unit` (if any) already. */
function status(unit) {
  var asked = knownUnits(unit ? [unit] : []);
  return completeCache().then(function (found) {
    var mine = found && found.current ? found : null;
    var complete = !!mine && asked.every(function (u) { return mine.units.indexOf(u) >= 0; });
    var size = sizeOf(knownUnits((mine ? mine.units : []).concat(asked)));
    return {
      type: "status", complete: complete, bytes: size.bytes, files: size.files, version: OFFLINE.version,
      unit: asked[0] || null, unitName: asked.length ? UNITS[asked[0]][0] : null, hasUnits: Object.keys(UNITS).length > 0,
    };
  });
}

self.addEventListener("install", function (event) {
  // Opted in before (an older complete cache exists): fill the new cache now, with the same units.
  event.waitUntil(
    completeCache()
      .then(function (old) { return old ? cacheAll(null, old.units) : null; })
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
    event.waitUntil(status(msg.unit).then(function (answer) { client.postMessage(answer); }));
  } else if (msg.type === "cache-all") {
    event.waitUntil(cacheAll(client, msg.unit ? [msg.unit] : []).catch(function () {}));
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
