// Most read: tell the site once that this item was read, with navigator.sendBeacon (a
// POST of its id; no cookie, nothing stored in the browser). Only a page a reader sees
// counts: a page being prerendered waits until it is shown (document.prerendering), a
// tab opened in the background until it is first visible. Without this file, or without
// sendBeacon, nothing is counted and the page is the same.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) {
    return;
  }
  var url = script.getAttribute("data-most-read");
  var page = script.getAttribute("data-page");
  var sent = false;

  function seen() {
    return !document.prerendering && document.visibilityState === "visible";
  }

  function send() {
    if (sent || !seen()) {
      return;
    }
    sent = true;
    document.removeEventListener("visibilitychange", send);
    document.removeEventListener("prerenderingchange", send);
    navigator.sendBeacon(url, new URLSearchParams({ page: page }));
  }

  if (seen()) {
    send();
  } else {
    document.addEventListener("visibilitychange", send);
    document.addEventListener("prerenderingchange", send);
  }
})();
