// Capacity and succession planner: who carries which initiative; which work depends on one
// person; who carries too much. The finding texts come from Python; the rule is here.
// Saved as {initiatives, people, assigned: {<initiative>: [people]}, max_per_person}.

import { el, uid, control } from "./lib/dom.js";
import { fill, foldName, isRecord, joinList } from "./lib/text.js";
import { keyOf, savedMessage, storeFor } from "./lib/widget.js";

// Each initiative's people: spaces tidied, blanks and repeats dropped, one spelling per
// person (the first met), names matched regardless of case ("Weiß" = "WEISS").
export function cleanAssignments(pairs) {
  const spelling = {};
  return pairs.map(([initiative, people]) => {
    const seen = new Set();
    const names = [];
    for (const raw of people) {
      const name = String(raw).split(/\s+/).filter(Boolean).join(" ");
      const folded = foldName(name);
      if (!name || seen.has(folded)) continue;
      seen.add(folded);
      if (!(folded in spelling)) spelling[folded] = name;
      names.push(spelling[folded]);
    }
    return [initiative, names];
  });
}

// Findings in order: initiatives with no one, single points of failure, then overloads
// (heaviest first). `pairs` is [[initiative, [people]]].
export function capacityGaps(pairs, maxPerPerson, texts) {
  const cleaned = cleanAssignments(pairs);
  const load = new Map();
  for (const [initiative, people] of cleaned) {
    for (const person of people) {
      if (!load.has(person)) load.set(person, []);
      load.get(person).push(initiative);
    }
  }
  const findings = [];
  for (const [initiative, people] of cleaned) {
    if (people.length) continue;
    const t = texts["no one assigned"];
    findings.push({ kind: "no one assigned", initiatives: [initiative], person: null, detail: fill(t.detail, { initiative }), advice: t.advice });
  }
  for (const [initiative, people] of cleaned) {
    if (people.length !== 1) continue;
    const t = texts["single point of failure"];
    const person = people[0];
    findings.push({ kind: "single point of failure", initiatives: [initiative], person, detail: fill(t.detail, { initiative, person }), advice: fill(t.advice, { person }) });
  }
  const byInitiative = Object.fromEntries(cleaned);
  const overloaded = [...load.entries()].filter(([, list]) => list.length > maxPerPerson);
  overloaded.sort((a, b) => b[1].length - a[1].length);
  for (const [person, list] of overloaded) {
    const t = texts.overload;
    const alone = list.filter((name) => byInitiative[name].length === 1);
    let detail = fill(t.detail, { person, count: list.length, initiatives: joinList(list), limit: maxPerPerson });
    if (alone.length) detail += fill(t.alone, { alone: joinList(alone) });
    findings.push({ kind: "overload", initiatives: list, person, detail, advice: fill(t.advice, { person }) });
  }
  return findings;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const texts = model.get("texts");
  const saved = store.get(key);
  const own = isRecord(saved) && Array.isArray(saved.initiatives);
  let initiatives = own ? saved.initiatives : model.get("initiatives");
  let people = own && Array.isArray(saved.people) ? saved.people : model.get("people");
  let assigned = own && isRecord(saved.assigned) ? saved.assigned : model.get("assigned");
  const root = el("div", { className: "ek-widget ek-capacity" });
  const limit = el("select", { id: uid("ek-limit"), className: "ek-select" });
  for (const n of [2, 3, 4, 5]) limit.append(el("option", { value: String(n), text: `${n} initiatives` }));
  limit.value = String(own && saved.max_per_person ? saved.max_per_person : model.get("max_per_person"));
  const personInput = el("input", { id: uid("ek-person"), type: "text", className: "ek-input", autocomplete: "off" });
  const initInput = el("input", { id: uid("ek-initiative"), type: "text", className: "ek-input", autocomplete: "off" });
  const addPerson = el("button", { type: "button", className: "ek-button", text: "Add person" });
  const addInit = el("button", { type: "button", className: "ek-button", text: "Add initiative" });
  const status = el("p", { className: "ek-status", role: "status" });
  const grid = el("div", { className: "ek-table-holder" });
  const findingsBox = el("div", { className: "ek-findings", "aria-live": "polite" });
  root.append(
    el("div", { className: "ek-controls" }, [
      control("New initiative", initInput),
      el("div", { className: "ek-control ek-control-button" }, [addInit]),
      control("New person", personInput),
      el("div", { className: "ek-control ek-control-button" }, [addPerson]),
      control("Too much for one person: more than", limit),
    ]),
    status,
    grid,
    el("h3", { className: "ek-heading", text: "What the plan depends on" }),
    findingsBox,
  );
  host.append(root);

  async function save(message = "") {
    const reply = await store.save(key, { initiatives, people, assigned, max_per_person: Number(limit.value) });
    status.textContent = reply.ok ? message : `${message} ${savedMessage(store, reply)}`.trim();
  }

  function drawFindings() {
    const findings = capacityGaps(initiatives.map((i) => [i, assigned[i] || []]), Number(limit.value), texts);
    if (!findings.length) {
      findingsBox.replaceChildren(el("p", { text: "No initiative depends on one person and no one carries too much." }));
      return;
    }
    findingsBox.replaceChildren(el("ul", {}, findings.map((f) =>
      el("li", { "data-kind": f.kind }, [el("strong", { text: `${f.kind[0].toUpperCase()}${f.kind.slice(1)}: ` }), f.detail, " ", el("em", { text: f.advice })]))));
  }

  function draw() {
    const table = el("table", { className: "ek-table" });
    table.append(el("caption", { text: "Who carries each initiative. Tick a box to assign a person." }));
    const head = el("tr", {}, [el("th", { scope: "col", text: "Initiative" })]);
    for (const p of people) head.append(el("th", { scope: "col", text: p }));
    table.append(el("thead", {}, [head]));
    const body = el("tbody");
    for (const initiative of initiatives) {
      const tr = el("tr", {}, [el("th", { scope: "row", text: initiative })]);
      for (const person of people) {
        const id = uid("ek-assign");
        const box = el("input", { type: "checkbox", id, checked: (assigned[initiative] || []).includes(person) });
        box.addEventListener("change", () => {
          const current = new Set(assigned[initiative] || []);
          if (box.checked) current.add(person);
          else current.delete(person);
          assigned = { ...assigned, [initiative]: people.filter((p) => current.has(p)) };
          drawFindings();
          save();
        });
        tr.append(el("td", {}, [box, el("label", { for: id, className: "ek-visually-hidden", text: `${person} works on ${initiative}` })]));
      }
      body.append(tr);
    }
    table.append(body);
    grid.replaceChildren(table);
    drawFindings();
  }

  function addTo(list, input, what) {
    const value = input.value.trim();
    if (!value) {
      status.textContent = `Type the ${what} first.`;
      return null;
    }
    if (list.some((item) => foldName(item) === foldName(value))) {
      status.textContent = `${value} is already listed.`;
      return null;
    }
    input.value = "";
    return value;
  }

  addInit.addEventListener("click", () => {
    const value = addTo(initiatives, initInput, "initiative's name");
    if (value === null) return;
    initiatives = [...initiatives, value];
    draw();
    save(`Added ${value}.`);
  });
  addPerson.addEventListener("click", () => {
    const value = addTo(people, personInput, "person's name or role");
    if (value === null) return;
    people = [...people, value];
    draw();
    save(`Added ${value}.`);
  });
  limit.addEventListener("change", () => {
    drawFindings();
    save();
  });
  draw();
}

export default { render };
