// A long list of checkboxes becomes searchable: typing narrows it, the count is announced,
// and Enter in the search box ticks the only match instead of sending the form. Without
// this script the list is still a plain, scrollable list of checkboxes.
(function () {
  document.querySelectorAll('[data-picker]').forEach(function (picker) {
    var search = picker.querySelector('input[type=search]');
    var label = picker.querySelector('label[for="' + search.id + '"]');
    var count = picker.querySelector('[data-picker-count]');
    var items = Array.prototype.slice.call(picker.querySelectorAll('li'));
    var fold = function (s) { return s.normalize('NFC').toLowerCase().replace(/\s+/g, ''); };
    var visible = function () { return items.filter(function (li) { return !li.hidden; }); };
    var say = function () {
      var chosen = picker.querySelectorAll('input[type=checkbox]:checked').length;
      count.textContent = picker.getAttribute('data-shown')
        .replace('{n}', visible().length).replace('{m}', items.length).replace('{c}', chosen);
    };
    search.hidden = false;
    label.hidden = false;
    search.addEventListener('input', function () {
      var q = fold(search.value);
      items.forEach(function (li) { li.hidden = q !== '' && fold(li.textContent).indexOf(q) < 0; });
      say();
    });
    search.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      var shown = visible();
      if (shown.length === 1) {
        var box = shown[0].querySelector('input');
        box.checked = !box.checked;
        say();
      }
    });
    picker.addEventListener('change', say);
    say();
  });
})();
