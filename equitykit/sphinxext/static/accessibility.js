// Small accessibility repairs to the stock sphinx-book-theme, applied once the page has
// loaded (and again after the theme's own scripts ran). Every repair is idempotent and
// named after the axe-core rule it satisfies; tests/browser runs axe on every page.
(function () {
  "use strict";

  function hide(nodes) {
    nodes.forEach(function (node) {
      node.setAttribute("aria-hidden", "true");
    });
  }

  function repair() {
    // label-content-name-mismatch (WCAG 2.5.3): a button's accessible name must contain
    // its visible text. Icons and the "Ctrl+K" hint are decoration; the name is the text.
    // (The theme's Font Awesome script swaps <i> icons for <svg> ones at any moment, copying
    // an icon's title into an SVG <title>: both are hidden, and this runs again after it.)
    document.querySelectorAll("button.search-button, .search-button__button").forEach(function (b) {
      hide(b.querySelectorAll("i, svg, .search-button__kbd-shortcut"));
      var text = b.querySelector(".search-button__default-text");
      if (text && text.textContent.trim()) {
        // the name comes from the visible text itself, so the two cannot differ
        b.removeAttribute("aria-label");
      } else if (!b.getAttribute("aria-label")) {
        b.setAttribute("aria-label", "Search");
      }
    });
    // The colour-mode button shows icons whose titles ("Light", "Dark") are not its name.
    document.querySelectorAll(".theme-switch-button").forEach(function (b) {
      hide(b.querySelectorAll("i, svg, .theme-switch"));
      b.querySelectorAll("[title]").forEach(function (i) {
        i.removeAttribute("title");
      });
      b.querySelectorAll("svg > title").forEach(function (t) {
        t.remove();
      });
      if (!b.getAttribute("aria-label")) b.setAttribute("aria-label", "Colour mode");
    });
    // summary-name: the table of contents opens sections with an icon-only <summary>.
    document.querySelectorAll(".bd-sidenav details > summary").forEach(function (s) {
      if (s.getAttribute("aria-label")) return;
      var link = s.parentElement.parentElement.querySelector(":scope > a");
      var title = link ? link.textContent.trim() : "this section";
      s.setAttribute("aria-label", "Pages in " + title);
      hide(s.querySelectorAll("i, svg, .toctree-toggle"));
    });
    // region: the left sidebar (course title, search, contents) is one navigation landmark.
    document.querySelectorAll(".bd-sidebar-primary").forEach(function (side) {
      if (side.closest("[role], nav, header, footer, main, aside, dialog")) return;
      side.setAttribute("role", "navigation");
      side.setAttribute("aria-label", "Course");
    });
    // aria-deprecated-role / aria-allowed-role / aria-required-children: the bibliography
    // marks entries with the deprecated doc-biblioentry role inside role="list".
    document.querySelectorAll('.citation-list[role="list"] > [role="doc-biblioentry"]').forEach(
      function (entry) {
        entry.setAttribute("role", "listitem");
      },
    );
  }

  // scrollable-region-focusable: a box that scrolls sideways (a widget's wide data table on
  // a phone) must be reachable with the keyboard, and a tab stop needs a name. The theme
  // does this for its own tables and code; this covers the course widgets, which render
  // after the page has loaded. Boxes that do not scroll get no extra tab stop.
  function tabStopsForScrollers() {
    document.querySelectorAll(".ek-widget .ek-table-holder").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Data table");
        box.dataset.ekTabStop = "added";
      } else if (!scrolls && box.dataset.ekTabStop === "added") {
        ["tabindex", "role", "aria-label", "data-ek-tab-stop"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  // The phone menu: the theme wires only the first .primary-toggle (and .secondary-toggle)
  // on the page, a navbar icon that is hidden on phones, while the visible buttons in the
  // article header get a tooltip and nothing else (sphinx-book-theme + pydata-sphinx-theme).
  // Each visible toggle passes its tap on to the wired one, which opens the sidebar dialog.
  function wireSidebarToggles() {
    ["primary", "secondary"].forEach(function (side) {
      var toggles = document.querySelectorAll("." + side + "-toggle");
      if (toggles.length < 2) return;
      var wired = toggles[0];
      var name = side === "primary" ? "Course contents" : "On this page";
      Array.prototype.slice.call(toggles, 1).forEach(function (button) {
        if (button.dataset.ekToggle) return;
        button.dataset.ekToggle = "wired";
        button.removeAttribute("data-bs-toggle"); // no tooltip instead of the menu
        button.setAttribute("aria-label", name);
        button.setAttribute("aria-haspopup", "dialog");
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          wired.click();
        });
      });
    });
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      repair();
      tabStopsForScrollers();
    });
  }
  if (window.MutationObserver) {
    new MutationObserver(soon).observe(document.documentElement, {
      childList: true,
      subtree: true,
    });
  }
  window.addEventListener("resize", soon);

  // Printing (see print.css): open collapsed sections in the article and let every
  // reflection box grow to its text, then put things back afterwards.
  var opened = [];
  var resized = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".bd-article details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      opened.push(d);
    });
    document.querySelectorAll(".ek-widget textarea").forEach(function (box) {
      resized.push([box, box.style.height]);
      box.style.height = box.scrollHeight + 4 + "px";
    });
  });
  window.addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (d) {
      d.removeAttribute("open");
    });
    resized.splice(0).forEach(function (pair) {
      pair[0].style.height = pair[1];
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
    document.addEventListener("DOMContentLoaded", wireSidebarToggles);
  } else {
    repair();
    wireSidebarToggles();
  }
  window.addEventListener("load", repair);
})();
