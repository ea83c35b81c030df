/*
 * Sổ tay Quy chế — working-day arithmetic: the pure core (no DOM, no deps).
 *
 * Loading pattern (the same as checklist-state.js, shared by every file under
 * overrides/assets/sotay/):
 *   - In the page it is a CLASSIC script (<script src="…/workdays.js">), not an
 *     ES module: Chromium refuses <script type="module" src> and import() for
 *     pages opened from file:// (origin "null", CORS), and the offline bundle is
 *     opened from disk. The IIFE attaches the API to globalThis.Sotay.workdays.
 *     STYLE.md §5 asks for ES modules; this is the written-down exception.
 *   - In Node it is a CommonJS module (guarded module.exports at the end):
 *     tests do createRequire(import.meta.url)('…/workdays.js').
 *
 * Input: the calendar produced by generator/read/calendar_data.py, read by the page from
 * <script type="application/json" id="sotay-calendar">:
 *   {years: [2020, 2035], announced: [2024, 2025, 2026],
 *    days: {"2026-02-17": {off: true, reason: "Tết Nguyên đán"},
 *           "2025-04-26": {off: false, reason: "Làm bù …", decision: "…"}}}
 * Only exceptions to the Monday–Friday rule are listed. An entry with
 * `verified: false` (not yet confirmed by an official notice) has no
 * `decision`; every sentence about it ends with the one caveat UNCONFIRMED_OFF
 * or UNCONFIRMED_WORK — never the maintainers' source notes.
 *
 * Every public function returns a plain object
 *   {value, explanation: [câu tiếng Việt …], skipped: [{date, reason}], warnings: […]}
 * The warnings are not repeated in the explanation: the page shows them once,
 * next to the result.
 * and never throws on bad input: it returns {value: null, error: "…"} instead.
 * Dates are ISO "YYYY-MM-DD" strings; arithmetic is on UTC day numbers (days
 * since 1970-01-01), so time zones and DST can never shift a date.
 *
 * Legal conventions (Bộ luật Dân sự 2015):
 *   - Điều 144 khoản 1: thời hạn tính theo dương lịch.
 *   - Điều 147 khoản 2: thời hạn tính bằng ngày thì ngày đầu tiên (ngày xảy ra
 *     sự kiện) không tính; bắt đầu từ ngày tiếp theo liền kề.
 *   - Điều 148 khoản 1, 6: kết thúc vào lúc 24 giờ ngày cuối cùng của thời hạn.
 *   - Điều 148 khoản 5: ngày cuối cùng là ngày nghỉ cuối tuần / nghỉ lễ thì
 *     thời hạn kết thúc vào cuối ngày làm việc tiếp theo ngày nghỉ đó.
 */
(function (root) {
  'use strict';

  var MS_PER_DAY = 86400000;
  var WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
  var ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var MAX_COUNT = 3660; // ~10 years: the longest period a form may ask for
  // The years a date may have, given or computed: past them a date is a typing
  // or URL mistake (and past 9999 an ISO date has no 4-digit year).
  var MIN_YEAR = 1900;
  var MAX_YEAR = 2100;
  var YEARS = MIN_YEAR + '–' + MAX_YEAR;
  var MAX_STEPS = 20000; // > any MAX_COUNT period (holidays included); stops runaway loops
  var CITE_START = 'Bộ luật Dân sự 2015, Điều 147 khoản 2';
  var CITE_END = 'Bộ luật Dân sự 2015, Điều 148 khoản 5';
  // The one caveat for a calendar day not yet confirmed by an official notice.
  var UNCONFIRMED = 'chưa có văn bản chính thức — kiểm tra lại';
  var UNCONFIRMED_OFF = 'ngày nghỉ ' + UNCONFIRMED;
  var UNCONFIRMED_WORK = 'ngày làm bù ' + UNCONFIRMED;

  function hasOwn(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  // ------------------------------------------------------------------
  // Dates as UTC day numbers

  function parseIso(iso) {
    if (typeof iso !== 'string') return NaN;
    var m = ISO_RE.exec(iso);
    if (!m) return NaN;
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = Date.UTC(y, mo - 1, d);
    var back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
    return Math.round(t / MS_PER_DAY);
  }

  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }

  function toIso(n) {
    var d = new Date(n * MS_PER_DAY);
    return pad(d.getUTCFullYear(), 4) + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2);
  }

  function ymd(n) {
    var d = new Date(n * MS_PER_DAY);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
  }

  function dayNumber(y, m, d) {
    return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
  }

  function lastDayOfMonth(y, m) {
    return dayNumber(y, m + 1, 1) - 1; // Date.UTC rolls month 13 into January
  }

  function weekday(n) {
    return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Chủ nhật
  }

  /** "17/02/2026" */
  function formatDate(isoOrN) {
    var n = typeof isoOrN === 'number' ? isoOrN : parseIso(isoOrN);
    if (isNaN(n)) return String(isoOrN);
    var p = ymd(n);
    return pad(p.d, 2) + '/' + pad(p.m, 2) + '/' + pad(p.y, 4);
  }

  /** "17/02/2026 (Thứ Ba)" */
  function label(n) {
    return formatDate(n) + ' (' + WEEKDAYS[weekday(n)] + ')';
  }

  function isIsoDate(s) {
    return !isNaN(parseIso(s));
  }

  /**
   * The value a form field opens with: the one the URL asks for (a shared link,
   * ?start=2026-02-10) wins; else a field marked data-default="today" opens on
   * `today`; else it stays empty.
   */
  function openingValue(asked, defaultKind, today) {
    if (asked !== null && asked !== undefined && asked !== '') return String(asked);
    return defaultKind === 'today' && today ? today : '';
  }

  // ------------------------------------------------------------------
  // Calendar look-up

  function status(cal, n) {
    var iso = toIso(n);
    var days = (cal && cal.days) || {};
    var entry = hasOwn(days, iso) ? days[iso] : null;
    var wd = weekday(n);
    var weekend = wd === 0 || wd === 6;
    if (entry) {
      return {
        working: !entry.off,
        kind: entry.off ? 'holiday' : 'swap',
        reason: entry.reason || (entry.off ? 'ngày nghỉ' : 'ngày làm việc'),
        decision: entry.verified === false ? null : entry.decision || null,
        verified: entry.verified !== false,
        weekend: weekend
      };
    }
    if (weekend) return { working: false, kind: 'weekend', reason: 'nghỉ hằng tuần', weekend: true, verified: true };
    return { working: true, kind: 'normal', reason: null, weekend: false, verified: true };
  }

  // A Trace collects what happened while counting, then writes the sentences.
  function Trace(cal) {
    this.cal = cal;
    this.skipped = [];
    this.notes = [];
    this.warnings = [];
    this.warnedYears = {};
    this.events = []; // in chronological order of visiting: {n, st, counted}
  }

  Trace.prototype.visit = function (n, st, counted) {
    this.checkYear(n);
    if (!st.working) this.skipped.push({ date: toIso(n), reason: st.reason });
    if (!st.verified) this.warnings.push(unconfirmedWarning(n, st));
    this.events.push({ n: n, st: st, counted: !!counted });
  };

  Trace.prototype.checkYear = function (n) {
    var y = ymd(n).y;
    if (this.warnedYears[y]) return;
    this.warnedYears[y] = true;
    var cal = this.cal;
    var years = cal && cal.years;
    if (!years || y < years[0] || y > years[1]) {
      this.warnings.push(
        'Năm ' + y + ' nằm ngoài lịch ngày nghỉ' + (years ? ' (' + years[0] + '–' + years[1] + ')' : '') +
        ': chỉ tính thứ Bảy, Chủ nhật là ngày nghỉ, chưa có ngày lễ, Tết.'
      );
      return;
    }
    var announced = cal.announced || [];
    if (announced.length && y > Math.max.apply(null, announced)) {
      this.warnings.push(
        'Lịch năm ' + y + ' mới gồm ngày nghỉ lễ, Tết theo Bộ luật Lao động; chưa có thông báo hoán đổi ngày làm việc của năm đó.'
      );
    }
  };

  // "Ngày 31/08/2026 (Nghỉ hoán đổi dịp Quốc khánh …): ngày nghỉ chưa có văn bản chính thức — kiểm tra lại."
  function unconfirmedWarning(n, st) {
    return 'Ngày ' + formatDate(n) + ' (' + st.reason + '): ' + (st.working ? UNCONFIRMED_WORK : UNCONFIRMED_OFF) + '.';
  }

  // What a calendar day is, for a sentence: its reason, then the notice it rests on
  // (an official one), or the caveat (not yet confirmed).
  function dayReason(st) {
    if (!st.verified) return st.reason + ' — ' + (st.working ? UNCONFIRMED_WORK : UNCONFIRMED_OFF);
    return st.reason + (st.decision ? ' (' + st.decision + ')' : '');
  }

  // Sentences for the visited days, in order: every holiday on its own, each
  // run of plain weekend days in one sentence, worked Saturdays noted.
  Trace.prototype.sentences = function () {
    var out = [];
    var run = [];
    // Counting backwards visits days in reverse: always tell them in date order.
    var events = this.events.slice().sort(function (x, y) { return x.n - y.n; });
    function flush() {
      if (!run.length) return;
      out.push('Bỏ qua ' + run.map(label).join(', ') + ': nghỉ hằng tuần.');
      run = [];
    }
    events.forEach(function (e) {
      if (!e.st.working && e.st.kind === 'weekend') {
        run.push(e.n);
        return;
      }
      flush();
      if (!e.st.working) {
        out.push('Bỏ qua ' + label(e.n) + ': ' + dayReason(e.st) + '.');
      } else if (e.st.kind === 'swap' && e.counted) {
        out.push('Tính ' + label(e.n) + ' là ngày làm việc: ' + dayReason(e.st) + '.');
      }
    });
    flush();
    return out;
  };

  Trace.prototype.result = function (value, head, tail, extra) {
    var r = {
      value: value,
      explanation: [].concat(head || [], this.sentences(), tail || []),
      skipped: this.skipped.slice().sort(function (x, y) { return x.date < y.date ? -1 : x.date > y.date ? 1 : 0; }),
      warnings: dedupe(this.warnings)
    };
    if (extra) for (var k in extra) if (hasOwn(extra, k)) r[k] = extra[k];
    return r;
  };

  function dedupe(list) {
    var seen = Object.create(null);
    return list.filter(function (x) {
      if (seen[x]) return false;
      seen[x] = true;
      return true;
    });
  }

  function fail(message) {
    return { value: null, error: message, explanation: [message], skipped: [], warnings: [] };
  }

  /** Why `iso` cannot be a given date (in Vietnamese), or null: a real day of a year 1900–2100. */
  function dateProblem(iso) {
    var n = parseIso(iso);
    if (isNaN(n)) return 'Ngày không hợp lệ: "' + iso + '" (cần một ngày có thật, dạng năm-tháng-ngày, ví dụ 2026-02-10).';
    return yearProblem(n, 'Năm ' + ymd(n).y + ' nằm ngoài khoảng Sổ tay tính được (' + YEARS + '): "' + iso + '".');
  }

  function yearProblem(n, message) {
    var y = ymd(n).y;
    return y < MIN_YEAR || y > MAX_YEAR ? message : null;
  }

  /** A given date as a day number, or NaN (see dateProblem). */
  function inputDay(iso) {
    return dateProblem(iso) ? NaN : parseIso(iso);
  }

  /** A computed date out of 1900–2100 is refused, never printed as "10000-01-07". */
  function resultProblem(n) {
    return yearProblem(n, 'Kết quả rơi vào năm ' + ymd(n).y + ', ngoài khoảng Sổ tay tính được (' + YEARS + ').');
  }

  function badDate(iso) {
    return fail(dateProblem(iso));
  }

  function badCount(n) {
    return fail('Số ngày không hợp lệ: "' + n + '" (cần một số nguyên).');
  }

  function tooMany(raw) {
    return fail('Số ngày quá lớn: ' + String(raw).trim() + ' (tối đa ' + MAX_COUNT + ').');
  }

  // Move from n in direction dir (+1/-1) to the nearest working day, n included.
  function settle(cal, n, dir, trace) {
    for (var i = 0; i < MAX_STEPS; i++) {
      var st = status(cal, n);
      trace.visit(n, st, st.working);
      if (st.working) return n;
      n += dir;
    }
    return NaN;
  }

  // The |k|-th working day after (k > 0) or before (k < 0) day s, s excluded.
  function stepWorking(cal, s, k, trace) {
    var dir = k < 0 ? -1 : 1, need = Math.abs(k), d = s;
    for (var i = 0; need > 0 && i < MAX_STEPS; i++) {
      d += dir;
      var st = status(cal, d);
      trace.visit(d, st, st.working);
      if (st.working) need--;
    }
    return d;
  }

  // ------------------------------------------------------------------
  // Public API

  /** Is `iso` a working day? value: true/false. */
  function isWorkingDay(cal, iso) {
    var n = inputDay(iso);
    if (isNaN(n)) return badDate(iso);
    var st = status(cal, n);
    var trace = new Trace(cal);
    trace.checkYear(n);
    if (!st.verified) trace.warnings.push(unconfirmedWarning(n, st));
    var text;
    if (st.kind === 'normal') text = label(n) + ' là ngày làm việc.';
    else if (st.kind === 'swap') text = label(n) + ' là ngày làm việc: ' + dayReason(st) + '.';
    else text = label(n) + ' là ngày nghỉ: ' + dayReason(st) + '.';
    var r = trace.result(st.working, [text], null, { reason: st.reason });
    if (!st.working) r.skipped = [{ date: toIso(n), reason: st.reason }];
    return r;
  }

  /**
   * The n-th working day after the event day `startIso` (BLDS 2015 Điều 147
   * khoản 2: the event day is not counted; counting starts the next day).
   * Only working days are counted: weekends, holidays and swapped days off are
   * skipped, Saturdays worked in a swap count. n < 0 counts back; n = 0 gives
   * the start day itself.
   */
  function addWorkingDays(cal, startIso, n) {
    var s = inputDay(startIso);
    if (isNaN(s)) return badDate(startIso);
    var raw = n;
    if (typeof n === 'string' && /^-?\d+$/.test(n.trim())) n = parseInt(n, 10);
    if (typeof n !== 'number' || !isFinite(n) || Math.floor(n) !== n) return badCount(n);
    if (Math.abs(n) > MAX_COUNT) return tooMany(raw);
    var trace = new Trace(cal);
    trace.checkYear(s);
    if (n === 0) return trace.result(toIso(s), ['0 ngày làm việc: kết quả là chính ngày ' + label(s) + '.']);
    var d = stepWorking(cal, s, n, trace);
    if (resultProblem(d)) return fail(resultProblem(d));
    var head, tail;
    if (n > 0) {
      head = [
        'Ngày xảy ra sự kiện: ' + label(s) + ' — không tính; thời hạn bắt đầu từ ngày tiếp theo (' + CITE_START + ').',
        'Chỉ đếm ngày làm việc: bỏ qua thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết và ngày nghỉ hoán đổi; thứ Bảy làm bù được tính.'
      ];
      tail = ['Ngày làm việc thứ ' + n + ' là ' + label(d) + ': hạn cuối là hết ngày này (Bộ luật Dân sự 2015, Điều 148 khoản 1).'];
    } else {
      head = ['Đếm lùi ' + -n + ' ngày làm việc trước ' + label(s) + ' (không tính chính ngày đó), chỉ đếm ngày làm việc.'];
      tail = ['Ngày làm việc thứ ' + -n + ' trước đó là ' + label(d) + '.'];
    }
    return trace.result(toIso(d), head, tail);
  }

  /**
   * n calendar days after the event day (Điều 147 khoản 2: the event day is
   * not counted); holidays are counted, but if the last day is not a working
   * day the period ends on the next working day (Điều 148 khoản 5).
   */
  function addCalendarDays(cal, startIso, n) {
    var s = inputDay(startIso);
    if (isNaN(s)) return badDate(startIso);
    var raw = n;
    if (typeof n === 'string' && /^-?\d+$/.test(n.trim())) n = parseInt(n, 10);
    if (typeof n !== 'number' || !isFinite(n) || Math.floor(n) !== n || n < 0) {
      return fail('Số ngày không hợp lệ: "' + n + '" (cần một số nguyên không âm).');
    }
    if (n > MAX_COUNT) return tooMany(raw);
    var trace = new Trace(cal);
    trace.checkYear(s);
    var nominal = s + n;
    var head = [
      'Ngày xảy ra sự kiện: ' + label(s) + ' — không tính; thời hạn bắt đầu từ ngày tiếp theo (' + CITE_START + ').',
      'Đếm ' + n + ' ngày theo lịch (tính cả ngày nghỉ): ngày cuối cùng là ' + label(nominal) + '.'
    ];
    var end = settle(cal, nominal, +1, trace);
    if (resultProblem(end)) return fail(resultProblem(end));
    var tail = end === nominal
      ? ['Hạn cuối là hết ngày ' + label(end) + '.']
      : ['Ngày cuối cùng rơi vào ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo: ' + label(end) + ' (' + CITE_END + ').'];
    return trace.result(toIso(end), head, tail, { nominal: toIso(nominal) });
  }

  /**
   * The latest day on which to act "at least n days / n working days before"
   * the event `eventIso`. The event day is not counted (mirror of Điều 147).
   *   unit "days":         event − n calendar days;
   *   unit "working-days": the n-th working day before the event.
   * If the day found is not a working day it moves EARLIER, to the previous
   * working day: moving it later (as Điều 148 khoản 5 does for a deadline
   * counted forwards) would leave less than the minimum notice.
   */
  function latestBefore(cal, eventIso, n, unit) {
    var e = inputDay(eventIso);
    if (isNaN(e)) return badDate(eventIso);
    var raw = n;
    if (typeof n === 'string' && /^\d+$/.test(n.trim())) n = parseInt(n, 10);
    if (typeof n !== 'number' || !isFinite(n) || Math.floor(n) !== n || n < 0) {
      return fail('Số ngày không hợp lệ: "' + n + '" (cần một số nguyên không âm).');
    }
    if (n > MAX_COUNT) return tooMany(raw);
    unit = unit || 'days';
    if (unit !== 'days' && unit !== 'working-days') return fail('Đơn vị không hợp lệ: "' + unit + '" (days hoặc working-days).');
    var trace = new Trace(cal);
    trace.checkYear(e);
    var head, tail, d;
    if (unit === 'working-days' && n > 0) {
      head = ['Phải thực hiện trước ' + label(e) + ' ít nhất ' + n + ' ngày làm việc: đếm lùi ' + n +
        ' ngày làm việc, không tính ngày ' + formatDate(e) + '.'];
      d = stepWorking(cal, e, -n, trace);
      tail = ['Chậm nhất là ngày ' + label(d) + '.'];
    } else {
      var nominal = e - n;
      head = ['Phải thực hiện trước ' + label(e) + ' ít nhất ' + n + ' ngày: đếm lùi ' + n +
        ' ngày theo lịch, không tính ngày ' + formatDate(e) + ' → ' + label(nominal) + '.'];
      d = settle(cal, nominal, -1, trace);
      tail = d === nominal
        ? ['Chậm nhất là ngày ' + label(d) + '.']
        : ['Ngày ' + formatDate(nominal) + ' là ngày nghỉ nên phải làm sớm hơn, vào ngày làm việc liền trước: chậm nhất là ' +
          label(d) + ' (dời về sau thì không còn đủ ' + n + ' ngày).'];
    }
    if (resultProblem(d)) return fail(resultProblem(d));
    return trace.result(toIso(d), head, tail);
  }

  /** Number of working days from fromIso to toIso, both included. */
  function countWorkingDays(cal, fromIso, toIso_) {
    var a = inputDay(fromIso), b = inputDay(toIso_);
    if (isNaN(a)) return badDate(fromIso);
    if (isNaN(b)) return badDate(toIso_);
    if (b < a) return fail('Ngày kết thúc (' + formatDate(b) + ') trước ngày bắt đầu (' + formatDate(a) + ').');
    if (b - a > MAX_STEPS) return fail('Khoảng thời gian quá dài.');
    var trace = new Trace(cal);
    var count = 0;
    for (var d = a; d <= b; d++) {
      var st = status(cal, d);
      trace.visit(d, st, st.working);
      if (st.working) count++;
    }
    return trace.result(count, ['Từ ' + label(a) + ' đến ' + label(b) + ' (tính cả hai ngày): ' + (b - a + 1) + ' ngày theo lịch.'],
      ['Số ngày làm việc: ' + count + '.']);
  }

  // ------------------------------------------------------------------
  // Recurring obligations

  var RULES = {
    // Every week on `weekday` (1 = thứ Hai … 5 = thứ Sáu). A day off moves the
    // occurrence to the next working day OF THE SAME WEEK (the obligation
    // belongs to the week: moving it earlier would put it in the previous week,
    // moving it past Sunday would collide with next week's). A week with no
    // working day at all (Tết) has no occurrence.
    weekly: {
      periods: function (rule, from) {
        var wd = rule.weekday || 1;
        var monday = from - ((weekday(from) + 6) % 7);
        return function (i) {
          var start = monday + 7 * i;
          return { nominal: start + wd - 1, limit: start + 6, title: 'tuần ' + formatDate(start) + '–' + formatDate(start + 6) };
        };
      },
      adjust: 'week',
      describe: function (rule) { return 'Hằng tuần vào ' + WEEKDAYS[(rule.weekday || 1) % 7].toLowerCase(); }
    },
    // Last working day of each month.
    'month-last-working-day': {
      periods: monthly(function (y, m) { return { nominal: lastDayOfMonth(y, m), title: 'tháng ' + m + '/' + y }; }),
      adjust: 'previous',
      describe: function () { return 'Ngày làm việc cuối cùng của mỗi tháng'; }
    },
    // "Vào cuối tháng" (e.g. Ban Thường vụ họp định kỳ … vào cuối tháng): the
    // obligation belongs to the month, so a month end on a day off moves
    // EARLIER, to the last working day of that month — never into the next
    // month. (Period-end anchors all do this: see semiannual; period starts,
    // the windows' first day, move later within the period.)
    'month-end': {
      periods: monthly(function (y, m) { return { nominal: lastDayOfMonth(y, m), title: 'tháng ' + m + '/' + y }; }),
      adjust: 'previous',
      describe: function () { return 'Cuối mỗi tháng'; }
    },
    // The first month of each quarter (1, 4, 7, 10): a window.
    'quarter-first-month': {
      periods: monthly(function (y, m) {
        if ((m - 1) % 3 !== 0) return null;
        return { window: [dayNumber(y, m, 1), lastDayOfMonth(y, m)], title: 'tháng ' + m + '/' + y + ' (tháng đầu Quý ' + roman((m + 2) / 3) + ')' };
      }),
      describe: function () { return 'Trong tháng đầu của mỗi quý'; }
    },
    // 15th of the middle month of each quarter (2, 5, 8, 11), a deadline.
    'mid-quarter': {
      periods: monthly(function (y, m) {
        if ((m - 2) % 3 !== 0) return null;
        return { nominal: dayNumber(y, m, 15), title: 'giữa Quý ' + roman((m + 1) / 3) + '/' + y };
      }),
      adjust: 'next',
      describe: function () { return 'Ngày 15 tháng giữa mỗi quý'; }
    },
    // A fixed day every year, e.g. {month: 11, day: 15}. With {approx: "giữa
    // Quý IV"} the text names only an approximate time: the day is the
    // handbook's reference date (a convention), not a deadline — every
    // occurrence carries approx, and a day off moves to the next working day
    // without citing the deadline rule of Điều 148.
    'yearly-date': {
      periods: yearly(function (y, rule) {
        return { nominal: dayNumber(y, rule.month || 11, rule.day || 15), title: 'năm ' + y, approx: rule.approx || null };
      }),
      adjust: 'next',
      describe: function (rule) {
        var day = pad(rule.day || 15, 2) + '/' + pad(rule.month || 11, 2);
        if (rule.approx) {
          return 'Hằng năm vào ' + rule.approx + ' — văn bản không nêu ngày cụ thể; Sổ tay lấy ngày ' + day +
            ' làm mốc tham chiếu (quy ước, không phải hạn chót)';
        }
        return 'Hằng năm vào ngày ' + day;
      }
    },
    // End of June and end of December: the obligation belongs to the half-year,
    // so a day off moves it EARLIER, to the last working day of the half.
    // With {window: true}: the whole half-year (the text names no day in it).
    semiannual: {
      periods: monthly(function (y, m, rule) {
        if (m !== 6 && m !== 12) return null;
        var title = (m === 6 ? '6 tháng đầu năm ' : '6 tháng cuối năm ') + y;
        if (rule.window) return { window: [dayNumber(y, m - 5, 1), lastDayOfMonth(y, m)], title: title };
        return { nominal: lastDayOfMonth(y, m), title: title };
      }),
      adjust: 'previous',
      describe: function (rule) {
        return rule.window ? '6 tháng một lần, trong mỗi nửa năm' : '6 tháng một lần (cuối tháng 6 và cuối tháng 12)';
      }
    },
    // Once a month / a quarter, no day named: the whole month / quarter is the window.
    monthly: {
      periods: monthly(function (y, m) { return { window: [dayNumber(y, m, 1), lastDayOfMonth(y, m)], title: 'tháng ' + m + '/' + y }; }),
      describe: function () { return 'Hằng tháng (văn bản không nêu ngày trong tháng)'; }
    },
    quarterly: {
      periods: monthly(function (y, m) {
        if ((m - 1) % 3 !== 0) return null;
        return { window: [dayNumber(y, m, 1), lastDayOfMonth(y, m + 2)], title: 'Quý ' + roman((m + 2) / 3) + '/' + y };
      }),
      describe: function () { return 'Hằng quý (văn bản không nêu thời điểm trong quý)'; }
    },
    // Once a year, no day named: the whole year is the window.
    yearly: {
      periods: yearly(function (y) { return { window: [dayNumber(y, 1, 1), dayNumber(y, 12, 31)], title: 'năm ' + y }; }),
      describe: function () { return 'Hằng năm (văn bản không nêu thời điểm trong năm)'; }
    },
    // A whole month every year, e.g. {month: 12}: a window.
    'yearly-month': {
      periods: yearly(function (y, rule) {
        var m = rule.month || 12;
        return { window: [dayNumber(y, m, 1), lastDayOfMonth(y, m)], title: 'tháng ' + m + '/' + y };
      }),
      describe: function (rule) { return 'Hằng năm trong tháng ' + (rule.month || 12); }
    },
    // The final year of a term, e.g. {termStart: 2025, termEnd: 2030}: one window.
    'term-final-year': {
      periods: function (rule) {
        return function (i) {
          if (i > 0) return undefined;
          var y = rule.termEnd;
          return { window: [dayNumber(y, 1, 1), dayNumber(y, 12, 31)], title: 'năm cuối nhiệm kỳ ' + rule.termStart + '–' + rule.termEnd };
        };
      },
      describe: function (rule) { return 'Năm cuối nhiệm kỳ ' + rule.termStart + '–' + rule.termEnd + ' (năm ' + rule.termEnd + ')'; }
    }
  };

  var ADJUST_TEXT = {
    next: 'nếu là ngày nghỉ thì chuyển sang ngày làm việc tiếp theo (' + CITE_END + ')',
    previous: 'nếu là ngày nghỉ thì làm sớm hơn, vào ngày làm việc liền trước, để vẫn nằm trong kỳ',
    week: 'nếu là ngày nghỉ thì chuyển sang ngày làm việc tiếp theo trong cùng tuần; tuần không có ngày làm việc thì không có phiên',
    reference: 'mốc tham chiếu rơi vào ngày nghỉ thì lấy ngày làm việc tiếp theo'
  };

  function roman(q) {
    return ['I', 'II', 'III', 'IV'][q - 1];
  }

  function monthly(make) {
    return function (rule, from) {
      var p = ymd(from);
      var i0 = p.y * 12 + (p.m - 1);
      return function (i) {
        var k = i0 + i;
        return make(Math.floor(k / 12), (k % 12) + 1, rule) || null;
      };
    };
  }

  function yearly(make) {
    return function (rule, from) {
      var y0 = ymd(from).y;
      return function (i) { return make(y0 + i, rule); };
    };
  }

  function occurrence(cal, period, adjust) {
    var trace = new Trace(cal);
    var head = ['Kỳ ' + period.title + '.'];
    if (period.window) {
      var a = settle(cal, period.window[0], +1, trace);
      var z = settle(cal, period.window[1], -1, new Trace(cal));
      return trace.result(toIso(a), head,
        ['Thực hiện trong khoảng ' + label(a) + ' – ' + label(z) + ' (ngày làm việc đầu và cuối của kỳ).'],
        { until: toIso(z), nominal: toIso(period.window[0]) });
    }
    var n = period.nominal, d;
    if (adjust === 'week') {
      d = n;
      for (; d <= period.limit; d++) {
        var st = status(cal, d);
        trace.visit(d, st, st.working);
        if (st.working) break;
      }
      if (d > period.limit) {
        return trace.result(null, head, ['Cả tuần không có ngày làm việc: không có phiên trong tuần này.'], { nominal: toIso(n) });
      }
    } else {
      d = settle(cal, n, adjust === 'previous' ? -1 : +1, trace);
    }
    var tail = d === n
      ? ['Ngày ' + label(d) + '.']
      : ['Ngày ' + formatDate(n) + ' là ngày nghỉ → ' + label(d) + ' (' + ADJUST_TEXT[adjust] + ').'];
    if (period.approx) tail[0] = 'Khoảng ' + period.approx + ': ' + tail[0].charAt(0).toLowerCase() + tail[0].slice(1);
    return trace.result(toIso(d), head, tail, period.approx ? { nominal: toIso(n), approx: period.approx } : { nominal: toIso(n) });
  }

  /**
   * The next `count` occurrences of a recurring rule, from `fromIso` on.
   * rule: {type: "weekly", weekday: 1} | {type: "month-last-working-day"} |
   *   {type: "month-end"} | {type: "quarter-first-month"} | {type: "mid-quarter"} |
   *   {type: "yearly-date", month: 11, day: 15} | {type: "semiannual", window?: true} |
 *   {type: "monthly"} | {type: "quarterly"} | {type: "yearly"} (windows: no day named) |
   *   {type: "yearly-month", month: 12} | {type: "term-final-year", termStart: 2025, termEnd: 2030}
   * and optionally adjust: "next" | "previous" to override the rule's default.
   * value: list of ISO dates; occurrences: one result object per date (window
   * rules also carry `until`, the last working day of the window).
   */
  function nextOccurrences(cal, rule, fromIso, count) {
    var from = inputDay(fromIso);
    if (isNaN(from)) return badDate(fromIso);
    // hasOwn: a rule type "constructor" (or an adjust "toString") is not a rule
    if (!rule || !hasOwn(RULES, rule.type)) return fail('Quy tắc lặp không hợp lệ: "' + (rule && rule.type) + '".');
    if (rule.type === 'term-final-year' && !(rule.termEnd >= rule.termStart)) return fail('Cần năm đầu và năm cuối nhiệm kỳ.');
    count = count === undefined ? 1 : count;
    if (typeof count !== 'number' || count < 1 || count > 100 || Math.floor(count) !== count) return badCount(count);
    var def = RULES[rule.type];
    var adjust = rule.window ? undefined : rule.adjust || (rule.approx ? 'reference' : def.adjust);
    if (adjust !== undefined && !hasOwn(ADJUST_TEXT, adjust)) return fail('Cách dời ngày nghỉ không hợp lệ: "' + adjust + '".');
    var gen = def.periods(rule, from);
    var occurrences = [];
    var dropped = [];
    var lastYear = null; // set when the list stops at the end of MAX_YEAR
    for (var i = 0; occurrences.length < count && i < 2000; i++) {
      var period = gen(i);
      if (period === undefined) break;
      if (period === null) continue;
      if (resultProblem(period.window ? period.window[1] : period.nominal)) {
        lastYear = MAX_YEAR;
        break;
      }
      var occ = occurrence(cal, period, adjust);
      if (occ.value !== null && resultProblem(parseIso(occ.until || occ.value))) {
        lastYear = MAX_YEAR; // a day off at the very end of 2100 moved into 2101
        break;
      }
      if (occ.value === null) {
        if (parseIso(occ.nominal) >= from) dropped.push(occ);
        continue;
      }
      if (parseIso(occ.until || occ.value) < from) continue;
      occurrences.push(occ);
    }
    var explanation = [def.describe(rule) + (adjust ? '; ' + ADJUST_TEXT[adjust] : '') + '.'];
    dropped.forEach(function (o) { explanation.push(o.explanation.join(' ')); });
    occurrences.forEach(function (o) { explanation.push(o.explanation[o.explanation.length - 1]); });
    var warnings = dedupe([].concat.apply([], occurrences.map(function (o) { return o.warnings; })));
    if (lastYear) warnings.push('Sổ tay chỉ tính đến hết năm ' + lastYear + ': các lần sau đó không được liệt kê.');
    if (lastYear && !occurrences.length) return fail('Không có lần nào từ ' + formatDate(from) + ' đến hết năm ' + lastYear + '.');
    return {
      value: occurrences.map(function (o) { return o.value; }),
      occurrences: occurrences,
      explanation: explanation,
      skipped: [].concat.apply([], occurrences.map(function (o) { return o.skipped; })),
      warnings: warnings
    };
  }

  var api = {
    isWorkingDay: isWorkingDay,
    addWorkingDays: addWorkingDays,
    addCalendarDays: addCalendarDays,
    latestBefore: latestBefore,
    countWorkingDays: countWorkingDays,
    nextOccurrences: nextOccurrences,
    formatDate: formatDate,
    weekdayName: function (iso) { var n = parseIso(iso); return isNaN(n) ? null : WEEKDAYS[weekday(n)]; },
    isIsoDate: isIsoDate,
    dateProblem: dateProblem,
    MIN_YEAR: MIN_YEAR,
    MAX_YEAR: MAX_YEAR,
    openingValue: openingValue,
    isUnconfirmed: function (warning) { return String(warning).indexOf(UNCONFIRMED) >= 0; },
    ruleTypes: Object.keys(RULES)
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.workdays = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
