/*
 * Sổ tay Quy chế — iCalendar (RFC 5545) text for obligations: pure, no DOM.
 *
 * Loading pattern: classic script in the page (globalThis.Sotay.ics), CommonJS
 * in Node (see workdays.js for why not an ES module: file:// pages).
 * Only ECMAScript built-ins (no TextEncoder): runs in a bare vm context too.
 *
 *   Sotay.ics.build([{uid, date: "2026-03-02", until?: "2026-03-06",
 *                     summary, description, url?}],
 *                   {dtstamp: "2026-11-23T10:00:00Z", name: "…"})
 *   → {value: "BEGIN:VCALENDAR\r\n…", explanation: [...], warnings: []}
 *     or {value: null, error: "…"} on bad input (never throws).
 *
 * Each obligation becomes an all-day VEVENT (DTSTART;VALUE=DATE, DTEND = the
 * day after `until` or `date`, exclusive as RFC 5545 §3.6.1 requires). Text is
 * escaped (\\ ; , newline — §3.3.11) and lines are folded at 75 octets of UTF-8
 * (§3.1), never inside a character. Lines end with CRLF.
 */
(function (root) {
  'use strict';

  var ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function escapeText(s) {
    return String(s == null ? '' : s)
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n');
  }

  function utf8Length(ch) {
    var cp = ch.codePointAt(0);
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  /** Fold one content line at 75 octets; continuation lines begin with a space. */
  function foldLine(line) {
    var out = [];
    var current = '';
    var size = 0;
    var limit = 75;
    for (var ch of line) { // for…of walks code points: surrogate pairs stay whole
      var n = utf8Length(ch);
      if (size + n > limit) {
        out.push(current);
        current = ' ';
        size = 1;
      }
      current += ch;
      size += n;
    }
    out.push(current);
    return out.join('\r\n');
  }

  function parseDate(iso) {
    var m = ISO_RE.exec(String(iso));
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var d = new Date(t);
    if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return null;
    return t;
  }

  function basicDate(t) {
    return new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
  }

  /** "2026-11-23T10:00:00.000Z" (or a Date) → "20261123T100000Z" */
  function stamp(when) {
    var d = when instanceof Date ? when : new Date(when);
    if (isNaN(d.getTime())) return null;
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  }

  function fail(message) {
    return { value: null, error: message, explanation: [message], warnings: [] };
  }

  /**
   * obligations: [{uid, date, until?, summary, description?, url?}]
   * options: {dtstamp (ISO date-time or Date; defaults to now), name?, prodId?}
   */
  function build(obligations, options) {
    options = options || {};
    if (!Array.isArray(obligations)) return fail('Danh sách nghĩa vụ không hợp lệ.');
    var dtstamp = stamp(options.dtstamp === undefined ? new Date() : options.dtstamp);
    if (!dtstamp) return fail('Thời điểm tạo lịch (DTSTAMP) không hợp lệ: "' + options.dtstamp + '".');
    var lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:' + (options.prodId || '-//So tay Quy che//Lich nghia vu//VI'),
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH'
    ];
    if (options.name) lines.push('X-WR-CALNAME:' + escapeText(options.name));
    var seen = Object.create(null); // a uid "constructor" is not already there
    for (var i = 0; i < obligations.length; i++) {
      var o = obligations[i] || {};
      var where = 'Mục ' + (i + 1);
      if (!o.uid) return fail(where + ': thiếu uid.');
      if (seen[o.uid]) return fail(where + ': uid "' + o.uid + '" bị trùng.');
      seen[o.uid] = true;
      var start = parseDate(o.date);
      if (start === null) return fail(where + ': ngày không hợp lệ "' + o.date + '".');
      var last = o.until ? parseDate(o.until) : start;
      if (last === null || last < start) return fail(where + ': ngày kết thúc không hợp lệ "' + o.until + '".');
      if (!o.summary) return fail(where + ': thiếu tiêu đề (summary).');
      lines.push(
        'BEGIN:VEVENT',
        'UID:' + o.uid,
        'DTSTAMP:' + dtstamp,
        'DTSTART;VALUE=DATE:' + basicDate(start),
        'DTEND;VALUE=DATE:' + basicDate(last + 86400000),
        'SUMMARY:' + escapeText(o.summary)
      );
      if (o.description) lines.push('DESCRIPTION:' + escapeText(o.description));
      if (o.url) lines.push('URL:' + o.url);
      lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
    }
    lines.push('END:VCALENDAR');
    return {
      value: lines.map(foldLine).join('\r\n') + '\r\n',
      explanation: [obligations.length + ' sự kiện cả ngày.'],
      warnings: []
    };
  }

  /** A safe ASCII file name: "lich-nghia-vu.ics" from any title. */
  function filename(title) {
    var base = String(title || 'lich-nghia-vu')
      .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return (base || 'lich-nghia-vu') + '.ics';
  }

  var api = { build: build, escapeText: escapeText, foldLine: foldLine, filename: filename };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.ics = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
