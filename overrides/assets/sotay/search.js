/* Sổ tay Quy chế — search page (tim-kiem.html): DOM wiring only.
 *
 * Needs, loaded before it as classic scripts: dom.js (JSON island), search-core.js
 * (pure logic), search-file.js (file:// loader). Finds its widget by [data-sotay-search]:
 *   data-root       relative path to the site root ("", "../")
 *   data-scope-default  what is searched before a unit is picked (present when the
 *                   handbook has several units: generator/site/scopes.py)
 *   form input[name=q], optional radios input[name=loai] (loai-trang filter),
 *   optional select[name=don-vi] (don-vi filter; the choice is remembered),
 *   [data-role=status], [data-role=results]
 *   <script type="application/json" data-role="aliases"> alias table
 * Served over http(s) it imports <root>pagefind/pagefind.js; from file:// it
 * goes through Sotay.searchFile. The same code renders both.
 */
(function (root) {
  "use strict";

  var core = root.Sotay.searchCore;
  var MAX_PAGES = 10; // Pagefind records whose text is loaded for re-ranking
  var MAX_DOCUMENTS = 6; // of which at least this many are clauses of a regulation, when found
  var MAX_HITS = 20;
  var DEBOUNCE_MS = 250;
  var WORDS_FILE = "sotay-words.json";
  var SCOPE_KEY = "sotay.don-vi"; // localStorage: the unit the reader last picked
  var wordCache = new Map(); // page url → {words, folded}: fold each page once per visit

  // Pagefind matches every query word as a prefix ("pho" finds "phối" too);
  // a high term similarity ranks the exact word ("phó") well above such
  // extensions. Vietnamese syllables are short, so prefixes are mostly noise.
  var PAGEFIND_OPTIONS = { ranking: { termSimilarity: 8 } };

  function loadPagefind(siteRoot) {
    var searchFile = root.Sotay.searchFile;
    if (location.protocol === "file:") return searchFile.importPagefind(siteRoot, PAGEFIND_OPTIONS);
    var base = new URL(siteRoot + "pagefind/", document.baseURI).href;
    // Main thread as under file://: one code path, and 41 KB less to download
    // (pagefind-worker.js); a query's wasm work is a few milliseconds.
    return import(base + "pagefind.js").then(
      function (pagefind) {
        return pagefind.createInstance(Object.assign({ basePath: base, baseUrl: "/", noWorker: true }, PAGEFIND_OPTIONS));
      },
      function () {
        // An offline bundle without pagefind/ served over http: the scripts work there too.
        return searchFile.importPagefind(siteRoot, PAGEFIND_OPTIONS);
      }
    );
  }

  /**
   * Words of the index that start with d or đ (generator/publish/search_index.py,
   * write_d_words): lets planQuery skip a d/đ spelling that cannot match.
   * Null when missing: every spelling is searched then.
   */
  function loadDWords(siteRoot) {
    var text =
      location.protocol === "file:"
        ? root.Sotay.searchFile.readFile(siteRoot, WORDS_FILE).then(function (bytes) {
            return new TextDecoder().decode(bytes);
          })
        : fetch(new URL(siteRoot + "pagefind/" + WORDS_FILE, document.baseURI).href).then(function (r) {
            return r.ok ? r.text() : Promise.reject(new Error(r.status));
          });
    return text.then(
      function (t) {
        return JSON.parse(t).d || null;
      },
      function () {
        return null;
      }
    );
  }

  function readAliases(widget) {
    try {
      return core.prepareAliases(root.Sotay.dom.island(widget.querySelector('script[data-role="aliases"]')) || {});
    } catch (e) {
      return core.prepareAliases({}); // a table of the wrong shape: search without aliases
    }
  }

  /** Run every planned Pagefind search, merge, load the top pages, re-rank. */
  function mark(name) {
    if (root.performance && performance.mark) performance.mark("sotay:search:" + name); // read by bench/
  }

  /** Result lists of several searches: one list per search. */
  function searchEach(pf, searches, kind, scope) {
    var filters = core.searchFilters(kind, scope);
    var options = filters ? { filters: filters } : {};
    return Promise.all(
      searches.map(function (s) {
        return pf.search(s, options).then(function (r) {
          return core.preRank((r && r.results) || [], s.split(" ").length);
        });
      })
    );
  }

  /**
   * Unfiltered, the regulations' clauses compete with the many pages that
   * quote them; a second pass over documents only keeps a few in the pool.
   * Returns [lists of all pages, lists of documents].
   */
  function searchTier(pf, searches, kind, scope) {
    return Promise.all([searchEach(pf, searches, kind, scope), kind ? [] : searchEach(pf, searches, "van-ban", scope)]);
  }

  function runQuery(pf, plan, siteRoot, kind, scope) {
    mark("ready");
    // What was typed first; the names of its aliases only when that is not
    // enough to fill the pool: each name costs index chunks of its own words.
    var first = plan.firstSearches && plan.firstSearches.length ? plan.firstSearches : plan.searches;
    var rest = plan.searches.filter(function (s) {
      return first.indexOf(s) < 0;
    });
    return searchTier(pf, first, kind, scope)
      .then(function (lists) {
        // enough: as many records with every typed word in their title as documents are loaded
        var pool = core.mergeResultLists(kind ? lists[0] : lists[1]);
        var enough = core.titleHits(pool, plan.typed.length) >= MAX_DOCUMENTS;
        if (enough || !rest.length) return lists;
        return searchTier(pf, rest, kind, scope).then(function (more) {
          return [lists[0].concat(more[0]), lists[1].concat(more[1])];
        });
      })
      .then(function (lists) {
        return [core.mergeResultLists(lists[0]), core.mergeResultLists(lists[1])];
      })
      .then(function (merged) {
        mark("searched");
        var top = core.pickCandidates(merged[0], merged[1], MAX_PAGES, MAX_DOCUMENTS);
        return Promise.all(
          top.map(function (m, i) {
            return m.result.data().then(function (d) {
              var record = d.raw_url || d.url;
              if (!wordCache.has(record)) wordCache.set(record, core.prepareWords(d.content));
              return {
                url: core.pageUrl(d), // a document's Điều is a record of its own (generator/publish/search_index.py)
                meta: d.meta,
                kind: ((d.filters || {})["loai-trang"] || [])[0] || "",
                anchors: d.anchors,
                prepared: wordCache.get(record),
                rank: i,
              };
            });
          })
        ).then(function (pages) {
          mark("loaded");
          return core.rankResults(pages, plan, { root: siteRoot, perPage: 3 }).slice(0, MAX_HITS);
        });
      });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderHit(hit) {
    var li = el("li", "sotay-hit");
    var a = el("a", "sotay-hit__link");
    a.href = hit.href;
    if (hit.label) a.appendChild(el("span", "sotay-hit__label", hit.label));
    a.appendChild(el("span", "sotay-hit__title", hit.document || hit.title));
    if (hit.heading) a.appendChild(el("span", "sotay-hit__heading", hit.heading));
    var p = el("span", "sotay-hit__excerpt");
    hit.parts.forEach(function (part) {
      p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
    });
    a.appendChild(p);
    li.appendChild(a);
    return li;
  }

  function shareUrl(query, kind, scope) {
    try {
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      if (kind) url.searchParams.set("loai", kind);
      else url.searchParams.delete("loai");
      if (scope !== null) url.searchParams.set("don-vi", scope);
      else url.searchParams.delete("don-vi");
      history.replaceState(null, "", url.href);
    } catch (e) {
      /* some file:// setups refuse replaceState: the page still works */
    }
  }

  function setup(widget) {
    var siteRoot = widget.getAttribute("data-root") || "";
    var input = widget.querySelector('input[name="q"]');
    var status = widget.querySelector('[data-role="status"]');
    var list = widget.querySelector('[data-role="results"]');
    var aliases = readAliases(widget);
    var pagefind = null;
    var generation = 0;
    var timer = null;
    var kinds = widget.querySelectorAll('input[name="loai"]');

    var unit = widget.querySelector('select[name="don-vi"]');

    function currentKind() {
      var checked = widget.querySelector('input[name="loai"]:checked');
      return checked ? checked.value : "";
    }

    /** The unit searched: null when the handbook has none to choose from. */
    function currentScope() {
      return unit ? unit.value : null;
    }

    function show(hits, query) {
      list.replaceChildren.apply(list, hits.map(renderHit));
      status.textContent = hits.length
        ? "Có " + hits.length + " kết quả cho “" + query + "”."
        : "Không tìm thấy kết quả cho “" + query + "”. Hãy thử ít từ hơn, hoặc tên viết tắt như BTV, UBKT.";
      if (unit && unit.value === core.SHARED_SCOPE) status.textContent += " Đang tìm trong văn bản chung; chọn đơn vị của bạn để tìm cả quy chế của đơn vị.";
      widget.setAttribute("data-state", "done");
      mark("done");
    }

    function search(query) {
      var mine = ++generation;
      var plan = core.planQuery(query, aliases);
      var kind = currentKind();
      var scope = currentScope();
      shareUrl(query.trim(), kind, scope);
      if (!plan.searches.length) {
        list.replaceChildren();
        status.textContent = "Gõ từ cần tìm, có dấu hoặc không dấu (ví dụ: pho bi thu, dang uy, BTV).";
        widget.setAttribute("data-state", "idle");
        return Promise.resolve();
      }
      status.textContent = "Đang tìm…";
      widget.setAttribute("data-state", "busy");
      pagefind = pagefind || Promise.all([loadPagefind(siteRoot), loadDWords(siteRoot)]);
      return pagefind
        .then(function (engine) {
          return runQuery(engine[0], core.planQuery(query, aliases, { dWords: engine[1] }), siteRoot, kind, scope);
        })
        .then(function (hits) {
          if (mine === generation) show(hits, query.trim());
        })
        .catch(function (err) {
          if (mine !== generation) return;
          pagefind = null;
          status.textContent = "Không tải được bộ tìm kiếm. Hãy tải lại trang.";
          widget.setAttribute("data-state", "error");
          if (root.console) console.warn("Sổ tay: tìm kiếm lỗi", err);
        });
    }

    widget.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      search(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        search(input.value);
      }, DEBOUNCE_MS);
    });

    Array.prototype.forEach.call(kinds, function (radio) {
      radio.addEventListener("change", function () {
        search(input.value);
      });
    });

    if (unit) {
      unit.addEventListener("change", function () {
        remember(SCOPE_KEY, unit.value);
        search(input.value);
      });
    }

    var params = new URLSearchParams(location.search);
    var initial = params.get("q") || "";
    Array.prototype.forEach.call(kinds, function (radio) {
      radio.checked = radio.value === (params.get("loai") || "");
    });
    if (unit) {
      // the link's unit (a commune's page, a shared URL), else the reader's last choice, else the default
      var wanted = [params.get("don-vi"), recall(SCOPE_KEY), widget.getAttribute("data-scope-default") || ""];
      unit.value = wanted.filter(function (v) {
        return v !== null && hasOption(unit, v);
      })[0];
    }
    input.value = initial;
    widget.sotaySearch = search; // for tests and the benchmark
    if (initial.trim()) search(initial);
    else input.focus();
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) {
      return o.value === value;
    });
  }

  function remember(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (e) {
      /* storage off (private mode, some file:// setups): the choice lasts for this page */
    }
  }

  function recall(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sotay-search]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof globalThis !== "undefined" ? globalThis : this);
