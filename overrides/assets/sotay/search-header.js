/* Sổ tay Quy chế — header search box (every page): "/" focuses it.
 * The box itself is a plain GET form to tim-kiem.html?q=… (works without JS).
 * Classic script; listens in the capture phase so Material's own keyboard
 * handler (which would open its disabled search dialog) never sees the key.
 */
(function () {
  "use strict";

  function typingIn(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  window.addEventListener(
    "keydown",
    function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      var box = document.querySelector("[data-sotay-header-search] input[name=q]");
      if (!box) return;
      e.preventDefault();
      e.stopPropagation();
      box.focus();
      box.select();
    },
    true
  );
})();
