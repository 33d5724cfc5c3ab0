// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Video facades: the page makes no request to YouTube or Vimeo until the reader presses play.
  document.querySelectorAll("[data-video-embed]").forEach(function (box) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video-embed__play";
    button.textContent = "Play video: " + box.dataset.title;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.dataset.src + (box.dataset.src.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
      frame.title = box.dataset.title;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      frame.loading = "lazy";
      box.replaceChildren(frame);
      frame.focus();
    });
    box.insertBefore(button, box.firstChild);
  });
})();
