// Live coverage: ask for new entries every few seconds and offer them behind a "N new
// updates" button, so the page never moves under the reader; screen readers hear the
// count (aria-live="polite"). Without this file the page reads fully and a reload shows
// the latest. The endpoint is cached by the proxy and answers 304 when nothing changed.
(function () {
  "use strict";

  var box = document.querySelector("[data-live-updates]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-live-updates");
  var latest = box.getAttribute("data-live-latest") || "0";
  var seconds = parseInt(box.getAttribute("data-live-interval"), 10) || 20;
  var list = box.querySelector("[data-live-entries]");
  var status = box.querySelector("[data-live-status]");
  var button = box.querySelector("[data-live-show]");
  var waiting = []; // entries fetched but not shown yet, newest first
  var timer = null;

  function announce(text) {
    status.textContent = text;
  }

  function plural(count) {
    return count === 1 ? "1 new update" : count + " new updates";
  }

  function show() {
    var empty = list.querySelector(".live__none");
    if (empty) {
      empty.remove();
    }
    var first = null;
    for (var i = waiting.length - 1; i >= 0; i -= 1) {
      var item = document.createElement("li");
      item.innerHTML = waiting[i].html;
      list.insertBefore(item, list.firstChild);
      first = item.querySelector("article");
    }
    var count = waiting.length;
    waiting = [];
    button.hidden = true;
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
    announce("Showing " + plural(count) + ".");
  }

  function stop(message) {
    window.clearInterval(timer);
    timer = null;
    announce(message);
  }

  function poll() {
    if (document.hidden) {
      return;
    }
    // no-cache: always revalidate (If-None-Match), so an unchanged answer is a 304.
    fetch(url + "?since=" + encodeURIComponent(latest), {
      headers: { Accept: "application/json" },
      cache: "no-cache",
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        if (data.entries.length) {
          latest = String(data.latest);
          waiting = data.entries.concat(waiting);
          button.textContent = "Show " + plural(waiting.length);
          button.hidden = false;
          announce(plural(waiting.length) + ". Use the button above the updates to show them.");
        }
        if (data.more) {
          stop("There are more new updates than can be shown here: reload the page.");
        } else if (data.closed) {
          stop("This live coverage has ended.");
        }
      })
      .catch(function () {
        // Offline for a moment: the next poll tries again.
      });
  }

  button.addEventListener("click", show);
  timer = window.setInterval(poll, seconds * 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer) {
      poll();
    }
  });
})();
