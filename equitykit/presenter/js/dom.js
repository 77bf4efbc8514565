// A tiny element builder. Text is always set with textContent: nothing is parsed as HTML.

export function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "className") node.className = value;
    else if (name === "hidden") node.hidden = Boolean(value);
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? doc.createTextNode(child) : child);
  }
  return node;
}

/** A list of plain-text items (ul or ol). */
export function list(doc, items, ordered = false, className = "") {
  return el(doc, ordered ? "ol" : "ul", { className }, items.map((item) => el(doc, "li", { text: item })));
}

/** Save `text` as a file the browser downloads. */
export function download(doc, name, text, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el(doc, "a", { href: url, download: name, hidden: true });
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
