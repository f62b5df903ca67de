// Galleries: a lightbox that shows the display size (never the original), moved by buttons,
// arrow keys and swipes; a modal <dialog> keeps the focus inside while it is open and gives it
// back to the photo it came from. Without this script each photo is a link to its display
// size. On a gallery's page, uploads report their progress.
(function () {
  'use strict';

  function lightbox() {
    var galleries = document.querySelectorAll('[data-gallery]');
    if (!galleries.length || typeof HTMLDialogElement === 'undefined') return;
    var first = galleries[0];
    var dialog = document.createElement('dialog');
    dialog.className = 'lightbox';
    dialog.setAttribute('aria-label', first.getAttribute('data-label') || '');
    dialog.innerHTML =
      '<figure><img alt=""><figcaption></figcaption></figure>' +
      '<p class="count" aria-live="polite"></p>' +
      '<button type="button" class="prev"></button>' +
      '<button type="button" class="next"></button>' +
      '<button type="button" class="close"></button>';
    var img = dialog.querySelector('img');
    var caption = dialog.querySelector('figcaption');
    var count = dialog.querySelector('.count');
    var buttons = { prev: '‹', next: '›', close: '✕' };
    Object.keys(buttons).forEach(function (name) {
      var b = dialog.querySelector('.' + name);
      b.textContent = buttons[name];
      b.setAttribute('aria-label', first.getAttribute('data-' + name) || name);
    });
    document.body.appendChild(dialog);

    var shots = [];
    var at = 0;
    var opener = null;

    function show(i) {
      at = (i + shots.length) % shots.length;
      var a = shots[at];
      img.src = a.getAttribute('href');
      img.alt = a.getAttribute('data-alt') || '';
      caption.textContent = a.getAttribute('data-caption') || '';
      count.textContent = (at + 1) + ' / ' + shots.length;
    }

    galleries.forEach(function (g) {
      var links = Array.prototype.slice.call(g.querySelectorAll('a.shot'));
      links.forEach(function (a, i) {
        a.addEventListener('click', function (e) {
          e.preventDefault();
          shots = links;
          opener = a;
          show(i);
          dialog.showModal();
          dialog.querySelector('.close').focus();
        });
      });
    });

    dialog.querySelector('.prev').addEventListener('click', function () { show(at - 1); });
    dialog.querySelector('.next').addEventListener('click', function () { show(at + 1); });
    dialog.querySelector('.close').addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () {
      img.removeAttribute('src');
      if (opener) opener.focus();
    });
    // A modal dialog makes the page behind it inert, but Tab can still leave for the browser's
    // own controls: keep it going round the lightbox's buttons.
    var focusable = [dialog.querySelector('.close'), dialog.querySelector('.prev'), dialog.querySelector('.next')];
    dialog.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowLeft') { show(at - 1); e.preventDefault(); }
      if (e.key === 'ArrowRight') { show(at + 1); e.preventDefault(); }
      if (e.key === 'Tab') {
        var i = focusable.indexOf(document.activeElement);
        var next = (i + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
        focusable[next].focus();
        e.preventDefault();
      }
    });
    dialog.addEventListener('click', function (e) {
      if (e.target === dialog) dialog.close();
    });
    var startX = null;
    dialog.addEventListener('pointerdown', function (e) { startX = e.clientX; });
    dialog.addEventListener('pointerup', function (e) {
      if (startX === null) return;
      var dx = e.clientX - startX;
      startX = null;
      if (Math.abs(dx) > 50) show(dx > 0 ? at - 1 : at + 1);
    });
  }

  function uploads() {
    var form = document.querySelector('form[data-upload]');
    if (!form || typeof FormData === 'undefined') return;
    var bar = form.querySelector('progress');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('x-csrf-token', form.querySelector('input[name=_csrf]').value);
      xhr.upload.onprogress = function (p) {
        if (p.lengthComputable) { bar.hidden = false; bar.value = Math.round(100 * p.loaded / p.total); }
      };
      xhr.onload = function () {
        if (xhr.status < 400) {
          window.location.href = xhr.responseURL || window.location.href;
        } else {
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      };
      xhr.onerror = function () { form.submit(); };
      xhr.send(new FormData(form));
    });
  }

  lightbox();
  uploads();
})();
