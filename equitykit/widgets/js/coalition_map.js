// Coalition map (and partner map): rate people on two scales from 1 to 5; see them on a
// quadrant chart, with a suggested next step for each and where to start. The wording of
// each map (axes, quadrant names, advice, reasons) comes from Python; the rule is here.
// Saved as {people: [{name, role, readiness, influence}]}.

import { control, el, stackOnPhones, svgChart, uid } from "./lib/dom.js";
import { fill, foldName, isRecord } from "./lib/text.js";
import { keyOf, savedMessage, storeFor } from "./lib/widget.js";

// The quadrant of one person: both ratings at or above the cutoff, the first only, the
// second only, or neither (texts.quadrants is in that order).
export function quadrantOf(person, cutoff, quadrants) {
  const [both, firstOnly, secondOnly, neither] = quadrants;
  const first = person.readiness >= cutoff;
  const second = person.influence >= cutoff;
  if (first && second) return both;
  if (first) return firstOnly;
  return second ? secondOnly : neither;
}

// Everyone placed, and who to start with: ranked by quadrant, then the second rating, then
// the first, then the order given.
export function placePeople(people, cutoff, texts) {
  const placements = people.map((person, index) => {
    const quadrant = quadrantOf(person, cutoff, texts.quadrants);
    return { ...person, index, quadrant, advice: texts.advice[quadrant] };
  });
  const order = Object.fromEntries(texts.quadrants.map((q, i) => [q, i]));
  const ranked = [...placements].sort(
    (a, b) => order[a.quadrant] - order[b.quadrant] || b.influence - a.influence || b.readiness - a.readiness || a.index - b.index,
  );
  const start = ranked.map((p) => ({
    name: p.name,
    quadrant: p.quadrant,
    reason: fill(texts.reasons[p.quadrant], { name: p.name, ready: p.readiness, influence: p.influence }),
  }));
  return { placements, start };
}

// Why a new person cannot be added (empty when they can).
export function addProblem(people, name) {
  const cleaned = String(name).trim();
  if (!cleaned) return "Give the person a name or a title first.";
  if (people.some((p) => foldName(p.name) === foldName(cleaned))) return `${cleaned} is already on the map.`;
  return "";
}

function shortLabel(label) {
  return label.split(" (")[0];
}

// Where each person's numbered point goes: people on the same spot sit side by side.
export function pointPositions(placements) {
  const counts = {};
  const index = {};
  for (const p of placements) counts[`${p.readiness},${p.influence}`] = (counts[`${p.readiness},${p.influence}`] || 0) + 1;
  return placements.map((p) => {
    const spot = `${p.readiness},${p.influence}`;
    const k = (index[spot] = (index[spot] || 0) + 1) - 1;
    const n = counts[spot];
    return { readiness: p.readiness, influence: p.influence, offset: (k - (n - 1) / 2) * 28 };
  });
}

function quadrantChart(result, cutoff, texts) {
  const size = 420;
  const pad = 40;
  const scale = (v) => pad + ((v - 0.5) / 5) * (size - 2 * pad);
  const x = (v) => scale(v);
  const y = (v) => size - scale(v); // more influence is higher up
  const summary = result.placements.length
    ? `Map of ${result.placements.length} people by ${texts.x_label} (across) and ${texts.y_label} (up). ` +
      result.placements.map((p, i) => `${i + 1}, ${p.name}: ${p.readiness} across, ${p.influence} up, ${p.quadrant}`).join("; ") +
      ". The numbered list and the table below name the same people."
    : "Map: no one added yet.";
  const { svg, add } = svgChart(size, size, "ek-chart ek-map", summary);
  const split = cutoff - 0.5; // the line between "not yet" and "ready" on both scales
  add("rect", { x: x(split), y: y(5.5), width: x(5.5) - x(split), height: y(split) - y(5.5), class: "ek-map-start" });
  add("line", { x1: x(split), x2: x(split), y1: y(5.5), y2: y(0.5), "stroke-dasharray": "4 4", class: "ek-map-line ek-map-split-x" });
  add("line", { x1: x(0.5), x2: x(5.5), y1: y(split), y2: y(split), "stroke-dasharray": "4 4", class: "ek-map-line ek-map-split-y" });
  add("rect", { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, fill: "none", class: "ek-map-line" });
  add("text", { x: size / 2, y: size - 10, "text-anchor": "middle", class: "ek-chart-label" }, shortLabel(texts.x_label));
  add("text", { x: 16, y: size / 2, "text-anchor": "middle", class: "ek-chart-label", transform: `rotate(-90 16 ${size / 2})` }, shortLabel(texts.y_label));
  add("text", { x: size - pad - 6, y: pad + 18, "text-anchor": "end", class: "ek-chart-note" }, "start here");
  const spots = pointPositions(result.placements);
  result.placements.forEach((p, i) => {
    const cx = x(p.readiness) + spots[i].offset;
    const cy = y(p.influence);
    add("circle", { cx, cy, r: 13, "stroke-width": 2, class: "ek-map-point", "data-name": p.name, "data-quadrant": p.quadrant });
    add("text", { x: cx, y: cy + 6, "text-anchor": "middle", class: "ek-map-number", "aria-hidden": "true" }, String(i + 1));
  });
  return svg;
}

function ratingSelect(id) {
  const select = el("select", { id, className: "ek-select" });
  for (let v = 1; v <= 5; v += 1) select.append(el("option", { value: String(v), text: String(v) }));
  select.value = "3";
  return select;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const texts = model.get("texts");
  const cutoff = model.get("cutoff");
  const saved = store.get(key);
  let people = isRecord(saved) && Array.isArray(saved.people) ? saved.people : model.get("people");
  const root = el("div", { className: "ek-widget ek-coalition" });
  const form = el("form", { className: "ek-controls", "aria-label": "Add a person or group to the map" });
  const name = el("input", { id: uid("ek-name"), type: "text", className: "ek-input", autocomplete: "off" });
  const role = el("input", { id: uid("ek-role"), type: "text", className: "ek-input", autocomplete: "off" });
  const ready = ratingSelect(uid("ek-ready"));
  const infl = ratingSelect(uid("ek-infl"));
  form.append(
    control("Name or title", name),
    control(texts.role_label || "Role", role),
    control(texts.x_label, ready),
    control(texts.y_label, infl),
    el("div", { className: "ek-control ek-control-button" }, [el("button", { type: "submit", className: "ek-button", text: "Add to the map" })]),
  );
  const status = el("p", { className: "ek-status", role: "status" });
  const figure = el("figure", { className: "ek-figure" });
  const tableHolder = el("div", { className: "ek-table-holder" });
  const startList = el("ol", { className: "ek-start" });
  root.append(form, status, figure, el("h3", { className: "ek-heading", text: "Where to start" }), startList, tableHolder);
  host.append(root);

  async function save(message) {
    const reply = await store.save(key, { people });
    status.textContent = reply.ok ? message : `${message} ${savedMessage(store, reply)}`;
  }

  function draw() {
    const result = placePeople(people, cutoff, texts);
    figure.replaceChildren(
      quadrantChart(result, cutoff, texts),
      el("ol", { className: "ek-map-key", "aria-label": "Who is who on the map" }, result.placements.map((p) => el("li", { text: p.name }))),
      el("figcaption", { text: `People by ${shortLabel(texts.x_label).toLowerCase()} and ${shortLabel(texts.y_label).toLowerCase()}. The shaded corner is where to start.` }),
    );
    startList.replaceChildren(...result.start.slice(0, 3).map((s) => el("li", { text: s.reason })));
    const table = el("table", { className: "ek-table" });
    table.append(el("caption", { text: "Everyone on the map, their quadrant and a next step." }));
    const head = el("tr");
    for (const h of ["Name", texts.role_label || "Role", shortLabel(texts.x_label), shortLabel(texts.y_label), "Quadrant", "Next step", "Remove"]) head.append(el("th", { scope: "col", text: h }));
    table.append(el("thead", {}, [head]));
    const body = el("tbody");
    result.placements.forEach((p, i) => {
      const remove = el("button", { type: "button", className: "ek-link-button", text: "Remove", "aria-label": `Remove ${p.name}` });
      remove.addEventListener("click", () => {
        people = people.filter((_, j) => j !== i);
        draw();
        save(`Removed ${p.name}.`);
      });
      body.append(el("tr", { "data-quadrant": p.quadrant, "data-name": p.name }, [
        el("th", { scope: "row", text: p.name }),
        el("td", { text: p.role }),
        el("td", { text: String(p.readiness) }),
        el("td", { text: String(p.influence) }),
        el("td", { text: p.quadrant }),
        el("td", { text: p.advice }),
        el("td", {}, [remove]),
      ]));
    });
    table.append(body);
    tableHolder.replaceChildren(stackOnPhones(table));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const problem = addProblem(people, name.value);
    if (problem) {
      status.textContent = problem;
      name.focus();
      return;
    }
    const added = name.value.trim();
    people = [...people, { name: added, role: role.value.trim(), readiness: Number(ready.value), influence: Number(infl.value) }];
    name.value = "";
    role.value = "";
    draw();
    save(`Added ${added}.`);
  });
  draw();
}

export default { render };
