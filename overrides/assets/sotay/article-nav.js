/* Sổ tay Quy chế — document pages only: a small floating "↑ Về đầu Điều N" link
 * while the reader is inside an article whose heading has scrolled out of view.
 * Pure core (globalThis.Sotay.articleNav, module.exports for node tests), then
 * a thin DOM layer; loaded through the page's sotay_scripts front matter.
 */
(function (root) {
  "use strict";

  /** Index of the last heading at or above `line` (tops ascending), or -1. */
  function currentArticle(tops, line) {
    var lo = 0;
    var hi = tops.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (tops[mid] <= line) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /** "Điều 12. Chế độ …" → "Điều 12". */
  function articleLabel(text) {
    var m = /^\s*(Điều\s+[0-9]+[a-zđ]?)/i.exec(text || "");
    return m ? m[1].replace(/\s+/g, " ") : "đầu mục";
  }

  var api = { currentArticle: currentArticle, articleLabel: articleLabel };
  root.Sotay = root.Sotay || {};
  root.Sotay.articleNav = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  var headings = Array.prototype.slice.call(document.querySelectorAll("h3.sotay-article-heading[id]"));
  if (!headings.length) return;
  var link = document.createElement("a");
  link.className = "sotay-article-top";
  link.hidden = true;
  link.setAttribute("data-sotay-article-top", "");
  document.body.appendChild(link);

  var tops = [];
  var measuredHeight = -1;
  // Heading positions, again whenever the page height changed (A−/A+, details opened, fonts).
  function measure() {
    measuredHeight = document.documentElement.scrollHeight;
    tops = headings.map(function (h) { return h.getBoundingClientRect().top + window.scrollY; });
  }
  var shown = -2;
  function update() {
    pending = false;
    if (document.documentElement.scrollHeight !== measuredHeight) measure();
    var i = currentArticle(tops, window.scrollY);
    if (i === shown) return;
    shown = i;
    link.hidden = i < 0;
    if (i >= 0) {
      link.href = "#" + headings[i].id;
      link.textContent = "↑ Về đầu " + articleLabel(headings[i].textContent);
    }
  }
  var pending = false;
  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(update); }
  }
  measure();
  update();
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", function () { measure(); schedule(); });
  window.addEventListener("load", function () { measure(); schedule(); });
})(typeof globalThis !== "undefined" ? globalThis : this);
