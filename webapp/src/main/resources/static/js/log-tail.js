// Follows a task's build log: Server-Sent Events whose id is the byte offset after their text, so
// the browser's automatic reconnect (Last-Event-ID) resumes with no gap and no repeat. Text is only
// ever inserted with textContent, and terminal control sequences are removed first.
(function () {
  'use strict';
  var box = document.getElementById('log');
  if (!box) {
    return;
  }
  var lines = document.getElementById('log-lines');
  var status = document.getElementById('log-status');
  var follow = document.getElementById('log-follow');
  var earlier = document.getElementById('log-earlier');
  var WINDOW = 64 * 1024;
  var CONTROLS = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
  var start = Number(box.dataset.from);

  function nodes(text) {
    var parts = text.replace(CONTROLS, '').split('\n');
    if (parts[parts.length - 1] === '') {
      parts.pop();
    }
    var fragment = document.createDocumentFragment();
    parts.forEach(function (part) {
      var line = document.createElement('span');
      line.className = 'line';
      line.textContent = part;
      fragment.appendChild(line);
    });
    return fragment;
  }

  function append(text) {
    lines.appendChild(nodes(text));
    if (follow.checked) {
      lines.scrollTop = lines.scrollHeight;
    }
  }

  function setStatus(text) {
    status.textContent = text;
  }

  var source = new EventSource(box.dataset.events + '?from=' + start);
  source.onopen = function () {
    setStatus(box.dataset.state === 'live' ? 'live' : 'loading');
  };
  source.onmessage = function (event) {
    append(event.data);
  };
  source.addEventListener('end', function () {
    source.close();
    box.dataset.state = 'finished';
    setStatus('finished');
  });
  source.onerror = function () {
    if (source.readyState !== EventSource.CLOSED) {
      setStatus('reconnecting…');
    }
  };

  if (earlier) {
    earlier.addEventListener('click', function () {
      var from = Math.max(0, start - WINDOW);
      earlier.disabled = true;
      fetch(box.dataset.log, { headers: { Range: 'bytes=' + from + '-' + (start - 1) } })
        .then(function (response) {
          if (response.status !== 206) {
            throw new Error('HTTP ' + response.status);
          }
          return response.arrayBuffer();
        })
        .then(function (buffer) {
          var bytes = new Uint8Array(buffer);
          // Starts at a line: drop the partial first line unless this reaches the top of the log.
          var cut = from === 0 ? 0 : bytes.indexOf(10) + 1;
          var text = new TextDecoder('utf-8').decode(bytes.subarray(cut));
          lines.insertBefore(nodes(text), lines.firstChild);
          start = from + cut;
          earlier.disabled = false;
          earlier.hidden = start === 0;
        })
        .catch(function (error) {
          earlier.disabled = false;
          setStatus('could not load earlier lines: ' + error.message);
        });
    });
  }
})();
