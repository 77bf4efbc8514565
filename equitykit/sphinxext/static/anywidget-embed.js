// Render the course's widgets on the published site, from the widget state saved when the
// book was built: no kernel, no server, nothing fetched from another host.
//
// Every course widget is an anywidget whose own small module draws the controls and does
// the interaction. So instead of the full Jupyter widget manager (a bundle of about 900 kB
// compressed, built for widgets that need a kernel), this loader gives each widget module
// what anywidget gives it in JupyterLab: a model with get, set, on, off and save_changes.
(function () {
  "use strict";
  var STATE_TYPE = "application/vnd.jupyter.widget-state+json";
  var VIEW_TYPE = "application/vnd.jupyter.widget-view+json";

  function modelFor(state) {
    var handlers = {};
    function emit(name) {
      (handlers[name] || []).slice().forEach(function (fn) {
        fn();
      });
    }
    return {
      get: function (key) {
        return state[key];
      },
      set: function (key, value) {
        state[key] = value;
        emit("change:" + key);
        emit("change");
      },
      save_changes: function () {},
      send: function () {},
      on: function (name, fn) {
        (handlers[name] = handlers[name] || []).push(fn);
      },
      off: function (name, fn) {
        if (!name) {
          handlers = {};
        } else {
          handlers[name] = (handlers[name] || []).filter(function (f) {
            return fn && f !== fn;
          });
        }
      },
      widget_manager: {},
    };
  }

  var styled = {};
  function addStyles(state) {
    var id = state._anywidget_id || "";
    if (!state._css || styled[id]) return;
    styled[id] = true;
    var style = document.createElement("style");
    style.dataset.anywidget = id;
    style.textContent = state._css;
    document.head.appendChild(style);
  }

  // A widget built for the site names its module ("equitykit-widget:<stem>") instead of
  // carrying its code; the module is one file of the site, loaded once for every widget.
  var NAMED = "equitykit-widget:";
  function moduleUrl(source) {
    if (source.indexOf(NAMED) === 0) {
      var root = document.documentElement.getAttribute("data-content_root") || "./";
      var stem = source.slice(NAMED.length).replace(/[^a-z_]/g, "");
      return new URL(root + "_static/equitykit/widgets/" + stem + ".js", document.baseURI).href;
    }
    return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  }

  var modules = {};
  function loadModule(source) {
    if (!modules[source]) {
      var url = moduleUrl(source);
      modules[source] = import(url).then(function (mod) {
        var widget = mod.default;
        return typeof widget === "function" ? widget() : widget;
      });
    }
    return modules[source];
  }

  function renderAll() {
    var stateScript = document.querySelector('script[type="' + STATE_TYPE + '"]');
    if (!stateScript) return;
    var models = JSON.parse(stateScript.textContent).state;
    var views = document.querySelectorAll('script[type="' + VIEW_TYPE + '"]');
    var pending = [];
    views.forEach(function (view) {
      var id = JSON.parse(view.textContent).model_id;
      var entry = models[id];
      if (!entry || entry.model_module !== "anywidget") return;
      var state = entry.state;
      var el = document.createElement("div");
      el.className = "ek-embedded-widget";
      // the static fallback (for browsers without JavaScript) gives way to the widget
      var fallback = view.nextElementSibling;
      if (fallback && fallback.hasAttribute("data-ek-fallback")) fallback.remove();
      view.parentNode.insertBefore(el, view.nextSibling);
      addStyles(state);
      var model = modelFor(state);
      pending.push(
        loadModule(state._esm).then(function (widget) {
          return Promise.resolve(widget.initialize && widget.initialize({ model: model }))
            .then(function () {
              return widget.render && widget.render({ model: model, el: el });
            });
        })
      );
    });
    Promise.all(pending).then(
      function () {
        document.documentElement.dataset.widgetsRendered = "true";
      },
      function (error) {
        console.error("A course widget could not be shown:", error);
      }
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
