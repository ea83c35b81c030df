/* Sổ tay Quy chế — search core: pure functions, no DOM, no fetch.
 *
 * Query normalisation, Vietnamese folding (tones and đ→d), alias expansion,
 * the list of Pagefind searches to run, clause-level re-ranking of the pages
 * Pagefind returns, highlighted excerpts and result links.
 *
 * Shipped as a classic script (not an ES module) because Chromium refuses
 * `<script type="module">` and import() of file:// URLs (origin "null"), and
 * the handbook must work from an unzipped folder. Same loading pattern as
 * checklist-state.js: globalThis.Sotay.searchCore in the page, CommonJS
 * module.exports under Node (tests use createRequire).
 */
(function (root) {
  "use strict";

  var MARKS = /\p{M}/gu;
  var NON_WORD = /[^\p{L}\p{N}]+/gu;
  var WORD_SPLIT = /[\r\n\s]+/g; // Pagefind's own split: word locations index into it
  // The regulation's own clause outranks a page that quotes or summarises it
  // (role, body, lesson, tool pages) when both match as well.
  var DOCUMENT_BONUS = 6;
  var SYNONYM = 0.6; // weight of a phrase read through a multi-word alias ("ban chấp hành" → "Đảng ủy")
  // "Phó Bí thư" is another role than the "Bí thư" a query names: a phrase right after
  // "phó" (deputy), when the query does not start with it, counts this much
  var DEPUTY = "pho";
  var DEPUTY_WEIGHT = 0.4;
  var TITLE_SPAN = 24; // words at the top of a record: a Chương and Điều heading, a page title

  /** Lower-case NFC form with punctuation turned into single spaces. */
  function normalizeQuery(text) {
    return String(text || "")
      .normalize("NFC")
      .toLowerCase()
      .replace(NON_WORD, " ")
      .trim();
  }

  /** Strip tone and vowel marks and turn đ into d: "Đảng ủy" → "dang uy". */
  function fold(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(MARKS, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "d")
      .toLowerCase();
  }

  /** Fold one word of page content, dropping punctuation around it. */
  function foldWord(word) {
    return fold(word).replace(NON_WORD, "");
  }

  /** Query words; "dd" at the start of a word is Telex for "đ" ("ddang" → "đang"). */
  function tokens(text) {
    var norm = normalizeQuery(text);
    return norm
      ? norm.split(" ").map(function (w) {
          return /^dd\p{L}/u.test(w) ? "đ" + w.slice(2) : w;
        })
      : [];
  }

  /**
   * Alias table from the JSON island: {"btv": ["ban thường vụ đảng ủy", "ban thường vụ"],
   * "pbt tt": [...]}. Keys may have several words; they are folded when looked
   * up, values may be a string or a list. Returns a Map folded key → list of
   * token lists, with `maxWords` the longest key.
   */
  function prepareAliases(table) {
    var map = new Map();
    map.maxWords = 1;
    Object.keys(table || {}).forEach(function (key) {
      var names = [].concat(table[key]).map(tokens).filter(function (t) {
        return t.length;
      });
      var words = tokens(key).map(foldWord);
      if (!names.length || !words.length) return;
      map.set(words.join(" "), names);
      map.maxWords = Math.max(map.maxWords, words.length);
    });
    return map;
  }

  /** Split typed words into [{words, names|null}], longest alias first. */
  function matchAliases(typed, aliasMap) {
    var out = [];
    var folded = typed.map(foldWord);
    for (var i = 0; i < typed.length; ) {
      var found = null;
      for (var n = Math.min(aliasMap.maxWords || 1, typed.length - i); n >= 1 && !found; n--) {
        var names = aliasMap.get(folded.slice(i, i + n).join(" "));
        if (names) found = { words: typed.slice(i, i + n), names: names };
      }
      out.push(found || { words: [typed[i]], names: null });
      i += found ? found.words.length : 1;
    }
    return out;
  }

  /** Lower case without tone marks, đ kept: a word as Pagefind indexes it ("Đảng" → "đang"). */
  function toneFold(word) {
    return String(word || "")
      .toLowerCase()
      .normalize("NFD")
      .replace(MARKS, "")
      .normalize("NFC");
  }

  /**
   * Spellings of a word typed with "d": itself and with "đ", less those no
   * indexed word starts with (Pagefind matches words by prefix), when the
   * list of indexed d/đ words is known. At least the typed form is kept.
   */
  function dSpellings(w, dWords) {
    if (w.charAt(0) !== "d" || !/\p{L}/u.test(w.charAt(1) || "")) return [w];
    var options = [w, "đ" + w.slice(1)];
    if (!dWords) return options;
    var found = options.filter(function (o) {
      var key = toneFold(o);
      return dWords.some(function (x) {
        return x.indexOf(key) === 0;
      });
    });
    return found.length ? found : [w];
  }

  /** Are the words typed for an alias all in its full name (the name, not an abbreviation, was typed)? */
  function typesTheName(match) {
    var full = match.names[0].map(foldWord);
    return match.words.map(foldWord).every(function (w) {
      return full.indexOf(w) >= 0;
    });
  }

  /** Variants of a token list where words typed with "d" may mean "đ". */
  function dVariants(words, limit, dWords) {
    var out = [[]];
    words.forEach(function (w) {
      var options = dSpellings(w, dWords);
      var next = [];
      out.forEach(function (prefix) {
        options.forEach(function (o) {
          next.push(prefix.concat([o]));
        });
      });
      out = next;
    });
    // Keep the typed form and the all-đ form first, then the mixes.
    if (out.length > 2) out = [out[0], out[out.length - 1]].concat(out.slice(1, -1));
    return out.slice(0, limit || 8);
  }

  /**
   * Drop a search that contains another one as a phrase: Pagefind ANDs the
   * words, so it can only find a subset of the other's pages, and its extra
   * words cost index chunks ("ban thường vụ đảng ủy" next to "ban thường
   * vụ"). The longer name still scores as a phrase. ("ủy viên ban chấp hành
   * đảng bộ" stays next to "đảng ủy viên": Pagefind ranks by words, and the
   * scattered words would rank other clauses first.)
   */
  function dropSupersets(searches) {
    return searches.filter(function (s, i) {
      return !searches.some(function (other, j) {
        return j !== i && other.length < s.length && (" " + s + " ").indexOf(" " + other + " ") >= 0;
      });
    });
  }

  function unique(list) {
    var seen = new Set();
    return list.filter(function (x) {
      if (seen.has(x)) return false;
      seen.add(x);
      return true;
    });
  }

  /**
   * Everything the page needs to run a query.
   *   terms:    folded words to highlight and score (aliases expanded)
   *   phrases:  [{words, weight}] folded word lists that score as a contiguous
   *             phrase; what was typed weighs 1, so do the names of an
   *             abbreviation (BTV); names of a multi-word alias weigh 0.8
   *             (a synonym: "ban chấp hành" → "Đảng ủy")
   *   searches: strings to hand to Pagefind (each is an AND of its words)
   *   firstSearches: those of `searches` that spell what was typed
   */
  function planQuery(text, aliasMap, options) {
    var limit = (options && options.maxSearches) || 8;
    var typed = tokens(text);
    if (!typed.length) return { ref: null, typed: [], terms: [], groups: [], phrases: [], searches: [], firstSearches: [] };
    var matches = matchAliases(typed, aliasMap || new Map());
    var aliased = matches.filter(function (m) {
      return m.names;
    });

    var phrases = typed.length > 1 ? [{ words: typed.map(fold), weight: 1 }] : [];
    var sources = [];
    var rounds = aliased.reduce(function (n, m) {
      return Math.max(n, m.names.length);
    }, 0);
    for (var k = 0; k < rounds; k++) {
      // the query with every alias replaced by its k-th name (longest first)
      var words = [];
      var weight = 1;
      matches.forEach(function (m) {
        if (!m.names) return (words = words.concat(m.words));
        words = words.concat(m.names[Math.min(k, m.names.length - 1)]);
        if (m.words.length > 1) weight = SYNONYM;
      });
      sources.push(words);
      if (words.length > 1) phrases.push({ words: words.map(fold), weight: weight });
    }
    aliased.forEach(function (m) {
      m.names.forEach(function (n) {
        if (n.length > 1) phrases.push({ words: n.map(fold), weight: m.words.length > 1 ? SYNONYM : 1 });
      });
    });
    var mixed = aliased.some(typesTheName) && !aliased.every(typesTheName);
    if (mixed) {
      // "ban can su dang ubnd tinh": the words typed in full kept, only the abbreviation expanded
      var reading = [];
      matches.forEach(function (m) {
        reading = reading.concat(!m.names || typesTheName(m) ? m.words : m.names[0]);
      });
      sources.push(reading);
      phrases.push({ words: reading.map(fold), weight: 1 });
    }
    // part of a longer query, side by side ("bổ nhiệm … Trưởng Công an xã")
    for (var len = typed.length - 1; len >= Math.max(2, typed.length - 2); len--) {
      for (var at = 0; at + len <= typed.length; at++) {
        phrases.push({ words: typed.slice(at, at + len).map(fold), weight: 0.5 + (0.5 * len) / typed.length, part: true });
      }
    }
    sources.push(typed);

    var searches = [];
    var typedForms = [];
    var terms = [];
    var groups = []; // one folded word list per way of reading the query (typed, each alias name)
    sources.forEach(function (words) {
      terms = terms.concat(words.map(fold));
      groups.push(unique(words.map(fold)));
      dVariants(words, limit, options && options.dWords).forEach(function (v) {
        searches.push(v.join(" "));
        if (words === typed) typedForms.push(v.join(" "));
      });
    });
    searches = dropSupersets(unique(searches)).slice(0, limit);
    return {
      ref: clauseRef(typed.map(fold)),
      typed: typed,
      terms: unique(terms),
      groups: groups,
      phrases: uniquePhrases(phrases),
      searches: searches,
      // the typed words (and their đ spellings) are searched first, alias names only when needed
      firstSearches: searches.filter(function (s) {
        return typedForms.indexOf(s) >= 0;
      }),
    };
  }

  /**
   * Anchor id prefix when the query names a clause: "dieu 6 khoan 3" →
   * "dieu-6-khoan-3", "điều 6 k3 điểm a" → "dieu-6-khoan-3-diem-a"; else null.
   */
  function clauseRef(foldedWords) {
    var m = /(?:^| )(?:dieu|d) ?(\d+)(?: ?(?:khoan|k) ?(\d+(?: \d+)*))?(?: ?diem ?([a-z]{1,2})(?: |$))?/.exec(
      foldedWords.join(" ")
    );
    if (!m) return null;
    var id = "dieu-" + m[1];
    if (m[2]) id += "-khoan-" + m[2].replace(/ /g, "-");
    if (m[2] && m[3]) id += "-diem-" + m[3];
    return id;
  }

  /** One entry per word list (highest weight kept), longest first. */
  function uniquePhrases(phrases) {
    var byKey = new Map();
    phrases.forEach(function (p) {
      var key = p.words.join(" ");
      var prev = byKey.get(key);
      if (!prev || p.weight > prev.weight) byKey.set(key, p);
    });
    return Array.from(byKey.values()).sort(function (a, b) {
      return b.words.length - a.words.length || b.weight - a.weight;
    });
  }

  /** Does folded content word `w` match folded query term `t`? Prefix for the last typed word. */
  function termMatches(w, t, prefixOk) {
    return w === t || (prefixOk && t.length >= 2 && w.indexOf(t) === 0);
  }

  /** "dieu-6-khoan-3-diem-a" → "Điều 6, khoản 3, điểm a"; null for other ids. */
  function clauseLabel(id) {
    var m = /^dieu-(\d+[a-z]?)(?:-khoan-([\d-]+?))?(?:-diem-([a-z]+))?$/.exec(id || "");
    if (!m) return null;
    var parts = ["Điều " + m[1]];
    if (m[2]) parts.push("khoản " + m[2].replace(/-/g, "."));
    if (m[3]) parts.push("điểm " + (m[3] === "dd" ? "đ" : m[3]));
    return parts.join(", ");
  }

  /**
   * Split a Pagefind fragment into clause segments using its anchors (every
   * element with an id, with its word location). A segment runs from one
   * anchor to the next; `heading` is the nearest heading anchor before it.
   */
  function segmentsOf(fragment, wordCount) {
    var anchors = (fragment.anchors || []).slice().sort(function (a, b) {
      return a.location - b.location;
    });
    var segments = [{ anchor: null, heading: null, start: 0, end: wordCount }];
    var heading = null;
    anchors.forEach(function (a) {
      if (/^h\d$/i.test(a.element)) heading = a;
      segments[segments.length - 1].end = a.location;
      segments.push({ anchor: a, heading: heading, start: a.location, end: wordCount });
    });
    return segments.filter(function (s) {
      return s.end > s.start;
    });
  }

  /** Word positions where `phrase` (folded token list) starts. */
  function phrasePositions(folded, phrase) {
    var hits = [];
    for (var i = 0; i + phrase.length <= folded.length; i++) {
      var ok = true;
      for (var j = 0; j < phrase.length && ok; j++) ok = folded[i + j] === phrase[j];
      if (ok) hits.push(i);
    }
    return hits;
  }

  /**
   * Score every clause of one page. `page` = {url, meta, content, anchors,
   * rank} (a Pagefind fragment from result.data() plus its Pagefind rank).
   * Returns hits [{score, segment, matches, phraseAt}] best first.
   */
  /** Words of a page as Pagefind counts them, and their folded forms (cache per page). */
  function prepareWords(content) {
    var words = String(content || "").split(WORD_SPLIT);
    return { words: words, folded: words.map(foldWord) };
  }

  function scorePage(page, plan) {
    var prepared = page.prepared || prepareWords(page.content);
    var words = prepared.words;
    var folded = prepared.folded;
    var lastTyped = plan.typed.length ? fold(plan.typed[plan.typed.length - 1]) : "";
    var matched = []; // position → true when it matches a query term
    folded.forEach(function (w, i) {
      // "Điều 16." labels a clause: it does not match "dieu" in "dieu dong can bo" (a clause
      // reference, "dieu 16", is scored by plan.ref)
      if ((w === "dieu" || w === "chuong") && /^[\dIVXLC]+\.?$/.test(words[i + 1] || "")) return;
      plan.terms.forEach(function (t) {
        if (termMatches(w, t, t === lastTyped)) matched[i] = true;
      });
    });
    var phraseHits = []; // {pos, len, value}
    plan.phrases.forEach(function (p) {
      phrasePositions(folded, p.words).forEach(function (pos) {
        var deputy = p.words[0] !== DEPUTY && folded[pos - 1] === DEPUTY ? DEPUTY_WEIGHT : 1;
        phraseHits.push({ pos: pos, len: p.words.length, value: deputy * p.weight * (20 + 5 * p.words.length), part: !!p.part });
        for (var k = 0; k < p.words.length; k++) matched[pos + k] = true;
      });
    });

    var hits = [];
    segmentsOf(page, words.length).forEach(function (seg) {
      var present = new Set();
      var first = -1;
      for (var i = seg.start; i < seg.end; i++) {
        if (!matched[i]) continue;
        if (first < 0) first = i;
        plan.terms.forEach(function (t) {
          if (termMatches(folded[i], t, t === lastTyped)) present.add(t);
        });
      }
      var named = plan.ref && seg.anchor && seg.anchor.id === plan.ref;
      if (first < 0 && !named) return;
      if (first < 0) first = seg.start;
      var best = null;
      var count = 0;
      var isHeading = seg.anchor && /^h\d$/i.test(seg.anchor.element);
      var titleEnd = isHeading ? seg.start + String(seg.anchor.text || "").split(WORD_SPLIT).length : seg.start;
      var inSegment = phraseHits.filter(function (h) {
        return h.pos >= seg.start && h.pos < seg.end;
      });
      inSegment.forEach(function (h) {
        count++;
        if (!best || h.value > best.value) best = h;
      });
      // the best phrase is in the Điều title itself ("Nhiệm vụ của Phó Bí thư Thường trực")
      var inTitle = inSegment.some(function (h) {
        return h.pos < titleEnd && h.value === best.value;
      });
      var coverage = coverageOf(present, plan);
      var score = 10 * coverage + (best ? best.value : 0) + Math.min(count, 3);
      if (inTitle) score += best.part ? 5 : 15; // part of the query in a title says less
      else if (isHeading) score += 1;
      if (plan.ref && seg.anchor && seg.anchor.id === plan.ref) score += 60;
      if (!seg.anchor) score -= 1; // page intro: prefer a clause with an anchor
      if (page.kind === "van-ban" && seg.anchor && seg.anchor.element !== "h1") score += DOCUMENT_BONUS;
      score -= 0.05 * (page.rank || 0);
      hits.push({ score: score, segment: seg, phraseAt: best ? best.pos : -1, first: first });
    });
    hits.sort(function (a, b) {
      return b.score - a.score;
    });
    return { words: words, matched: matched, hits: hits };
  }

  /**
   * Share of the query found in a clause: the best of its readings (what was
   * typed, or an alias replaced by one of its names), so "đảng ủy quân sự"
   * is not penalised for lacking the words of "Ban Chấp hành Đảng bộ".
   */
  function coverageOf(present, plan) {
    var groups = plan.groups && plan.groups.length ? plan.groups : [plan.terms];
    return groups.reduce(function (best, g) {
      var found = g.filter(function (t) {
        return present.has(t);
      }).length;
      return Math.max(best, found / Math.max(1, g.length));
    }, 0);
  }

  /** Excerpt around the best match: [{text, mark}] parts, escaped by the DOM layer. */
  function excerptParts(words, matched, seg, centre, length) {
    length = length || 28;
    var start = Math.max(seg.start, centre - Math.floor(length / 3));
    var heading = seg.anchor && /^h\d$/i.test(seg.anchor.element);
    var end = Math.min(heading ? words.length : seg.end, start + length);
    if (end - start < length && !heading) start = Math.max(seg.start, end - length);
    var parts = [];
    if (start > seg.start) parts.push({ text: "… ", mark: false });
    var plain = [];
    for (var i = start; i < end; i++) {
      if (matched[i]) {
        if (plain.length) parts.push({ text: plain.join(" ") + " ", mark: false });
        plain = [];
        parts.push({ text: words[i], mark: true });
        if (i + 1 < end) parts.push({ text: " ", mark: false });
      } else {
        plain.push(words[i]);
      }
    }
    if (plain.length) parts.push({ text: plain.join(" "), mark: false });
    if (end < (heading ? words.length : seg.end)) parts.push({ text: " …", mark: false });
    return parts;
  }

  /**
   * URL of the page a Pagefind record belongs to: a document page is indexed
   * as one record per Điều, each naming its page in meta "page".
   */
  function pageUrl(data) {
    var page = data && data.meta && data.meta.page;
    return page ? "/" + page : (data && (data.raw_url || data.url)) || "";
  }

  /** Link to a result from a page whose root prefix is `root` ("", "../", "../../"). */
  function resultHref(url, anchorId, root) {
    var path = String(url || "").replace(/^https?:\/\/[^/]+/, "").replace(/^\/+/, "").split("#")[0];
    return (root || "") + path + (anchorId ? "#" + anchorId : "");
  }

  /**
   * Re-rank Pagefind pages at clause level.
   * pages: [{url, meta, content, anchors, rank}] (fragments with Pagefind rank)
   * Returns [{href, title, document, label, heading, parts, score}] best first,
   * at most `perPage` clauses per page.
   */
  function rankResults(pages, plan, options) {
    options = options || {};
    var perPage = options.perPage || 3;
    var out = [];
    pages.forEach(function (page) {
      var scored = scorePage(page, plan);
      scored.hits.slice(0, perPage).forEach(function (h, i) {
        var seg = h.segment;
        // the page title (h1) is the top of the page: no anchor (its slug can be a whole sentence long)
        var id = seg.anchor && !/^h1$/i.test(seg.anchor.element) ? seg.anchor.id : null;
        var meta = page.meta || {};
        out.push({
          href: resultHref(page.url, id, options.root),
          title: meta.title || page.url,
          document: meta.document || meta["van-ban"] || "",
          label: clauseLabel(id) || (seg.heading ? seg.heading.text : meta.title || ""),
          heading: seg.heading && seg.heading !== seg.anchor ? seg.heading.text : "",
          parts: excerptParts(scored.words, scored.matched, seg, h.phraseAt >= 0 ? h.phraseAt : h.first),
          score: h.score - i * 0.01,
          anchor: id,
        });
      });
    });
    out.sort(function (a, b) {
      return b.score - a.score;
    });
    return out;
  }

  /** Merge several Pagefind result lists: one entry per page id, best rank kept. */
  function mergeResultLists(lists) {
    var best = new Map();
    lists.forEach(function (list, which) {
      list.forEach(function (r, rank) {
        var prev = best.get(r.id);
        var key = rank + which / 100; // ties go to the earlier search (the typed form)
        if (!prev || key < prev.key) best.set(r.id, { key: key, rank: rank, result: r });
      });
    });
    return Array.from(best.values())
      .sort(function (a, b) {
        return a.key - b.key;
      })
      .map(function (x) {
        return { rank: x.rank, result: x.result };
      });
  }

  /** Longest run of consecutive word locations: the query's words side by side. */
  function longestRun(locations) {
    var sorted = (locations || []).slice().sort(function (a, b) {
      return a - b;
    });
    var best = sorted.length ? 1 : 0;
    for (var i = 1, run = 1; i < sorted.length; i++) {
      run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : sorted[i] === sorted[i - 1] ? run : 1;
      if (run > best) best = run;
    }
    return best;
  }

  /**
   * Reorder one Pagefind result list before its text is loaded, from
   * Pagefind's `words` (the matched word locations): first the records with
   * the longest run of query words side by side in their first TITLE_SPAN
   * words (a Điều's title, a page's h1), then anywhere, Pagefind's order
   * otherwise. Pagefind ranks words, not titles or phrases: "Nhiệm vụ,
   * quyền hạn của Ban Thường vụ" (a long Điều) would lose to short clauses
   * that have the same words scattered.
   */
  function preRank(results, queryLength) {
    var cap = queryLength || Infinity; // a longer run is the query's words repeated, no better
    return (results || [])
      .map(function (r, i) {
        var words = r.words || [];
        var top = titleRun(words);
        return { r: r, i: i, top: top > 1 ? Math.min(cap, top) : 0, run: Math.min(cap, longestRun(words)) };
      })
      .sort(function (a, b) {
        return b.top - a.top || b.run - a.run || a.i - b.i;
      })
      .map(function (x) {
        return x.r;
      });
  }

  /** Longest run of matched words in the title span of a record. */
  function titleRun(locations) {
    return longestRun(
      (locations || []).filter(function (w) {
        return w < TITLE_SPAN;
      })
    );
  }

  /** How many results have the `n` query words side by side in their title span (strong candidates). */
  function titleHits(results, n) {
    return (results || []).filter(function (m) {
      return titleRun((m.result || m).words) >= n;
    }).length;
  }

  /**
   * Records to load: the best `max` of `all`, with at least `minDocs` of
   * `docs` (the same search filtered to documents) among them when found.
   */
  function pickCandidates(all, docs, max, minDocs) {
    var seen = new Set();
    var picked = [];
    function take(m) {
      if (seen.has(m.result.id)) return;
      seen.add(m.result.id);
      picked.push(m);
    }
    docs.slice(0, minDocs).forEach(take);
    all.forEach(function (m) {
      if (picked.length < max) take(m);
    });
    return picked
      .map(function (m) {
        var i = all.indexOf(m);
        return { m: m, order: i >= 0 ? i : docs.indexOf(m) + 0.5 };
      })
      .sort(function (a, b) {
        return a.order - b.order;
      })
      .map(function (x) {
        return x.m;
      });
  }

  var SHARED_SCOPE = "chung"; // generator/site/scopes.py SHARED

  /**
   * Pagefind's `filters` option for a page type ("" = any) and a unit
   * ("" = every unit; "chung" = the shared pages; a unit's slug = the shared
   * pages and that unit's). Null when nothing is filtered.
   */
  function searchFilters(kind, scope) {
    var filters = {};
    if (kind) filters["loai-trang"] = kind;
    if (scope === SHARED_SCOPE) filters["don-vi"] = SHARED_SCOPE;
    else if (scope) filters["don-vi"] = { any: [SHARED_SCOPE, scope] };
    return Object.keys(filters).length ? filters : null;
  }

  var api = {
    SHARED_SCOPE: SHARED_SCOPE,
    searchFilters: searchFilters,
    normalizeQuery: normalizeQuery,
    fold: fold,
    foldWord: foldWord,
    tokens: tokens,
    prepareAliases: prepareAliases,
    matchAliases: matchAliases,
    dVariants: dVariants,
    dSpellings: dSpellings,
    toneFold: toneFold,
    dropSupersets: dropSupersets,
    planQuery: planQuery,
    clauseRef: clauseRef,
    prepareWords: prepareWords,
    clauseLabel: clauseLabel,
    segmentsOf: segmentsOf,
    phrasePositions: phrasePositions,
    scorePage: scorePage,
    excerptParts: excerptParts,
    pageUrl: pageUrl,
    resultHref: resultHref,
    rankResults: rankResults,
    mergeResultLists: mergeResultLists,
    pickCandidates: pickCandidates,
    longestRun: longestRun,
    preRank: preRank,
    titleHits: titleHits,
    titleRun: titleRun,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.searchCore = api;
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
