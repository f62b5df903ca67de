// Live updates for the projector, the facilitator's console and participants' phones.
// Pages work without this file: forms post and the projector refreshes itself.
(function () {
  if (!window.EventSource) return;
  var board = document.querySelector('[data-live]');
  if (board) {
    var source = new EventSource(board.getAttribute('data-live'));
    source.onmessage = function (e) {
      var data = JSON.parse(e.data);
      board.innerHTML = data.html;
      board.setAttribute('data-as-of', String(data.as_of));
    };
  }
  var room = document.querySelector('[data-room]');
  if (room) {
    var key = null;
    var phone = new EventSource(room.getAttribute('data-room'));
    var typing = function () {
      var el = document.activeElement;
      return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.value !== '';
    };
    phone.onmessage = function (e) {
      var next = JSON.parse(e.data).key;
      if (key !== null && next !== key && !typing()) {
        window.location.replace(window.location.pathname);
      }
      key = next;
    };
  }
})();
