// The door on a staff phone: scan tickets with the camera, or search a name, against a roster
// kept on the phone, so check-in goes on when the network drops; check-ins wait in a queue and
// are sent when it is back. The server still decides: a second scan elsewhere is reported.
(function () {
  'use strict';
  var root = document.querySelector('[data-checkin]');
  if (!root || !window.fetch || !window.localStorage) return;
  var api = root.getAttribute('data-api');
  var eventId = root.getAttribute('data-event');
  var L = JSON.parse(document.getElementById('checkin-labels').textContent);
  var rosterKey = 'sp-roster-' + eventId;
  var queueKey = 'sp-queue-' + eventId;
  var $ = function (sel) { return root.querySelector(sel); };
  var select = $('[data-session]');
  var result = $('[data-result]');
  var net = $('[data-net]');
  var search = $('[data-search]');
  var matches = $('[data-matches]');
  var ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  var csrfField = root.querySelector('input[name=_csrf]');
  var csrf = csrfField ? csrfField.value : '';

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full: keep in memory */ }
  }
  var roster = load(rosterKey);
  var queue = load(queueKey) || [];
  var online = navigator.onLine !== false;
  var flushing = false;

  function session() { return Number(select.value); }

  // The same reading as the server's codes::parse: case, spaces and hyphens do not matter;
  // O, I and L are read as 0 and 1. A scanned ticket address (/t/CODE) works too.
  function normalize(raw) {
    var text = String(raw || '').trim();
    var at = text.lastIndexOf('/t/');
    if (at >= 0) text = text.slice(at + 3);
    var code = '';
    for (var i = 0; i < text.length; i++) {
      var c = text[i].toUpperCase();
      if (c === '-' || c === ' ') continue;
      if (c === 'O') c = '0';
      if (c === 'I' || c === 'L') c = '1';
      if (ALPHABET.indexOf(c) < 0) return null;
      code += c;
    }
    return code.length === 16 ? code : null;
  }

  function show(kind, text) {
    result.hidden = false;
    result.className = 'result result-' + kind;
    result.textContent = text;
    if (navigator.vibrate) navigator.vibrate(kind === 'ok' ? 60 : [60, 60, 60]);
  }

  function counted() {
    if (!roster) return 0;
    var s = session();
    return roster.people.filter(function (p) { return p.sessions.indexOf(s) >= 0; }).length;
  }

  function status() {
    var parts = [online ? L.online : L.offline];
    if (roster) parts.push(L.checked_in + ' ' + counted() + ' / ' + roster.people.length);
    if (queue.length) parts.push(L.queued + ' ' + queue.length);
    net.textContent = parts.join(' · ');
    net.className = 'net ' + (online ? 'net-on' : 'net-off');
  }

  function time(iso) {
    var d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleTimeString('th-TH', { hour: '2-digit', minute: '2-digit' });
  }

  // Local marks survive a roster refresh until the server has answered for them.
  function applyQueue() {
    if (!roster) return;
    queue.forEach(function (item) {
      var p = roster.people.find(function (x) { return x.id === item.registration; });
      if (p && p.sessions.indexOf(item.session) < 0) p.sessions.push(item.session);
    });
  }

  function refresh() {
    return fetch(api + '/roster', { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (data) {
        roster = data;
        roster.loaded = new Date().toISOString();
        applyQueue();
        save(rosterKey, roster);
        online = true;
        status();
      })
      .catch(function () { online = false; status(); });
  }

  function flush() {
    if (flushing || !queue.length) return Promise.resolve();
    flushing = true;
    var batch = queue.slice(0, 200);
    return fetch(api + '/checkins', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ items: batch })
    })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (results) {
        online = true;
        results.forEach(function (res) {
          var item = queue.find(function (q) { return q.key === res.key; });
          queue = queue.filter(function (q) { return q.key !== res.key; });
          if (!item) return;
          // Only a disagreement is news: the phone already said "recorded".
          if (res.result === 'already' && !item.local_duplicate && item.fresh) {
            show('warn', L.already + ' ' + (res.name || '') + ' (' + time(res.at) + ')');
          } else if (res.result === 'not_admitted') {
            show('bad', L.not_admitted + ' ' + (res.name || ''));
            unmark(item);
          } else if (res.result === 'unknown' || res.result === 'invalid') {
            show('bad', L.unknown);
            unmark(item);
          }
        });
        save(queueKey, queue);
      })
      .catch(function () { online = false; })
      .then(function () {
        flushing = false;
        status();
        if (online && queue.length && batch.length === 200) flush();
      });
  }

  function unmark(item) {
    if (!roster) return;
    var p = roster.people.find(function (x) { return x.id === item.registration; });
    if (p) p.sessions = p.sessions.filter(function (s) { return s !== item.session; });
    save(rosterKey, roster);
  }

  function enqueue(item) {
    item.key = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    item.at = new Date().toISOString();
    item.session = session();
    item.fresh = true;
    queue.push(item);
    save(queueKey, queue);
    status();
    flush();
  }

  function admit(person, method) {
    var s = session();
    if (person.sessions.indexOf(s) >= 0) {
      show('warn', L.already + ' ' + person.name);
      return;
    }
    person.sessions.push(s);
    save(rosterKey, roster);
    show('ok', L.recorded + ' ' + person.name);
    enqueue({ registration: person.id, ticket: person.ticket, method: method });
  }

  var lastCode = null;
  var lastAt = 0;
  function onCode(raw) {
    var code = normalize(raw);
    var now = Date.now();
    if (code && code === lastCode && now - lastAt < 4000) return; // the same ticket still in view
    lastCode = code;
    lastAt = now;
    if (!code) { show('bad', L.unknown); return; }
    var person = roster && roster.people.find(function (p) { return p.ticket === code; });
    if (person) { admit(person, 'scan'); return; }
    // Not on this phone's roster: perhaps registered since it loaded. The server decides.
    if (online) {
      enqueue({ ticket: code, method: 'scan' });
      show('warn', L.queued);
    } else {
      show('bad', L.unknown);
    }
  }

  // Name search: Thai names match as typed, anywhere in name, organization or number.
  search.addEventListener('input', function () {
    matches.textContent = '';
    var q = search.value.trim().toLowerCase();
    if (!roster || q.length < 1) return;
    var found = roster.people.filter(function (p) {
      return (p.name + ' ' + p.organization + ' ' + p.number).toLowerCase().indexOf(q) >= 0;
    }).slice(0, 12);
    if (!found.length) {
      var li = document.createElement('li');
      li.textContent = L.no_match;
      matches.appendChild(li);
    }
    found.forEach(function (p) {
      var li = document.createElement('li');
      var b = document.createElement('button');
      b.type = 'button';
      b.className = p.sessions.indexOf(session()) >= 0 ? 'secondary' : '';
      b.textContent = p.number + '. ' + p.name + (p.organization ? ' · ' + p.organization : '');
      b.addEventListener('click', function () { admit(p, 'search'); search.value = ''; matches.textContent = ''; search.focus(); });
      li.appendChild(b);
      matches.appendChild(li);
    });
  });

  // The camera: the browser's own barcode detector where there is one; otherwise frames go to
  // the server to be decoded, which needs the network.
  var video = $('[data-video]');
  var canvas = $('[data-canvas]');
  var note = $('[data-camera-note]');
  var scanning = false;
  $('[data-camera]').addEventListener('click', function () {
    if (scanning) return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { note.textContent = L.no_camera; return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (stream) {
        scanning = true;
        video.srcObject = stream;
        video.hidden = false;
        return video.play();
      })
      .then(function () {
        if ('BarcodeDetector' in window) {
          var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
          var tick = function () {
            detector.detect(video).then(function (codes) {
              if (codes.length) onCode(codes[0].rawValue);
            }).catch(function () {}).then(function () { setTimeout(tick, 250); });
          };
          tick();
        } else {
          note.textContent = L.camera_server;
          var send = function () {
            if (!online || !video.videoWidth) { setTimeout(send, 1000); return; }
            var w = Math.min(640, video.videoWidth);
            canvas.width = w;
            canvas.height = Math.round(video.videoHeight * w / video.videoWidth);
            canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
            canvas.toBlob(function (blob) {
              fetch(api + '/decode', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': csrf }, body: blob })
                .then(function (r) { return r.ok ? r.json() : { text: null }; })
                .then(function (d) { if (d.text) onCode(d.text); })
                .catch(function () { online = false; status(); })
                .then(function () { setTimeout(send, 600); });
            }, 'image/jpeg', 0.8);
          };
          send();
        }
      })
      .catch(function () { note.textContent = L.no_camera; });
  });

  select.addEventListener('change', function () {
    root.querySelectorAll('[data-session-copy]').forEach(function (i) { i.value = select.value; });
    status();
  });
  window.addEventListener('online', function () { online = true; status(); flush(); refresh(); });
  window.addEventListener('offline', function () { online = false; status(); });
  setInterval(function () { flush(); }, 10000);

  $('[data-scan]').hidden = false;
  $('[data-search-box]').hidden = false;
  status();
  refresh().then(flush);
  // For tests and for people: what the phone is holding.
  root.checkin = { onCode: onCode, state: function () { return { roster: roster, queue: queue, online: online }; } };
})();
