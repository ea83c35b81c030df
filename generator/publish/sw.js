/* Sổ tay Quy chế — service worker (scope: the whole site). Written by
 * generator/publish/offline.py, which puts the build's version, file count and size
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
 *
 * Nothing waits forever: every Cache API call and every fetch has a time
 * limit (TIMEOUTS), so a navigation always ends — this build's cache, else the
 * network, else the page from any of our caches, else the offline 404 page,
 * else a plain "Không có mạng" — also while a new worker activates and
 * deletes the old caches, and activation itself cannot hang on a cache.
 *
 * The logic is createWorker(env), with the browser's caches, fetch and timers
 * passed in: node --test tests/js/sw.test.mjs runs it on fakes (the guarded
 * module.exports at the end); in the worker, the last lines bind it to `self`.
 */
"use strict";

(function (root) {
  var PREFIX = "sotay-";
  var UNIT_LISTS = "sotay-offline/";
  var CONCURRENCY = 4;
  var TIMEOUTS = {
    cache: 5000, // one Cache API call (keys, open, match, put, delete)
    navigation: 10000, // then a page we have cached is served while the network is still silent
    file: 30000, // one file of the offline copy (fetch, then put)
    activate: 10000, // deleting the old caches before the new worker serves
  };

  /**
   * env: {offline: self.SOTAY_OFFLINE, scope: registration.scope, caches, fetch,
   *       Response, setTimeout, clearTimeout, AbortController?, timeouts?: {…TIMEOUTS}}
   */
  function createWorker(env) {
    var OFFLINE = env.offline;
    var UNITS = OFFLINE.units || {};
    var CACHE = PREFIX + OFFLINE.version;
    var SCOPE = env.scope;
    var MARK = new URL("__sotay-offline__.json", SCOPE).href; // written last: the cache is complete
    var caches = env.caches;
    var Response = env.Response;
    var limits = Object.assign({}, TIMEOUTS, env.timeouts || {});

    function urlOf(path) {
      return new URL(path, SCOPE).href;
    }

    // ---- time limits --------------------------------------------------------------

    /** The value of `promise`, or `otherwise` if it fails or is not there within `ms`. */
    function within(ms, promise, otherwise) {
      return new Promise(function (resolve) {
        var timer = env.setTimeout(function () { resolve(otherwise); }, ms);
        Promise.resolve(promise).then(
          function (value) { env.clearTimeout(timer); resolve(value); },
          function () { env.clearTimeout(timer); resolve(otherwise); }
        );
      });
    }

    /** The value of `promise`, or a rejection if it is not there within `ms`. */
    function deadline(ms, promise, what) {
      return new Promise(function (resolve, reject) {
        var timer = env.setTimeout(function () { reject(new Error(what + ": no answer in " + ms + " ms")); }, ms);
        Promise.resolve(promise).then(
          function (value) { env.clearTimeout(timer); resolve(value); },
          function (err) { env.clearTimeout(timer); reject(err); }
        );
      });
    }

    /** fetch with a time limit; the request is aborted when it is exceeded. */
    function fetchWithin(ms, input, init) {
      var abort = env.AbortController ? new env.AbortController() : null;
      var options = Object.assign({}, init || {}, abort ? { signal: abort.signal } : {});
      return deadline(ms, env.fetch(input, options), String(input.url || input)).catch(function (err) {
        if (abort) abort.abort();
        throw err;
      });
    }

    // ---- the Cache API, each call bounded -------------------------------------------

    function cacheNames() {
      return within(limits.cache, caches.keys(), []).then(function (keys) {
        return (keys || []).filter(function (k) { return k.indexOf(PREFIX) === 0; });
      });
    }

    /** The cache `name` if it exists (never creates one), else undefined. */
    function existingCache(name) {
      return within(limits.cache, caches.has(name), false).then(function (has) {
        return has ? within(limits.cache, caches.open(name), undefined) : undefined;
      });
    }

    function matchIn(cache, url) {
      return cache ? within(limits.cache, cache.match(url), undefined) : Promise.resolve(undefined);
    }

    /** `url` from any of our caches, this build's first. */
    function anyCached(url) {
      return cacheNames().then(function (names) {
        names.sort(function (a, b) { return (b === CACHE) - (a === CACHE); });
        return names.reduce(function (found, name) {
          return found.then(function (hit) {
            return hit || existingCache(name).then(function (cache) { return matchIn(cache, url); });
          });
        }, Promise.resolve(undefined));
      });
    }

    // ---- the offline copy ------------------------------------------------------------

    /** The completion mark: {hashes: {path: hash}, units: [slug]}, or null while incomplete. */
    function readMark(cache) {
      return matchIn(cache, MARK)
        .then(function (res) { return res ? within(limits.cache, res.json(), null) : null; })
        .then(function (mark) {
          if (!mark) return null;
          return mark.hashes ? mark : { hashes: mark, units: [] }; // a mark of a worker without units
        });
    }

    /** The newest complete cache, this build's first: {cache, hashes, units, current} or null. */
    function completeCache() {
      return cacheNames().then(function (ours) {
        ours.sort(function (a, b) { return (b === CACHE) - (a === CACHE); });
        return ours.reduce(function (found, key) {
          return found.then(function (best) {
            if (best) return best;
            return existingCache(key).then(function (cache) {
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
      return fetchWithin(limits.file, urlOf(name), { cache: "no-cache" })
        .then(function (res) {
          if (!res.ok) throw new Error(name + ": " + res.status);
          return deadline(limits.file, res.json(), name);
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
        var opened = deadline(limits.cache, caches.open(CACHE), CACHE);
        return Promise.all([opened, list]).then(function (both) {
          var cache = both[0];
          var files = both[1];
          function one(entry) {
            var path = entry[0];
            var hash = entry[1];
            var url = urlOf(path);
            var reuse = old && old.hashes[path] === hash ? matchIn(old.cache, url) : Promise.resolve(undefined);
            return reuse
              .then(function (res) {
                return res || fetchWithin(limits.file, url, { cache: "no-cache" }).then(function (fresh) {
                  if (!fresh.ok) throw new Error(url + ": " + fresh.status);
                  return fresh;
                });
              })
              .then(function (res) { return deadline(limits.file, cache.put(url, res), url); })
              .then(function () { hashes[path] = hash; })
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
            return deadline(limits.cache, cache.put(MARK, new Response(mark, { headers: { "Content-Type": "application/json" } })), MARK)
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

    // ---- the worker's events ------------------------------------------------------------

    /** Install: opted in before (an older complete cache exists)? Fill the new cache now, with the same units. */
    function install() {
      return completeCache().then(function (old) { return old ? cacheAll(null, old.units) : null; });
    }

    /** Activate: drop the other builds' caches — within a time limit, so that no fetch waits on it. */
    function activate() {
      var cleanup = cacheNames().then(function (names) {
        return Promise.all(names.map(function (name) {
          return name !== CACHE ? within(limits.cache, caches.delete(name), false) : null;
        }));
      });
      return within(limits.activate, cleanup, null);
    }

    /** Cache key of a request: no query, no fragment, "…/" → "…/index.html". */
    function cacheKey(request) {
      var url = new URL(request.url);
      url.hash = "";
      url.search = "";
      if (url.pathname.slice(-1) === "/") url.pathname += "index.html";
      return url.href;
    }

    function offline404() {
      return anyCached(urlOf("404.html")).then(function (page) {
        return page || new Response("Không có mạng.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      });
    }

    /**
     * The network's answer. A navigation that is still unanswered after
     * limits.navigation gets the copy of the page from our caches if there is
     * one (the network is not awaited any longer); with no copy, it waits on.
     */
    function network(request, key) {
      var fetched = env.fetch(request);
      if (request.mode !== "navigate") return fetched;
      return new Promise(function (resolve, reject) {
        var timer = env.setTimeout(function () {
          anyCached(key).then(function (copy) { if (copy) resolve(copy); });
        }, limits.navigation);
        fetched.then(
          function (res) { env.clearTimeout(timer); resolve(res); },
          function (err) { env.clearTimeout(timer); reject(err); }
        );
      });
    }

    /** this build's cache → network → the page in any of our caches → offline 404 (navigations). */
    function respond(request) {
      var key = cacheKey(request);
      return existingCache(CACHE)
        .then(function (cache) { return matchIn(cache, key); })
        .then(function (hit) {
          return hit || network(request, key).catch(function () {
            return anyCached(key).then(function (copy) {
              if (copy) return copy;
              return request.mode === "navigate" ? offline404() : Response.error();
            });
          });
        });
    }

    return {
      CACHE: CACHE,
      MARK: MARK,
      limits: limits,
      urlOf: urlOf,
      cacheKey: cacheKey,
      knownUnits: knownUnits,
      sizeOf: sizeOf,
      within: within,
      completeCache: completeCache,
      cacheAll: cacheAll,
      status: status,
      install: install,
      activate: activate,
      respond: respond,
      inScope: function (request) { return request.method === "GET" && request.url.indexOf(SCOPE) === 0; },
    };
  }

  /** Bind a worker to the service worker global `sw`. */
  function listen(sw, worker) {
    sw.addEventListener("install", function (event) {
      event.waitUntil(worker.install().then(function () { return sw.skipWaiting(); }));
    });
    sw.addEventListener("activate", function (event) {
      event.waitUntil(worker.activate().then(function () { return worker.within(worker.limits.activate, sw.clients.claim()); }));
    });
    sw.addEventListener("message", function (event) {
      var msg = event.data || {};
      var client = event.source;
      if (msg.type === "status") {
        event.waitUntil(worker.status(msg.unit).then(function (answer) { client.postMessage(answer); }));
      } else if (msg.type === "cache-all") {
        event.waitUntil(worker.cacheAll(client, msg.unit ? [msg.unit] : []).catch(function () {}));
      }
    });
    sw.addEventListener("fetch", function (event) {
      if (worker.inScope(event.request)) event.respondWith(worker.respond(event.request));
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { createWorker: createWorker, listen: listen, TIMEOUTS: TIMEOUTS, PREFIX: PREFIX };
  } else if (root.SOTAY_OFFLINE && root.registration) {
    listen(root, createWorker({
      offline: root.SOTAY_OFFLINE,
      scope: root.registration.scope,
      caches: root.caches,
      fetch: root.fetch.bind(root),
      Response: root.Response,
      AbortController: root.AbortController,
      setTimeout: root.setTimeout.bind(root),
      clearTimeout: root.clearTimeout.bind(root),
    }));
  }
})(typeof self !== "undefined" ? self : globalThis);
