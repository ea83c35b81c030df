/* Sổ tay Quy chế — page chrome on every page, in place of Material's 113 KB bundle:
 * the light/dark toggle, the A−/A+ text size (remembered in localStorage, works
 * under file://) and, on served pages only (never file://, where service workers
 * do not exist), the installable offline app: manifest, service worker at the
 * site root (sw.js, written by generator/publish/offline.py) and the Vietnamese prompt
 * "Tải toàn bộ để đọc offline" with a progress bar.
 * Pure helpers first (globalThis.Sotay.ui, module.exports for node tests), then
 * the DOM layer, which only runs in a browser. One file: on slow 3G every extra
 * request costs a round trip of ~2 s.
 */
(function (root) {
  "use strict";

  // Reading sizes, as factors of the phone text size (index 1 = default).
  var TEXT_STEPS = [0.9, 1, 1.15, 1.3, 1.5];
  var TEXT_DEFAULT = 1;

  /** Clamp a stored step (string, number or junk) to a valid index. */
  function textStep(stored) {
    var n = parseInt(stored, 10);
    if (isNaN(n)) return TEXT_DEFAULT;
    return Math.max(0, Math.min(TEXT_STEPS.length - 1, n));
  }

  /** The step after pressing A− (delta -1) or A+ (delta +1). */
  function nextTextStep(stored, delta) {
    return textStep(textStep(stored) + delta);
  }

  /** Index of the palette to use: the stored one, else the one whose media matches. */
  function paletteIndex(stored, mediaMatches) {
    if (stored && typeof stored.index === "number" && stored.index >= 0 && stored.index < mediaMatches.length) {
      return stored.index;
    }
    var i = mediaMatches.indexOf(true);
    return i < 0 ? 0 : i;
  }

  /** "4,2 MB" — Vietnamese decimal comma. */
  function megabytes(bytes) {
    var mb = bytes / (1024 * 1024);
    return (mb < 10 ? mb.toFixed(1) : String(Math.round(mb))).replace(".", ",") + " MB";
  }

  /** Label of the progress line: "Đang tải 12/240 tệp (5%)". */
  function progressText(done, total) {
    var pct = total ? Math.floor((100 * done) / total) : 100;
    return "Đang tải " + done + "/" + total + " tệp (" + pct + "%)";
  }

  /**
   * The offer of the offline bar, from the worker's status: the whole handbook,
   * or (a handbook of several communes) the shared part with the reader's commune.
   */
  function offerText(status) {
    var size = " (khoảng " + megabytes(status.bytes) + ", một lần).";
    if (status.unitName) return "Tải phần chung và " + status.unitName + " để đọc offline" + size;
    if (status.hasUnits) return "Tải phần chung (văn bản Trung ương, tỉnh; vai trò; bài học) để đọc offline" + size;
    return "Tải toàn bộ để đọc offline" + size;
  }

  /** The line once the download is complete. */
  function doneText(unitName) {
    return unitName
      ? "Đã tải xong phần chung và " + unitName + ": đọc được cả khi không có mạng."
      : "Đã tải xong: sổ tay đọc được cả khi không có mạng.";
  }

  var api = {
    offerText: offerText,
    doneText: doneText,
    TEXT_STEPS: TEXT_STEPS,
    textStep: textStep,
    nextTextStep: nextTextStep,
    paletteIndex: paletteIndex,
    megabytes: megabytes,
    progressText: progressText,
  };
  root.Sotay = root.Sotay || {};
  root.Sotay.ui = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  var STORE_TEXT = "sotay.text";
  var STORE_OFFLINE_LATER = "sotay.offline.later";
  var STORE_UNIT = "sotay.don-vi"; // the unit picked on the search page (search.js)
  var script = document.currentScript;

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  /* Light/dark toggle: Material's radio inputs and labels (partials/palette.html). */
  function wirePalette() {
    var form = document.querySelector("[data-md-component=palette]");
    if (!form) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
    var stored = typeof __md_get === "function" ? __md_get("__palette") : null;
    var matches = inputs.map(function (input) {
      var media = input.getAttribute("data-md-color-media");
      return !!(media && window.matchMedia && matchMedia(media).matches);
    });
    function apply(index, remember) {
      var input = inputs[index];
      if (!input) return;
      input.checked = true;
      // Show only the label after the checked input: it switches to the next palette.
      inputs.forEach(function (other) {
        var label = other.nextElementSibling;
        if (label && label.tagName === "LABEL") label.hidden = other !== input;
      });
      var color = {};
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        color[key] = input.getAttribute("data-md-color-" + key);
        if (key !== "media") document.body.setAttribute("data-md-color-" + key, color[key]);
      });
      if (remember && typeof __md_set === "function") __md_set("__palette", { index: index, color: color });
    }
    apply(paletteIndex(stored, matches), false);
    form.addEventListener("change", function () {
      apply(inputs.findIndex(function (input) { return input.checked; }), true);
    });
    // The radios are 0×0 and a radio only follows the arrow keys: Enter and Space
    // switch to the next palette too, like pressing the visible button.
    form.addEventListener("keydown", function (event) {
      var current = inputs.indexOf(event.target);
      if (current < 0 || (event.key !== "Enter" && event.key !== " ")) return;
      event.preventDefault();
      var next = (current + 1) % inputs.length;
      apply(next, true);
      inputs[next].focus();
    });
  }

  /* A−/A+: injected next to the palette toggle; the step is applied in <head>
     (overrides/main.html) before the first paint, so no layout shift. */
  function wireTextSize() {
    var nav = document.querySelector(".md-header__inner");
    if (!nav || nav.querySelector("[data-sotay-textsize]")) return;
    var group = document.createElement("div");
    group.className = "sotay-textsize";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Cỡ chữ");
    group.setAttribute("data-sotay-textsize", "");
    [[-1, "A−", "A−: chữ nhỏ hơn"], [1, "A+", "A+: chữ lớn hơn"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sotay-textsize__button md-header__button";
      button.textContent = spec[1];
      button.title = spec[2];
      button.setAttribute("aria-label", spec[2]);
      button.addEventListener("click", function () {
        var step = nextTextStep(load(STORE_TEXT), spec[0]);
        save(STORE_TEXT, String(step));
        document.documentElement.setAttribute("data-sotay-text", String(step));
        update();
      });
      group.appendChild(button);
    });
    function update() {
      var step = textStep(load(STORE_TEXT));
      group.children[0].disabled = step === 0;
      group.children[1].disabled = step === TEXT_STEPS.length - 1;
    }
    update();
    var anchor = nav.querySelector("[data-md-component=palette]") || nav.querySelector("[data-sotay-header-search]");
    nav.insertBefore(group, anchor);
  }

  /* Served mode only: manifest, service worker, offline prompt. */
  function wireOfflineApp() {
    if (!/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator) || !script) return;
    var root = new URL("../../", script.src);
    var manifest = document.createElement("link");
    manifest.rel = "manifest";
    manifest.href = new URL("manifest.webmanifest", root).href;
    document.head.appendChild(manifest);
    navigator.serviceWorker.addEventListener("message", function (event) { onWorkerMessage(event.data || {}); });
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.href })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) { registration.active.postMessage({ type: "status", unit: offlineUnit() }); })
      .catch(function () { /* no offline app: the site still works online */ });
  }

  /** The reader's commune: the one of this page (its header search box says it), else the one picked on the search page. */
  function offlineUnit() {
    var field = document.querySelector('[data-sotay-header-search] input[name="don-vi"]');
    return (field && field.value) || load(STORE_UNIT) || null;
  }

  var bar = null;
  var offeredUnitName = null;
  function promptBar() {
    if (bar) return bar;
    bar = document.createElement("div");
    bar.className = "sotay-offline";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Đọc offline");
    bar.setAttribute("data-sotay-offline-bar", "");
    bar.innerHTML =
      '<p class="sotay-offline__text" aria-live="polite"></p>' +
      '<progress class="sotay-offline__progress" max="100" value="0" hidden></progress>' +
      '<div class="sotay-offline__actions">' +
      '<button type="button" class="sotay-button" data-sotay-offline-accept>Tải về</button>' +
      '<button type="button" class="sotay-button sotay-button--plain" data-sotay-offline-later>Để sau</button>' +
      "</div>";
    bar.querySelector("[data-sotay-offline-accept]").addEventListener("click", function () {
      bar.querySelector(".sotay-offline__actions").hidden = true;
      bar.querySelector("progress").hidden = false;
      setText(progressText(0, 1));
      navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({ type: "cache-all", unit: offlineUnit() });
      });
    });
    bar.querySelector("[data-sotay-offline-later]").addEventListener("click", function () {
      save(STORE_OFFLINE_LATER, "1");
      removeBar();
    });
    document.body.appendChild(bar);
    reserveSpace();
    return bar;
  }
  // Other floating controls (article-nav.js) sit above the bar: --sotay-bottom-bar.
  function reserveSpace() {
    document.documentElement.style.setProperty("--sotay-bottom-bar", bar ? bar.offsetHeight + 8 + "px" : "0px");
  }
  function removeBar() {
    if (bar) bar.remove();
    bar = null;
    reserveSpace();
  }
  function setText(text) {
    promptBar().querySelector(".sotay-offline__text").textContent = text;
    reserveSpace();
  }

  function onWorkerMessage(msg) {
    if (msg.type === "status") {
      document.documentElement.setAttribute("data-sotay-offline", msg.complete ? "ready" : "none");
      // not over search results: the offer waits for the next page
      if (!msg.complete && !load(STORE_OFFLINE_LATER) && !document.querySelector("[data-sotay-search]")) {
        offeredUnitName = msg.unitName;
        setText(offerText(msg));
      }
    } else if (msg.type === "progress") {
      setText(progressText(msg.done, msg.total));
      promptBar().querySelector("progress").value = msg.total ? Math.floor((100 * msg.done) / msg.total) : 100;
    } else if (msg.type === "done") {
      document.documentElement.setAttribute("data-sotay-offline", "ready");
      setText(doneText(offeredUnitName));
      promptBar().querySelector("progress").hidden = true;
      setTimeout(removeBar, 5000);
    } else if (msg.type === "failed") {
      setText("Chưa tải được (" + msg.done + "/" + msg.total + " tệp). Kiểm tra mạng rồi thử lại.");
      promptBar().querySelector(".sotay-offline__actions").hidden = false;
    }
  }

  wirePalette();
  wireTextSize();
  wireOfflineApp();
})(typeof globalThis !== "undefined" ? globalThis : this);

/* Printing: every <details> (inherited duties, legal bases, …) prints open — paper has no
 * tap to expand — and closes again afterwards. `openAll` is pure over objects with `open`. */
(function (root) {
  "use strict";
  function openAll(details) {
    var opened = [];
    for (var i = 0; i < details.length; i++) {
      if (!details[i].open) {
        details[i].open = true;
        opened.push(details[i]);
      }
    }
    return function restore() {
      opened.forEach(function (d) { d.open = false; });
    };
  }
  if (typeof module !== "undefined" && module.exports) module.exports.openAllDetails = openAll;
  if (typeof document === "undefined" || !root.addEventListener) return;
  var restore = null;
  root.addEventListener("beforeprint", function () {
    if (!restore) restore = openAll(document.querySelectorAll("details"));
  });
  root.addEventListener("afterprint", function () {
    if (restore) restore();
    restore = null;
  });
})(typeof globalThis !== "undefined" ? globalThis : this);
