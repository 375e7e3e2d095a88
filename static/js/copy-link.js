/* A "Copy link" button next to a read-only field: copies the field's text and says so in a live status line.

   <input id="x" readonly value="…">
   <button type="button" hidden data-copy-from="x" data-copy-status="x-status"
           data-copied="Copied." data-copy-failed="Select it and copy it yourself.">Copy link</button>
   <p id="x-status" role="status" aria-live="polite"></p>

   The button stays hidden without this script (the field can still be selected by hand). Where the
   Clipboard API is missing or refused (an http:// address other than localhost), the older copy command is
   tried; if that fails too, the field is selected and the status says how to copy it. */
(function () {
  "use strict";

  function legacyCopy(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function say(status, text) {
    // Emptied first, so that the same message twice in a row is announced again.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !status) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var copied = function () {
        say(status, button.getAttribute("data-copied"));
      };
      var failed = function () {
        if (legacyCopy(field)) {
          copied();
        } else {
          field.focus();
          field.select();
          say(status, button.getAttribute("data-copy-failed"));
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(copied, failed);
      } else {
        failed();
      }
    });
  });
})();
