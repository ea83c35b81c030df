/*
 * Sổ tay Quy chế — checklist state: the pure core (no DOM).
 *
 * Loading pattern (shared by every file under overrides/assets/sotay/):
 *   - In the page it is a CLASSIC script (<script src defer>), because Chromium
 *     refuses <script type="module"> and import() for file:// pages (origin
 *     null) and the offline zip is opened from disk. The IIFE below attaches the
 *     API to globalThis.Sotay.checklistState.
 *   - In Node it is a CommonJS module (the guarded module.exports at the end):
 *     tests do createRequire(import.meta.url)('…/checklist-state.js'), or run
 *     the file in vm.runInNewContext to check the classic-script path.
 * Only ECMAScript built-ins are used (no TextEncoder, btoa, crypto …), so the
 * file also runs in a bare vm context.
 *
 * Every function is pure: it takes plain data (and an ISO `now` where time
 * matters) and returns new plain data; nothing here throws on bad input from
 * storage, files or URLs — it returns {ok: false, error: "<tiếng Việt>"}.
 *
 * Stored shape (localStorage key "sotay:checklist:<checklistId>@<scope>", see storageKey):
 *   {schema: 2, checklistId, current: runId,
 *    runs: [{id, label, created, archived: iso|null, eventDate: "YYYY-MM-DD"|null,
 *            ticks: {itemId: {done: true, at: iso|null, text?}},
 *            notes: {itemId: "…"}}]}
 * `text` in a tick is a snapshot of the item's wording, so an item that later
 * leaves the definition can still be shown by name under "Đã bỏ khỏi danh mục".
 * Schema 1 (the first release) stored one run: {schema: 1, ticks: {itemId: true}}.
 */
(function (root) {
  'use strict';

  var SCHEMA = 2;
  var KEY_PREFIX = 'sotay:checklist:';
  var BACKUP_PREFIX = 'sotay:checklist-backup:';
  var EXPORT_FORMAT = 'sotay-checklist-run';
  var SHARE_PREFIX = 'luot=';
  // An event date is a real day of these years (the same bounds as workdays.js):
  // 2026-02-31 or 20260-01-01 come from a typing mistake, a file or a link.
  var MIN_YEAR = 1900;
  var MAX_YEAR = 2100;

  function isObject(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }

  function hasOwn(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  // Item and run ids are data: an id "constructor" or "__proto__" must never
  // reach Object.prototype. Reads go through own(), writes through put(), and
  // sets of ids are prototype-less dict()s.

  /** obj[key] when it is obj's own property, else undefined. */
  function own(obj, key) {
    return obj && hasOwn(obj, key) ? obj[key] : undefined;
  }

  /** obj[key] = value as an own property (plain assignment of "__proto__" would set the prototype). */
  function put(obj, key, value) {
    Object.defineProperty(obj, key, { value: value, writable: true, enumerable: true, configurable: true });
  }

  function dict() {
    return Object.create(null);
  }

  /**
   * Keys are per handbook: "sotay:checklist:<checklistId>@<scope>", the scope
   * being the handbook's root (dom.js storageScope: its folder under file://,
   * where every handbook on the PC shares one origin; its path when served).
   * Two handbooks unpacked in two folders keep their ticks apart; a rebuild or
   * a new version at the same place keeps them. Without a scope: the key of the
   * first releases, "sotay:checklist:<checklistId>", shared by every handbook
   * of one origin; load() copies it to the scoped key (see load).
   */
  function storageKey(checklistId, scope) {
    return KEY_PREFIX + checklistId + (scope ? '@' + scope : '');
  }

  function backupKey(checklistId, scope) {
    return BACKUP_PREFIX + checklistId + (scope ? '@' + scope : '');
  }

  /* ---------- definition helpers ---------- */

  /** Items of a definition in document order, sub-items after their parent. */
  function flattenItems(definition) {
    var out = [];
    function walk(items, depth) {
      (items || []).forEach(function (item) {
        if (!isObject(item) || typeof item.id !== 'string') return;
        out.push({ id: item.id, text: item.text || '', due: item.due || null, depth: depth });
        walk(item.items, depth + 1);
      });
    }
    walk(definition && definition.items, 0);
    return out;
  }

  function itemIds(definition) {
    return flattenItems(definition).map(function (it) { return it.id; });
  }

  /** FNV-1a (32 bit) over the ids and wording of the items: changes when the list does. */
  function definitionHash(definition) {
    var canon = JSON.stringify([
      definition && definition.id,
      flattenItems(definition).map(function (it) { return [it.id, it.text, it.depth]; })
    ]);
    var h = 0x811c9dc5;
    for (var i = 0; i < canon.length; i++) {
      h ^= canon.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ('0000000' + h.toString(16)).slice(-8);
  }

  /* ---------- runs ---------- */

  function makeRunId(existing, now) {
    var base = 'r' + (Date.parse(now) || 0).toString(36);
    var id = base;
    for (var n = 2; existing.indexOf(id) !== -1; n++) id = base + '-' + n;
    return id;
  }

  function newRunObject(state, now, label) {
    var ids = state ? state.runs.map(function (r) { return r.id; }) : [];
    return {
      id: makeRunId(ids, now),
      label: label || 'Lượt ' + (ids.length + 1),
      created: now,
      archived: null,
      eventDate: null,
      ticks: {},
      notes: {}
    };
  }

  function emptyState(checklistId, now, label) {
    var run = newRunObject(null, now, label || 'Lượt 1');
    return { schema: SCHEMA, checklistId: checklistId, current: run.id, runs: [run] };
  }

  function getRun(state, runId) {
    for (var i = 0; i < state.runs.length; i++) if (state.runs[i].id === runId) return state.runs[i];
    return null;
  }

  function currentRun(state) {
    return getRun(state, state.current) || state.runs[state.runs.length - 1];
  }

  function clone(x) {
    return JSON.parse(JSON.stringify(x));
  }

  function updateRun(state, runId, fn) {
    var next = clone(state);
    var run = getRun(next, runId);
    if (run) fn(run);
    return next;
  }

  function setTick(state, runId, itemId, done, now, text) {
    return updateRun(state, runId, function (run) {
      if (done) {
        var tick = { done: true, at: now || null };
        if (text) tick.text = text;
        put(run.ticks, itemId, tick);
      } else {
        delete run.ticks[itemId];
      }
    });
  }

  function isDone(run, itemId) {
    var tick = run && own(run.ticks, itemId);
    return !!(tick && tick.done);
  }

  function setNote(state, runId, itemId, text) {
    return updateRun(state, runId, function (run) {
      var t = typeof text === 'string' ? text : '';
      if (t.trim()) put(run.notes, itemId, t);
      else delete run.notes[itemId];
    });
  }

  /** Set (or with null/"" clear) the event date; an invalid date leaves the run as it was (see eventDateProblem). */
  function setEventDate(state, runId, iso) {
    if (iso && eventDateProblem(iso)) return state;
    return updateRun(state, runId, function (run) {
      run.eventDate = iso || null;
    });
  }

  function renameRun(state, runId, label) {
    return updateRun(state, runId, function (run) {
      if (typeof label === 'string' && label.trim()) run.label = label.trim();
    });
  }

  /** "Làm mới": archive the current run (with its date) and start an empty one. */
  function newRun(state, now, label) {
    var next = clone(state);
    var cur = currentRun(next);
    if (cur && !cur.archived) cur.archived = now;
    var run = newRunObject(next, now, label);
    next.runs.push(run);
    next.current = run.id;
    return next;
  }

  function selectRun(state, runId) {
    if (!getRun(state, runId)) return state;
    var next = clone(state);
    next.current = runId;
    return next;
  }

  /** Forget what a removed item kept (explicit user action only). */
  function forgetItem(state, runId, itemId) {
    return updateRun(state, runId, function (run) {
      delete run.ticks[itemId];
      delete run.notes[itemId];
    });
  }

  /* ---------- progress and reconcile ---------- */

  function progress(definition, run) {
    var ids = itemIds(definition);
    var done = ids.filter(function (id) { return isDone(run, id); }).length;
    return {
      done: done,
      total: ids.length,
      percent: ids.length ? Math.round((100 * done) / ids.length) : 0,
      label: done + '/' + ids.length + ' việc'
    };
  }

  /**
   * Match a run against the current definition.
   * items:   every current item with its tick and note (new items come unticked);
   * removed: ticks/notes on ids no longer in the definition ("đã bỏ khỏi danh mục"),
   *          never dropped — they stay in storage until the user forgets them.
   */
  function reconcile(definition, run) {
    var flat = flattenItems(definition);
    var known = dict();
    flat.forEach(function (it) { known[it.id] = true; });
    var items = flat.map(function (it) {
      var tick = own(run.ticks, it.id);
      return {
        id: it.id,
        text: it.text,
        depth: it.depth,
        done: !!(tick && tick.done),
        at: tick ? tick.at || null : null,
        note: own(run.notes, it.id) || ''
      };
    });
    var removedIds = [];
    Object.keys(run.ticks).concat(Object.keys(run.notes)).forEach(function (id) {
      if (!known[id] && removedIds.indexOf(id) === -1) removedIds.push(id);
    });
    var removed = removedIds.map(function (id) {
      var tick = own(run.ticks, id);
      return {
        id: id,
        text: (tick && tick.text) || '',
        done: !!(tick && tick.done),
        at: tick ? tick.at || null : null,
        note: own(run.notes, id) || ''
      };
    });
    return { items: items, removed: removed };
  }

  /* ---------- validation and migrations ---------- */

  /** "YYYY-MM-DD" naming a day that exists (Date.parse takes 2026-02-31 for 3 March). */
  function isIsoDate(s) {
    var m = typeof s === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  /** Why `iso` cannot be an event date (Vietnamese), or null. */
  function eventDateProblem(iso) {
    var m = /^\+?0*(\d+)-\d{2}-\d{2}$/.exec(String(iso)); // a date input gives "20260-01-01" for year 20260
    var y = m ? +m[1] : NaN;
    if (m && (y < MIN_YEAR || y > MAX_YEAR)) return 'năm ' + y + ' nằm ngoài khoảng ' + MIN_YEAR + '–' + MAX_YEAR;
    if (!isIsoDate(iso)) return 'ngày "' + iso + '" không có thật (cần dạng năm-tháng-ngày)';
    return null;
  }

  /**
   * A run from storage, a file or a link whose event date is a string but not a
   * valid date loses the date, not its ticks: the date is cleared and the
   * returned sentence says so (null when nothing was wrong).
   */
  function repairEventDate(run) {
    if (!isObject(run) || typeof run.eventDate !== 'string' || !eventDateProblem(run.eventDate)) return null;
    var why = eventDateProblem(run.eventDate);
    run.eventDate = null;
    return (typeof run.label === 'string' ? 'Lượt "' + run.label + '": ' : '') + 'ngày diễn ra không hợp lệ (' + why +
      ') nên đã được bỏ; hãy chọn lại ngày.';
  }

  function runProblem(run, where) {
    if (!isObject(run)) return where + ' không phải là một đối tượng';
    if (typeof run.id !== 'string' || !run.id) return where + '.id thiếu';
    if (typeof run.label !== 'string') return where + '.label thiếu';
    if (!isObject(run.ticks)) return where + '.ticks không hợp lệ';
    if (!isObject(run.notes)) return where + '.notes không hợp lệ';
    if (run.eventDate != null && (typeof run.eventDate !== 'string' || eventDateProblem(run.eventDate))) return where + '.eventDate không phải ngày hợp lệ';
    var ids = Object.keys(run.ticks);
    for (var i = 0; i < ids.length; i++) {
      var t = run.ticks[ids[i]];
      if (!isObject(t) || typeof t.done !== 'boolean') return where + '.ticks["' + ids[i] + '"] không hợp lệ';
    }
    var nids = Object.keys(run.notes);
    for (var j = 0; j < nids.length; j++) {
      if (typeof run.notes[nids[j]] !== 'string') return where + '.notes["' + nids[j] + '"] không phải văn bản';
    }
    return null;
  }

  /** Returns null when `obj` is a valid current-schema state, else a Vietnamese reason. */
  function stateProblem(obj) {
    if (!isObject(obj)) return 'dữ liệu không phải là một đối tượng';
    if (obj.schema !== SCHEMA) return 'phiên bản dữ liệu ' + obj.schema + ' không được hỗ trợ';
    if (!Array.isArray(obj.runs) || obj.runs.length === 0) return 'không có lượt nào';
    var seen = dict();
    for (var i = 0; i < obj.runs.length; i++) {
      var p = runProblem(obj.runs[i], 'runs[' + i + ']');
      if (p) return p;
      if (seen[obj.runs[i].id]) return 'trùng mã lượt "' + obj.runs[i].id + '"';
      seen[obj.runs[i].id] = true;
    }
    if (typeof obj.current !== 'string' || !seen[obj.current]) return 'lượt hiện tại không tồn tại';
    return null;
  }

  /** migrations[n] turns a schema-n object into a schema-(n+1) object (or returns a reason string). */
  var migrations = {
    1: function (v1, ctx) {
      if (!isObject(v1.ticks)) return 'dữ liệu phiên bản 1 thiếu "ticks"';
      var run = newRunObject(null, ctx.now, 'Lượt 1');
      run.created = v1.created || ctx.now;
      Object.keys(v1.ticks).forEach(function (id) {
        if (v1.ticks[id] === true) put(run.ticks, id, { done: true, at: null });
      });
      if (isObject(v1.notes)) {
        Object.keys(v1.notes).forEach(function (id) {
          if (typeof v1.notes[id] === 'string' && v1.notes[id]) put(run.notes, id, v1.notes[id]);
        });
      }
      return { schema: 2, checklistId: ctx.checklistId, current: run.id, runs: [run] };
    }
  };

  function migrate(obj, ctx) {
    var from = obj.schema;
    var cur = obj;
    while (isObject(cur) && typeof cur.schema === 'number' && cur.schema < SCHEMA) {
      var step = own(migrations, cur.schema);
      if (!step) return { ok: false, error: 'Không có cách chuyển dữ liệu từ phiên bản ' + cur.schema + '.' };
      cur = step(cur, ctx);
      if (typeof cur === 'string') return { ok: false, error: 'Không chuyển được dữ liệu cũ: ' + cur + '.' };
    }
    return { ok: true, state: cur, from: from };
  }

  /**
   * Parse what localStorage held. raw null/undefined → a fresh state.
   * Result: {ok: true, state, fresh, migratedFrom} or {ok: false, error, raw}.
   */
  function parseStored(raw, checklistId, now) {
    if (raw === null || raw === undefined) {
      return { ok: true, state: emptyState(checklistId, now), fresh: true, migratedFrom: null };
    }
    var bad = function (why) {
      return { ok: false, raw: String(raw), error: 'Dữ liệu đánh dấu đã lưu trên máy này bị hỏng (' + why + '). Danh mục được mở lại từ đầu; bản cũ được giữ nguyên để gửi cho quản trị.' };
    };
    var obj;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      return bad('không đọc được JSON');
    }
    if (!isObject(obj)) return bad('không phải là một đối tượng');
    if (typeof obj.schema !== 'number' || obj.schema < 1 || Math.floor(obj.schema) !== obj.schema) {
      return bad('thiếu số phiên bản "schema"');
    }
    if (obj.schema > SCHEMA) {
      return bad('dữ liệu do một phiên bản mới hơn của Sổ tay ghi (schema ' + obj.schema + '); hãy mở bản Sổ tay mới nhất');
    }
    var m = migrate(obj, { checklistId: checklistId, now: now });
    if (!m.ok) return bad(m.error);
    var warnings = Array.isArray(m.state.runs) ? m.state.runs.map(repairEventDate).filter(Boolean) : [];
    var problem = stateProblem(m.state);
    if (problem) return bad(problem);
    if (m.state.checklistId !== checklistId) return bad('dữ liệu thuộc danh mục khác');
    return { ok: true, state: m.state, fresh: false, migratedFrom: m.from === SCHEMA ? null : m.from, warnings: warnings };
  }

  function serialize(state) {
    return JSON.stringify(state);
  }

  /**
   * Load from a Storage-like object ({getItem, setItem}) for the handbook `scope`. Never throws.
   * Nothing under the scoped key yet, but the unscoped key of the first releases
   * holds this checklist: it is the reader's (it is what this page showed until
   * now), so it is copied to the scoped key (copiedFrom: that key). The old key
   * is left in place: another handbook of the same origin that showed those
   * ticks too gets its own copy when first opened, so no one loses ticks.
   * On corruption the raw value is copied to backupKey(checklistId, scope) (once: an
   * existing backup is not overwritten) and a fresh state is returned with
   * {ok: false, error, backupKey, raw}.
   */
  function load(storage, checklistId, now, scope) {
    var key = storageKey(checklistId, scope);
    var raw, from = key;
    try {
      raw = storage.getItem(key);
      if (raw === null && scope) {
        from = storageKey(checklistId);
        raw = storage.getItem(from);
      }
    } catch (e) {
      var fresh = emptyState(checklistId, now);
      return { ok: false, state: fresh, error: 'Trình duyệt không cho đọc bộ nhớ cục bộ; các đánh dấu sẽ không được lưu.', raw: null, backupKey: null };
    }
    var parsed = parseStored(raw, checklistId, now);
    if (parsed.ok) {
      if (raw !== null && from !== key) {
        parsed.copiedFrom = from;
        try {
          storage.setItem(key, raw);
        } catch (e) { /* full: the next save() tries again, and says why it fails */ }
      }
      return parsed;
    }
    var bkey = backupKey(checklistId, scope);
    try {
      if (storage.getItem(bkey) === null) storage.setItem(bkey, parsed.raw);
    } catch (e) { /* keep going: the raw value is still in the result */ }
    return { ok: false, state: emptyState(checklistId, now), error: parsed.error, raw: parsed.raw, backupKey: bkey };
  }

  /** Did a write fail because the storage is full (each browser names it its own way)? */
  function isQuotaError(e) {
    return !!e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014);
  }

  var FULL_MESSAGE = 'Bộ nhớ trình duyệt đầy: thay đổi vừa rồi chưa được lưu và sẽ mất khi đóng trang. ' +
    'Hãy bấm "Lưu đánh dấu, ghi chú thành tệp" để giữ lại; muốn lưu tiếp trên máy này, ' +
    'xóa bớt ghi chú dài hoặc dữ liệu các trang web không dùng.';

  /** {ok: true} | {ok: false, full: true when the storage is full, error: "<tiếng Việt>"}. */
  function save(storage, state, scope) {
    try {
      storage.setItem(storageKey(state.checklistId, scope), serialize(state));
      return { ok: true };
    } catch (e) {
      if (isQuotaError(e)) return { ok: false, full: true, error: FULL_MESSAGE };
      return { ok: false, error: 'Không lưu được vào bộ nhớ của trình duyệt (có thể bị chặn): thay đổi vừa rồi sẽ mất khi đóng trang. Hãy bấm "Lưu đánh dấu, ghi chú thành tệp" để giữ lại.' };
    }
  }

  /* ---------- export / import (JSON file) ---------- */

  function exportRun(definition, state, runId, now) {
    var run = getRun(state, runId);
    return {
      format: EXPORT_FORMAT,
      schema: SCHEMA,
      checklistId: definition.id,
      version: definitionHash(definition),
      exported: now,
      run: clone(run)
    };
  }

  function exportFilename(definition, run) {
    var safe = function (s) { return String(s).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, ''); };
    return 'danh-muc-' + safe(definition.id) + '-' + (safe(run.created ? run.created.slice(0, 10) : '') || 'luot') + '.json';
  }

  /** Add a run to the state as a new current run, with an id that does not collide. */
  function addRun(state, run, now) {
    var next = clone(state);
    var copy = clone(run);
    var ids = next.runs.map(function (r) { return r.id; });
    if (ids.indexOf(copy.id) !== -1) copy.id = makeRunId(ids, now);
    next.runs.push(copy);
    next.current = copy.id;
    return next;
  }

  /**
   * Validate an exported file (text or parsed object) and add its run.
   * {ok: true, state, run, warnings: [..]} | {ok: false, error}
   */
  function importRun(state, definition, input, now) {
    var obj = input;
    if (typeof input === 'string') {
      try {
        obj = JSON.parse(input);
      } catch (e) {
        return { ok: false, error: 'Tệp không phải JSON hợp lệ.' };
      }
    }
    if (!isObject(obj) || obj.format !== EXPORT_FORMAT) return { ok: false, error: 'Tệp này không phải là một lượt danh mục do Sổ tay xuất ra.' };
    if (obj.schema !== SCHEMA) return { ok: false, error: 'Tệp dùng phiên bản dữ liệu ' + obj.schema + ', bản Sổ tay này chỉ đọc được phiên bản ' + SCHEMA + '.' };
    if (obj.checklistId !== definition.id) return { ok: false, error: 'Tệp thuộc danh mục "' + obj.checklistId + '", không phải danh mục này.' };
    var warnings = [repairEventDate(obj.run)].filter(Boolean);
    var p = runProblem(obj.run, 'run');
    if (p) return { ok: false, error: 'Nội dung lượt trong tệp không hợp lệ: ' + p + '.' };
    if (obj.version !== definitionHash(definition)) {
      warnings.push('Danh mục đã thay đổi kể từ khi tệp được xuất; việc không còn trong danh mục hiện ở mục "Đã bỏ khỏi danh mục".');
    }
    var next = addRun(state, obj.run, now);
    return { ok: true, state: next, run: currentRun(next), warnings: warnings };
  }

  /* ---------- share link (URL hash, base64url of UTF-8 JSON) ---------- */

  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function utf8Bytes(str) {
    var bin = unescape(encodeURIComponent(str));
    var out = new Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function base64url(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      if (i + 1 < bytes.length) out += B64[(n >> 6) & 63];
      if (i + 2 < bytes.length) out += B64[n & 63];
    }
    return out;
  }

  function unbase64url(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
    var bytes = [];
    for (var i = 0; i < s.length; i += 4) {
      var n = 0, k;
      for (k = 0; k < 4; k++) n = (n << 6) | (i + k < s.length ? B64.indexOf(s[i + k]) : 0);
      bytes.push((n >> 16) & 255);
      if (i + 2 < s.length) bytes.push((n >> 8) & 255);
      if (i + 3 < s.length) bytes.push(n & 255);
    }
    var bin = '';
    for (var j = 0; j < bytes.length; j++) bin += String.fromCharCode(bytes[j]);
    try {
      return decodeURIComponent(escape(bin));
    } catch (e) {
      return null;
    }
  }

  /** "#luot=<base64url>" carrying {c: checklistId, v: version, l, e, d: [done ids], n: {id: note}}. */
  function encodeShare(definition, run) {
    var payload = { c: definition.id, v: definitionHash(definition), l: run.label, d: [] };
    if (run.eventDate) payload.e = run.eventDate;
    Object.keys(run.ticks).forEach(function (id) { if (run.ticks[id].done) payload.d.push(id); });
    if (Object.keys(run.notes).length) payload.n = run.notes;
    return '#' + SHARE_PREFIX + base64url(utf8Bytes(JSON.stringify(payload)));
  }

  /** Decode a location.hash. {ok: true, payload} | {ok: false, error} | {ok: false, none: true} when no share data. */
  function decodeShare(hash) {
    var h = typeof hash === 'string' ? hash.replace(/^#/, '') : '';
    if (h.indexOf(SHARE_PREFIX) !== 0) return { ok: false, none: true, error: '' };
    var bad = { ok: false, error: 'Đường dẫn chia sẻ bị hỏng hoặc bị cắt ngắn.' };
    var json = unbase64url(h.slice(SHARE_PREFIX.length));
    if (json === null) return bad;
    var p;
    try {
      p = JSON.parse(json);
    } catch (e) {
      return bad;
    }
    if (!isObject(p) || typeof p.c !== 'string' || !Array.isArray(p.d)) return bad;
    if (p.d.some(function (x) { return typeof x !== 'string'; })) return bad;
    if (p.n !== undefined && (!isObject(p.n) || Object.keys(p.n).some(function (k) { return typeof p.n[k] !== 'string'; }))) return bad;
    if (p.e !== undefined && typeof p.e !== 'string') return bad;
    return { ok: true, payload: p };
  }

  /** Turn a decoded share payload into a run added to the state. */
  function runFromShare(state, definition, payload, now) {
    if (payload.c !== definition.id) return { ok: false, error: 'Đường dẫn chia sẻ thuộc danh mục khác.' };
    var run = newRunObject(state, now, (typeof payload.l === 'string' && payload.l ? payload.l : 'Lượt') + ' (nhận qua đường dẫn)');
    run.eventDate = payload.e || null;
    var dateWarning = repairEventDate(run);
    var texts = dict();
    flattenItems(definition).forEach(function (it) { texts[it.id] = it.text; });
    payload.d.forEach(function (id) {
      var tick = { done: true, at: null };
      if (texts[id]) tick.text = texts[id];
      put(run.ticks, id, tick);
    });
    if (payload.n) Object.keys(payload.n).forEach(function (id) { put(run.notes, id, payload.n[id]); });
    var warnings = payload.v === definitionHash(definition) ? [] : ['Danh mục đã thay đổi kể từ khi đường dẫn được tạo.'];
    if (dateWarning) warnings.push(dateWarning);
    var next = addRun(state, run, now);
    return { ok: true, state: next, run: currentRun(next), warnings: warnings };
  }

  /* ---------- due dates ---------- */

  /** Engine answers may be an ISO string, a Date, or workdays.js' {value, explanation, warnings}. */
  function engineAnswer(x) {
    if (typeof x === 'string') return isIsoDate(x.slice(0, 10)) ? { date: x.slice(0, 10), explanation: [], warnings: [] } : null;
    if (x instanceof Date || (x && typeof x.getTime === 'function')) {
      var d = new Date(x.getTime());
      if (isNaN(d.getTime())) return null;
      var iso = d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
      return { date: iso, explanation: [], warnings: [] };
    }
    if (isObject(x) && typeof x.value === 'string' && isIsoDate(x.value)) {
      return {
        date: x.value,
        explanation: Array.isArray(x.explanation) ? x.explanation : [],
        warnings: Array.isArray(x.warnings) ? x.warnings : []
      };
    }
    return null;
  }

  function addCalendarDays(iso, days) {
    var t = Date.parse(iso + 'T00:00:00Z') + days * 86400000;
    return new Date(t).toISOString().slice(0, 10);
  }

  /**
   * Bind workdays.js (globalThis.Sotay.workdays: functions taking the calendar
   * first) and a calendar to the engine shape dueDate expects:
   *   addWorkingDays(iso, n), latestBefore(iso, n, "days" | "working-days"), addCalendarDays(iso, n).
   */
  function engineFromWorkdays(workdays, calendar) {
    if (!workdays) return null;
    var engine = {};
    ['addWorkingDays', 'latestBefore', 'addCalendarDays'].forEach(function (name) {
      if (typeof workdays[name] === 'function') {
        engine[name] = function () {
          return workdays[name].apply(workdays, [calendar].concat(Array.prototype.slice.call(arguments)));
        };
      }
    });
    engine.hasCalendar = !!calendar;
    return engine;
  }

  /**
   * Due date of an item for an event date.
   *   item.due = {days: n, unit: "day" | "working-day"}  (negative = before the event)
   *   engine (optional), see engineFromWorkdays:
   *     before the event (n < 0): latestBefore(event, |n|, "days" | "working-days")
   *       — the last day giving at least |n| days' notice, moved earlier off days off;
   *     after the event (n > 0):  addWorkingDays(event, n) / addCalendarDays(event, n).
   * → null (no due / no date) or {date, workingDaysApplied, calendarFallback, explanation, warnings}
   *   workingDaysApplied: the engine counted the days (weekends, holidays);
   *   calendarFallback: working days were asked for but nothing could count them,
   *   so the date is plain calendar arithmetic.
   */
  function dueDate(item, eventIso, engine) {
    if (!item || !isObject(item.due) || typeof item.due.days !== 'number' || !isIsoDate(eventIso)) return null;
    var days = item.due.days;
    var working = item.due.unit === 'working-day';
    function ask(name, args) {
      if (!engine || typeof engine[name] !== 'function') return null;
      try {
        return engineAnswer(engine[name].apply(engine, args));
      } catch (e) {
        return null;
      }
    }
    var answer = null;
    if (days < 0) {
      answer = ask('latestBefore', [eventIso, -days, working ? 'working-days' : 'days']);
      if (!answer && working) answer = ask('addWorkingDays', [eventIso, days]);
    } else if (days > 0) {
      answer = ask(working ? 'addWorkingDays' : 'addCalendarDays', [eventIso, days]);
    }
    if (answer) {
      return { date: answer.date, workingDaysApplied: true, calendarFallback: false, explanation: answer.explanation, warnings: answer.warnings };
    }
    return { date: addCalendarDays(eventIso, days), workingDaysApplied: false, calendarFallback: working && days !== 0, explanation: [], warnings: [] };
  }

  function formatDateVi(iso) {
    if (!isIsoDate(iso)) return '';
    var p = iso.split('-');
    return p[2] + '/' + p[1] + '/' + p[0];
  }

  var api = {
    SCHEMA: SCHEMA,
    storageKey: storageKey,
    backupKey: backupKey,
    flattenItems: flattenItems,
    itemIds: itemIds,
    definitionHash: definitionHash,
    emptyState: emptyState,
    getRun: getRun,
    currentRun: currentRun,
    setTick: setTick,
    isDone: isDone,
    setNote: setNote,
    setEventDate: setEventDate,
    renameRun: renameRun,
    newRun: newRun,
    selectRun: selectRun,
    forgetItem: forgetItem,
    progress: progress,
    reconcile: reconcile,
    stateProblem: stateProblem,
    migrations: migrations,
    migrate: migrate,
    parseStored: parseStored,
    serialize: serialize,
    load: load,
    save: save,
    exportRun: exportRun,
    exportFilename: exportFilename,
    importRun: importRun,
    encodeShare: encodeShare,
    decodeShare: decodeShare,
    runFromShare: runFromShare,
    dueDate: dueDate,
    engineFromWorkdays: engineFromWorkdays,
    formatDateVi: formatDateVi,
    isIsoDate: isIsoDate,
    eventDateProblem: eventDateProblem
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.checklistState = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
