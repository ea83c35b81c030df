/*
 * Sổ tay Quy chế — the obligations calendar page (cong-cu/lich-nghia-vu.html):
 * the thin DOM layer over Sotay.obligations (obligations.js).
 *
 * Classic script, after dom.js, workdays.js, ics.js and obligations.js. Reads the
 * JSON islands #sotay-obligations and #sotay-calendar, fills <form
 * data-obligations> (selects `holder`, `period`, `doc`, prefilled from
 * ?holder=…&period=…&doc=…; period "sap-toi", the default, is the 12 months from the reader's today; `doc` offers only the holder's documents), writes the list into [data-list] (each <li data-date>),
 * the count into <output name=count data-value=N>, and puts the choice back in
 * the URL. [data-ics] downloads the list as an .ics file.
 */
(function (root) {
  'use strict';

  var doc = root.document;
  if (!doc) return;

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function citeLinks(cites) {
    var p = el('p', 'sotay-cite');
    (cites || []).forEach(function (c, i) {
      if (i) p.appendChild(doc.createTextNode('; '));
      var a = el('a', null, c.label);
      a.href = c.href;
      p.appendChild(a);
    });
    return p;
  }

  function when(item, W) {
    var text = W.formatDate(item.date) + ' (' + W.weekdayName(item.date) + ')';
    if (item.until && item.until !== item.date) text = 'Trong khoảng ' + text + ' – ' + W.formatDate(item.until);
    if (item.ongoing) text = 'Đang trong kỳ — ' + text.charAt(0).toLowerCase() + text.slice(1);
    if (item.approx) text = 'Khoảng ' + item.approx + ' — mốc tham chiếu ' + text + ' (văn bản không nêu ngày, không phải hạn chót)';
    return text;
  }

  function render(form, result, W) {
    var list = form.querySelector('[data-list]');
    var count = form.querySelector('output[name="count"]');
    var undated = form.querySelector('[data-undated]');
    var undatedList = form.querySelector('[data-undated-list]');
    var warnings = form.querySelector('[data-warnings]');
    var button = form.querySelector('[data-ics]');
    list.textContent = '';
    undatedList.textContent = '';
    warnings.textContent = '';
    if (!result || result.error) {
      count.setAttribute('data-value', '');
      count.textContent = result ? result.error : '';
      button.disabled = true;
      undated.hidden = true;
      return;
    }
    result.value.forEach(function (item) {
      var li = el('li', 'sotay-obligations__item');
      li.setAttribute('data-date', item.date);
      li.setAttribute('data-rule', item.rule);
      li.appendChild(el('p', 'sotay-obligations__when', when(item, W)));
      var title = el('p', 'sotay-obligations__title');
      title.appendChild(el('strong', null, item.title));
      if (item.period) title.appendChild(el('span', 'sotay-obligations__period', ' · kỳ ' + item.period));
      li.appendChild(title);
      if (item.document_label) li.appendChild(el('p', 'sotay-obligations__doc', 'Theo: ' + item.document_label));
      // A date computed over a calendar day not yet checked against an official text is flagged on
      // the item itself; year-wide notes (no swaps announced yet) stay in the list under the calendar.
      var unverified = (item.warnings || []).filter(W.isUnconfirmed);
      if (unverified.length) {
        li.appendChild(el('p', 'sotay-obligations__warn', unverified.map(function (w) { return 'Lưu ý: ' + w; }).join(' ')));
      }
      li.appendChild(citeLinks(item.cites));
      list.appendChild(li);
    });
    result.undated.forEach(function (u) {
      var li = el('li', null, u.title + (u.document_label ? ' (theo ' + u.document_label + ')' : '') + ' ');
      li.appendChild(citeLinks(u.cites));
      undatedList.appendChild(li);
    });
    undated.hidden = result.undated.length === 0;
    result.warnings.forEach(function (w) { warnings.appendChild(el('li', null, 'Lưu ý: ' + w)); });
    count.setAttribute('data-value', String(result.value.length));
    count.textContent = String(result.value.length);
    button.disabled = result.value.length === 0;
  }

  function query() {
    try {
      return new URLSearchParams(root.location.search);
    } catch (e) {
      return new URLSearchParams('');
    }
  }

  function choose(select, value) {
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
  }

  function remember(form) {
    var params = query();
    params.set('holder', form.elements.holder.value);
    params.set('period', form.elements.period.value);
    params.set('doc', form.elements.doc.value); // "" = every document, merged (not the default)
    try {
      root.history.replaceState(root.history.state, '', '?' + params.toString() + root.location.hash);
    } catch (e) {
      // file:// in some browsers: the list still shows.
    }
  }

  function download(form, result) {
    var I = root.Sotay.ics;
    var O = root.Sotay.obligations;
    var holder = form.elements.holder;
    var label = holder.options[holder.selectedIndex].text;
    var period = form.elements.period;
    var name = 'Lịch nghĩa vụ ' + label + ' ' + period.options[period.selectedIndex].text;
    var built = I.build(O.events(result.value, root.location.href), { name: name });
    if (built.value) root.Sotay.dom.download(I.filename(name), built.value, 'text/calendar');
  }

  function start() {
    var form = doc.querySelector('form[data-obligations]');
    var S = root.Sotay || {};
    if (!form || !S.obligations || !S.workdays || !S.dom) return;
    var data = S.dom.island('sotay-obligations');
    var cal = S.dom.island('sotay-calendar');
    var params = query();
    var today = S.dom.todayIso(); // the reader's date, not UTC's
    choose(form.elements.holder, params.get('holder'));
    choose(form.elements.period, params.get('period') || S.obligations.defaultPeriod(data, today));
    // The document: the one asked in the URL (?doc=, "" = all of them, merged
    // and said so), else the holder's own regulation — never all by default.
    var askedDoc = params.has('doc');
    if (askedDoc) choose(form.elements.doc, params.get('doc'));
    else form.elements.doc.value = S.obligations.defaultDocument(data, form.elements.holder.value);
    var holderShown = form.elements.holder.value;
    var current = null;
    function offerDocuments() {
      var docs = S.obligations.documentsOf(data, form.elements.holder.value);
      var select = form.elements.doc;
      Array.prototype.forEach.call(select.options, function (o) {
        o.hidden = o.disabled = !!o.value && docs.indexOf(o.value) < 0;
      });
      if (select.selectedIndex < 0 || select.options[select.selectedIndex].disabled) {
        select.value = S.obligations.defaultDocument(data, form.elements.holder.value);
      }
      select.parentNode.hidden = docs.length < 2;
    }
    function update(save) {
      if (form.elements.holder.value !== holderShown) {
        holderShown = form.elements.holder.value;
        form.elements.doc.value = S.obligations.defaultDocument(data, holderShown);
      }
      offerDocuments();
      current = S.obligations.plan(cal, data, form.elements.holder.value, form.elements.period.value, form.elements.doc.value, today);
      render(form, current, S.workdays);
      form.setAttribute('data-computed', current && !current.error ? 'true' : 'false');
      if (save) remember(form);
    }
    form.addEventListener('change', function () { update(true); });
    form.addEventListener('submit', function (event) { event.preventDefault(); update(true); });
    form.querySelector('[data-ics]').addEventListener('click', function () {
      if (current && current.value && current.value.length) download(form, current);
    });
    update(false);
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof globalThis !== 'undefined' ? globalThis : this);
