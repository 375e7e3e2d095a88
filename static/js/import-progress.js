/* People import: poll the progress endpoint every second, update the <progress> bar, reload when it is over. */
(function () {
  "use strict";

  var container = document.querySelector("[data-import-progress-url]");
  if (!container) {
    return;
  }
  var url = container.getAttribute("data-import-progress-url");
  var bar = container.querySelector("progress");
  var text = container.querySelector("[data-import-progress-text]");
  var template = text ? text.getAttribute("data-template") : "";

  function show(data) {
    bar.max = Math.max(data.total, 1);
    bar.value = data.processed;
    if (text && template) {
      text.textContent = template.replace("{processed}", data.processed).replace("{total}", data.total);
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data.status === "queued" || data.status === "running") {
          show(data);
          window.setTimeout(poll, 1000);
        } else {
          // Completed, failed or discarded: the page itself shows the outcome.
          window.location.reload();
        }
      })
      .catch(function () {
        // A network hiccup: try again a little later.
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
