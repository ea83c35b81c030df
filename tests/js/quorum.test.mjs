// Unit tests for overrides/assets/sotay/quorum.js (pure core, no DOM).
// The cases in fixtures/quorum-cases.json are shared with the Python quiz
// arithmetic (generator/link/quiz.py `needed`): the two must give the same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { prng } from './support/prng.mjs';

const require = createRequire(import.meta.url);
const SRC = new URL('../../overrides/assets/sotay/quorum.js', import.meta.url);
const Q = require(SRC.pathname);
const VECTORS = JSON.parse(readFileSync(new URL('./fixtures/quorum-cases.json', import.meta.url), 'utf8'));

for (const c of VECTORS.cases) {
  test(`needed(${c.members}, ${c.fraction}, ${c.op}) = ${c.needed}: ${c.why}`, () => {
    const f = Q.parseFraction(c.fraction);
    assert.equal(Q.needed(c.members, f.a, f.b, c.op), c.needed);
    const r = c.op === '>=' ? Q.quorum(c.members, c.fraction, c.op) : Q.majority(c.members, c.fraction, c.op);
    assert.equal(r.value, c.needed, r.explanation.join('\n'));
    assert.equal(Q.quorum(String(c.members), c.fraction, c.op).value, c.needed); // a form's text
  });
}

for (const c of VECTORS.invalid) {
  test(`members ${JSON.stringify(c.members)} is refused in words`, () => {
    for (const r of [Q.quorum(c.members, '2/3'), Q.majority(c.members, '1/2')]) {
      assert.equal(r.value, null);
      assert.ok(r.error.includes(c.message), r.error);
      assert.deepEqual(r.explanation, [r.error]);
    }
  });
}

test('a 20-digit count is refused, never rounded into a huge "result"', () => {
  const r = Q.quorum('12345678901234567890', '2/3');
  assert.equal(r.value, null);
  assert.match(r.error, /^Số thành viên quá lớn: 12345678901234567890 \(cần một số nguyên từ 1 đến 1000\)\.$/);
  assert.equal(Q.quorum('0001000', '2/3').value, 667); // leading zeros are still the number
});

test('defaults: quorum is "ít nhất 2/3", majority is "quá 1/2"', () => {
  assert.equal(Q.quorum(16).value, 11);
  assert.equal(Q.majority(16).value, 9);
});

test('bad fraction or operator: an error, not a throw', () => {
  for (const r of [Q.quorum(10, '3/2'), Q.quorum(10, '0/2'), Q.quorum(10, 'hai phần ba'), Q.majority(10, '1/2', '==')]) {
    assert.equal(r.value, null);
    assert.equal(typeof r.error, 'string');
  }
});

test('the explanation shows the arithmetic with a decimal comma', () => {
  assert.deepEqual(Q.quorum(16, '2/3').explanation,
    ['Ít nhất 2/3 của 16: 16 × 2/3 = 10,67, làm tròn lên → cần tối thiểu 11 thành viên có mặt.']);
  assert.deepEqual(Q.majority(16, '1/2').explanation,
    ['Quá (hơn) 1/2 của 16: 16 × 1/2 = 8 → phải lớn hơn 8, tức tối thiểu 9 phiếu tán thành.']);
});

test('property: quorum and majority are the smallest counts meeting the threshold', () => {
  const rnd = prng(11);
  for (let i = 0; i < 500; i++) {
    const m = 1 + Math.floor(rnd() * Q.MAX_MEMBERS);
    const b = 1 + Math.floor(rnd() * 5);
    const a = 1 + Math.floor(rnd() * b);
    const q = Q.quorum(m, `${a}/${b}`).value;
    assert.ok(q * b >= m * a && (q - 1) * b < m * a, `quorum ${m} ${a}/${b}`);
    const v = Q.majority(m, `${a}/${b}`).value;
    assert.ok(v * b > m * a && (v - 1) * b <= m * a, `majority ${m} ${a}/${b}`);
  }
});

test('loads as a classic script and attaches globalThis.Sotay.quorum', () => {
  const ctx = {};
  vm.runInNewContext(readFileSync(SRC, 'utf8'), ctx);
  assert.equal(ctx.Sotay.quorum.quorum(15, '2/3').value, 10);
});
