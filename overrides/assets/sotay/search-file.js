/* Sổ tay Quy chế — load Pagefind in a page opened from file:// (offline zip).
 *
 * Chromium refuses fetch(), import() and new Worker() of file:// URLs, but runs
 * classic <script src> and import() of blob: URLs. generator/publish/search_index.py writes
 * every Pagefind file as pagefind-file/<path>.js, a script that stores the
 * file in self.__pfFiles[<path>]: base64 for binary files, {text} for
 * pagefind.js and the JSON files. Here:
 *   - readFile(path) injects that script once, on demand, and returns the bytes;
 *   - installFetch() wraps window.fetch so Pagefind's requests for
 *     <PF_BASE><path> are answered from readFile (other URLs pass through);
 *   - importPagefind() imports pagefind.js from a blob: URL and creates an
 *     instance on the main thread (noWorker) with basePath = PF_BASE.
 * Pagefind still asks for one index chunk or fragment at a time, so a query
 * loads only the scripts it needs.
 *
 * Classic script: attaches globalThis.Sotay.searchFile.
 */
(function (root) {
  "use strict";

  // A URL no real file has: only Pagefind's requests start with it.
  var PF_BASE = "https://pagefind.invalid/pagefind/";
  var pending = new Map();

  function filesStore() {
    return (root.__pfFiles = root.__pfFiles || {});
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () {
        s.remove();
        resolve();
      };
      s.onerror = function () {
        s.remove();
        reject(new Error("Không tải được " + src));
      };
      document.head.appendChild(s);
    });
  }

  function decodeBase64(text) {
    var bin = atob(text);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  /** Bytes of one bundle file ("index/vi_ab12.pf_index"), loaded once. */
  function readFile(siteRoot, path) {
    if (!pending.has(path)) {
      var job = loadScript(siteRoot + "pagefind-file/" + path + ".js").then(function () {
        var store = filesStore();
        var entry = store[path];
        delete store[path]; // keep one copy only: Pagefind caches what it parsed
        if (typeof entry === "string") return decodeBase64(entry); // binary: base64
        if (entry && typeof entry.text === "string") return new TextEncoder().encode(entry.text); // text file
        throw new Error("Thiếu tệp tìm kiếm " + path);
      });
      job.catch(function () {
        pending.delete(path); // let a later query try again
      });
      pending.set(path, job);
    }
    return pending.get(path);
  }

  function contentType(path) {
    if (/\.pagefind$/.test(path)) return "application/wasm";
    if (/\.json$/.test(path)) return "application/json";
    if (/\.js$/.test(path)) return "text/javascript";
    return "application/octet-stream";
  }

  /** Answer Pagefind's fetch() calls from the pagefind-file scripts. */
  function installFetch(siteRoot) {
    if (root.fetch && root.fetch.__sotayPagefind) return;
    var original = root.fetch ? root.fetch.bind(root) : null;
    var wrapped = function (input, init) {
      var url = typeof input === "string" ? input : input && input.url;
      if (url && url.indexOf(PF_BASE) === 0) {
        var path = url.slice(PF_BASE.length).split(/[?#]/)[0];
        return readFile(siteRoot, path).then(
          function (bytes) {
            return new Response(bytes, { status: 200, headers: { "Content-Type": contentType(path) } });
          },
          function () {
            return new Response("", { status: 404 });
          }
        );
      }
      if (!original) return Promise.reject(new Error("fetch không có"));
      return original(input, init);
    };
    wrapped.__sotayPagefind = true;
    root.fetch = wrapped;
  }

  /** A Pagefind instance working from the pagefind-file scripts. */
  function importPagefind(siteRoot, options) {
    installFetch(siteRoot);
    return readFile(siteRoot, "pagefind.js").then(function (bytes) {
      var url = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
      return import(url).then(function (pagefind) {
        URL.revokeObjectURL(url);
        var opts = Object.assign({}, options || {}, { basePath: PF_BASE, baseUrl: "/", noWorker: true });
        return pagefind.createInstance(opts);
      });
    });
  }

  root.Sotay = root.Sotay || {};
  root.Sotay.searchFile = {
    PF_BASE: PF_BASE,
    readFile: readFile,
    installFetch: installFetch,
    importPagefind: importPagefind,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
