/* Coach matching: when HR changes a coach in the proposal, recount every coach's places left in every drop-down.
   The page renders the same numbers for the choices as proposed; this keeps them true after each change.
   The texts come from the table's data attributes (translated); "one" and "many" suffice for Dutch and English. */
(function () {
  "use strict";

  var table = document.querySelector("[data-coach-places]");
  if (!table) {
    return;
  }
  var selects = table.querySelectorAll('select[name="pair"]');

  function chosenCoach(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.getAttribute("data-coach") : null;
  }

  function placesText(left) {
    if (left === 1) {
      return table.getAttribute("data-one-left");
    }
    if (left > 1) {
      return table.getAttribute("data-many-left").replace("{count}", left);
    }
    if (left === 0) {
      return table.getAttribute("data-full");
    }
    if (left === -1) {
      return table.getAttribute("data-one-over");
    }
    return table.getAttribute("data-many-over").replace("{count}", -left);
  }

  function recount() {
    var taken = {};
    selects.forEach(function (select) {
      var coach = chosenCoach(select);
      if (coach) {
        taken[coach] = (taken[coach] || 0) + 1;
      }
    });
    selects.forEach(function (select) {
      select.querySelectorAll("option[data-coach]").forEach(function (option) {
        var coach = option.getAttribute("data-coach");
        var left = parseInt(option.getAttribute("data-free"), 10) - (taken[coach] || 0);
        option.textContent = option.getAttribute("data-label") + " · " + placesText(left);
      });
    });
  }

  selects.forEach(function (select) {
    select.addEventListener("change", recount);
  });
})();
