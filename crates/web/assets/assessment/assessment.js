// The self-assessment's live score: the same rules as the server (points per answer, the
// total, and the highest level whose total and per-item minimum are met), computed as the
// unit answers. Without this script the score shows after saving.
(function () {
  'use strict';

  function bandPoints(bands, value) {
    var points = 0;
    bands.split(',').forEach(function (pair) {
      var p = pair.split(':');
      if (value >= parseFloat(p[0])) points = parseInt(p[1], 10);
    });
    return points;
  }

  function itemScore(fieldset) {
    var checked = fieldset.querySelector('input[type=radio]:checked');
    if (checked) return parseInt(checked.dataset.points, 10);
    var percent = fieldset.querySelector('input[data-bands]');
    if (percent && percent.value.trim() !== '') {
      var value = parseFloat(percent.value.replace('%', ''));
      if (!isNaN(value) && value >= 0 && value <= 100) return bandPoints(percent.dataset.bands, value);
    }
    return null;
  }

  function maxOf(fieldset) {
    var radios = fieldset.querySelectorAll('input[type=radio]');
    var max = 0;
    radios.forEach(function (r) { max = Math.max(max, parseInt(r.dataset.points, 10)); });
    var percent = fieldset.querySelector('input[data-bands]');
    if (percent) percent.dataset.bands.split(',').forEach(function (pair) {
      max = Math.max(max, parseInt(pair.split(':')[1], 10));
    });
    return max;
  }

  function update(form, out) {
    var scores = [], total = 0, max = 0;
    form.querySelectorAll('fieldset.item').forEach(function (f) {
      var s = itemScore(f);
      scores.push(s === null ? 0 : s);
      total += s === null ? 0 : s;
      max += maxOf(f);
    });
    var least = scores.length ? Math.min.apply(null, scores) : 0;
    var names = {};
    form.dataset.levels.split(',').forEach(function (pair) {
      var at = pair.indexOf(':');
      names[pair.slice(0, at)] = pair.slice(at + 1);
    });
    var level = form.dataset.none;
    var rules = form.dataset.thresholds.split(',');
    for (var i = 0; i < rules.length; i++) {
      var t = rules[i].split(':');
      if (total >= parseInt(t[1], 10) && (t[2] === '' || least >= parseInt(t[2], 10))) {
        level = names[t[0]];
        break;
      }
    }
    out.textContent = total + ' / ' + max + ' ' + form.dataset.points + ' · ' + level;
  }

  // Attaching evidence is its own form: answers typed but not saved are saved first, so
  // that choosing a photo never loses them.
  function keepAnswers(form, evidence) {
    var dirty = false;
    form.addEventListener('input', function () { dirty = true; });
    evidence.addEventListener('submit', function (event) {
      if (!dirty || !window.fetch || !window.URLSearchParams) return;
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', redirect: 'manual' })
        .then(function () { dirty = false; evidence.submit(); },
          function () { dirty = false; evidence.submit(); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form.assessment-form');
    var out = document.getElementById('live-score');
    if (!form || !out) return;
    form.addEventListener('input', function () { update(form, out); });
    form.addEventListener('change', function () { update(form, out); });
    var evidence = document.querySelector('form.evidence-form');
    if (evidence) keepAnswers(form, evidence);
  });
})();
