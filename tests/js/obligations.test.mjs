// Unit tests for overrides/assets/sotay/obligations.js (pure core of the
// obligations calendar, cong-cu/lich-nghia-vu.html). Run: node --test tests/js/
//
// Calendar: tests/js/fixtures/calendar.json (see workdays.test.mjs). Expected
// dates worked out by hand from the official 2025–2026 calendars: Tết Bính Ngọ
// 14–22/02/2026 (the whole week 16–20/02 off), Giỗ Tổ nghỉ bù thứ Hai 27/4/2026,
// Quốc khánh 2026: 31/8 (hoán đổi), 1–2/9; 15/11/2025 is a Saturday and
// 15/11/2026 a Sunday; 01/01/2030 (Tết Dương lịch) is a Tuesday.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const O = require(new URL('../../overrides/assets/sotay/obligations.js', import.meta.url).pathname);
const ICS = require(new URL('../../overrides/assets/sotay/ics.js', import.meta.url).pathname);
const CAL = JSON.parse(readFileSync(new URL('./fixtures/calendar.json', import.meta.url), 'utf8'));

const cite = (label) => [{ label, href: '../van-ban/x.html#dieu-4-khoan-1' }];
const DATA = {
  term: [2025, 2030],
  holders: [{ id: 'thuong-truc', label: 'Thường trực', kind: 'body' }, { id: 'ttct', label: 'Trung tâm', kind: 'body' }],
  rules: {
    'giao-ban': { title: 'Giao ban thứ Hai', summary: 'Hằng tuần', rule: { type: 'weekly', weekday: 1 }, cites: cite('Điều 11 khoản 1'), text: 'Căn cứ: Điều 11 khoản 1' },
    'sau-thang': { title: 'Trao đổi 6 tháng', summary: '', rule: { type: 'semiannual', window: true }, cites: cite('Điều 6 khoản 1'), text: 'Căn cứ: Điều 6 khoản 1' },
    'giua-quy-iv': { title: 'Đăng ký nhu cầu', summary: 'Giữa Quý IV', rule: { type: 'yearly-date', month: 11, day: 15 }, cites: cite('Điều 4 khoản 1'), text: 'Căn cứ: Điều 4 khoản 1' },
    'cuoi-nhiem-ky': { title: 'Tổng kết nhiệm kỳ', summary: '', rule: { type: 'term-final-year', termStart: 2025, termEnd: 2030 }, cites: cite('Điều 7 khoản 2'), text: 'Căn cứ: Điều 7 khoản 2' },
    'thong-tin': { title: 'Thông tin hằng tuần', summary: '', rule: null, cites: cite('Điều 12 khoản 1'), text: 'Căn cứ: Điều 12 khoản 1' },
  },
  by_holder: { 'thuong-truc': ['giao-ban', 'thong-tin'], ttct: ['sau-thang', 'giua-quy-iv', 'cuoi-nhiem-ky'] },
};

test('weekly meetings of 2026 skip the Tết week and move off holidays within the week', () => {
  const r = O.plan(CAL, DATA, 'thuong-truc', '2026');
  const dates = r.value.map((i) => i.date);
  assert.equal(dates.length, 51); // 52 Mondays from 05/01 to 28/12, minus the Tết week 16–22/02
  assert.equal(dates[0], '2026-01-05'); // the week of 29/12/2025 belongs to 2025
  assert.equal(dates.at(-1), '2026-12-28');
  assert.ok(!dates.some((d) => d >= '2026-02-16' && d <= '2026-02-22'));
  assert.ok(dates.includes('2026-04-28')); // 27/4 Giỗ Tổ (nghỉ bù) → thứ Ba
  assert.ok(dates.includes('2026-09-03')); // 31/8, 1/9, 2/9 off → thứ Năm
  assert.deepEqual(r.undated.map((u) => u.rule), ['thong-tin']);
  assert.deepEqual(r.range, ['2026-01-01', '2026-12-31']);
});

test('the whole term: more than one call of nextOccurrences (over 100 weeks)', () => {
  const r = O.plan(CAL, DATA, 'thuong-truc', 'nhiem-ky');
  assert.ok(r.value.length > 300, String(r.value.length));
  const dates = r.value.map((i) => i.date);
  assert.equal(new Set(dates).size, dates.length); // no week twice at chunk boundaries
  assert.deepEqual([...dates].sort(), dates);
  assert.ok(r.warnings.some((w) => w.includes('2027'))); // later years: holidays only, no swaps announced
});

test('windows, a fixed date and the final year of the term, in date order', () => {
  const y2026 = O.plan(CAL, DATA, 'ttct', '2026').value;
  assert.deepEqual(y2026.map((i) => [i.rule, i.date, i.until]), [
    ['sau-thang', '2026-01-02', '2026-06-30'],
    ['sau-thang', '2026-07-01', '2026-12-31'],
    ['giua-quy-iv', '2026-11-16', null], // 15/11/2026 is a Sunday
  ]);
  const term = O.plan(CAL, DATA, 'ttct', 'nhiem-ky').value;
  assert.deepEqual(term.filter((i) => i.rule === 'giua-quy-iv').map((i) => i.date),
    ['2025-11-17', '2026-11-16', '2027-11-15', '2028-11-15', '2029-11-15', '2030-11-15']);
  assert.deepEqual(term.filter((i) => i.rule === 'cuoi-nhiem-ky').map((i) => [i.date, i.until]), [['2030-01-02', '2030-12-31']]);
  assert.equal(term.filter((i) => i.rule === 'sau-thang').length, 12);
  assert.equal(term.length, 19);
});

test('bad input gives an error object, never an exception', () => {
  assert.match(O.plan(CAL, DATA, 'khong-co', '2026').error, /khong-co/);
  assert.match(O.plan(CAL, DATA, 'ttct', '20x6').error, /20x6/);
  assert.ok(O.plan(CAL, null, 'ttct', '2026').error);
  assert.match(O.plan(CAL, DATA, 'ttct', 'sap-toi').error, /sap-toi/); // "upcoming" needs today
  assert.match(O.plan(CAL, DATA, 'ttct', 'sap-toi', '', '2026-02-30').error, /sap-toi/);
});

// "today" is always injected: these tests never depend on the real date.
test('the calendar opens on the coming 12 months from today, whatever the year', () => {
  assert.equal(O.defaultPeriod(DATA, '2026-11-23'), 'sap-toi');
  assert.equal(O.defaultPeriod(DATA, '2031-01-01'), 'sap-toi');
  assert.deepEqual(O.range(DATA, 'sap-toi', '2026-11-23'), ['2026-11-23', '2027-11-22']);
  assert.deepEqual(O.range(DATA, 'sap-toi', '2028-03-01'), ['2028-03-01', '2029-02-28']);
  assert.deepEqual(O.range(DATA, '2026', '2026-11-23'), ['2026-01-01', '2026-12-31']); // ?period=2026 still works
});

test('upcoming: the next obligation first, nothing already past', () => {
  const today = '2026-11-23'; // a Monday
  const weekly = O.plan(CAL, DATA, 'thuong-truc', 'sap-toi', '', today);
  const dates = weekly.value.map((i) => i.date);
  assert.equal(dates[0], '2026-11-23'); // today's meeting is still to come
  assert.equal(dates[1], '2026-11-30');
  assert.ok(dates.every((d) => d >= today && d <= '2027-11-22'), dates.join(' '));
  assert.deepEqual(weekly.range, ['2026-11-23', '2027-11-22']);
  const ttct = O.plan(CAL, DATA, 'ttct', 'sap-toi', '', '2026-11-17');
  assert.deepEqual(ttct.value.map((i) => [i.rule, i.date, i.until, i.ongoing]), [
    ['sau-thang', '2026-07-01', '2026-12-31', true], // under way: its window ends after today
    ['sau-thang', '2027-01-04', '2027-06-30', false],
    ['sau-thang', '2027-07-01', '2027-12-31', false],
    ['giua-quy-iv', '2027-11-15', null, false], // 16/11/2026 is past
  ]);
  // a window under way sorts at today: after today's meeting (it ends later), before next week's
  const both = { ...DATA, by_holder: { x: ['giao-ban', 'sau-thang'] } };
  assert.deepEqual(O.plan(CAL, both, 'x', 'sap-toi', '', today).value.slice(0, 3).map((i) => [i.rule, i.date]), [
    ['giao-ban', '2026-11-23'], ['sau-thang', '2026-07-01'], ['giao-ban', '2026-11-30']]);
});

test('events carry the citation into DESCRIPTION and build a valid calendar', () => {
  const items = O.plan(CAL, DATA, 'ttct', '2026').value;
  const events = O.events(items, 'file:///tmp/so-tay/cong-cu/lich-nghia-vu.html?holder=ttct');
  assert.equal(events[2].url, 'file:///tmp/so-tay/van-ban/x.html#dieu-4-khoan-1');
  assert.match(events[2].description, /Căn cứ: Điều 4 khoản 1/);
  assert.equal(events[0].until, '2026-06-30');
  const built = ICS.build(events, { dtstamp: '2026-11-23T10:00:00Z', name: 'Lịch' });
  assert.equal(built.value.match(/BEGIN:VEVENT/g).length, 3);
  assert.match(built.value, /DTSTART;VALUE=DATE:20261116\r\nDTEND;VALUE=DATE:20261117/);
  assert.match(built.value, /DTSTART;VALUE=DATE:20260102\r\nDTEND;VALUE=DATE:20260701/);
});

test('warnings only for the years shown', () => {
  const r = O.plan(CAL, DATA, 'ttct', '2026');
  assert.deepEqual(r.warnings.filter((w) => /20(2[7-9]|[3-9]\d)/.test(w)), []);
  const later = O.plan(CAL, DATA, 'ttct', '2028');
  assert.ok(later.warnings.some((w) => w.includes('2028')));
  assert.ok(!later.warnings.some((w) => w.includes('2029')));
});

test('a document filter keeps only the rules citing that document', () => {
  const data = structuredClone(DATA);
  data.rules['giua-quy-iv'].document = 'qc-b';
  for (const id of ['sau-thang', 'cuoi-nhiem-ky', 'giao-ban', 'thong-tin']) data.rules[id].document = 'qc-a';
  assert.deepEqual(O.documentsOf(data, 'ttct'), ['qc-a', 'qc-b']);
  assert.deepEqual(O.documentsOf(data, 'thuong-truc'), ['qc-a']);
  assert.deepEqual(O.plan(CAL, data, 'ttct', '2026', 'qc-b').value.map((i) => i.rule), ['giua-quy-iv']);
  assert.equal(O.plan(CAL, data, 'ttct', '2026', '').value.length, 3);
  assert.deepEqual(O.plan(CAL, data, 'ttct', '2026', 'qc-c').value, []);
});

test('one document by default: the holder\'s own regulation, never a model regulation; merging says so', () => {
  const data = structuredClone(DATA);
  data.documents = [{ id: 'qc-xa', label: 'Quy chế làm việc của Đảng bộ xã', template: false },
    { id: 'qc-mau', label: 'Quy chế làm việc mẫu', template: true }];
  data.rules['btv-mau'] = { title: 'Họp Ban Thường vụ', summary: '', rule: { type: 'monthly' }, cites: cite('Điều 14 khoản 1, Quy chế làm việc mẫu'), text: '', document: 'qc-mau' };
  data.rules['btv-xa'] = { title: 'Họp Ban Thường vụ', summary: '', rule: { type: 'month-end' }, cites: cite('Điều 11 khoản 1, Quy chế xã'), text: '', document: 'qc-xa' };
  data.by_holder.btv = ['btv-mau', 'btv-xa'];
  data.holders.push({ id: 'btv', label: 'Ban Thường vụ', kind: 'body', default_document: 'qc-xa' });
  assert.equal(O.defaultDocument(data, 'btv'), 'qc-xa');
  const own = O.plan(CAL, data, 'btv', '2026', O.defaultDocument(data, 'btv'));
  assert.equal(own.value.length, 12); // one meeting a month, not two
  assert.ok(own.value.every((i) => i.document === 'qc-xa' && i.document_label === 'Quy chế làm việc của Đảng bộ xã'));
  assert.deepEqual(own.documents, ['qc-xa']);
  assert.ok(!own.warnings.some((w) => /gộp/.test(w)));
  assert.equal(own.value[0].date, '2026-01-30'); // cuối tháng 1: 31/01 is a Saturday → earlier, still January
  const merged = O.plan(CAL, data, 'btv', '2026', '');
  assert.equal(merged.value.length, 24);
  assert.match(merged.warnings[0], /gộp việc định kỳ của 2 văn bản khác nhau/);
  assert.match(merged.warnings[0], /Quy chế làm việc mẫu/);
  assert.match(O.events(merged.value)[0].description, /Theo: Quy chế/);
});

test('an approximate date is marked as such in the calendar and its export', () => {
  const data = structuredClone(DATA);
  data.rules['giua-quy-iv'].rule = { type: 'yearly-date', month: 11, day: 15, approx: 'giữa Quý IV' };
  const item = O.plan(CAL, data, 'ttct', '2026').value.find((i) => i.rule === 'giua-quy-iv');
  assert.equal(item.approx, 'giữa Quý IV');
  assert.match(O.events([item])[0].description, /không phải hạn chót/);
});

test('a holder or rule id named like an Object.prototype member is data, not a crash', () => {
  // ?holder=constructor in the URL, and an island whose ids collide with prototype names
  for (const holder of ['constructor', '__proto__', 'toString']) {
    const r = O.plan(CAL, DATA, holder, '2026');
    assert.equal(r.value, null, holder);
    assert.match(r.error, /Không có chức danh, cơ quan/);
    assert.deepEqual(O.documentsOf(DATA, holder), []);
  }
  const data = JSON.parse(JSON.stringify({
    ...DATA,
    by_holder: { constructor: ['giao-ban', 'toString'] }, // "toString" is not a rule of the island
  }));
  const r = O.plan(CAL, data, 'constructor', '2026');
  assert.equal(r.value.length, 51);
  assert.deepEqual(r.undated, []);
});
