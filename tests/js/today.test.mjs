// "Today" in the calculators and the obligations calendar: the reader's own
// calendar day, injected as a Date — never the real clock.
// Vietnam is UTC+7: at 06:30 in Hà Nội on 23/11 the UTC date is still 22/11.
process.env.TZ = 'Asia/Ho_Chi_Minh'; // this file runs in its own process (node --test)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const W = require('../../overrides/assets/sotay/workdays.js');
const D = require('../../overrides/assets/sotay/dom.js');

test('todayIso is the local calendar day, not the UTC one', () => {
  const early = new Date('2026-11-22T23:30:00Z'); // 06:30 on 23/11 in Hà Nội
  assert.equal(early.toISOString().slice(0, 10), '2026-11-22');
  assert.equal(D.todayIso(early), '2026-11-23');
  assert.equal(D.todayIso(new Date('2026-12-31T16:59:00Z')), '2026-12-31'); // 23:59 local
  assert.equal(D.todayIso(new Date('2026-12-31T17:00:00Z')), '2027-01-01'); // midnight local
  assert.equal(D.todayIso(new Date('x')), null);
  assert.equal(D.todayIso('2026-11-23'), null);
  assert.match(D.todayIso(), /^\d{4}-\d{2}-\d{2}$/); // no argument: the clock
});

test('a field opens on the URL value, else today when marked so, else empty', () => {
  assert.equal(W.openingValue('2026-02-10', 'today', '2026-11-23'), '2026-02-10'); // ?start= shared link wins
  assert.equal(W.openingValue(null, 'today', '2026-11-23'), '2026-11-23');
  assert.equal(W.openingValue('', 'today', '2026-11-23'), '2026-11-23');
  assert.equal(W.openingValue(null, null, '2026-11-23'), ''); // e.g. the meeting date: never guessed
  assert.equal(W.openingValue('7', null, '2026-11-23'), '7');
  assert.equal(W.openingValue(null, 'today', null), '');
});

test('opened on a Tuesday, the weekly meeting shows next Monday first', () => {
  const today = D.todayIso(new Date('2026-11-24T01:00:00Z')); // Tuesday 24/11, 08:00 local
  const r = W.nextOccurrences(null, { type: 'weekly', weekday: 1 }, today, 2);
  assert.deepEqual(r.value, ['2026-11-30', '2026-12-07']); // this week's Monday is past
});
