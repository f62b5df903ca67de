// Live updates for the projector, the facilitator's console and participants' phones.
// Pages work without this file: forms post and the projector refreshes itself.
(function () {
  if (!window.EventSource) return;
  // The browser retries a dropped stream by itself, but gives up for good when a retry is
  // answered with an error page (a restarting server, a proxy's 502): then open a new one,
  // waiting longer each time, up to half a minute.
  var follow = function (url, onmessage) {
    var wait = 2000;
    var open = function () {
      var source = new EventSource(url);
      source.onmessage = function (e) {
        wait = 2000;
        onmessage(e);
      };
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(open, wait);
          wait = Math.min(wait * 2, 30000);
        }
      };
    };
    open();
  };
  var board = document.querySelector('[data-live]');
  if (board) {
    follow(board.getAttribute('data-live'), function (e) {
      var data = JSON.parse(e.data);
      board.innerHTML = data.html;
      board.setAttribute('data-as-of', String(data.as_of));
    });
  }
  var room = document.querySelector('[data-room]');
  if (room) {
    var key = null;
    var typing = function () {
      var el = document.activeElement;
      return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.value !== '';
    };
    follow(room.getAttribute('data-room'), function (e) {
      var next = JSON.parse(e.data).key;
      if (key !== null && next !== key && !typing()) {
        window.location.replace(window.location.pathname);
      }
      key = next;
    });
  }
})();
