// Shared helpers for the course widgets. This file is prepended to each widget's module.
// Everything the learner enters stays in this browser (localStorage) or, in Jupyter, in
// the learner's own journal file. Nothing is sent anywhere.
const EK_STORE_PREFIX = "equitykit/v1/";

function ekUid(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

function ekEl(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// An accessible SVG chart: role=img, named by its <title> (the chart in words). Returns
// the element and `add(tag, attributes, text)` to draw into it.
function ekSvgChart(width, height, className, titleText) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const titleId = ekUid("ek-chart-title");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", titleId);
  svg.setAttribute("class", className);
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  add("title", { id: titleId }, titleText);
  return { svg, add };
}

function ekStoreGet(key) {
  try {
    const raw = window.localStorage.getItem(EK_STORE_PREFIX + key);
    return raw ? JSON.parse(raw) : null;
  } catch (error) {
    return null; // storage switched off or damaged: behave as if nothing was saved
  }
}

// Every saved course item in this browser, keyed without the "equitykit/v1/" prefix.
function ekReadStore(storage) {
  const store = {};
  try {
    const source = storage || window.localStorage;
    for (let i = 0; i < source.length; i += 1) {
      const key = source.key(i);
      if (!key || !key.startsWith(EK_STORE_PREFIX)) continue;
      try {
        store[key.slice(EK_STORE_PREFIX.length)] = JSON.parse(source.getItem(key));
      } catch (error) {
        /* a damaged entry counts as not saved */
      }
    }
  } catch (error) {
    /* storage switched off: nothing saved */
  }
  return store;
}

function ekStoreSet(key, value) {
  try {
    window.localStorage.setItem(EK_STORE_PREFIX + key, JSON.stringify(value));
    return true;
  } catch (error) {
    return false;
  }
}

// True when a Python kernel is behind the widget (JupyterLab), false on the static site.
function ekHasKernel(model) {
  const manager = model.widget_manager;
  return Boolean(manager && (manager.kernel || manager._kernel || manager.context));
}

// Send values to Python when a kernel is there; on the static site there is nobody to tell.
function ekSync(model, changes) {
  for (const [key, value] of Object.entries(changes)) model.set(key, value);
  if (ekHasKernel(model)) {
    try {
      model.save_changes();
    } catch (error) {
      /* the kernel went away: the browser copy is still kept */
    }
  }
}

function ekFormat(value, format) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  if (format === "percent") return `${(value * 100).toFixed(1)}%`;
  if (format === "points") return `${value >= 0 ? "+" : ""}${value.toFixed(1)} pts`;
  if (format === "count") return Math.round(value).toLocaleString("en-US");
  return value.toFixed(2);
}

// Shared by the progress page and the capstone plan: a dated Markdown download made in
// the browser, and printing one sheet on its own.
function ekToday() {
  return new Date().toISOString().slice(0, 10);
}

function ekDownloadText(filename, text) {
  const blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = ekEl("a", { href: url, download: filename, className: "ek-visually-hidden", text: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

// Print only `sheet`: it is put at the end of <body>, the widget's print styles hide
// everything else while body has the class ek-printing, and it goes when printing ends.
function ekPrintOnly(sheet) {
  for (const old of document.querySelectorAll("body > .ek-print-sheet")) old.remove();
  const holder = ekEl("div", { className: "ek-print-sheet" }, [sheet]);
  document.body.append(holder);
  document.body.classList.add("ek-printing");
  const cleanup = () => {
    holder.remove();
    document.body.classList.remove("ek-printing");
    window.removeEventListener("afterprint", cleanup);
  };
  window.addEventListener("afterprint", cleanup);
  window.print();
}
