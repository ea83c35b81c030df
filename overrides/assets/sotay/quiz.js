/*
 * Sổ tay Quy chế — self-check quiz (on-tap/<id>.html).
 *
 * Classic script (no type=module: blocked under file://), after dom.js. The pure core —
 * `answer`, `score`, `verdict`, `letter` — takes plain data and returns plain
 * data; `node --test tests/js/quiz.test.mjs` loads it through the guarded
 * module.exports. The DOM layer (`mount`) only wires the radio buttons of
 * <form data-sotay-quiz> to the core, using the answer key in the JSON island
 * <script id="sotay-quiz-key"> ({questionId: index of the right option}).
 * Nothing is stored: a quiz is a classroom exercise, "Làm lại" starts over.
 */
(function (root) {
  'use strict';

  var LETTERS = 'ABCDEFGH';

  function hasOwn(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function letter(index) {
    return LETTERS.charAt(index) || String(index + 1);
  }

  /**
   * Record a choice: the first answer to a question counts (returns a new state).
   * `chosen` has no prototype: a question id "constructor" or "__proto__" is data.
   */
  function answer(state, key, questionId, choice) {
    var chosen = Object.assign(Object.create(null), state && state.chosen);
    if (!hasOwn(key, questionId)) return { chosen: chosen };
    if (hasOwn(chosen, questionId)) return { chosen: chosen };
    var n = Number(choice);
    if (!Number.isInteger(n) || n < 0) return { chosen: chosen };
    chosen[questionId] = n;
    return { chosen: chosen };
  }

  /** {answered, correct, total, percent, done} for a state against the key. */
  function score(state, key) {
    var ids = Object.keys(key);
    var chosen = (state && state.chosen) || {};
    var answered = 0;
    var correct = 0;
    ids.forEach(function (id) {
      if (!hasOwn(chosen, id)) return;
      answered += 1;
      if (chosen[id] === key[id]) correct += 1;
    });
    var total = ids.length;
    return {
      answered: answered, correct: correct, total: total,
      percent: total ? Math.round((100 * correct) / total) : 0,
      done: total > 0 && answered === total,
    };
  }

  /** Vietnamese feedback line for one answered question. */
  function verdict(chosenIndex, rightIndex, rightText) {
    if (chosenIndex === rightIndex) return { ok: true, text: 'Đúng.' };
    return { ok: false, text: 'Chưa đúng. Đáp án đúng: ' + letter(rightIndex) + '. ' + (rightText || '') };
  }

  /** The score line shown under the quiz. */
  function scoreText(s) {
    var line = 'Đã trả lời ' + s.answered + '/' + s.total + ' câu · đúng ' + s.correct + '.';
    if (s.done) line += ' Kết quả: ' + s.correct + '/' + s.total + ' (' + s.percent + '%).';
    return line;
  }

  var api = { letter: letter, answer: answer, score: score, verdict: verdict, scoreText: scoreText };

  // --- DOM layer --------------------------------------------------------------------

  function mount(doc) {
    var form = doc.querySelector('form[data-sotay-quiz]');
    var key = form && root.Sotay.dom ? root.Sotay.dom.island('sotay-quiz-key') : null;
    if (!key) return;
    var state = { chosen: {} };
    var scoreEl = form.querySelector('[data-score]');

    function optionText(item, index) {
      var input = item.querySelector('input[value="' + index + '"]');
      var span = input && input.parentNode.querySelector('span');
      return span ? span.textContent.replace(/^[A-H]\.\s*/, '') : '';
    }

    function show(item, id) {
      var chosen = state.chosen[id];
      var right = key[id];
      var result = verdict(chosen, right, optionText(item, right));
      item.querySelectorAll('input').forEach(function (input) {
        var label = input.parentNode;
        var value = Number(input.value);
        input.disabled = true;
        label.classList.toggle('is-correct', value === right);
        label.classList.toggle('is-wrong', value === chosen && value !== right);
      });
      var feedback = item.querySelector('.sotay-feedback');
      feedback.querySelector('[data-verdict]').textContent = result.text;
      feedback.hidden = false;
    }

    form.addEventListener('change', function (event) {
      var input = event.target;
      if (!input || input.type !== 'radio') return;
      var item = input.closest('[data-question]');
      var id = item && item.getAttribute('data-question');
      state = answer(state, key, id, input.value);
      if (hasOwn(state.chosen, id)) show(item, id);
      if (scoreEl) scoreEl.textContent = scoreText(score(state, key));
    });

    form.addEventListener('reset', function () {
      state = { chosen: {} };
      form.querySelectorAll('[data-question]').forEach(function (item) {
        item.querySelectorAll('input').forEach(function (input) {
          input.disabled = false;
          input.parentNode.classList.remove('is-correct', 'is-wrong');
        });
        item.querySelector('.sotay-feedback').hidden = true;
      });
      if (scoreEl) scoreEl.textContent = scoreText(score(state, key));
    });
  }

  api.mount = mount;

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.Sotay = root.Sotay || {};
    root.Sotay.quiz = api;
    if (root.document) {
      if (root.document.readyState === 'loading') {
        root.document.addEventListener('DOMContentLoaded', function () { mount(root.document); });
      } else {
        mount(root.document);
      }
    }
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
