/*
 * Sổ tay Quy chế — checklist page: the thin DOM layer.
 *
 * Classic script (file:// forbids modules). Needs dom.js and checklist-state.js
 * loaded first (globalThis.Sotay.dom, .checklistState). When workdays.js is loaded too
 * (globalThis.Sotay.workdays), due dates skip weekends and the days off listed
 * in the calendar island <script type="application/json" id="sotay-calendar">
 * (same island as the calculator page); otherwise they are calendar days and
 * an item counted in working days says so.
 *
 * Markup: generator/templates/checklist.html — a [data-checklist] root whose
 * widgets are found by data-role / data-action, and the JSON island
 * <script type="application/json" id="sotay-checklist"> with the definition.
 * All logic lives in the core; this file reads events, calls the core, saves,
 * and repaints.
 */
(function (root) {
  'use strict';

  var S = root.Sotay && root.Sotay.checklistState;
  var D = root.Sotay && root.Sotay.dom;
  var doc = root.document;

  function nowIso() {
    return new Date().toISOString();
  }

  function dateVi(iso) {
    return iso ? S.formatDateVi(String(iso).slice(0, 10)) : '';
  }

  /**
   * localStorage whenever the browser lets the page read it — also when it is
   * full: what is stored is shown, and a write that fails says why (commit).
   * The probe only reads (a probe write failed on a full storage and showed 0
   * ticks). An in-memory stand-in only when reading is refused (storage blocked).
   */
  function pickStorage() {
    try {
      var ls = root.localStorage;
      ls.getItem('sotay:probe');
      return { storage: ls, persistent: true };
    } catch (e) {
      var data = Object.create(null);
      return {
        persistent: false,
        storage: {
          getItem: function (k) { return k in data ? data[k] : null; },
          setItem: function (k, v) { data[k] = String(v); },
          removeItem: function (k) { delete data[k]; }
        }
      };
    }
  }

  /** workdays.js bound to the calendar island, when the page loads them; else null (calendar days). */
  function engine() {
    var w = root.Sotay && root.Sotay.workdays;
    return w ? S.engineFromWorkdays(w, D.island('sotay-calendar')) : null;
  }

  function Checklist(rootEl, definition) {
    this.el = rootEl;
    this.def = definition;
    this.dueItems = S.flattenItems(definition).filter(function (it) { return it.due; });
    this.engine = engine();
    var picked = pickStorage();
    this.storage = picked.storage;
    this.persistent = picked.persistent;
    this.scope = D.storageScope(); // this handbook's keys: see storageScope in dom.js
    this.saveError = null;
  }

  Checklist.prototype.q = function (sel) { return this.el.querySelector(sel); };
  Checklist.prototype.qa = function (sel) { return Array.prototype.slice.call(this.el.querySelectorAll(sel)); };

  Checklist.prototype.start = function () {
    var res = S.load(this.storage, this.def.id, nowIso(), this.scope);
    this.state = res.state;
    this.loadError = res.ok ? null : res;
    this.loadNotices = res.warnings || []; // e.g. a stored event date that is not a real day, cleared
    this.dateNotice = null;
    if (!this.persistent) this.loadError = { error: 'Trình duyệt đang chặn bộ nhớ cục bộ (chế độ riêng tư?): các đánh dấu chỉ còn đến khi đóng trang. Hãy bấm "Lưu đánh dấu, ghi chú thành tệp" để giữ lại.' };
    this.qa('[data-role="runbar"], [data-role="progress-box"], [data-role="tools"], [data-role="note-box"]').forEach(function (n) { n.hidden = false; });
    this.bind();
    this.openSharedRun();
    this.render();
  };

  /** Show `next` (kept in memory whatever happens), save it, say so if saving failed. */
  Checklist.prototype.commit = function (next, message) {
    this.state = next;
    this.save();
    if (message) this.status(message);
    this.render();
  };

  /** Save this.state; a failure (full storage) stays in the banner until a save works again. */
  Checklist.prototype.save = function () {
    var saved = S.save(this.storage, this.state, this.scope);
    if (!saved.ok && !this.saveError) {
      // the first failure: the message (and its export button) is brought into view once
      this.saveError = saved.error;
      this.paintError();
      this.q('[data-role="error"]').scrollIntoView({ block: 'nearest' });
    } else if (!saved.ok) {
      this.saveError = saved.error;
    } else if (this.saveError) {
      this.saveError = null;
      this.status('Đã lưu được vào bộ nhớ trình duyệt, cả những thay đổi trước đó.');
    }
    return saved;
  };

  Checklist.prototype.status = function (text) {
    this.q('[data-role="status"]').textContent = text;
  };

  Checklist.prototype.run = function () {
    return S.currentRun(this.state);
  };

  Checklist.prototype.bind = function () {
    var self = this;
    this.el.addEventListener('change', function (ev) {
      var t = ev.target;
      if (t.matches('input[type="checkbox"][data-item-id]')) {
        var label = self.q('label[data-item-id="' + cssEscape(t.dataset.itemId) + '"]');
        self.commit(S.setTick(self.state, self.state.current, t.dataset.itemId, t.checked, nowIso(), label ? label.textContent.trim() : ''));
      } else if (t.matches('[data-role="run-select"]')) {
        self.commit(S.selectRun(self.state, t.value));
      } else if (t.matches('[data-role="event-date"]')) {
        self.setEventDate(t);
      } else if (t.matches('[data-role="import"]')) {
        self.importFile(t.files && t.files[0]);
        t.value = '';
      }
    });
    this.el.addEventListener('input', function (ev) {
      var t = ev.target;
      if (t.matches('textarea[data-role="note"]')) {
        // save on every keystroke, repaint only the print copy: never lose a note
        self.state = S.setNote(self.state, self.state.current, t.dataset.itemId, t.value);
        self.save();
        self.paintError();
        self.paintNotePrint(t.dataset.itemId, t.value);
        self.paintRemoved();
      }
    });
    this.el.addEventListener('click', function (ev) {
      var btn = ev.target.closest('[data-action]');
      if (!btn || !self.el.contains(btn)) return;
      var action = btn.dataset.action;
      if (action === 'new-run') self.newRun();
      else if (action === 'print') root.print();
      else if (action === 'export') self.exportRun();
      else if (action === 'share') self.share();
      else if (action === 'open-run') self.commit(S.selectRun(self.state, btn.dataset.runId));
      else if (action === 'forget') self.commit(S.forgetItem(self.state, self.state.current, btn.dataset.itemId), 'Đã xóa khỏi lượt này.');
      else if (action === 'download-backup' && self.loadError && self.loadError.raw != null) {
        D.download('danh-muc-' + self.def.id + '-du-lieu-hong.txt', self.loadError.raw, 'text/plain');
      }
    });
    root.addEventListener('storage', function (ev) {
      // another tab saved: show its state, unless this one holds changes it could not save
      if (ev.key !== S.storageKey(self.def.id, self.scope) || self.saveError) return;
      var res = S.load(self.storage, self.def.id, nowIso(), self.scope);
      if (res.ok) { self.state = res.state; self.render(); }
    });
    root.addEventListener('beforeprint', function () { self.el.classList.add('is-printing'); });
    root.addEventListener('afterprint', function () { self.el.classList.remove('is-printing'); });
  };

  /** The date input's value, or a message (in the banner) when it is not a date the list can use. */
  Checklist.prototype.setEventDate = function (input) {
    var problem = input.value ? S.eventDateProblem(input.value) : input.validity && input.validity.badInput ? 'ngày chưa đủ hoặc không có thật' : null;
    this.dateNotice = problem ? 'Ngày diễn ra không hợp lệ: ' + problem + '. Hạn của từng việc được tính khi có ngày hợp lệ.' : null;
    if (problem) this.render();
    else this.commit(S.setEventDate(this.state, this.state.current, input.value || null));
  };

  Checklist.prototype.newRun = function () {
    var label = 'Lượt ' + (this.state.runs.length + 1) + ' (' + dateVi(D.todayIso()) + ')';
    var prev = this.run();
    this.commit(S.newRun(this.state, nowIso(), label), 'Đã lưu trữ "' + prev.label + '" và mở lượt mới.');
    this.q('[data-role="event-date"]').focus();
  };

  Checklist.prototype.exportRun = function () {
    var data = S.exportRun(this.def, this.state, this.state.current, nowIso());
    D.download(S.exportFilename(this.def, this.run()), JSON.stringify(data, null, 2), 'application/json');
    this.status('Đã tải tệp của lượt "' + this.run().label + '".');
  };

  Checklist.prototype.importFile = function (file) {
    var self = this;
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var res = S.importRun(self.state, self.def, String(reader.result), nowIso());
      if (!res.ok) { self.status('Không nhập được: ' + res.error); return; }
      self.commit(res.state, ['Đã nhập lượt "' + res.run.label + '".'].concat(res.warnings).join(' '));
    };
    reader.onerror = function () { self.status('Không đọc được tệp.'); };
    reader.readAsText(file);
  };

  Checklist.prototype.share = function () {
    var self = this;
    var base = String(root.location.href).split('#')[0];
    var link = base + S.encodeShare(this.def, this.run());
    var box = this.q('[data-role="share-link"]');
    box.value = link;
    box.hidden = false;
    var done = function () { self.status('Đã sao chép đường dẫn. Người nhận mở đường dẫn sẽ có một lượt mới giống lượt này.'); };
    var manual = function () {
      box.focus();
      box.select();
      var ok = false;
      try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
      if (ok) done();
      else self.status('Hãy sao chép đường dẫn trong ô bên dưới.');
    };
    if (root.navigator.clipboard && root.isSecureContext) {
      root.navigator.clipboard.writeText(link).then(done, manual);
    } else {
      manual();
    }
  };

  /** A "#luot=…" link opens as a new run; the hash is then removed so a reload does not add it twice. */
  Checklist.prototype.openSharedRun = function () {
    var dec = S.decodeShare(root.location.hash);
    if (dec.none) return;
    var message;
    if (!dec.ok) {
      message = dec.error;
    } else {
      var res = S.runFromShare(this.state, this.def, dec.payload, nowIso());
      if (res.ok) {
        this.state = res.state;
        this.save();
        message = ['Đã mở lượt được chia sẻ "' + res.run.label + '".'].concat(res.warnings).join(' ');
      } else {
        message = res.error;
      }
    }
    try {
      root.history.replaceState(null, '', String(root.location.href).split('#')[0]);
    } catch (e) {
      root.location.hash = '';
    }
    this.status(message);
  };

  /* ---------- painting ---------- */

  Checklist.prototype.render = function () {
    var run = this.run();
    this.paintError();
    this.paintRuns(run);
    this.paintItems(run);
    this.paintProgress(run);
    this.paintDue(run);
    this.paintRemoved();
    this.paintArchive();
  };

  /** The banner at the top: what went wrong reading storage, dates cleared or refused. */
  Checklist.prototype.paintError = function () {
    var e = this.loadError;
    var lines = [];
    if (e) lines.push(e.error + (e.backupKey ? ' (Bản cũ được giữ trong bộ nhớ với khóa "' + e.backupKey + '".)' : ''));
    lines = lines.concat(this.loadNotices, this.dateNotice || [], this.saveError || []);
    this.q('[data-role="error"]').hidden = !lines.length;
    this.q('[data-role="error-text"]').textContent = lines.join(' ');
    this.q('[data-action="download-backup"]').hidden = !e || e.raw == null;
    var exportHere = this.q('[data-role="error-export"]'); // a full storage: the way out, right under the message
    if (exportHere) exportHere.hidden = !this.saveError;
  };

  Checklist.prototype.runLabel = function (run) {
    var text = run.label;
    if (run.eventDate) text += ' — ' + dateVi(run.eventDate);
    if (run.archived) text += ' (lưu trữ ' + dateVi(run.archived) + ')';
    return text;
  };

  Checklist.prototype.paintRuns = function (run) {
    var self = this;
    var select = this.q('[data-role="run-select"]');
    select.textContent = '';
    this.state.runs.slice().reverse().forEach(function (r) {
      var opt = doc.createElement('option');
      opt.value = r.id;
      opt.textContent = self.runLabel(r);
      opt.selected = r.id === run.id;
      select.appendChild(opt);
    });
    var eventDate = this.q('[data-role="event-date"]');
    eventDate.value = run.eventDate || '';
    // Printed with no date: checklist.css hides the empty input (it would print
    // "mm/dd/yyyy") and leaves a line to write the date on.
    eventDate.parentNode.toggleAttribute('data-empty', !run.eventDate);
    var note = this.q('[data-role="run-archived"]');
    note.hidden = !run.archived;
    note.textContent = run.archived ? 'Lượt này đã được lưu trữ ngày ' + dateVi(run.archived) + '; vẫn có thể xem và sửa.' : '';
  };

  Checklist.prototype.paintItems = function (run) {
    var self = this;
    var view = S.reconcile(this.def, run);
    view.items.forEach(function (it) {
      var sel = '[data-item-id="' + cssEscape(it.id) + '"]';
      var box = self.q('input[type="checkbox"]' + sel);
      if (box) box.checked = it.done;
      var li = self.q('li' + sel);
      if (li) li.classList.toggle('is-done', it.done);
      var ta = self.q('textarea' + sel);
      if (ta && ta.value !== it.note && doc.activeElement !== ta) ta.value = it.note;
      var details = self.q('details' + sel);
      if (details) details.classList.toggle('has-note', !!it.note);
      if (details && it.note) details.open = true;
      self.paintNotePrint(it.id, it.note);
    });
  };

  Checklist.prototype.paintNotePrint = function (itemId, text) {
    var p = this.q('[data-role="note-print"][data-item-id="' + cssEscape(itemId) + '"]');
    if (!p) return;
    p.textContent = text ? 'Ghi chú: ' + text : '';
    p.hidden = !text;
  };

  Checklist.prototype.paintProgress = function (run) {
    var p = S.progress(this.def, run);
    var bar = this.q('[data-role="progress"]');
    bar.max = p.total || 1;
    bar.value = p.done;
    bar.setAttribute('aria-valuetext', p.label);
    // the progress bar stays in view while scrolling the list: it says when ticks are not saved
    this.q('[data-role="progress-text"]').textContent = p.label + (this.saveError ? ' · chưa lưu' : '');
    this.q('[data-role="progress-box"]').classList.toggle('is-unsaved', !!this.saveError);
  };

  Checklist.prototype.paintDue = function (run) {
    var self = this;
    var eng = this.engine;
    this.dueItems.forEach(function (it) {
      var span = self.q('[data-role="due-date"][data-item-id="' + cssEscape(it.id) + '"]');
      if (!span) return;
      var due = S.dueDate(it, run.eventDate, eng);
      var text = '';
      if (due) {
        text = ' → hạn: ' + dateVi(due.date);
        if (due.calendarFallback) text += ' (tính theo ngày lịch, chưa trừ ngày nghỉ)';
        else if (due.workingDaysApplied && eng && !eng.hasCalendar) text += ' (chưa tính ngày lễ, Tết)';
      }
      span.textContent = text;
      if (due && due.explanation.length) span.title = due.explanation.concat(due.warnings).join(' ');
      else span.removeAttribute('title');
    });
  };

  Checklist.prototype.paintRemoved = function () {
    var removed = S.reconcile(this.def, this.run()).removed;
    var section = this.q('[data-role="removed"]');
    var list = this.q('[data-role="removed-list"]');
    section.hidden = removed.length === 0;
    list.textContent = '';
    removed.forEach(function (r) {
      var li = doc.createElement('li');
      li.dataset.itemId = r.id;
      var title = doc.createElement('p');
      title.textContent = (r.done ? '☑ ' : '☐ ') + (r.text || 'Việc "' + r.id + '"') + (r.done && r.at ? ' — đã xong ' + dateVi(r.at) : r.done ? ' — đã xong' : '');
      li.appendChild(title);
      if (r.note) {
        var note = doc.createElement('p');
        note.className = 'sotay-checklist__removed-note';
        note.textContent = 'Ghi chú: ' + r.note;
        li.appendChild(note);
      }
      li.appendChild(actionButton('forget', 'Xóa khỏi lượt này', { itemId: r.id }));
      list.appendChild(li);
    });
  };

  Checklist.prototype.paintArchive = function () {
    var self = this;
    var archived = this.state.runs.filter(function (r) { return r.archived; });
    var box = this.q('[data-role="archive"]');
    var list = this.q('[data-role="archive-list"]');
    box.hidden = archived.length === 0;
    list.textContent = '';
    archived.slice().reverse().forEach(function (r) {
      var li = doc.createElement('li');
      var p = S.progress(self.def, r);
      var text = doc.createElement('span');
      text.textContent = r.label + (r.eventDate ? ' — ' + dateVi(r.eventDate) : '') + ' · lưu trữ ' + dateVi(r.archived) + ' · ' + p.label;
      li.appendChild(text);
      if (r.id !== self.state.current) {
        var btn = actionButton('open-run', 'Mở', { runId: r.id });
        btn.setAttribute('aria-label', 'Mở ' + r.label);
        li.appendChild(btn);
      } else {
        li.appendChild(doc.createTextNode(' (đang mở)'));
      }
      list.appendChild(li);
    });
  };

  /** A <button data-action=…> handled by the click listener in bind(). */
  function actionButton(action, text, data) {
    var btn = doc.createElement('button');
    btn.type = 'button';
    btn.className = 'sotay-checklist__button';
    btn.dataset.action = action;
    Object.keys(data).forEach(function (k) { btn.dataset[k] = data[k]; });
    btn.textContent = text;
    return btn;
  }

  function cssEscape(s) {
    return root.CSS && root.CSS.escape ? root.CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&');
  }

  function init() {
    var el = doc.querySelector('[data-checklist]');
    if (!el || !S || !D) return;
    var def = D.island('sotay-checklist');
    if (!def || def.id !== el.dataset.checklist) {
      var err = el.querySelector('[data-role="error"]');
      if (err) {
        err.hidden = false;
        el.querySelector('[data-role="error-text"]').textContent = 'Không đọc được định nghĩa danh mục trên trang này; các đánh dấu sẽ không được lưu.';
      }
      return;
    }
    var app = new Checklist(el, def);
    app.start();
    root.Sotay.checklistPage = app; // for debugging and browser tests
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof globalThis !== 'undefined' ? globalThis : this);
