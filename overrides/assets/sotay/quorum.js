/*
 * Sổ tay Quy chế — quorum and majority counts: the pure core (no DOM, no deps).
 *
 * Same loading pattern as checklist-state.js: a classic script in the page
 * (globalThis.Sotay.quorum), a CommonJS module in Node (tests/js/quorum.test.mjs).
 *
 * The one place the client does this arithmetic. Its Python twin is
 * generator/link/quiz.py `needed(members, fraction, op)` (the answers of the
 * self-check quizzes); both must agree on tests/js/fixtures/quorum-cases.json.
 *
 *   "ít nhất a/b" (op ">="): the smallest count c with c ≥ members·a/b = ceil(members·a/b)
 *   "quá a/b"     (op ">"):  the smallest count c with c > members·a/b  = floor(members·a/b) + 1
 *
 * Every public function returns {value, explanation: [câu], skipped: [], warnings: []}
 * and never throws: bad input gives {value: null, error: "<tiếng Việt>"}.
 */
(function (root) {
  'use strict';

  // A Party body (chi bộ, Ban Chấp hành, Đảng bộ xã) has at most a few hundred
  // members: past 1000 the number is a typing or URL mistake, not a body.
  var MIN_MEMBERS = 1;
  var MAX_MEMBERS = 1000;

  function fail(message) {
    return { value: null, error: message, explanation: [message], skipped: [], warnings: [] };
  }

  /** "2/3" → {a: 2, b: 3}; null unless 0 < a ≤ b. */
  function parseFraction(f) {
    var m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(String(f));
    if (!m) return null;
    var a = +m[1], b = +m[2];
    if (b === 0 || a === 0 || a > b) return null;
    return { a: a, b: b };
  }

  /** A member count from a number or a form's text: {value} or {error}. */
  function parseMembers(raw) {
    var text = typeof raw === 'string' ? raw.trim() : raw;
    var range = ' (cần một số nguyên từ ' + MIN_MEMBERS + ' đến ' + MAX_MEMBERS + ').';
    if (typeof text === 'string' && /^\d+$/.test(text)) {
      // compare the digits before parsing: a 20-digit count is not rounded into a "valid" one
      text = text.replace(/^0+(?=\d)/, '');
      if (text.length > String(MAX_MEMBERS).length || +text > MAX_MEMBERS) {
        return { error: 'Số thành viên quá lớn: ' + text + range };
      }
      text = +text;
    }
    if (typeof text !== 'number' || !isFinite(text) || Math.floor(text) !== text) {
      return { error: 'Số thành viên không hợp lệ: "' + raw + '"' + range };
    }
    if (text < MIN_MEMBERS) return { error: 'Số thành viên phải từ ' + MIN_MEMBERS + ' trở lên: ' + text + '.' };
    if (text > MAX_MEMBERS) return { error: 'Số thành viên quá lớn: ' + text + range };
    return { value: text };
  }

  /** The smallest whole count meeting `count op members·a/b` (exact integer arithmetic). */
  function needed(members, a, b, op) {
    var product = members * a;
    var whole = (product - (product % b)) / b;
    if (op === '>') return whole + 1;
    return product % b === 0 ? whole : whole + 1;
  }

  function decimal(x) {
    var r = Math.round(x * 100) / 100;
    return String(r).replace('.', ',');
  }

  function threshold(members, fraction, op, noun) {
    var m = parseMembers(members);
    if (m.error) return fail(m.error);
    var f = parseFraction(fraction);
    if (!f) return fail('Tỉ lệ không hợp lệ: "' + fraction + '" (ví dụ 2/3, 1/2).');
    if (op !== '>' && op !== '>=') return fail('Phép so sánh không hợp lệ: "' + op + '" (">" hoặc ">=").');
    var n = m.value;
    var value = needed(n, f.a, f.b, op);
    var exact = (n * f.a) % f.b === 0;
    var share = n + ' × ' + f.a + '/' + f.b + ' = ' + decimal((n * f.a) / f.b);
    var text;
    if (op === '>=') {
      text = 'Ít nhất ' + f.a + '/' + f.b + ' của ' + n + ': ' + share +
        (exact ? '' : ', làm tròn lên') + ' → cần tối thiểu ' + value + ' ' + noun + '.';
    } else {
      text = 'Quá (hơn) ' + f.a + '/' + f.b + ' của ' + n + ': ' + share + ' → phải lớn hơn ' + decimal((n * f.a) / f.b) +
        ', tức tối thiểu ' + value + ' ' + noun + '.';
    }
    return { value: value, explanation: [text], skipped: [], warnings: [] };
  }

  /** Minimum attendance: "ít nhất a/b" → ceil(members·a/b) (op ">=" default). */
  function quorum(members, fraction, op) {
    return threshold(members, fraction || '2/3', op || '>=', 'thành viên có mặt');
  }

  /** Minimum votes: "quá a/b" → floor(members·a/b) + 1 (op ">" default). */
  function majority(members, fraction, op) {
    return threshold(members, fraction || '1/2', op || '>', 'phiếu tán thành');
  }

  var api = {
    MIN_MEMBERS: MIN_MEMBERS,
    MAX_MEMBERS: MAX_MEMBERS,
    parseFraction: parseFraction,
    parseMembers: parseMembers,
    needed: needed,
    quorum: quorum,
    majority: majority
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.quorum = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
