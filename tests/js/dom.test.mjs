// Unit tests for the pure parts of overrides/assets/sotay/dom.js (todayIso is
// in today.test.mjs, which pins the time zone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const SRC = new URL('../../overrides/assets/sotay/dom.js', import.meta.url);
const D = require(SRC.pathname);

test('the site root is found from the address of dom.js', () => {
  assert.equal(D.siteRootOf('file:///C:/Users/an/so-tay-quy-che/assets/sotay/dom.js'), 'file:///C:/Users/an/so-tay-quy-che/');
  assert.equal(D.siteRootOf('https://example.org/xa-a/assets/sotay/dom.js?v=2#x'), 'https://example.org/xa-a/');
  assert.equal(D.siteRootOf('http://127.0.0.1:8000/assets/sotay/dom.js'), 'http://127.0.0.1:8000/');
  assert.equal(D.siteRootOf('file:///tmp/harness/dom.js'), 'file:///tmp/harness/'); // a test page: its folder
});

test('two handbooks in two folders have two scopes; one handbook keeps its scope', () => {
  const a = D.storageScope('file:///home/an/Downloads/so-tay-quy-che/');
  const b = D.storageScope('file:///home/an/Desktop/so-tay-quy-che/');
  assert.notEqual(a, b);
  assert.equal(a, 'file:///home/an/Downloads/so-tay-quy-che/');
  // served: the origin already keeps sites apart, the path keeps two handbooks of one host apart
  assert.equal(D.storageScope('https://example.org/'), '/');
  assert.equal(D.storageScope('https://example.org'), '/');
  assert.equal(D.storageScope('https://example.org/xa-a/'), '/xa-a/');
  assert.notEqual(D.storageScope('https://example.org/xa-a/'), D.storageScope('https://example.org/xa-b/'));
});

test('loads as a classic script: Sotay.dom with the root of the script that loaded it', () => {
  const ctx = {
    document: { currentScript: { src: 'file:///D:/so-tay/assets/sotay/dom.js' } },
    location: { href: 'file:///D:/so-tay/danh-muc/a.html' },
  };
  vm.runInNewContext(readFileSync(SRC, 'utf8'), ctx);
  assert.equal(ctx.Sotay.dom.siteRoot(), 'file:///D:/so-tay/');
  assert.equal(ctx.Sotay.dom.storageScope(), 'file:///D:/so-tay/');
});

test('island: the parsed JSON, or null when missing or broken', () => {
  const els = { ok: { textContent: '{"a": [1]}' }, bad: { textContent: '{not json' } };
  const ctx = { document: { currentScript: null, getElementById: (id) => els[id] || null }, location: { href: 'file:///x/y.html' } };
  vm.runInNewContext(readFileSync(SRC, 'utf8'), ctx);
  const { island } = ctx.Sotay.dom;
  assert.deepEqual(JSON.parse(JSON.stringify(island('ok'))), { a: [1] });
  assert.equal(island('bad'), null);
  assert.equal(island('missing'), null);
  assert.equal(island(null), null);
  assert.deepEqual(JSON.parse(JSON.stringify(island(els.ok))), { a: [1] }); // an element works too
});
