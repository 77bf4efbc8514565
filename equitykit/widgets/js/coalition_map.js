// Coalition map: rate stakeholders for readiness and influence; see a quadrant chart and
// where to start. The people typed in stay in this browser (or the learner's journal).

function ekFill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// Same rule as equitykit.planning.coalition_map (tested against it in Node).
export function ekCoalition(people, cutoff, texts) {
  const [startHere, buildVoice, engageWithCare, inviteIn] = texts.quadrants;
  const placements = people.map((person, index) => {
    const ready = person.readiness >= cutoff;
    const influential = person.influence >= cutoff;
    const quadrant = ready ? (influential ? startHere : buildVoice) : influential ? engageWithCare : inviteIn;
    return { ...person, index, quadrant, advice: texts.advice[quadrant] };
  });
  const order = Object.fromEntries(texts.quadrants.map((q, i) => [q, i]));
  const ranked = [...placements].sort(
    (a, b) => order[a.quadrant] - order[b.quadrant] || b.influence - a.influence || b.readiness - a.readiness || a.index - b.index,
  );
  const start = ranked.map((p) => ({
    name: p.name,
    quadrant: p.quadrant,
    reason: ekFill(texts.reasons[p.quadrant], { name: p.name, ready: p.readiness, influence: p.influence }),
  }));
  return { placements, start };
}

function ekQuadrantChart(result, cutoff, texts) {
  const size = 420;
  const pad = 48;
  const scale = (v) => pad + ((v - 0.5) / 5) * (size - 2 * pad);
  const summary = result.placements.length
    ? `Map of ${result.placements.length} people by ${texts.x_label} (across) and ${texts.y_label} (up). ` +
      result.placements.map((p) => `${p.name}: ${p.readiness} across, ${p.influence} up`).join("; ") +
      ". The table below lists the same people."
    : "Map: no one added yet.";
  const { svg, add } = ekSvgChart(size, size, "ek-chart ek-map", summary);
  const mid = scale(cutoff - 0.5);
  add("rect", { x: mid, y: pad, width: size - pad - mid, height: mid - pad, fill: "#e8f1fa" });
  add("line", { x1: mid, x2: mid, y1: pad, y2: size - pad, stroke: "#4a5058", "stroke-dasharray": "4 4" });
  add("line", { x1: pad, x2: size - pad, y1: mid, y2: mid, stroke: "#4a5058", "stroke-dasharray": "4 4" });
  add("rect", { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, fill: "none", stroke: "#4a5058" });
  add("text", { x: size / 2, y: size - 12, "text-anchor": "middle", class: "ek-chart-label" }, texts.x_label);
  add("text", { x: 14, y: size / 2, "text-anchor": "middle", class: "ek-chart-label", transform: `rotate(-90 14 ${size / 2})` }, texts.y_label);
  add("text", { x: size - pad - 6, y: pad + 16, "text-anchor": "end", class: "ek-chart-note" }, "start here");
  const seen = {};
  // people in the same row alternate their labels below and above their points
  const rowOrder = {};
  for (const p of [...result.placements].sort((a, b) => a.readiness - b.readiness)) {
    const row = (rowOrder[p.influence] = rowOrder[p.influence] || []);
    if (!row.includes(p.readiness)) row.push(p.readiness);
  }
  for (const p of result.placements) {
    const key = `${p.readiness},${p.influence}`;
    const k = (seen[key] = (seen[key] || 0) + 1) - 1;
    const cx = scale(p.readiness);
    const cy = size - scale(p.influence);
    add("circle", { cx, cy, r: 7, fill: "#0072B2", stroke: "#ffffff", "stroke-width": 2 });
    // labels sit under their point; at the edges they lean inwards to stay inside the chart
    const anchor = p.readiness <= 1 ? "start" : p.readiness >= 5 ? "end" : "middle";
    const dx = anchor === "start" ? -8 : anchor === "end" ? 8 : 0;
    const above = rowOrder[p.influence].indexOf(p.readiness) % 2 === 1;
    const y = above ? cy - 14 - k * 14 : cy + 22 + k * 14;
    add("text", { x: cx + dx, y, "text-anchor": anchor, class: "ek-chart-note ek-map-label" }, p.name);
  }
  return svg;
}

function render({ model, el }) {
  const texts = model.get("_texts");
  const storeKey = `${model.get("module")}/coalition/${model.get("map_id")}`;
  const saved = ekStoreGet(storeKey);
  let people = saved && Array.isArray(saved.people) ? saved.people : model.get("stakeholders");
  const cutoff = model.get("cutoff");
  const root = ekEl("div", { className: "ek-widget ek-coalition" });

  const form = ekEl("form", { className: "ek-controls", "aria-label": "Add a person or group to the map" });
  const nameId = ekUid("ek-name");
  const roleId = ekUid("ek-role");
  const readyId = ekUid("ek-ready");
  const inflId = ekUid("ek-infl");
  const name = ekEl("input", { id: nameId, type: "text", className: "ek-input", autocomplete: "off" });
  const role = ekEl("input", { id: roleId, type: "text", className: "ek-input", autocomplete: "off" });
  const rating = (id) => {
    const select = ekEl("select", { id, className: "ek-select" });
    for (let v = 1; v <= 5; v += 1) select.append(ekEl("option", { value: String(v), text: String(v) }));
    select.value = "3";
    return select;
  };
  const ready = rating(readyId);
  const infl = rating(inflId);
  const addButton = ekEl("button", { type: "submit", className: "ek-button", text: "Add to the map" });
  form.append(
    ekEl("div", { className: "ek-control" }, [ekEl("label", { for: nameId, text: "Name or title" }), name]),
    ekEl("div", { className: "ek-control" }, [ekEl("label", { for: roleId, text: texts.role_label || "Role" }), role]),
    ekEl("div", { className: "ek-control" }, [ekEl("label", { for: readyId, text: texts.x_label }), ready]),
    ekEl("div", { className: "ek-control" }, [ekEl("label", { for: inflId, text: texts.y_label }), infl]),
    ekEl("div", { className: "ek-control ek-control-button" }, [addButton]),
  );
  const status = ekEl("p", { className: "ek-status", role: "status" });
  const figure = ekEl("figure", { className: "ek-figure" });
  const tableHolder = ekEl("div", { className: "ek-table-holder" });
  const startList = ekEl("ol", { className: "ek-start" });
  root.append(form, status, figure, ekEl("h3", { className: "ek-heading", text: "Where to start" }), startList, tableHolder);
  el.append(root);

  function save() {
    ekStoreSet(storeKey, { people, saved_at: new Date().toISOString() });
    ekSync(model, { stakeholders: people.map((p) => ({ ...p })) });
  }

  function draw() {
    const result = ekCoalition(people, cutoff, texts);
    figure.replaceChildren(ekQuadrantChart(result, cutoff, texts), ekEl("figcaption", { text: `People by ${texts.x_label.split(" (")[0].toLowerCase()} and ${texts.y_label.split(" (")[0].toLowerCase()}. The shaded corner is where to start.` }));
    startList.replaceChildren(...result.start.slice(0, 3).map((s) => ekEl("li", { text: s.reason })));
    const table = ekEl("table", { className: "ek-table" });
    table.append(ekEl("caption", { text: "Everyone on the map, their quadrant and a next step." }));
    const head = ekEl("tr");
    for (const h of ["Name", texts.role_label || "Role", texts.x_label.split(" (")[0], texts.y_label.split(" (")[0], "Quadrant", "Next step", "Remove"]) head.append(ekEl("th", { scope: "col", text: h }));
    table.append(ekEl("thead", {}, [head]));
    const body = ekEl("tbody");
    result.placements.forEach((p, i) => {
      const remove = ekEl("button", { type: "button", className: "ek-link-button", text: "Remove", "aria-label": `Remove ${p.name}` });
      remove.addEventListener("click", () => {
        people = people.filter((_, j) => j !== i);
        status.textContent = `Removed ${p.name}.`;
        save();
        draw();
      });
      const tr = ekEl("tr", { "data-quadrant": p.quadrant });
      tr.append(ekEl("th", { scope: "row", text: p.name }), ekEl("td", { text: p.role }), ekEl("td", { text: String(p.readiness) }),
        ekEl("td", { text: String(p.influence) }), ekEl("td", { text: p.quadrant }), ekEl("td", { text: p.advice }), ekEl("td", {}, [remove]));
      body.append(tr);
    });
    table.append(body);
    tableHolder.replaceChildren(table);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const newName = name.value.trim();
    if (!newName) {
      status.textContent = "Give the stakeholder a name or a title first.";
      name.focus();
      return;
    }
    if (people.some((p) => p.name.toLowerCase() === newName.toLowerCase())) {
      status.textContent = `${newName} is already on the map.`;
      return;
    }
    people = [...people, { name: newName, role: role.value.trim(), readiness: Number(ready.value), influence: Number(infl.value) }];
    status.textContent = `Added ${newName}.`;
    name.value = "";
    role.value = "";
    save();
    draw();
  });
  model.on("change:stakeholders", () => {
    people = model.get("stakeholders");
    draw();
  });
  draw();
}
export default { render };
