// Gap explorer: pick an outcome, a student group, a school (or the district) and a metric;
// see a chart and the table behind it. Every number was computed in Python by equitykit
// and shipped with the page, so the explorer works the same with or without a kernel.
const EK_COLORS = { bar: "#0072B2", flagged: "#D55E00", axis: "#4a5058", ref: "#1f2328" };

function ekBarChart({ rows, metric, title, reference }) {
  const barH = 26;
  const gap = 10;
  const left = 210;
  const right = 90;
  const width = 640;
  const plotW = width - left - right;
  const height = 30 + rows.length * (barH + gap) + 24;
  const values = rows.filter((r) => r.value !== null).map((r) => r.value);
  const lo = Math.min(0, ...values, reference ?? 0);
  const hi = Math.max(0, ...values, reference ?? 0) * 1.1 || 1;
  const x = (v) => left + ((v - lo) / (hi - lo || 1)) * plotW;
  const described = rows
    .map((r) => `${r.label}: ${r.value === null ? "not reported" : r.text}`)
    .join("; ");
  const { svg, add } = ekSvgChart(
    width,
    height,
    "ek-chart",
    `${title}. ${described}. The same numbers are in the table below.`,
  );
  rows.forEach((row, i) => {
    const y = 20 + i * (barH + gap);
    add("text", { x: left - 8, y: y + barH / 2 + 5, "text-anchor": "end", class: "ek-chart-label" }, row.label);
    if (row.value === null) {
      add("text", { x: x(0) + 6, y: y + barH / 2 + 5, class: "ek-chart-note" }, "not reported");
      return;
    }
    const x0 = x(Math.min(0, row.value));
    const w = Math.max(1, Math.abs(x(row.value) - x(0)));
    add("rect", { x: x0, y, width: w, height: barH, fill: row.flagged ? EK_COLORS.flagged : EK_COLORS.bar });
    add("text", { x: x(Math.max(0, row.value)) + 6, y: y + barH / 2 + 5, class: "ek-chart-value" },
      row.text);
  });
  const bottom = height - 20;
  add("line", { x1: x(0), x2: x(0), y1: 12, y2: bottom, stroke: EK_COLORS.axis });
  if (reference !== null && reference !== undefined && reference !== 0) {
    add("line", { x1: x(reference), x2: x(reference), y1: 12, y2: bottom, stroke: EK_COLORS.ref,
      "stroke-dasharray": "5 4", "stroke-width": 2 });
    add("text", { x: x(reference), y: height - 4, "text-anchor": "middle", class: "ek-chart-note" },
      `${ekFormat(reference, metric.format)} = same as all other students`);
  }
  return svg;
}

function render({ model, el }) {
  const data = model.get("_data");
  const root = ekEl("div", { className: "ek-widget ek-explorer" });
  const controls = ekEl("div", { className: "ek-controls" });
  const selects = {};
  const choices = [
    ["outcome", data.outcome_label || "Outcome", data.outcomes],
    ["group", "Student group", data.groups],
    ["unit", "School or district", data.units],
    ["metric", "Measure", data.metrics],
  ];
  for (const [trait, labelText, options] of choices) {
    const id = ekUid(`ek-${trait}`);
    const select = ekEl("select", { id, className: "ek-select" });
    for (const option of options) {
      select.append(ekEl("option", { value: option[0], text: option[1] }));
    }
    select.value = model.get(trait);
    select.addEventListener("change", () => {
      ekSync(model, { [trait]: select.value });
      draw();
    });
    selects[trait] = select;
    controls.append(ekEl("div", { className: "ek-control" }, [ekEl("label", { for: id, text: labelText }), select]));
  }
  const figure = ekEl("figure", { className: "ek-figure" });
  const tableHolder = ekEl("div", { className: "ek-table-holder" });
  const live = ekEl("p", { className: "ek-visually-hidden", "aria-live": "polite" });
  root.append(controls, figure, tableHolder, live,
    ekEl("p", { className: "ek-source", text: data.note }));
  el.append(root);

  function labelOf(list, code) {
    const found = list.find((item) => item[0] === code);
    return found ? found[1] : code;
  }

  function draw() {
    const sel = { outcome: selects.outcome.value, group: selects.group.value, unit: selects.unit.value, metric: selects.metric.value };
    const metric = data.metrics.find((m) => m[0] === sel.metric);
    const metricInfo = { code: metric[0], label: metric[1], format: metric[2] };
    const columns = data.columns;
    const col = (name) => columns.indexOf(name);
    const raw = data.rows[`${sel.outcome}|${sel.group}|${sel.unit}`] || [];
    const rows = raw.map((r) => ({
      label: r[col("label")],
      subgroup: r[col("subgroup")],
      enrolled: r[col("enrolled")],
      count: r[col("count")],
      risk: r[col("risk")],
      value: r[col(sel.metric)],
      text: r[col(`${sel.metric}_text`)],
      riskText: r[col("risk_text")],
      reason: r[col("reason")],
      flagged: false,
    }));
    const title = `${metricInfo.label} for ${labelOf(data.outcomes, sel.outcome).toLowerCase()}, ` +
      `by ${labelOf(data.groups, sel.group).toLowerCase()}, ${labelOf(data.units, sel.unit)}, ${data.school_year}`;
    const reference = metricInfo.format === "ratio" ? 1 : 0;
    const chartRows = rows.filter((r) => r.subgroup !== "All");
    figure.replaceChildren(
      ekBarChart({ rows: chartRows, metric: metricInfo, title, reference }),
      ekEl("figcaption", { text: `${title}. Fictional data.` }),
    );
    const table = ekEl("table", { className: "ek-table" });
    table.append(ekEl("caption", { text: `The numbers behind the chart: ${title}.` }));
    const head = ekEl("tr");
    const [enrolledHeader, countHeader] = data.headers || ["Enrolled", "With the outcome"];
    const riskHeader = sel.metric === "risk" ? null : "Risk";
    for (const h of ["Student group", enrolledHeader, countHeader, riskHeader, metricInfo.label, "Note"].filter(Boolean)) {
      head.append(ekEl("th", { scope: "col", text: h }));
    }
    table.append(ekEl("thead", {}, [head]));
    const body = ekEl("tbody");
    for (const r of rows) {
      const tr = ekEl("tr", { "data-subgroup": r.subgroup });
      tr.append(ekEl("th", { scope: "row", text: r.label }));
      tr.append(ekEl("td", { text: r.enrolled === null ? "suppressed" : ekFormat(r.enrolled, "count") }));
      tr.append(ekEl("td", { text: r.count === null ? "suppressed" : ekFormat(r.count, "count") }));
      const isTotal = r.subgroup === "All";
      if (riskHeader) tr.append(ekEl("td", { text: r.riskText || "" }));
      tr.append(ekEl("td", { className: "ek-metric", text: r.text || (isTotal ? "" : "not reported") }));
      tr.append(ekEl("td", { text: isTotal ? "all students in this school or district" : (r.reason || "") }));
      body.append(tr);
    }
    table.append(body);
    tableHolder.replaceChildren(table);
    live.textContent = `Showing ${title}.`;
  }

  for (const trait of Object.keys(selects)) {
    model.on(`change:${trait}`, () => {
      if (selects[trait].value !== model.get(trait)) {
        selects[trait].value = model.get(trait);
        draw();
      }
    });
  }
  draw();
}
export default { render };
