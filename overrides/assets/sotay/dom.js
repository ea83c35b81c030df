/*
 * Sổ tay Quy chế — the DOM helpers the page scripts share. Load it before them
 * (the pages' script lists put it first).
 *
 * Same loading pattern as checklist-state.js: a classic script in the page
 * (globalThis.Sotay.dom), a CommonJS module in Node, where the pure helpers
 * (todayIso, siteRootOf, storageScope) are tested (tests/js/dom.test.mjs).
 *
 *   island(idOrElement)        the JSON of <script type="application/json" id=…>, or null
 *   download(name, text, type) saves text as a file (Blob + <a download>; works from file://)
 *   todayIso(now?)             the reader's calendar day "YYYY-MM-DD" (local time, not UTC)
 *   siteRoot()                 the handbook's root URL, found from this script's own address
 *   storageScope()             what localStorage keys of this handbook carry (see storageScope)
 */
(function (root) {
  'use strict';

  var OWN_PATH = 'assets/sotay/dom.js';

  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }

  /**
   * The reader's calendar day, "YYYY-MM-DD", from `now` (a Date; new Date() when
   * left out, tests pass a fixed one). Local time, not UTC: at 6 a.m. in Hà Nội
   * (UTC+7) the UTC date is still yesterday. null for anything but a valid Date.
   */
  function todayIso(now) {
    if (now === undefined) now = new Date();
    if (!(now instanceof Date) || isNaN(now.getTime())) return null;
    return pad(now.getFullYear(), 4) + '-' + pad(now.getMonth() + 1, 2) + '-' + pad(now.getDate(), 2);
  }

  /**
   * The site root from the address of this script: ".../assets/sotay/dom.js" →
   * ".../"; a script elsewhere (a test page) → its folder. Query and fragment dropped.
   */
  function siteRootOf(scriptUrl) {
    var url = String(scriptUrl || '').split('#')[0].split('?')[0];
    if (url.slice(-OWN_PATH.length - 1) === '/' + OWN_PATH) return url.slice(0, -OWN_PATH.length);
    return url.slice(0, url.lastIndexOf('/') + 1);
  }

  /**
   * The part of a localStorage key that tells one handbook from another.
   *
   * Under file:// every page of every handbook on the PC shares one origin, so
   * two handbooks unpacked in two folders would share their checklist ticks:
   * the scope is the handbook's root folder ("file:///C:/Users/an/so-tay-quy-che/").
   * Served, the origin already keeps sites apart; the root path
   * ("/", "/xa-a/") still keeps apart two handbooks under one host.
   * Kept: a rebuilt or newer version unpacked over the old one (same folder) or
   * served at the same address has the same scope, so its ticks stay.
   * Not kept: a new version unpacked into another folder starts a new scope
   * (the old folder's ticks stay in storage, and "Lưu đánh dấu, ghi chú thành
   * tệp" / "Mở tệp đánh dấu đã lưu" carry them across).
   * The build exposes no handbook id that would survive a move; the folder is
   * the one thing that tells two bundles apart without a change to the build.
   */
  function storageScope(rootUrl) {
    var url = String(rootUrl || '');
    if (/^file:/i.test(url)) return url;
    var m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(url);
    return m ? m[1] || '/' : url;
  }

  // --- DOM layer (browser only) -----------------------------------------------------

  var doc = root.document;
  var script = doc && doc.currentScript;
  var ownRoot = siteRootOf(script && script.src ? script.src : doc ? String(root.location && root.location.href) : '');

  function siteRoot() {
    return ownRoot;
  }

  /** The parsed JSON island (an element or its id), or null when missing or broken. */
  function island(idOrElement) {
    var el = typeof idOrElement === 'string' ? doc && doc.getElementById(idOrElement) : idOrElement;
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  /** Save `text` as a file named `filename` (type e.g. "application/json", "text/calendar"). */
  function download(filename, text, type) {
    var blob = new Blob([text], { type: (type || 'text/plain') + ';charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var a = doc.createElement('a');
    a.href = url;
    a.download = filename;
    doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  var api = {
    todayIso: todayIso,
    siteRootOf: siteRootOf,
    storageScope: function (rootUrl) { return storageScope(rootUrl === undefined ? siteRoot() : rootUrl); },
    siteRoot: siteRoot,
    island: island,
    download: download
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.dom = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
