// Capacity and succession planner: who carries which initiative; what depends on one person.

function ekFillText(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

function ekList(names) {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

// Same rule as equitykit.planning.capacity_gaps (tested against it in Node).
export function ekCapacityGaps(assignments, maxPerPerson, texts) {
  const spelling = {};
  const cleaned = [];
  for (const [initiative, people] of assignments) {
    const seen = new Set();
    const names = [];
    for (const raw of people) {
      const name = raw.split(/\s+/).filter(Boolean).join(" ");
      const key = name.toLowerCase();
      if (name && !seen.has(key)) {
        seen.add(key);
        if (!(key in spelling)) spelling[key] = name;
        names.push(spelling[key]);
      }
    }
    cleaned.push([initiative, names]);
  }
  const load = new Map();
  for (const [initiative, people] of cleaned) {
    for (const person of people) {
      if (!load.has(person)) load.set(person, []);
      load.get(person).push(initiative);
    }
  }
  const findings = [];
  for (const [initiative, people] of cleaned) {
    if (!people.length) {
      const t = texts["no one assigned"];
      findings.push({ kind: "no one assigned", initiatives: [initiative], person: null, detail: ekFillText(t.detail, { initiative }), advice: t.advice });
    }
  }
  for (const [initiative, people] of cleaned) {
    if (people.length === 1) {
      const t = texts["single point of failure"];
      const person = people[0];
      findings.push({ kind: "single point of failure", initiatives: [initiative], person,
        detail: ekFillText(t.detail, { initiative, person }), advice: ekFillText(t.advice, { person }) });
    }
  }
  const byInitiative = Object.fromEntries(cleaned);
  const overloaded = [...load.entries()].filter(([, list]) => list.length > maxPerPerson);
  overloaded.sort((a, b) => b[1].length - a[1].length);
  for (const [person, list] of overloaded) {
    const t = texts.overload;
    const alone = list.filter((name) => byInitiative[name].length === 1);
    let detail = ekFillText(t.detail, { person, count: list.length, initiatives: ekList(list), limit: maxPerPerson });
    if (alone.length) detail += ekFillText(t.alone, { alone: ekList(alone) });
    findings.push({ kind: "overload", initiatives: list, person, detail, advice: ekFillText(t.advice, { person }) });
  }
  return findings;
}

function render({ model, el }) {
  const texts = model.get("_texts");
  const storeKey = `${model.get("module")}/capacity/${model.get("planner_id")}`;
  const saved = ekStoreGet(storeKey);
  let initiatives = saved ? saved.initiatives : model.get("initiatives");
  let people = saved ? saved.people : model.get("people");
  let assigned = saved ? saved.assigned : model.get("assigned"); // {initiative: [people]}
  const root = ekEl("div", { className: "ek-widget ek-capacity" });
  const limitId = ekUid("ek-limit");
  const limit = ekEl("select", { id: limitId, className: "ek-select" });
  for (const n of [2, 3, 4, 5]) limit.append(ekEl("option", { value: String(n), text: `${n} initiatives` }));
  limit.value = String(model.get("max_per_person"));
  const addPersonId = ekUid("ek-person");
  const addInitId = ekUid("ek-initiative");
  const personInput = ekEl("input", { id: addPersonId, type: "text", className: "ek-input", autocomplete: "off" });
  const initInput = ekEl("input", { id: addInitId, type: "text", className: "ek-input", autocomplete: "off" });
  const addPerson = ekEl("button", { type: "button", className: "ek-button", text: "Add person" });
  const addInit = ekEl("button", { type: "button", className: "ek-button", text: "Add initiative" });
  const status = ekEl("p", { className: "ek-status", role: "status" });
  const grid = ekEl("div", { className: "ek-table-holder" });
  const findingsBox = ekEl("div", { className: "ek-findings", "aria-live": "polite" });
  root.append(
    ekEl("div", { className: "ek-controls" }, [
      ekEl("div", { className: "ek-control" }, [ekEl("label", { for: addInitId, text: "New initiative" }), initInput]),
      ekEl("div", { className: "ek-control ek-control-button" }, [addInit]),
      ekEl("div", { className: "ek-control" }, [ekEl("label", { for: addPersonId, text: "New person" }), personInput]),
      ekEl("div", { className: "ek-control ek-control-button" }, [addPerson]),
      ekEl("div", { className: "ek-control" }, [ekEl("label", { for: limitId, text: "Too much for one person: more than" }), limit]),
    ]),
    status,
    grid,
    ekEl("h3", { className: "ek-heading", text: "What the plan depends on" }),
    findingsBox,
  );
  el.append(root);

  function save() {
    ekStoreSet(storeKey, { initiatives, people, assigned, saved_at: new Date().toISOString() });
    ekSync(model, { initiatives: [...initiatives], people: [...people], assigned: JSON.parse(JSON.stringify(assigned)), max_per_person: Number(limit.value) });
  }

  function draw() {
    const table = ekEl("table", { className: "ek-table" });
    table.append(ekEl("caption", { text: "Who carries each initiative. Tick a box to assign a person." }));
    const head = ekEl("tr", {}, [ekEl("th", { scope: "col", text: "Initiative" })]);
    for (const p of people) head.append(ekEl("th", { scope: "col", text: p }));
    table.append(ekEl("thead", {}, [head]));
    const body = ekEl("tbody");
    for (const initiative of initiatives) {
      const tr = ekEl("tr", {}, [ekEl("th", { scope: "row", text: initiative })]);
      for (const person of people) {
        const id = ekUid("ek-assign");
        const box = ekEl("input", { type: "checkbox", id, checked: (assigned[initiative] || []).includes(person) });
        box.addEventListener("change", () => {
          const current = new Set(assigned[initiative] || []);
          if (box.checked) current.add(person);
          else current.delete(person);
          assigned = { ...assigned, [initiative]: people.filter((p) => current.has(p)) };
          save();
          drawFindings();
        });
        tr.append(ekEl("td", {}, [box, ekEl("label", { for: id, className: "ek-visually-hidden", text: `${person} works on ${initiative}` })]));
      }
      body.append(tr);
    }
    table.append(body);
    grid.replaceChildren(table);
    drawFindings();
  }

  function drawFindings() {
    const pairs = initiatives.map((i) => [i, assigned[i] || []]);
    const findings = ekCapacityGaps(pairs, Number(limit.value), texts);
    if (!findings.length) {
      findingsBox.replaceChildren(ekEl("p", { text: "No initiative depends on one person and no one carries too much." }));
      return;
    }
    findingsBox.replaceChildren(ekEl("ul", {}, findings.map((f) =>
      ekEl("li", { "data-kind": f.kind }, [ekEl("strong", { text: `${f.kind[0].toUpperCase()}${f.kind.slice(1)}: ` }), f.detail, " ", ekEl("em", { text: f.advice })]))));
  }

  addInit.addEventListener("click", () => {
    const value = initInput.value.trim();
    if (!value || initiatives.includes(value)) {
      status.textContent = value ? `${value} is already listed.` : "Type the initiative's name first.";
      return;
    }
    initiatives = [...initiatives, value];
    initInput.value = "";
    status.textContent = `Added ${value}.`;
    save();
    draw();
  });
  addPerson.addEventListener("click", () => {
    const value = personInput.value.trim();
    if (!value || people.includes(value)) {
      status.textContent = value ? `${value} is already listed.` : "Type the person's name or role first.";
      return;
    }
    people = [...people, value];
    personInput.value = "";
    status.textContent = `Added ${value}.`;
    save();
    draw();
  });
  limit.addEventListener("change", () => {
    save();
    drawFindings();
  });
  draw();
}
export default { render };
