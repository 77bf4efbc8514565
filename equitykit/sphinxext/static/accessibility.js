// Small accessibility repairs to the stock theme, applied after the page loads.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  // Icon-only buttons whose visible label differs from their accessible name.
  document.querySelectorAll("button.search-button, .search-button__button").forEach(function (b) {
    if (!b.getAttribute("aria-label")) b.setAttribute("aria-label", "Search");
  });
});
