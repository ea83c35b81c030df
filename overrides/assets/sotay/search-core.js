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

  /** Variants of a token list where words typed with "d" may mean "đ". */
  function dVariants(words, limit) {
    var out = [[]];
    words.forEach(function (w) {
      var options = w.charAt(0) === "d" && /\p{L}/u.test(w.charAt(1) || "") ? [w, "đ" + w.slice(1)] : [w];
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
   */
  function planQuery(text, aliasMap, options) {
    var limit = (options && options.maxSearches) || 8;
    var typed = tokens(text);
    if (!typed.length) return { ref: null, typed: [], terms: [], phrases: [], searches: [] };
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
        if (m.words.length > 1) weight = 0.8;
      });
      sources.push(words);
      if (words.length > 1) phrases.push({ words: words.map(fold), weight: weight });
    }
    aliased.forEach(function (m) {
      m.names.forEach(function (n) {
        if (n.length > 1) phrases.push({ words: n.map(fold), weight: m.words.length > 1 ? 0.8 : 1 });
      });
    });
    sources.push(typed);

    var searches = [];
    var terms = [];
    sources.forEach(function (words) {
      terms = terms.concat(words.map(fold));
      dVariants(words, limit).forEach(function (v) {
        searches.push(v.join(" "));
      });
    });
    return {
      ref: clauseRef(typed.map(fold)),
      typed: typed,
      terms: unique(terms),
      phrases: uniquePhrases(phrases),
      searches: unique(searches).slice(0, limit),
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
      plan.terms.forEach(function (t) {
        if (termMatches(w, t, t === lastTyped)) matched[i] = true;
      });
    });
    var phraseHits = []; // {pos, len, value}
    plan.phrases.forEach(function (p) {
      phrasePositions(folded, p.words).forEach(function (pos) {
        phraseHits.push({ pos: pos, len: p.words.length, value: p.weight * (20 + 5 * p.words.length) });
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
      var inTitle = false; // the phrase is in the Điều title itself ("Nhiệm vụ của Phó Bí thư Thường trực")
      phraseHits.forEach(function (h) {
        if (h.pos < seg.start || h.pos >= seg.end) return;
        count++;
        if (!best || h.value > best.value) best = h;
        if (h.pos < titleEnd && h.value === best.value) inTitle = true;
      });
      var coverage = present.size / Math.max(1, plan.terms.length);
      var score = 10 * coverage + (best ? best.value : 0) + Math.min(count, 3);
      if (inTitle) score += 15;
      else if (isHeading) score += 1;
      if (plan.ref && seg.anchor && seg.anchor.id === plan.ref) score += 60;
      if (!seg.anchor) score -= 1; // page intro: prefer a clause with an anchor
      score -= 0.05 * (page.rank || 0);
      hits.push({ score: score, segment: seg, phraseAt: best ? best.pos : -1, first: first });
    });
    hits.sort(function (a, b) {
      return b.score - a.score;
    });
    return { words: words, matched: matched, hits: hits };
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
        var id = seg.anchor ? seg.anchor.id : null;
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

  var api = {
    normalizeQuery: normalizeQuery,
    fold: fold,
    foldWord: foldWord,
    tokens: tokens,
    prepareAliases: prepareAliases,
    matchAliases: matchAliases,
    dVariants: dVariants,
    planQuery: planQuery,
    clauseRef: clauseRef,
    prepareWords: prepareWords,
    clauseLabel: clauseLabel,
    segmentsOf: segmentsOf,
    phrasePositions: phrasePositions,
    scorePage: scorePage,
    excerptParts: excerptParts,
    resultHref: resultHref,
    rankResults: rankResults,
    mergeResultLists: mergeResultLists,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.searchCore = api;
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
