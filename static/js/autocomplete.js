// Search suggestions for inputs with data-autocomplete (an ARIA 1.2 combobox).
// Progressive enhancement only: without this file the search forms work as plain forms.
(function () {
  "use strict";

  function setUp(input, index) {
    var endpoint = input.dataset.autocomplete;
    var listId = "search-suggestions-" + index;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    list.id = listId;
    list.className = "site-search__suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function close() {
      list.hidden = true;
      list.replaceChildren();
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(position) {
      options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === position ? "true" : "false");
      });
      active = position;
      if (position >= 0) {
        input.setAttribute("aria-activedescendant", options[position].element.id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(data) {
      close();
      var entries = (data.topics || []).map(function (topic) {
        return { label: topic.name, kind: "Topic", url: topic.url };
      }).concat((data.results || []).map(function (item) {
        return { label: item.title, kind: item.kind, url: item.url };
      }));
      entries.forEach(function (entry, i) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = entry.label;
        kind.className = "suggestion__kind";
        kind.textContent = entry.kind;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = entry.url;
        });
        list.appendChild(option);
        options.push({ element: option, url: entry.url });
      });
      status.textContent = entries.length
        ? entries.length + " suggestion" + (entries.length === 1 ? "" : "s") + ". Use the up and down arrows to choose."
        : "";
      if (entries.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < 2) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(endpoint + "?q=" + encodeURIComponent(query), { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [], topics: [] }; })
        .then(function (data) { if (input.value.trim() === query) { show(data); } })
        .catch(function () { /* offline or aborted: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].url;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setUp);
})();
