// Progressive enhancement for comments: "Reply" opens the comment form under the comment
// instead of going to the reply page. Without this file the reply page works the same.
(function () {
  "use strict";

  var box = document.querySelector("[data-comment-form]");
  if (!box) {
    return;
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
