// Unit tests for overrides/assets/sotay/checklist-state.js (pure core, no DOM).
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { prng } from './support/prng.mjs';

const require = createRequire(import.meta.url);
const SRC = new URL('../../overrides/assets/sotay/checklist-state.js', import.meta.url);
const S = require(SRC.pathname);

const NOW = '2026-11-23T10:00:00.000Z';
const LATER = '2026-11-30T09:30:00.000Z';

const DEF = {
  id: 'chuan-bi-hoi-nghi-btv',
  title: 'Chuẩn bị hội nghị Ban Thường vụ',
  items: [
    { id: 'xac-dinh-noi-dung', text: 'Xác định nội dung' },
    {
      id: 'gui-tai-lieu', text: 'Gửi tài liệu đến Văn phòng', due: { days: -2, unit: 'day' },
      items: [{ id: 'tham-dinh', text: 'Văn phòng thẩm định' }],
    },
    { id: 'gui-giay-moi', text: 'Gửi giấy mời', due: { days: -1, unit: 'working-day' } },
  ],
};

const pick = (rnd, arr) => arr[Math.floor(rnd() * arr.length)];
const ALPHABET = ['a', 'ệ', 'đ', '{', '}', '"', ':', ',', '[', ']', '1', ' ', '\\', 'null', 'true', '😀', '\u2028', 'schema', '<', '%'];
function randomString(rnd, max = 40) {
  let s = '';
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += pick(rnd, ALPHABET);
  return s;
}

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null),
    setItem: (k, v) => { data[k] = String(v); },
    removeItem: (k) => { delete data[k]; },
  };
}

test('classic-script path: runs in a bare vm context and attaches globalThis.Sotay.checklistState', () => {
  const ctx = {};
  vm.runInNewContext(readFileSync(SRC, 'utf8'), ctx);
  assert.equal(typeof ctx.Sotay.checklistState.parseStored, 'function');
  const api = ctx.Sotay.checklistState;
  const st = api.emptyState('x', NOW);
  const link = api.encodeShare({ id: 'x', items: [] }, api.currentRun(api.setNote(st, st.current, 'a', 'Ghi chú tiếng Việt')));
  assert.equal(api.decodeShare(link).payload.n.a, 'Ghi chú tiếng Việt');
});

test('storage key follows the contract', () => {
  assert.equal(S.storageKey('abc'), 'sotay:checklist:abc');
  assert.notEqual(S.backupKey('abc'), S.storageKey('abc'));
});

test('tick, untick, progress over current items (sub-items count)', () => {
  let st = S.emptyState(DEF.id, NOW);
  const r = st.current;
  assert.deepEqual(S.progress(DEF, S.currentRun(st)), { done: 0, total: 4, percent: 0, label: '0/4 việc' });
  st = S.setTick(st, r, 'gui-tai-lieu', true, NOW, 'Gửi tài liệu');
  st = S.setTick(st, r, 'tham-dinh', true, NOW);
  assert.equal(S.progress(DEF, S.currentRun(st)).label, '2/4 việc');
  assert.deepEqual(S.currentRun(st).ticks['gui-tai-lieu'], { done: true, at: NOW, text: 'Gửi tài liệu' });
  st = S.setTick(st, r, 'tham-dinh', false, NOW);
  assert.equal(S.progress(DEF, S.currentRun(st)).label, '1/4 việc');
  assert.equal(S.progress({ id: 'e', items: [] }, S.currentRun(st)).percent, 0);
});

test('functions do not mutate their input state', () => {
  const st = S.emptyState(DEF.id, NOW);
  const frozen = JSON.stringify(st);
  S.setTick(st, st.current, 'a', true, NOW);
  S.setNote(st, st.current, 'a', 'x');
  S.newRun(st, LATER);
  S.setEventDate(st, st.current, '2026-12-01');
  assert.equal(JSON.stringify(st), frozen);
});

test('làm mới: archives the current run with its date; runs are independent', () => {
  let st = S.emptyState(DEF.id, NOW);
  const first = st.current;
  st = S.setTick(st, first, 'xac-dinh-noi-dung', true, NOW);
  st = S.newRun(st, LATER, 'Hội nghị tháng 12');
  assert.notEqual(st.current, first);
  assert.equal(S.getRun(st, first).archived, LATER);
  assert.equal(S.currentRun(st).label, 'Hội nghị tháng 12');
  assert.equal(S.isDone(S.currentRun(st), 'xac-dinh-noi-dung'), false);
  st = S.setTick(st, st.current, 'gui-giay-moi', true, LATER);
  assert.equal(S.isDone(S.getRun(st, first), 'gui-giay-moi'), false);
  st = S.selectRun(st, first);
  assert.equal(st.current, first);
  assert.equal(S.selectRun(st, 'nope'), st);
  assert.equal(S.stateProblem(st), null);
  // two new runs in the same millisecond still get distinct ids
  const st2 = S.newRun(S.newRun(st, LATER), LATER);
  assert.equal(new Set(st2.runs.map((r) => r.id)).size, st2.runs.length);
  assert.deepEqual(st2.runs.map((r) => r.label).slice(-2), ['Lượt 3', 'Lượt 4']);
});

test('notes: set, empty removes', () => {
  let st = S.emptyState(DEF.id, NOW);
  st = S.setNote(st, st.current, 'gui-tai-lieu', 'Đã gọi anh Hùng');
  assert.equal(S.currentRun(st).notes['gui-tai-lieu'], 'Đã gọi anh Hùng');
  st = S.setNote(st, st.current, 'gui-tai-lieu', '   ');
  assert.deepEqual(S.currentRun(st).notes, {});
});

// ---------- reconcile ----------

const RECONCILE_CASES = [
  {
    name: 'unchanged ids keep their ticks',
    ticks: { 'gui-tai-lieu': { done: true, at: NOW } }, notes: {},
    expectDone: ['gui-tai-lieu'], expectRemoved: [],
  },
  {
    name: 'ticks on vanished items are reported, not dropped',
    ticks: { 'cu-da-bo': { done: true, at: NOW, text: 'Việc cũ' } }, notes: { 'cu-da-bo': 'ghi chú cũ' },
    expectDone: [], expectRemoved: [{ id: 'cu-da-bo', text: 'Việc cũ', done: true, at: NOW, note: 'ghi chú cũ' }],
  },
  {
    name: 'a note alone on a vanished item is reported',
    ticks: {}, notes: { 'mat-tich': 'x' },
    expectDone: [], expectRemoved: [{ id: 'mat-tich', text: '', done: false, at: null, note: 'x' }],
  },
  {
    name: 'new items appear unticked',
    ticks: {}, notes: {}, expectDone: [], expectRemoved: [],
  },
];

for (const c of RECONCILE_CASES) {
  test(`reconcile: ${c.name}`, () => {
    const run = { id: 'r', label: 'L', created: NOW, archived: null, eventDate: null, ticks: c.ticks, notes: c.notes };
    const out = S.reconcile(DEF, run);
    assert.deepEqual(out.items.map((i) => i.id), ['xac-dinh-noi-dung', 'gui-tai-lieu', 'tham-dinh', 'gui-giay-moi']);
    assert.deepEqual(out.items.filter((i) => i.done).map((i) => i.id), c.expectDone);
    assert.deepEqual(out.removed, c.expectRemoved);
    assert.equal(out.items.find((i) => i.id === 'tham-dinh').depth, 1);
  });
}

test('reconcile (property): every stored id is either a current item or reported removed', () => {
  const rnd = prng(42);
  const pool = ['xac-dinh-noi-dung', 'gui-tai-lieu', 'tham-dinh', 'gui-giay-moi', 'a', 'b', 'c', 'd'];
  for (let n = 0; n < 300; n++) {
    const ticks = {}; const notes = {};
    for (const id of pool) {
      if (rnd() < 0.4) ticks[id] = { done: true, at: NOW };
      if (rnd() < 0.2) notes[id] = randomString(rnd, 5) || 'x';
    }
    const out = S.reconcile(DEF, { id: 'r', label: 'L', ticks, notes });
    const seen = new Set([...out.items.filter((i) => i.done || i.note).map((i) => i.id), ...out.removed.map((r) => r.id)]);
    for (const id of new Set([...Object.keys(ticks), ...Object.keys(notes)])) assert.ok(seen.has(id), id);
    const currentIds = new Set(S.itemIds(DEF));
    for (const r of out.removed) assert.ok(!currentIds.has(r.id));
    assert.equal(S.progress(DEF, { ticks, notes }).done, out.items.filter((i) => i.done).length);
  }
});

test('definitionHash changes when items change, not when order of keys changes', () => {
  const h = S.definitionHash(DEF);
  assert.match(h, /^[0-9a-f]{8}$/);
  assert.equal(S.definitionHash(JSON.parse(JSON.stringify(DEF))), h);
  const changed = { ...DEF, items: [...DEF.items, { id: 'moi', text: 'Mới' }] };
  assert.notEqual(S.definitionHash(changed), h);
});

// ---------- storage, migrations, corruption ----------

test('migration v1 → v2: a single run keeps its ticks and notes', () => {
  const raw = JSON.stringify({ schema: 1, ticks: { 'gui-tai-lieu': true, 'tham-dinh': false, 'cu': true }, notes: { cu: 'n' } });
  const res = S.parseStored(raw, DEF.id, NOW);
  assert.equal(res.ok, true);
  assert.equal(res.migratedFrom, 1);
  assert.equal(res.state.schema, 2);
  assert.equal(res.state.runs.length, 1);
  const run = S.currentRun(res.state);
  assert.deepEqual(run.ticks, { 'gui-tai-lieu': { done: true, at: null }, cu: { done: true, at: null } });
  assert.deepEqual(run.notes, { cu: 'n' });
  assert.equal(S.stateProblem(res.state), null);
  assert.deepEqual(S.reconcile(DEF, run).removed.map((r) => r.id), ['cu']);
});

const CORRUPT_CASES = [
  ['bad JSON', '{"schema": 2, "runs": ['],
  ['not an object', '[1,2,3]'],
  ['a bare string', '"hello"'],
  ['no schema', '{"ticks": {}}'],
  ['future schema', '{"schema": 99, "runs": []}'],
  ['fractional schema', '{"schema": 1.5}'],
  ['v2 without runs', '{"schema": 2, "checklistId": "chuan-bi-hoi-nghi-btv", "current": "r", "runs": []}'],
  ['v2 tick of the wrong type', JSON.stringify({ schema: 2, checklistId: DEF.id, current: 'r', runs: [{ id: 'r', label: 'L', ticks: { a: true }, notes: {} }] })],
  ['v2 current run missing', JSON.stringify({ schema: 2, checklistId: DEF.id, current: 'x', runs: [{ id: 'r', label: 'L', ticks: {}, notes: {} }] })],
  ['v2 for another checklist', JSON.stringify({ schema: 2, checklistId: 'khac', current: 'r', runs: [{ id: 'r', label: 'L', ticks: {}, notes: {} }] })],
  ['v1 without ticks', '{"schema": 1}'],
];

for (const [name, raw] of CORRUPT_CASES) {
  test(`corrupted storage is reported, backed up, never thrown: ${name}`, () => {
    const storage = memoryStorage({ [S.storageKey(DEF.id)]: raw });
    const res = S.load(storage, DEF.id, NOW);
    assert.equal(res.ok, false);
    assert.match(res.error, /bị hỏng/);
    assert.equal(res.raw, raw);
    assert.equal(storage.getItem(res.backupKey), raw);
    assert.equal(S.stateProblem(res.state), null, 'a usable fresh state is returned');
    // the stored value is left as it was until the user saves
    assert.equal(storage.getItem(S.storageKey(DEF.id)), raw);
  });
}

test('future schema message tells the user to open a newer handbook', () => {
  assert.match(S.parseStored('{"schema": 3}', DEF.id, NOW).error, /phiên bản mới hơn/);
});

test('an existing backup is not overwritten by a second corruption', () => {
  const storage = memoryStorage({ [S.storageKey(DEF.id)]: 'garbage-2', [S.backupKey(DEF.id)]: 'garbage-1' });
  S.load(storage, DEF.id, NOW);
  assert.equal(storage.getItem(S.backupKey(DEF.id)), 'garbage-1');
});

test('storage that throws is reported, not thrown', () => {
  const storage = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceeded'); } };
  const res = S.load(storage, DEF.id, NOW);
  assert.equal(res.ok, false);
  assert.equal(S.save(storage, res.state).ok, false);
});

test('save then load round-trips; empty storage gives a fresh state', () => {
  const storage = memoryStorage();
  const fresh = S.load(storage, DEF.id, NOW);
  assert.equal(fresh.ok, true);
  assert.equal(fresh.fresh, true);
  let st = S.setTick(fresh.state, fresh.state.current, 'gui-tai-lieu', true, NOW);
  st = S.setEventDate(st, st.current, '2026-12-01');
  assert.equal(S.save(storage, st).ok, true);
  const again = S.load(storage, DEF.id, LATER);
  assert.deepEqual(again.state, st);
  assert.equal(again.migratedFrom, null);
});

test('property: random garbage never throws and is either valid or reported', () => {
  const rnd = prng(20261123);
  for (let n = 0; n < 3000; n++) {
    let raw = randomString(rnd, 60);
    if (rnd() < 0.3) raw = `{"schema":${pick(rnd, ['1', '2', '3', '0', '"2"', 'null'])},${randomString(rnd, 30)}`;
    if (rnd() < 0.1) raw = JSON.stringify({ schema: pick(rnd, [1, 2]), ticks: pick(rnd, [{}, [], null, { a: true }]), runs: pick(rnd, [[], [{}], null]) });
    const storage = memoryStorage({ [S.storageKey(DEF.id)]: raw });
    let res;
    assert.doesNotThrow(() => { res = S.load(storage, DEF.id, NOW); }, raw);
    assert.equal(S.stateProblem(res.state), null, raw);
    if (!res.ok) assert.equal(typeof res.error, 'string');
  }
});

test('property: random valid states survive serialize → parseStored', () => {
  const rnd = prng(7);
  for (let n = 0; n < 200; n++) {
    let st = S.emptyState(DEF.id, NOW);
    for (let k = 0; k < 12; k++) {
      const op = rnd();
      const id = pick(rnd, S.itemIds(DEF).concat(['gone']));
      if (op < 0.4) st = S.setTick(st, st.current, id, rnd() < 0.7, NOW);
      else if (op < 0.6) st = S.setNote(st, st.current, id, randomString(rnd, 8));
      else if (op < 0.7) st = S.newRun(st, NOW);
      else if (op < 0.8) st = S.selectRun(st, pick(rnd, st.runs).id);
      else st = S.setEventDate(st, st.current, pick(rnd, ['2026-12-01', 'xx', null]));
    }
    const back = S.parseStored(S.serialize(st), DEF.id, NOW);
    assert.equal(back.ok, true);
    assert.deepEqual(back.state, st);
  }
});

// ---------- export / import ----------

test('export → import round-trip adds the run as a new current run', () => {
  let st = S.emptyState(DEF.id, NOW);
  st = S.setTick(st, st.current, 'gui-tai-lieu', true, NOW, 'Gửi tài liệu');
  st = S.setNote(st, st.current, 'gui-tai-lieu', 'Ghi chú');
  const file = JSON.stringify(S.exportRun(DEF, st, st.current, LATER));
  const parsed = JSON.parse(file);
  assert.equal(parsed.checklistId, DEF.id);
  assert.equal(parsed.version, S.definitionHash(DEF));
  assert.match(S.exportFilename(DEF, S.currentRun(st)), /^danh-muc-chuan-bi-hoi-nghi-btv-2026-11-23\.json$/);
  // import into the same device: id collides → renamed, old run untouched
  const res = S.importRun(st, DEF, file, LATER);
  assert.equal(res.ok, true);
  assert.deepEqual(res.warnings, []);
  assert.equal(res.state.runs.length, 2);
  assert.notEqual(res.run.id, st.current);
  assert.deepEqual(res.run.ticks, S.currentRun(st).ticks);
  assert.deepEqual(res.run.notes, S.currentRun(st).notes);
  assert.equal(S.stateProblem(res.state), null);
  // import on another device
  const other = S.importRun(S.emptyState(DEF.id, LATER), DEF, parsed, LATER);
  assert.equal(other.ok, true);
});

test('import warns when the checklist changed since export', () => {
  const st = S.emptyState(DEF.id, NOW);
  const file = S.exportRun(DEF, st, st.current, NOW);
  file.version = '00000000';
  const res = S.importRun(st, DEF, file, NOW);
  assert.equal(res.ok, true);
  assert.equal(res.warnings.length, 1);
});

const BAD_IMPORTS = [
  ['not JSON', 'hello', /JSON/],
  ['wrong format', '{"format":"x"}', /không phải/],
  ['another checklist', JSON.stringify({ format: 'sotay-checklist-run', schema: 2, checklistId: 'khac', run: {} }), /khac/],
  ['future schema', JSON.stringify({ format: 'sotay-checklist-run', schema: 9, checklistId: DEF.id, run: {} }), /phiên bản/],
  ['broken run', JSON.stringify({ format: 'sotay-checklist-run', schema: 2, checklistId: DEF.id, run: { id: 'r', label: 'L', ticks: [], notes: {} } }), /không hợp lệ/],
];
for (const [name, text, re] of BAD_IMPORTS) {
  test(`import rejects ${name}`, () => {
    const st = S.emptyState(DEF.id, NOW);
    const res = S.importRun(st, DEF, text, NOW);
    assert.equal(res.ok, false);
    assert.match(res.error, re);
  });
}

test('property: import of random text never throws', () => {
  const rnd = prng(99);
  const st = S.emptyState(DEF.id, NOW);
  for (let n = 0; n < 1000; n++) {
    const text = rnd() < 0.5 ? randomString(rnd, 50) : JSON.stringify({ format: 'sotay-checklist-run', schema: 2, checklistId: DEF.id, run: JSON.parse(pick(rnd, ['{}', 'null', '[]', '{"id":"r","label":"x","ticks":{},"notes":{"a":1}}'])) });
    let res;
    assert.doesNotThrow(() => { res = S.importRun(st, DEF, text, NOW); });
    assert.equal(typeof res.ok, 'boolean');
  }
});

// ---------- share link ----------

test('share link round-trip (Vietnamese notes, event date)', () => {
  let st = S.emptyState(DEF.id, NOW);
  st = S.setTick(st, st.current, 'gui-tai-lieu', true, NOW);
  st = S.setNote(st, st.current, 'tham-dinh', 'Chờ đồng chí Chánh Văn phòng — “gấp”');
  st = S.setEventDate(st, st.current, '2026-12-03');
  const hash = S.encodeShare(DEF, S.currentRun(st));
  assert.match(hash, /^#luot=[A-Za-z0-9_-]+$/);
  const dec = S.decodeShare(hash);
  assert.equal(dec.ok, true);
  const res = S.runFromShare(S.emptyState(DEF.id, LATER), DEF, dec.payload, LATER);
  assert.equal(res.ok, true);
  assert.deepEqual(res.warnings, []);
  assert.equal(res.run.eventDate, '2026-12-03');
  assert.deepEqual(Object.keys(res.run.ticks), ['gui-tai-lieu']);
  assert.equal(res.run.notes['tham-dinh'], 'Chờ đồng chí Chánh Văn phòng — “gấp”');
  assert.equal(S.stateProblem(res.state), null);
});

test('share link: property round-trip of random runs', () => {
  const rnd = prng(5);
  for (let n = 0; n < 300; n++) {
    const run = { id: 'r', label: randomString(rnd, 10), ticks: {}, notes: {}, eventDate: null };
    for (const id of S.itemIds(DEF)) {
      if (rnd() < 0.5) run.ticks[id] = { done: true, at: NOW };
      if (rnd() < 0.3) run.notes[id] = randomString(rnd, 20) || 'x';
    }
    const dec = S.decodeShare(S.encodeShare(DEF, run));
    assert.equal(dec.ok, true);
    assert.deepEqual(dec.payload.d.sort(), Object.keys(run.ticks).sort());
    assert.deepEqual(dec.payload.n || {}, run.notes);
    assert.equal(dec.payload.l, run.label);
  }
});

const BAD_HASHES = [
  ['empty', '', true],
  ['unrelated anchor', '#dieu-6', true],
  ['not base64url', '#luot=***', false],
  ['truncated', '#luot=eyJj', false],
  ['valid base64 of non-object', '#luot=WzFd', false],
];
for (const [name, hash, none] of BAD_HASHES) {
  test(`decodeShare rejects ${name}`, () => {
    const res = S.decodeShare(hash);
    assert.equal(res.ok, false);
    assert.equal(!!res.none, none);
  });
}

test('property: decodeShare of random hashes never throws', () => {
  const rnd = prng(314);
  const chars = 'ABCabc019-_=+/*%';
  for (let n = 0; n < 2000; n++) {
    let h = '#luot=';
    const len = Math.floor(rnd() * 40);
    for (let i = 0; i < len; i++) h += chars[Math.floor(rnd() * chars.length)];
    assert.doesNotThrow(() => S.decodeShare(h));
  }
});

test('runFromShare refuses another checklist', () => {
  const res = S.runFromShare(S.emptyState(DEF.id, NOW), DEF, { c: 'khac', d: [] }, NOW);
  assert.equal(res.ok, false);
});

// ---------- due dates ----------

const plain = (date, extra = {}) => ({ date, workingDaysApplied: false, calendarFallback: false, explanation: [], warnings: [], ...extra });
const counted = (date, extra = {}) => ({ date, workingDaysApplied: true, calendarFallback: false, explanation: [], warnings: [], ...extra });

const DUE_CASES = [
  ['no due', { id: 'a' }, '2026-12-10', null, null],
  ['no event date', { due: { days: -2 } }, '', null, null],
  ['calendar days, no engine', { due: { days: -2, unit: 'day' } }, '2026-12-10', null, plain('2026-12-08')],
  ['across a month end', { due: { days: -2 } }, '2026-03-01', null, plain('2026-02-27')],
  ['working days without engine → flagged fallback', { due: { days: 7, unit: 'working-day' } }, '2026-12-10', null, plain('2026-12-17', { calendarFallback: true })],
  ['working days with engine', { due: { days: 7, unit: 'working-day' } }, '2026-12-10',
    { addWorkingDays: (iso, n) => (iso === '2026-12-10' && n === 7 ? '2026-12-21' : 'x') }, counted('2026-12-21')],
  ['engine returning a Date', { due: { days: 1, unit: 'working-day' } }, '2026-12-11', { addWorkingDays: () => new Date(2026, 11, 14) }, counted('2026-12-14')],
  ['engine returning {value, explanation}', { due: { days: 1, unit: 'working-day' } }, '2026-12-11',
    { addWorkingDays: () => ({ value: '2026-12-14', explanation: ['x'], warnings: ['w'] }) }, counted('2026-12-14', { explanation: ['x'], warnings: ['w'] })],
  ['engine error object → fallback', { due: { days: 1, unit: 'working-day' } }, '2026-12-11', { addWorkingDays: () => ({ value: null, error: 'x' }) }, plain('2026-12-12', { calendarFallback: true })],
  ['engine that throws → fallback', { due: { days: 1, unit: 'working-day' } }, '2026-12-11', { addWorkingDays: () => { throw new Error('x'); } }, plain('2026-12-12', { calendarFallback: true })],
  ['days before a meeting ask latestBefore(event, n, "days")', { due: { days: -2, unit: 'day' } }, '2026-12-07',
    { latestBefore: (iso, n, unit) => (iso === '2026-12-07' && n === 2 && unit === 'days' ? '2026-12-04' : 'x') }, counted('2026-12-04')],
  ['working days before ask latestBefore(event, n, "working-days")', { due: { days: -1, unit: 'working-day' } }, '2026-12-07',
    { latestBefore: (iso, n, unit) => (n === 1 && unit === 'working-days' ? '2026-12-04' : 'x') }, counted('2026-12-04')],
];
for (const [name, item, ev, engine, expected] of DUE_CASES) {
  test(`dueDate: ${name}`, () => {
    assert.deepEqual(S.dueDate(item, ev, engine), expected);
  });
}

test('dueDate with the real workdays.js engine (weekends, holidays from the calendar island)', () => {
  const W = require(new URL('../../overrides/assets/sotay/workdays.js', import.meta.url).pathname);
  const calendar = { years: [2020, 2035], announced: [2026], days: { '2026-12-11': { off: true, reason: 'ngày nghỉ thử' } } };
  const engine = S.engineFromWorkdays(W, calendar);
  // receipt Thu 10/12; Fri 11/12 is off in this calendar: 14,15,16,17,18,21,22
  const reply = S.dueDate({ due: { days: 7, unit: 'working-day' } }, '2026-12-10', engine);
  assert.equal(reply.date, '2026-12-22');
  assert.equal(reply.workingDaysApplied, true);
  assert.ok(reply.explanation.length > 0);
  // meeting Mon 07/12, "ít nhất 2 ngày trước" → Sat 05/12 → moved earlier to Fri 04/12
  assert.equal(S.dueDate({ due: { days: -2, unit: 'day' } }, '2026-12-07', engine).date, '2026-12-04');
  // no calendar: the engine still skips weekends and warns that holidays are missing
  const bare = S.dueDate({ due: { days: 7, unit: 'working-day' } }, '2026-12-10', S.engineFromWorkdays(W, null));
  assert.equal(bare.date, '2026-12-21');
  assert.ok(bare.warnings.length > 0);
  assert.equal(S.engineFromWorkdays(null, calendar), null);
});

test('formatDateVi', () => {
  assert.equal(S.formatDateVi('2026-12-03'), '03/12/2026');
  assert.equal(S.formatDateVi('bad'), '');
});

// ---- ids that are also Object.prototype's names -------------------------------

const PROTO_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const PROTO_DEF = { id: 'proto', items: PROTO_IDS.map((id) => ({ id, text: 'Việc ' + id })) };

test('an item id like "constructor" shows no tick and no note until the user makes one', () => {
  const st = S.emptyState(PROTO_DEF.id, NOW);
  const view = S.reconcile(PROTO_DEF, S.currentRun(st));
  for (const it of view.items) {
    assert.equal(it.done, false, it.id);
    assert.equal(it.note, '', it.id); // was "function Object() { [native code] }"
    assert.equal(it.at, null, it.id);
  }
  assert.deepEqual(view.removed, []);
  assert.equal(S.progress(PROTO_DEF, S.currentRun(st)).label, '0/5 việc');
});

test('ticks and notes on prototype-named ids are kept through save, load, export and share', () => {
  let st = S.emptyState(PROTO_DEF.id, NOW);
  for (const id of PROTO_IDS) {
    st = S.setTick(st, st.current, id, true, NOW, 'Việc ' + id);
    st = S.setNote(st, st.current, id, 'ghi chú ' + id);
  }
  const check = (state, where) => {
    const view = S.reconcile(PROTO_DEF, S.currentRun(state));
    for (const it of view.items) {
      assert.equal(it.done, true, `${where} ${it.id}`);
      assert.equal(it.note, 'ghi chú ' + it.id, `${where} ${it.id}`);
    }
    assert.deepEqual(view.removed, [], where);
    assert.equal(S.progress(PROTO_DEF, S.currentRun(state)).label, '5/5 việc', where);
    assert.equal(Object.getPrototypeOf(S.currentRun(state).ticks), Object.prototype, where); // the prototype is untouched
  };
  check(st, 'state');
  const store = memoryStorage();
  S.save(store, st);
  check(S.load(store, PROTO_DEF.id, LATER).state, 'load');
  const imported = S.importRun(S.emptyState(PROTO_DEF.id, NOW), PROTO_DEF, JSON.stringify(S.exportRun(PROTO_DEF, st, st.current, NOW)), LATER);
  check(imported.state, 'import');
  const dec = S.decodeShare(S.encodeShare(PROTO_DEF, S.currentRun(st)));
  const shared = S.runFromShare(S.emptyState(PROTO_DEF.id, NOW), PROTO_DEF, dec.payload, LATER);
  check(shared.state, 'share');
  // unticking and forgetting remove the own property only
  let cleared = st;
  for (const id of PROTO_IDS) cleared = S.forgetItem(cleared, cleared.current, id);
  assert.deepEqual(Object.keys(S.currentRun(cleared).ticks), []);
  assert.equal(S.progress(PROTO_DEF, S.currentRun(cleared)).label, '0/5 việc');
});

test('a schema-1 store with prototype-named ids migrates them as data', () => {
  const raw = '{"schema": 1, "ticks": {"__proto__": true, "constructor": true}, "notes": {"toString": "x"}}';
  const first = S.parseStored(raw, PROTO_DEF.id, NOW);
  assert.equal(first.ok, true);
  const res = S.parseStored(S.serialize(first.state), PROTO_DEF.id, LATER); // saved in schema 2, read again
  const view = S.reconcile(PROTO_DEF, S.currentRun(res.state));
  assert.deepEqual(view.items.filter((i) => i.done).map((i) => i.id), ['constructor', '__proto__']);
  assert.equal(view.items.find((i) => i.id === 'toString').note, 'x');
});

// ---- event dates that are not days ---------------------------------------------

test('isIsoDate wants a day that exists (Date.parse takes 2026-02-31 for 3 March)', () => {
  assert.equal(S.isIsoDate('2026-02-31'), false);
  assert.equal(S.isIsoDate('2026-02-29'), false);
  assert.equal(S.isIsoDate('2028-02-29'), true);
  assert.equal(S.eventDateProblem('2026-02-31'), 'ngày "2026-02-31" không có thật (cần dạng năm-tháng-ngày)');
  assert.equal(S.eventDateProblem('20260-01-01'), 'năm 20260 nằm ngoài khoảng 1900–2100'); // a date input's year 20260
  assert.equal(S.eventDateProblem('1899-12-31'), 'năm 1899 nằm ngoài khoảng 1900–2100');
  assert.equal(S.eventDateProblem('2100-12-31'), null);
});

test('setEventDate refuses an invalid date and keeps the one set before', () => {
  let st = S.setEventDate(S.emptyState(DEF.id, NOW), null, null);
  st = S.setEventDate(st, st.current, '2026-12-10');
  for (const bad of ['2026-02-31', '10000-01-07', '1800-01-01']) {
    assert.equal(S.currentRun(S.setEventDate(st, st.current, bad)).eventDate, '2026-12-10', bad);
  }
  assert.equal(S.currentRun(S.setEventDate(st, st.current, '')).eventDate, null); // clearing is fine
});

test('a stored event date that is not a day is cleared with a message; the ticks stay', () => {
  let st = S.emptyState(DEF.id, NOW);
  st = S.setTick(st, st.current, 'gui-tai-lieu', true, NOW);
  const stored = JSON.parse(S.serialize(st));
  stored.runs[0].eventDate = '2026-02-31';
  const res = S.parseStored(JSON.stringify(stored), DEF.id, LATER);
  assert.equal(res.ok, true);
  assert.equal(S.currentRun(res.state).eventDate, null);
  assert.equal(S.isDone(S.currentRun(res.state), 'gui-tai-lieu'), true);
  assert.deepEqual(res.warnings, ['Lượt "Lượt 1": ngày diễn ra không hợp lệ (ngày "2026-02-31" không có thật (cần dạng năm-tháng-ngày)) nên đã được bỏ; hãy chọn lại ngày.']);
  assert.deepEqual(S.parseStored(S.serialize(st), DEF.id, LATER).warnings, []);
  stored.runs[0].eventDate = 20260101; // not even a string: the data is broken
  assert.equal(S.parseStored(JSON.stringify(stored), DEF.id, LATER).ok, false);
});

test('a file or a share link with an event date that is not a day: run kept, date dropped, said so', () => {
  let st = S.emptyState(DEF.id, NOW);
  st = S.setTick(st, st.current, 'tham-dinh', true, NOW);
  const file = S.exportRun(DEF, st, st.current, NOW);
  file.run.eventDate = '2026-02-30';
  const imp = S.importRun(S.emptyState(DEF.id, NOW), DEF, JSON.stringify(file), LATER);
  assert.equal(imp.ok, true);
  assert.equal(imp.run.eventDate, null);
  assert.ok(imp.warnings.some((w) => w.includes('"2026-02-30" không có thật')), imp.warnings.join());
  const run = { ...S.currentRun(st), eventDate: '2026-12-10' };
  const link = S.encodeShare(DEF, run).replace(/^#luot=/, '');
  const payload = JSON.parse(Buffer.from(link, 'base64url').toString('utf8'));
  payload.e = '2099-13-01';
  const dec = S.decodeShare('#luot=' + Buffer.from(JSON.stringify(payload)).toString('base64url'));
  assert.equal(dec.ok, true);
  const got = S.runFromShare(S.emptyState(DEF.id, NOW), DEF, dec.payload, LATER);
  assert.equal(got.run.eventDate, null);
  assert.equal(S.isDone(got.run, 'tham-dinh'), true);
  assert.ok(got.warnings.some((w) => w.includes('"2099-13-01" không có thật')), got.warnings.join());
});

// ---- one handbook's keys; a full storage -------------------------------------------

const SCOPE_A = 'file:///home/an/Downloads/so-tay-quy-che/';
function ticked(...ids) {
  let st = S.emptyState(DEF.id, NOW);
  for (const id of ids) st = S.setTick(st, st.current, id, true, NOW);
  return st;
}
const SCOPE_B = 'file:///home/an/Desktop/so-tay-xa-khac/';

test('keys carry the handbook scope; without one they are the first releases\' keys', () => {
  assert.equal(S.storageKey('abc', SCOPE_A), 'sotay:checklist:abc@' + SCOPE_A);
  assert.equal(S.backupKey('abc', '/'), 'sotay:checklist-backup:abc@/');
  assert.notEqual(S.storageKey('abc', SCOPE_A), S.storageKey('abc', SCOPE_B));
});

test('two handbooks on one origin keep their ticks apart', () => {
  const storage = memoryStorage();
  const a = S.load(storage, DEF.id, NOW, SCOPE_A).state;
  S.save(storage, S.setTick(a, a.current, 'gui-tai-lieu', true, NOW), SCOPE_A);
  const b = S.load(storage, DEF.id, NOW, SCOPE_B);
  assert.equal(b.fresh, true);
  assert.equal(S.progress(DEF, S.currentRun(b.state)).done, 0);
  assert.equal(S.progress(DEF, S.currentRun(S.load(storage, DEF.id, LATER, SCOPE_A).state)).done, 1);
});

test('ticks under the old shared key are copied to each handbook that opens, and kept', () => {
  const legacy = S.serialize(ticked('tham-dinh'));
  const storage = memoryStorage({ [S.storageKey(DEF.id)]: legacy });
  const a = S.load(storage, DEF.id, LATER, SCOPE_A);
  assert.equal(a.ok, true);
  assert.equal(a.copiedFrom, S.storageKey(DEF.id));
  assert.equal(storage.getItem(S.storageKey(DEF.id, SCOPE_A)), legacy);
  assert.equal(storage.getItem(S.storageKey(DEF.id)), legacy); // left for the other handbook
  assert.equal(S.isDone(S.currentRun(a.state), 'tham-dinh'), true);
  // A's own changes from now on do not reach B, which gets its own copy of the old ticks
  S.save(storage, S.setTick(a.state, a.state.current, 'gui-giay-moi', true, LATER), SCOPE_A);
  const b = S.load(storage, DEF.id, LATER, SCOPE_B);
  assert.equal(S.isDone(S.currentRun(b.state), 'tham-dinh'), true);
  assert.equal(S.isDone(S.currentRun(b.state), 'gui-giay-moi'), false);
  // once scoped, the scoped key wins
  assert.equal(S.load(storage, DEF.id, LATER, SCOPE_A).copiedFrom, undefined);
});

test('a corrupted old key is backed up under the handbook\'s backup key', () => {
  const storage = memoryStorage({ [S.storageKey(DEF.id)]: '{broken' });
  const res = S.load(storage, DEF.id, NOW, SCOPE_A);
  assert.equal(res.ok, false);
  assert.equal(res.backupKey, S.backupKey(DEF.id, SCOPE_A));
  assert.equal(storage.getItem(S.backupKey(DEF.id, SCOPE_A)), '{broken');
});

function fullStorage(initial, error) {
  const s = memoryStorage(initial);
  s.setItem = () => { throw error; };
  return s;
}

test('a full storage: what it holds still loads; a failed write says "Bộ nhớ trình duyệt đầy"', () => {
  const saved = ticked('gui-tai-lieu');
  const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError', code: 22 });
  const storage = fullStorage({ [S.storageKey(DEF.id, SCOPE_A)]: S.serialize(saved) }, quota);
  const res = S.load(storage, DEF.id, LATER, SCOPE_A);
  assert.equal(res.ok, true);
  assert.equal(S.progress(DEF, S.currentRun(res.state)).done, 1);
  const w = S.save(storage, S.setTick(res.state, res.state.current, 'tham-dinh', true, LATER), SCOPE_A);
  assert.equal(w.ok, false);
  assert.equal(w.full, true);
  assert.match(w.error, /^Bộ nhớ trình duyệt đầy: thay đổi vừa rồi chưa được lưu/);
  assert.match(w.error, /"Lưu đánh dấu, ghi chú thành tệp"/);
  for (const e of [{ name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 }, { name: 'Error', code: 22 }]) {
    assert.equal(S.save(fullStorage({}, e), res.state, SCOPE_A).full, true, e.name);
  }
  const blocked = S.save(fullStorage({}, Object.assign(new Error('x'), { name: 'SecurityError', code: 18 })), res.state);
  assert.equal(blocked.ok, false);
  assert.equal(blocked.full, undefined);
  assert.doesNotMatch(blocked.error, /đầy/);
});

test('a full storage while copying the old key: the ticks still load', () => {
  const legacy = S.serialize(ticked('gui-tai-lieu'));
  const storage = fullStorage({ [S.storageKey(DEF.id)]: legacy }, { name: 'QuotaExceededError', code: 22 });
  const res = S.load(storage, DEF.id, LATER, SCOPE_A);
  assert.equal(res.ok, true);
  assert.equal(S.isDone(S.currentRun(res.state), 'gui-tai-lieu'), true);
  assert.equal(res.copiedFrom, S.storageKey(DEF.id));
});
