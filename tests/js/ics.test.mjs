// Unit tests for overrides/assets/sotay/ics.js (RFC 5545 text, pure).
// Run: node --test tests/js/   (tests/test_ics_interop.py also parses the
// output with the Python `icalendar` package.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const SRC = new URL('../../overrides/assets/sotay/ics.js', import.meta.url);
const ICS = require(SRC.pathname);

const STAMP = '2026-11-23T10:00:00.000Z';
const ONE = {
  uid: 'dang-ky-quy-iv-2026@sotay',
  date: '2026-11-16',
  summary: 'Đăng ký nội dung giữa Quý IV',
  description: 'Căn cứ: Quy chế làm việc, Điều 11, khoản 2; hạn: 15/11 → 16/11/2026 (15/11 là Chủ nhật).',
  url: 'https://example.org/van-ban/qc.html#dieu-11-khoan-2',
};

const octets = (s) => Buffer.byteLength(s, 'utf8');

test('a calendar with one all-day event: CRLF, VALUE=DATE, exclusive DTEND, DTSTAMP', () => {
  const r = ICS.build([ONE], { dtstamp: STAMP, name: 'Lịch nghĩa vụ' });
  const text = r.value;
  assert.ok(text.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(text), 'every newline is CRLF');
  const unfolded = text.replace(/\r\n /g, '');
  assert.match(unfolded, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
  assert.ok(unfolded.includes('\r\nDTSTART;VALUE=DATE:20261116\r\n'));
  assert.ok(unfolded.includes('\r\nDTEND;VALUE=DATE:20261117\r\n'));
  assert.ok(unfolded.includes('\r\nDTSTAMP:20261123T100000Z\r\n'));
  assert.ok(unfolded.includes('\r\nUID:dang-ky-quy-iv-2026@sotay\r\n'));
  assert.ok(unfolded.includes('\r\nX-WR-CALNAME:Lịch nghĩa vụ\r\n'));
  assert.ok(unfolded.trimEnd().endsWith('END:VEVENT\r\nEND:VCALENDAR'));
});

test('text escaping of backslash, semicolon, comma and newlines', () => {
  assert.equal(ICS.escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
  const r = ICS.build([{ ...ONE, summary: 'Họp; bàn, chốt\nxong' }], { dtstamp: STAMP });
  assert.ok(r.value.replace(/\r\n /g, '').includes('SUMMARY:Họp\\; bàn\\, chốt\\nxong\r\n'));
});

test('lines are folded at 75 octets without splitting a UTF-8 character', () => {
  const long = 'Điều 11 khoản 2: gửi tài liệu đến các thành viên trước ít nhất hai ngày làm việc. '.repeat(6);
  const r = ICS.build([{ ...ONE, description: long + '😀 hết' }], { dtstamp: STAMP });
  for (const line of r.value.split('\r\n')) assert.ok(octets(line) <= 75, `${octets(line)}: ${line}`);
  const unfolded = r.value.replace(/\r\n /g, '');
  assert.ok(unfolded.includes('DESCRIPTION:' + ICS.escapeText(long) + '😀 hết\r\n'));
  assert.ok(!r.value.includes('\uFFFD'));
});

test('foldLine keeps short lines and folds exactly at the limit', () => {
  assert.equal(ICS.foldLine('A'.repeat(75)), 'A'.repeat(75));
  assert.equal(ICS.foldLine('A'.repeat(76)), 'A'.repeat(75) + '\r\n A');
  const folded = ICS.foldLine('đ'.repeat(40)); // 2 octets each
  assert.deepEqual(folded.split('\r\n').map(octets), [74, 7]);
});

test('a window (until) spans several days; DTEND is the day after', () => {
  const r = ICS.build([{ ...ONE, date: '2026-12-01', until: '2026-12-31' }], { dtstamp: STAMP });
  assert.ok(r.value.includes('DTSTART;VALUE=DATE:20261201') && r.value.includes('DTEND;VALUE=DATE:20270101'));
});

test('leap day and year end', () => {
  const r = ICS.build([{ ...ONE, date: '2028-02-29' }, { ...ONE, uid: 'b', date: '2026-12-31' }], { dtstamp: STAMP });
  assert.ok(r.value.includes('DTEND;VALUE=DATE:20280301') && r.value.includes('DTEND;VALUE=DATE:20270101'));
});

test('bad input returns an error object', () => {
  for (const [list, opts] of [
    [[{ ...ONE, uid: '' }], { dtstamp: STAMP }],
    [[ONE, ONE], { dtstamp: STAMP }],
    [[{ ...ONE, date: '2026-02-30' }], { dtstamp: STAMP }],
    [[{ ...ONE, until: '2026-01-01' }], { dtstamp: STAMP }],
    [[{ ...ONE, summary: '' }], { dtstamp: STAMP }],
    [[ONE], { dtstamp: 'hôm nay' }],
    ['not a list', {}],
  ]) {
    const r = ICS.build(list, opts);
    assert.equal(r.value, null);
    assert.equal(typeof r.error, 'string');
  }
});

test('filename is ASCII', () => {
  assert.equal(ICS.filename('Lịch nghĩa vụ Đảng ủy 2026'), 'lich-nghia-vu-dang-uy-2026.ics');
  assert.equal(ICS.filename(''), 'lich-nghia-vu.ics');
});

test('loads as a classic script and attaches globalThis.Sotay.ics', () => {
  const ctx = vm.createContext({});
  vm.runInContext(readFileSync(SRC, 'utf8'), ctx);
  assert.equal(typeof vm.runInContext('Sotay.ics.build', ctx), 'function');
});

test('a uid named like an Object.prototype member is not taken for a duplicate', () => {
  const r = ICS.build([{ ...ONE, uid: 'constructor' }, { ...ONE, uid: 'toString' }], { dtstamp: STAMP });
  assert.equal(r.error, undefined);
  assert.equal((r.value.match(/BEGIN:VEVENT/g) || []).length, 2);
});
