// Small text rules shared by the widgets: filling the templates Python ships, and lists.

// fill("{name} is ready", { name: "Ana" }) -> "Ana is ready". Templates come from Python
// (the wording has one home there); a missing value is left visible as {key}.
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

// ["a"] -> "a"; ["a", "b", "c"] -> "a, b and c".
export function joinList(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// Case-insensitive identity of a name, as close to Unicode case folding as the browser
// allows: "Herr Weiß" and "HERR WEISS" are the same person ("herr weiss").
export function foldName(name) {
  return String(name).split(/\s+/).filter(Boolean).join(" ").toUpperCase().toLowerCase();
}

// "route-change" -> "route change".
export function spoken(identifier) {
  return String(identifier).replace(/[-_]+/g, " ").trim();
}

// "> " in front of every line of a text, for Markdown quotes.
export function quote(text) {
  return String(text).trim().split(/\r\n|\r|\n/).map((line) => `> ${line}`.trimEnd()).join("\n");
}

export function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
