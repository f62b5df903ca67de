// The report form on a phone: sends with a progress bar, and when there is no connection
// keeps the whole report (its photos too) in IndexedDB and sends it once the phone is back
// online. The form works without this script as a plain multipart form.
(function () {
  'use strict';
  var DB = 'sermphalang-outbox', STORE = 'reports';

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: 'key' }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function withStore(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  // A FormData as a list of [name, value] pairs; files stay Blobs, which IndexedDB keeps.
  function entries(data) {
    var out = [];
    data.forEach(function (value, name) { out.push([name, value]); });
    return out;
  }

  function keep(action, pairs, key) {
    return withStore('readwrite', function (s) {
      return s.put({ key: key, action: action, pairs: pairs, at: Date.now() });
    });
  }

  function send(action, data, progress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', action);
      xhr.upload.onprogress = function (e) {
        if (progress && e.lengthComputable) progress(Math.round(100 * e.loaded / e.total));
      };
      xhr.onload = function () { resolve(xhr); };
      xhr.onerror = function () { reject(new Error('network')); };
      xhr.send(data);
    });
  }

  function drain() {
    if (!navigator.onLine || !window.indexedDB) return Promise.resolve(0);
    return withStore('readonly', function (s) { return s.getAll(); }).then(function (all) {
      all = all || [];
      var sent = 0;
      return all.reduce(function (chain, item) {
        return chain.then(function () {
          var data = new FormData();
          item.pairs.forEach(function (p) { data.append(p[0], p[1]); });
          return send(item.action, data).then(function (xhr) {
            // Sent, or refused for a reason a person must see: either way it leaves the phone
            // only once the server has answered.
            if (xhr.status < 500) {
              sent += 1;
              return withStore('readwrite', function (s) { return s.delete(item.key); });
            }
          }, function () {});
        });
      }, Promise.resolve()).then(function () { return { sent: sent, left: all.length - sent }; });
    });
  }

  function showOutbox(result) {
    var box = document.getElementById('outbox');
    if (!box || !result) return;
    if (result.left > 0) {
      box.textContent = box.dataset.waiting + ': ' + result.left;
      box.hidden = false;
    } else if (result.sent > 0) {
      box.textContent = box.dataset.sent + ' (' + result.sent + ')';
      box.hidden = false;
    }
  }

  function setUp(form) {
    var key = form.querySelector('input[name=client_key]');
    if (key && !key.value) {
      key.value = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
    }
    var bar = form.querySelector('progress.upload');
    var status = form.querySelector('.upload-status');
    form.addEventListener('submit', function (event) {
      if (!window.FormData || !window.indexedDB) return;
      event.preventDefault();
      var data = new FormData(form);
      var button = event.submitter;
      if (button && button.name) data.set(button.name, button.value);
      var offline = function () {
        keep(form.action, entries(data), key ? key.value : String(Date.now())).then(function () {
          status.textContent = form.dataset.offline;
        });
      };
      if (!navigator.onLine) { offline(); return; }
      bar.hidden = false;
      status.textContent = form.dataset.sending;
      send(form.action, data, function (p) { bar.value = p; status.textContent = form.dataset.sending + ' ' + p + '%'; })
        .then(function (xhr) {
          if (xhr.status >= 500) { offline(); return; }
          if (xhr.responseURL && xhr.responseURL !== form.action && xhr.status < 300) {
            window.location.assign(xhr.responseURL);
          } else {
            document.open(); document.write(xhr.responseText); document.close();
          }
        }, offline);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form.report-form');
    if (form) setUp(form);
    drain().then(showOutbox);
    window.addEventListener('online', function () { drain().then(showOutbox); });
  });
})();
