// DOM helpers shared by the course widgets: elements, ids, accessible SVG charts, downloads
// made in the browser and printing one sheet on its own. No course rule lives here.

export function uid(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

// el("p", { className: "x", text: "Hello" }, [child, "text"]): attributes whose value is
// null, undefined or false are left out; true gives an empty attribute.
export function el(tag, attrs = {}, children = []) {
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
export function svgChart(width, height, className, titleText) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const titleId = uid("ek-chart-title");
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

// Today's date as YYYY-MM-DD, in the learner's own time zone.
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// A file made in the browser and offered as a download; nothing is sent anywhere.
export function downloadText(filename, text, type = "text/markdown;charset=utf-8") {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename, className: "ek-visually-hidden", text: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

// Print only `sheet`: it is put at the end of <body>, the widget's print styles hide
// everything else while body has the class ek-printing, and it goes when printing ends.
export function printOnly(sheet) {
  for (const old of document.querySelectorAll("body > .ek-print-sheet")) old.remove();
  const holder = el("div", { className: "ek-print-sheet" }, [sheet]);
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

// A labelled control in the widgets' control bar.
export function control(labelText, input) {
  return el("div", { className: "ek-control" }, [el("label", { for: input.id, text: labelText }), input]);
}

// On a phone a wide table reads better as one card per row: label each cell with its column
// heading (data-label) and mark the table; widgets.css stacks it below 40rem.
export function stackOnPhones(table) {
  const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, i) => {
      if (headings[i]) cell.setAttribute("data-label", headings[i]);
    });
  }
  table.classList.add("ek-stack");
  return table;
}
