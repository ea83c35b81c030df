/*
 * Sổ tay Quy chế — deadline calculators: the thin DOM layer.
 *
 * Classic script (works from file://; see workdays.js). Include, in order, at
 * the end of the page (or with `defer`):
 *   <script type="application/json" id="sotay-calendar">{…calendar JSON…}</script>
 *   <script src="…/assets/sotay/dom.js"></script>
 *   <script src="…/assets/sotay/workdays.js"></script>
 *   <script src="…/assets/sotay/quorum.js"></script>     (only if a form is data-calculator="quorum")
 *   <script src="…/assets/sotay/ics.js"></script>        (only if a form has data-ics)
 *   <script src="…/assets/sotay/calculator.js"></script>
 *
 * It finds every <form data-calculator="KIND">, reads its named inputs, fills
 * them from the URL query (?start=2026-02-10&days=7, ?meeting=2026-03-02,
 * ?members=15) — an input with data-default="today" and no value in the URL
 * opens on the reader's date (Sotay.dom.todayIso) — computes on input/submit with Sotay.workdays, writes each
 * result into <output name=… data-value="ISO date or number"> (display text:
 * "26/02/2026 (Thứ Năm)") and its sentences into <ol data-explanation-for=NAME>,
 * and puts the inputs back into the URL (history.replaceState) so the result
 * can be shared. All decisions are in workdays.js; nothing here computes dates.
 *
 * KIND                 inputs          outputs (their data-* say what to compute)
 * working-days         start, days     <output name=end>            addWorkingDays
 * calendar-days        start, days     <output name=end>            addCalendarDays
 * meeting-schedule     meeting         <output data-before=2 | data-before-input=NAME, data-unit="days|working-days">  latestBefore
 * quorum               members         <output data-count="quorum|majority" data-fraction="2/3" data-op=">=|>">  quorum.js
 * absence              from, to        <output name=days> count; <output data-threshold=2> "true"/"false"
 * recurring            from, count?    <output data-rule='{"type":"mid-quarter"}'>  nextOccurrences
 * A <button type="button" data-ics> in a recurring / meeting-schedule form downloads
 * the results as .ics (summary from each output's data-summary, description from
 * data-description, link from data-href).
 */
(function (root) {
  'use strict';

  var doc = root.document;
  var D = root.Sotay && root.Sotay.dom;
  if (!doc || !D) return;

  function engine() {
    return root.Sotay && root.Sotay.workdays;
  }

  function field(form, name) {
    var el = form.elements.namedItem(name);
    return el && 'value' in el ? el.value.trim() : '';
  }

  function display(value) {
    var W = engine();
    if (typeof value === 'string' && W.isIsoDate(value)) return W.formatDate(value) + ' (' + W.weekdayName(value) + ')';
    if (Array.isArray(value)) return value.map(display).join('; ');
    return String(value);
  }

  // A window ("trong 6 tháng đầu năm") shows its first and last working day, not only the first;
  // an approximate time ("giữa Quý IV") says so: its day is a reference date, not a deadline.
  function shown(result) {
    if (result.display) return result.display;
    if (!result.occurrences) return display(result.value);
    var text = result.occurrences.map(function (o) {
      if (o.approx) return 'khoảng ' + display(o.value);
      return o.until && o.until !== o.value ? display(o.value) + ' – ' + display(o.until) : display(o.value);
    }).join('; ');
    var approx = result.occurrences.filter(function (o) { return o.approx; })[0];
    if (approx) {
      text = approx.approx.charAt(0).toUpperCase() + approx.approx.slice(1) + ' (văn bản không nêu ngày; mốc tham chiếu, không phải hạn chót): ' + text;
    }
    return text;
  }

  // The warnings (a day taken from a calendar not yet checked against the
  // official text, a year outside the calendar) go right under the result, not
  // only inside "Cách tính". Also errors (bad input) are shown in words.
  function notes(form, output, result, ok) {
    var holder = output.closest ? output.closest('.sotay-calc__result') : null;
    if (!holder) return;
    var list = holder.querySelector('.sotay-calc__warnings');
    var lines = [];
    if (result && result.error) lines.push({ text: result.error, error: true });
    else if (ok) (result.warnings || []).forEach(function (w) { lines.push({ text: 'Lưu ý: ' + w }); });
    if (!lines.length) {
      if (list) list.remove();
      return;
    }
    if (!list) {
      list = doc.createElement('ul');
      list.className = 'sotay-calc__warnings';
      list.setAttribute('role', 'note');
      var after = output.parentNode;
      after.parentNode.insertBefore(list, after.nextSibling);
    }
    list.textContent = '';
    lines.forEach(function (line) {
      var li = doc.createElement('li');
      li.textContent = line.text;
      if (line.error) li.className = 'sotay-calc__error';
      list.appendChild(li);
    });
  }

  function write(form, output, result) {
    var name = output.getAttribute('name') || '';
    var ok = result && result.value !== null && result.value !== undefined && !result.error;
    output.setAttribute('data-value', ok ? (Array.isArray(result.value) ? result.value.join(' ') : String(result.value)) : '');
    output.textContent = ok ? (output.hasAttribute('data-threshold') && !result.display ? (result.value ? 'Có' : 'Không') : shown(result)) : '';
    if (!ok && result && result.error) output.setAttribute('data-error', result.error);
    else output.removeAttribute('data-error');
    notes(form, output, result, ok);
    var list = name && form.querySelector('[data-explanation-for="' + name + '"]');
    if (list) {
      list.textContent = '';
      ((result && result.explanation) || []).forEach(function (sentence) {
        var li = doc.createElement('li');
        li.textContent = sentence;
        list.appendChild(li);
      });
    }
    output._sotayResult = ok ? result : null;
  }

  function outputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll('output'));
  }

  function blank(form, names) {
    return names.some(function (n) { return !field(form, n); });
  }

  // What is wrong with one field, in words, or '': a value from the URL that the
  // input refused (?start=2026-02-30, ?members=abc: the browser empties the
  // field, which would otherwise show nothing at all), a number below the
  // input's min (0 days where at least 1 is asked) or not whole, a date typed
  // only in part. Dates out of 1900–2100 and too large numbers are refused by
  // workdays.js / quorum.js with their own message.
  function fieldProblem(input) {
    var raw = input.value.trim();
    var asked = input._sotayAsked;
    if (asked !== undefined && raw === '') {
      if (input.type === 'date') return 'Ngày "' + asked + '" trong đường dẫn không có thật hoặc sai dạng (cần năm-tháng-ngày, ví dụ 2026-02-10).';
      if (input.type === 'number') return 'Giá trị "' + asked + '" trong đường dẫn không phải số nguyên.';
      return 'Giá trị "' + asked + '" trong đường dẫn không có trong danh sách.';
    }
    if (input.type === 'date') return raw === '' && input.validity && input.validity.badInput ? 'Ngày chưa đủ hoặc không có thật.' : '';
    if (input.type !== 'number') return '';
    var min = input.hasAttribute('min') ? +input.getAttribute('min') : null;
    if (raw !== '' && !/^-?\d+$/.test(raw)) return 'Cần nhập một số nguyên.';
    if (raw !== '' && min !== null && +raw < min) return 'Cần nhập số từ ' + min + ' trở lên.';
    if (raw === '' && input.validity && input.validity.badInput) return 'Cần nhập một số nguyên.';
    return '';
  }

  // The first field problem of the form, with the field's label: nothing is computed then.
  function invalidInput(form) {
    var bad = null;
    userInputs(form).forEach(function (input) {
      var message = fieldProblem(input);
      if (input.setCustomValidity) input.setCustomValidity(message);
      if (message && !bad) {
        var lab = input.id && form.querySelector('label[for="' + input.id + '"]');
        bad = (lab ? lab.textContent.trim().replace(/[:：]\s*$/, '') + ': ' : '') + message;
      }
    });
    return bad;
  }

  var KINDS = {
    'working-days': function (form, cal, W) {
      if (blank(form, ['start', 'days'])) return false;
      outputs(form).forEach(function (o) { write(form, o, W.addWorkingDays(cal, field(form, 'start'), field(form, 'days'))); });
      return true;
    },
    'calendar-days': function (form, cal, W) {
      if (blank(form, ['start', 'days'])) return false;
      outputs(form).forEach(function (o) { write(form, o, W.addCalendarDays(cal, field(form, 'start'), field(form, 'days'))); });
      return true;
    },
    'meeting-schedule': function (form, cal, W) {
      if (blank(form, ['meeting'])) return false;
      outputs(form).forEach(function (o) {
        // data-before="2", or data-before-input="NAME": the regulation left the
        // number blank ("trước kỳ họp ít nhất... ngày") and the user types it.
        var from = o.getAttribute('data-before-input');
        var n = from ? field(form, from) : o.getAttribute('data-before');
        if (n === null || n === '') return write(form, o, null);
        write(form, o, W.latestBefore(cal, field(form, 'meeting'), n, o.getAttribute('data-unit') || 'days'));
      });
      return true;
    },
    quorum: function (form) {
      if (blank(form, ['members'])) return false;
      var Q = root.Sotay.quorum;
      outputs(form).forEach(function (o) {
        var fn = o.getAttribute('data-count') === 'majority' ? Q.majority : Q.quorum;
        write(form, o, fn(field(form, 'members'), o.getAttribute('data-fraction') || undefined, o.getAttribute('data-op') || undefined));
      });
      return true;
    },
    // <select name="truong-hop">: each <option> says when a report is due —
    // data-threshold (working days, from that many on) or data-always — and
    // data-yes / data-no, the answer in the text's words with its citation.
    // No case chosen: no yes/no (a 1-day work trip out of the xã must still be reported).
    absence: function (form, cal, W) {
      if (blank(form, ['from'])) return false;
      var r = W.countWorkingDays(cal, field(form, 'from'), field(form, 'to') || field(form, 'from'));
      var select = form.elements.namedItem('truong-hop');
      var option = select && select.tagName === 'SELECT' ? select.options[select.selectedIndex] : null;
      outputs(form).forEach(function (o) {
        var t = o.getAttribute('data-threshold');
        if (t === null || r.error) return write(form, o, r);
        if (select && (!option || !option.value)) {
          return write(form, o, { value: null, error: 'Chọn trường hợp (đi khỏi tỉnh vì có việc, đi học tập/chữa bệnh/nghỉ phép, hay đi công tác ra khỏi xã) để biết có phải báo cáo không.' });
        }
        var always = option && option.hasAttribute('data-always');
        var limit = option && option.hasAttribute('data-threshold') ? +option.getAttribute('data-threshold') : +t;
        var yes = always || r.value >= limit;
        var why = always ? [(option.getAttribute('data-label') || '') + ': văn bản không đặt ngưỡng số ngày.']
          : [r.value + (yes ? ' ≥ ' : ' < ') + limit + ' ngày làm việc.'];
        write(form, o, {
          value: yes,
          display: option ? option.getAttribute(yes ? 'data-yes' : 'data-no') : undefined,
          explanation: why,
          warnings: r.warnings
        });
      });
      return true;
    },
    recurring: function (form, cal, W) {
      if (blank(form, ['from'])) return false;
      var count = parseInt(field(form, 'count') || '4', 10);
      outputs(form).forEach(function (o) {
        var rule;
        try {
          rule = JSON.parse(o.getAttribute('data-rule') || 'null');
        } catch (e) {
          rule = null;
        }
        write(form, o, W.nextOccurrences(cal, rule, field(form, 'from'), count));
      });
      return true;
    }
  };

  function query() {
    try {
      return new URLSearchParams(root.location.search);
    } catch (e) {
      return new URLSearchParams('');
    }
  }

  // The user's inputs only: not <output>s, buttons or hidden settings.
  function userInputs(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name) return false;
      if (el.tagName === 'SELECT' || el.tagName === 'TEXTAREA') return true;
      return el.tagName === 'INPUT' && ['button', 'submit', 'reset', 'hidden', 'image', 'file'].indexOf(el.type) < 0;
    });
  }

  // The URL's values first (shared links); a date marked data-default="today"
  // opens on the reader's today, so the page shows the next dates at once.
  function prefill(form) {
    var params = query();
    var W = engine();
    var today = D.todayIso();
    userInputs(form).forEach(function (el) {
      var asked = params.get(el.name);
      var value = W ? W.openingValue(asked, el.getAttribute('data-default'), today) : asked;
      if (value) el.value = value;
      // the input refused the URL's value (not a real date, not a number): say so until it is edited
      if (asked && el.value !== asked) el._sotayAsked = asked;
    });
  }

  function remember(form) {
    var params = query();
    userInputs(form).forEach(function (el) {
      if (el.value) params.set(el.name, el.value);
      else params.delete(el.name);
    });
    var search = params.toString();
    try {
      root.history.replaceState(root.history.state, '', (search ? '?' + search : root.location.pathname) + root.location.hash);
    } catch (e) {
      // Some browsers refuse replaceState on file:// pages: the result still shows.
    }
  }

  function compute(form, cal, updateUrl) {
    var W = engine();
    var name = form.getAttribute('data-calculator');
    var kind = Object.prototype.hasOwnProperty.call(KINDS, name) ? KINDS[name] : null;
    if (!W || !kind) return;
    var bad = invalidInput(form);
    var done = bad ? false : kind(form, cal, W);
    if (bad) outputs(form).forEach(function (o) { write(form, o, { value: null, error: bad }); });
    else if (!done) outputs(form).forEach(function (o) { write(form, o, null); });
    form.setAttribute('data-computed', done ? 'true' : 'false');
    if (updateUrl) remember(form);
  }

  function absolute(href) {
    if (!href) return undefined;
    try {
      return new URL(href, root.location.href).href;
    } catch (e) {
      return undefined;
    }
  }

  function downloadIcs(form) {
    var I = root.Sotay && root.Sotay.ics;
    if (!I) return;
    var events = [];
    outputs(form).forEach(function (o) {
      var r = o._sotayResult;
      if (!r) return;
      var items = r.occurrences || [r];
      items.forEach(function (item) {
        if (!item.value) return;
        events.push({
          uid: (form.id || 'sotay') + '-' + (o.getAttribute('name') || 'ket-qua') + '-' + item.value + '@sotay',
          date: item.value,
          until: item.until,
          summary: o.getAttribute('data-summary') || form.getAttribute('data-title') || 'Nghĩa vụ',
          description: [o.getAttribute('data-description') || ''].concat(item.explanation || []).join('\n').trim(),
          url: absolute(o.getAttribute('data-href'))
        });
      });
    });
    var built = I.build(events, { name: form.getAttribute('data-title') || 'Sổ tay Quy chế' });
    if (built.value) D.download(I.filename(form.getAttribute('data-title')), built.value, 'text/calendar');
  }

  function wire(form, cal) {
    prefill(form);
    function edited(event) {
      if (event.target) event.target._sotayAsked = undefined; // the reader's own value now
      compute(form, cal, true);
    }
    form.addEventListener('input', edited);
    form.addEventListener('change', edited);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      compute(form, cal, true);
    });
    var button = form.querySelector('[data-ics]');
    if (button) button.addEventListener('click', function () { downloadIcs(form); });
    compute(form, cal, false);
  }

  function start() {
    var cal = D.island('sotay-calendar');
    Array.prototype.forEach.call(doc.querySelectorAll('form[data-calculator]'), function (form) { wire(form, cal); });
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof globalThis !== 'undefined' ? globalThis : this);
