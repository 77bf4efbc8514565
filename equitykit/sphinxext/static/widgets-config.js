// Tell require.js where the site keeps the widget modules, so the widget renderer
// loads them (and its fonts) from this site and never from a public CDN.
(function () {
  "use strict";
  var script = document.currentScript;
  // .../_static/equitykit/widgets-config.js -> .../_static/vendor/
  var staticRoot = script.src.replace(/equitykit\/widgets-config\.js.*$/, "");
  var vendor = staticRoot + "vendor/";
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager": vendor + "@jupyter-widgets/html-manager/dist/embed-amd",
      "@jupyter-widgets/html-manager/dist": vendor + "@jupyter-widgets/html-manager/dist",
      anywidget: vendor + "anywidget/dist/index",
    },
  });
})();
