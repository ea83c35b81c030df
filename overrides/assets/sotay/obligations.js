/*
 * Sổ tay Quy chế — the obligations calendar: pure core (no DOM).
 *
 * Loading pattern: classic script attaching globalThis.Sotay.obligations (after
 * workdays.js), CommonJS in Node (tests/js/obligations.test.mjs) — see
 * workdays.js for why not an ES module (file:// pages).
 *
 * Input `data` is the JSON island built by generator/views/tools.py
 * (obligations_view): {term: [2025, 2030], holders: [{id, label, kind}],
 *   rules: {id: {title, summary, rule (a workdays.js nextOccurrences rule, or
 *   null when the text names no date), cites: [{label, href}], text}},
 *   by_holder: {holder id: [rule ids]}}.
 *
 *   plan(cal, data, holderId, period, documentId?, todayIso?)
 *     period: "sap-toi" (the 12 months from todayIso on: the default, so the
 *     next obligation comes first) | "2026" | "nhiem-ky";
 *     documentId: only the rules citing that document ("" or absent: all, and
 *     then the result says so: `documents` lists them, a warning names them —
 *     two regulations' duties are not one schedule)
 *   documentsOf(data, holderId) → ids of the documents with rules for that holder
 *   defaultDocument(data, holderId) → the document to show first: the holder's
 *     own, most local regulation (holders[].default_document, chosen by
 *     generator/views/tools.py: never a model regulation when there is another)
 *   → {value: [{uid, rule, date, until, approx, title, period, summary, cites, text, document,
 *      document_label, ongoing (a window that began before the period), warnings}] sorted by date
 *      (an ongoing window at the period's start), documents: [ids shown],
 *      undated: [{rule, title, cites}], range: [from, to], explanation, warnings}
 *     or {value: null, error} (never throws).
 *   defaultPeriod(data, todayIso) → "sap-toi" (the page opens on what comes next)
 *   events(items, base)  → Sotay.ics.build input (DESCRIPTION carries the citation).
 */
(function (root) {
  'use strict';

  var W = typeof module !== 'undefined' && module.exports ? require('./workdays.js') : null;
  var CHUNK = 100; // nextOccurrences returns at most 100 dates per call
  var MS_PER_DAY = 86400000;

  function workdays() {
    return W || (root.Sotay && root.Sotay.workdays);
  }

  function fail(message) {
    return { value: null, error: message, explanation: [message], warnings: [] };
  }

  /** obj[key] when obj has it as its own property: a holder or rule id "constructor" is data. */
  function own(obj, key) {
    return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  }

  function nextDay(iso) {
    return addDays(iso, 1);
  }

  var UPCOMING = 'sap-toi';
  var UPCOMING_DAYS = 365;

  function addDays(iso, days) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]) + days * MS_PER_DAY).toISOString().slice(0, 10);
  }

  /**
   * "sap-toi" → [today, today + 364 days] (needs todayIso); "2026" →
   * ["2026-01-01", "2026-12-31"]; "nhiem-ky" → the whole term.
   */
  function range(data, period, todayIso) {
    var term = (data && data.term) || [];
    if (period === UPCOMING) {
      var W = workdays();
      return W && W.isIsoDate(todayIso) ? [todayIso, addDays(todayIso, UPCOMING_DAYS - 1)] : null;
    }
    if (period === 'nhiem-ky') return [term[0] + '-01-01', term[1] + '-12-31'];
    if (/^\d{4}$/.test(String(period))) return [period + '-01-01', period + '-12-31'];
    return null;
  }

  /**
   * The period to show first: the coming 12 months from today, so that the next
   * obligation is at the top (a whole year from January put past items first).
   * Without a valid today (never in a browser): this year if in the term, else the term.
   */
  function defaultPeriod(data, todayIso) {
    var W = workdays();
    if (W && W.isIsoDate(todayIso)) return UPCOMING;
    var y = +String(todayIso).slice(0, 4);
    var term = (data && data.term) || [];
    return y >= term[0] && y <= term[1] ? String(y) : 'nhiem-ky';
  }

  // Every occurrence of one rule whose day (or window) touches [from, to].
  // Asks for a few dates first, then more (a yearly rule must not compute a century);
  // keeps only the warnings of the occurrences it keeps.
  function occurrencesIn(cal, rule, from, to) {
    var out = [];
    var warnings = [];
    var start = from;
    var chunk = 8;
    for (var guard = 0; guard < 100; guard++) {
      var r = workdays().nextOccurrences(cal, rule, start, chunk);
      if (r.error) return { error: r.error };
      var last = null;
      for (var i = 0; i < r.occurrences.length; i++) {
        var o = r.occurrences[i];
        last = o;
        if (o.value > to) return { list: out, warnings: warnings };
        out.push(o);
        warnings = warnings.concat(o.warnings || []);
      }
      if (!last || r.occurrences.length < chunk) break;
      start = nextDay(last.until || last.value);
      chunk = Math.min(CHUNK, chunk * 2);
    }
    return { list: out, warnings: warnings };
  }

  function periodTitle(occurrence) {
    var head = (occurrence.explanation && occurrence.explanation[0]) || '';
    return head.replace(/^Kỳ /, '').replace(/\.$/, '');
  }

  function documentsOf(data, holderId) {
    var seen = Object.create(null);
    var out = [];
    (own(data && data.by_holder, holderId) || []).forEach(function (id) {
      var d = own(data.rules, id) && data.rules[id].document;
      if (d && !seen[d]) {
        seen[d] = true;
        out.push(d);
      }
    });
    return out;
  }

  function defaultDocument(data, holderId) {
    var docs = documentsOf(data, holderId);
    var holder = ((data && data.holders) || []).filter(function (h) { return h.id === holderId; })[0];
    if (holder && holder.default_document && docs.indexOf(holder.default_document) >= 0) return holder.default_document;
    return docs[0] || '';
  }

  function documentLabel(data, id) {
    var d = ((data && data.documents) || []).filter(function (x) { return x.id === id; })[0];
    return d ? d.label : id;
  }

  function plan(cal, data, holderId, period, documentId, todayIso) {
    if (!workdays()) return fail('Thiếu workdays.js.');
    if (!data || !data.by_holder || !data.rules) return fail('Thiếu dữ liệu nghĩa vụ.');
    var ids = own(data.by_holder, holderId);
    if (!Array.isArray(ids)) return fail('Không có chức danh, cơ quan "' + holderId + '".');
    var span = range(data, period, todayIso);
    if (!span) return fail('Thời gian không hợp lệ: "' + period + '".');
    var items = [];
    var undated = [];
    var warnings = [];
    ids.forEach(function (id) {
      var def = own(data.rules, id);
      if (!def || (documentId && def.document !== documentId)) return;
      if (!def.rule) {
        undated.push({ rule: id, title: def.title, summary: def.summary, cites: def.cites, document: def.document || null,
          document_label: def.document_label || (def.document ? documentLabel(data, def.document) : null) });
        return;
      }
      var found = occurrencesIn(cal, def.rule, span[0], span[1]);
      if (found.error) {
        warnings.push(def.title + ': ' + found.error);
        return;
      }
      warnings = warnings.concat(found.warnings);
      found.list.forEach(function (o) {
        items.push({
          uid: id + '-' + o.value + '@sotay',
          rule: id,
          date: o.value,
          until: o.until || null,
          approx: o.approx || null,
          title: def.title,
          period: periodTitle(o),
          summary: def.summary,
          cites: def.cites,
          text: def.text,
          document: def.document || null,
          document_label: def.document_label || (def.document ? documentLabel(data, def.document) : null),
          ongoing: o.value < span[0], // a window under way when the period starts (this year's plan, on 23/11)
          warnings: o.warnings || []
        });
      });
    });
    // By first day in the period (a window under way counts from the period's start: from today, it
    // is among today's items, not before them), then by last day (a quarter before the year that
    // starts with it), then title.
    items.sort(function (a, b) {
      var ka = [a.ongoing ? span[0] : a.date, a.until || a.date, a.title];
      var kb = [b.ongoing ? span[0] : b.date, b.until || b.date, b.title];
      for (var i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return 0;
    });
    var seen = Object.create(null);
    warnings = warnings.filter(function (w) { return seen[w] ? false : (seen[w] = true); });
    var shown = [];
    items.concat(undated).forEach(function (i) {
      var d = i.document || (own(data.rules, i.rule) && data.rules[i.rule].document);
      if (d && shown.indexOf(d) < 0) shown.push(d);
    });
    if (shown.length > 1) {
      warnings.unshift('Danh sách gộp việc định kỳ của ' + shown.length + ' văn bản khác nhau (' +
        shown.map(function (d) { return documentLabel(data, d); }).join('; ') +
        '): không phải một lịch làm việc duy nhất — mỗi việc ghi rõ văn bản; chọn một văn bản để xem lịch theo văn bản đó.');
    }
    return {
      value: items,
      documents: shown,
      undated: undated,
      range: span,
      explanation: [items.length + ' lần thực hiện từ ' + span[0] + ' đến ' + span[1] + '.'],
      warnings: warnings
    };
  }

  /** ICS events for Sotay.ics.build; `base` (the page URL) makes citation links absolute. */
  function events(items, base) {
    return (items || []).map(function (item) {
      var link = item.cites && item.cites[0] && item.cites[0].href;
      var url;
      if (link && base) {
        try {
          url = new URL(link, base).href;
        } catch (e) {
          url = undefined;
        }
      }
      return {
        uid: item.uid,
        date: item.date,
        until: item.until || undefined,
        summary: item.title,
        description: [item.period ? 'Kỳ ' + item.period + '.' : '',
          item.approx ? 'Khoảng ' + item.approx + ': văn bản không nêu ngày, ngày ghi là mốc tham chiếu, không phải hạn chót.' : '',
          item.summary || '', item.document_label ? 'Theo: ' + item.document_label + '.' : '', item.text || ''].filter(Boolean).join('\n'),
        url: url
      };
    });
  }

  var api = { plan: plan, events: events, range: range, defaultPeriod: defaultPeriod, documentsOf: documentsOf,
    defaultDocument: defaultDocument };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.obligations = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
