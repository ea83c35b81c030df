// Unit tests for overrides/assets/sotay/quiz.js (pure scoring core, no DOM).
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const SRC = new URL('../../overrides/assets/sotay/quiz.js', import.meta.url);
const Q = require(SRC.pathname);

const KEY = { 'ty-le-quorum': 2, 'so-ngay-7': 0, 'ai-bi-thu': 3 };

test('letters A, B, C …', () => {
  assert.equal(Q.letter(0), 'A');
  assert.equal(Q.letter(3), 'D');
});

test('empty state scores nothing', () => {
  assert.deepEqual(Q.score({ chosen: {} }, KEY), { answered: 0, correct: 0, total: 3, percent: 0, done: false });
});

test('the first answer counts; changing it later does not', () => {
  let s = Q.answer({ chosen: {} }, KEY, 'ty-le-quorum', '1');
  s = Q.answer(s, KEY, 'ty-le-quorum', '2');
  assert.deepEqual({ ...s.chosen }, { 'ty-le-quorum': 1 });
  assert.equal(Q.score(s, KEY).correct, 0);
});

test('answer does not mutate the previous state', () => {
  const before = { chosen: {} };
  Q.answer(before, KEY, 'so-ngay-7', '0');
  assert.deepEqual(before, { chosen: {} });
});

test('unknown questions and bad choices are ignored', () => {
  let s = Q.answer({ chosen: {} }, KEY, 'khong-co', '0');
  s = Q.answer(s, KEY, 'so-ngay-7', 'abc');
  s = Q.answer(s, KEY, 'so-ngay-7', '-1');
  assert.deepEqual({ ...s.chosen }, {});
});

test('full score and percent when every answer is right', () => {
  let s = { chosen: {} };
  for (const [id, right] of Object.entries(KEY)) s = Q.answer(s, KEY, id, String(right));
  assert.deepEqual(Q.score(s, KEY), { answered: 3, correct: 3, total: 3, percent: 100, done: true });
  assert.match(Q.scoreText(Q.score(s, KEY)), /Kết quả: 3\/3 \(100%\)/);
});

test('percent rounds: 2 of 3 → 67%', () => {
  let s = { chosen: {} };
  s = Q.answer(s, KEY, 'ty-le-quorum', '2');
  s = Q.answer(s, KEY, 'so-ngay-7', '0');
  s = Q.answer(s, KEY, 'ai-bi-thu', '0');
  assert.equal(Q.score(s, KEY).percent, 67);
});

test('verdict names the right option when wrong', () => {
  assert.deepEqual(Q.verdict(1, 1, 'x'), { ok: true, text: 'Đúng.' });
  assert.deepEqual(Q.verdict(0, 2, '10'), { ok: false, text: 'Chưa đúng. Đáp án đúng: C. 10' });
});

test('classic-script path attaches Sotay.quiz without a DOM', () => {
  const context = {};
  vm.runInNewContext(readFileSync(SRC, 'utf8'), context);
  assert.equal(typeof context.Sotay.quiz.score, 'function');
});

test('question ids named like Object.prototype members are ordinary questions', () => {
  // The key comes from a JSON island: JSON.parse makes "__proto__" an own property.
  const key = JSON.parse('{"constructor": 1, "__proto__": 2, "toString": 0}');
  let s = { chosen: {} };
  assert.equal(Q.score(s, key).answered, 0);
  s = Q.answer(s, key, 'constructor', '1');
  s = Q.answer(s, key, '__proto__', '2');
  s = Q.answer(s, key, 'toString', '3');
  s = Q.answer(s, key, '__proto__', '0'); // the first answer counts
  assert.deepEqual(Q.score(s, key), { answered: 3, correct: 2, total: 3, percent: 67, done: true });
  assert.equal(Q.answer({ chosen: {} }, { a: 0 }, 'hasOwnProperty', '0').chosen.hasOwnProperty, undefined);
});
