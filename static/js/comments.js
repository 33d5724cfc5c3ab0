// Progressive enhancement for comments: "Reply" opens the comment form under the comment
// instead of going to the reply page. Without this file the reply page works the same.
(function () {
  "use strict";

  var box = document.querySelector("[data-comment-form]");
  if (!box) {
    return;
  }

  // The page is shared by every reader (and cached), so its form has no CSRF token: ask
  // for the reader's own when they send it. If that fails the form goes as it is and comes
  // back with the text kept and a token, ready to send again.
  var form = box.querySelector("form");
  var token = form.querySelector("input[data-csrf-token]");
  if (token) {
    form.addEventListener("submit", function (event) {
      if (token.value) {
        return;
      }
      event.preventDefault();
      var submitter = event.submitter;
      var send = function () {
        if (!token.value || !form.requestSubmit) {
          form.submit();
        } else if (submitter) {
          form.requestSubmit(submitter); // keeps "Preview" or "Post" as the reader chose
        } else {
          form.requestSubmit();
        }
      };
      fetch(token.dataset.csrfToken, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (data) {
          token.value = data.token || "";
        })
        .catch(function () {})
        .then(send);
    });
  }
  var home = document.createComment("comment form");
  box.parentNode.insertBefore(home, box);
  var heading = box.querySelector("[data-comment-form-heading]");
  var headingText = heading.textContent;
  var replyTo = box.querySelector("input[name=reply_to]");
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button button--secondary";
  cancel.textContent = "Cancel reply";
  cancel.hidden = true;
  box.querySelector(".comment-form__buttons").appendChild(cancel);

  function place(target, parentId, name) {
    target.parentNode.insertBefore(box, target.nextSibling);
    replyTo.value = parentId;
    heading.textContent = name ? "Reply to " + name : headingText;
    cancel.hidden = !name;
    box.querySelector("textarea").focus();
  }

  document.querySelectorAll("[data-reply-to]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      place(link.closest("article"), link.dataset.replyTo, link.dataset.replyName);
    });
  });
  cancel.addEventListener("click", function () {
    place(home, "0", "");
  });
})();
