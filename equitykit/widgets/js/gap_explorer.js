// Gap explorer: pick an outcome, a student group, a school (or the district) and a metric;
// see a chart and the table behind it. Every number and every piece of text about a number
// was computed in Python and shipped with the page; the browser selects and draws.

import { control, el, svgChart, uid } from "./lib/dom.js";

const EK_COLORS = { bar: "#0072B2", flagged: "#D55E00", axis: "#4a5058", ref: "#1f2328" };

function barChart({ rows, title, reference }) {
  const barH = 26;
  const gap = 10;
  const left = 210;
  const right = 90;
  const width = 640;
  const plotW = width - left - right;
  const height = 30 + rows.length * (barH + gap) + 24;
  const values = rows.filter((r) => r.value !== null).map((r) => r.value);
  const ref = reference ? reference.value : 0;
  const lo = Math.min(0, ...values, ref);
  const hi = Math.max(0, ...values, ref) * 1.1 || 1;
  const x = (v) => left + ((v - lo) / (hi - lo || 1)) * plotW;
  const described = rows
    .map((r) => `${r.label}: ${r.value === null ? "not reported" : r.text}`)
    .join("; ");
  const { svg, add } = svgChart(
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
  if (reference && reference.value !== 0) {
    add("line", { x1: x(reference.value), x2: x(reference.value), y1: 12, y2: bottom, stroke: EK_COLORS.ref,
      "stroke-dasharray": "5 4", "stroke-width": 2 });
    add("text", { x: x(reference.value), y: height - 4, "text-anchor": "middle", class: "ek-chart-note" }, reference.text);
  }
  return svg;
}

// The rows shown for one selection: one per subgroup, then all students.
export function selectRows(data, selection) {
  const col = (name) => data.columns.indexOf(name);
  const raw = data.rows[`${selection.outcome}|${selection.group}|${selection.unit}`] || [];
  return raw.map((r) => ({
    label: r[col("label")],
    subgroup: r[col("subgroup")],
    enrolledText: r[col("enrolled_text")],
    countText: r[col("count_text")],
    value: r[col(selection.metric)],
    text: r[col(`${selection.metric}_text`)],
    riskText: r[col("risk_text")],
    reason: r[col("reason")],
  }));
}

function render({ model, el: host }) {
  const data = model.get("_data");
  const root = el("div", { className: "ek-widget ek-explorer" });
  const controls = el("div", { className: "ek-controls" });
  const selects = {};
  const start = data.start;
  const choices = [
    ["outcome", data.outcome_label || "Outcome", data.outcomes],
    ["group", "Student group", data.groups],
    ["unit", "School or district", data.units],
    ["metric", "Measure", data.metrics],
  ];
  for (const [name, labelText, options] of choices) {
    const select = el("select", { id: uid(`ek-${name}`), className: "ek-select" });
    for (const option of options) select.append(el("option", { value: option[0], text: option[1] }));
    select.value = start[name];
    select.addEventListener("change", draw);
    selects[name] = select;
    controls.append(control(labelText, select));
  }
  const figure = el("figure", { className: "ek-figure" });
  const tableHolder = el("div", { className: "ek-table-holder" });
  const live = el("p", { className: "ek-visually-hidden", "aria-live": "polite" });
  root.append(controls, figure, tableHolder, live, el("p", { className: "ek-source", text: data.note }));
  host.append(root);

  function labelOf(list, code) {
    const found = list.find((item) => item[0] === code);
    return found ? found[1] : code;
  }

  function draw() {
    const sel = Object.fromEntries(Object.entries(selects).map(([k, s]) => [k, s.value]));
    const metric = data.metrics.find((m) => m[0] === sel.metric);
    const rows = selectRows(data, sel);
    const title = `${metric[1]} for ${labelOf(data.outcomes, sel.outcome).toLowerCase()}, ` +
      `by ${labelOf(data.groups, sel.group).toLowerCase()}, ${labelOf(data.units, sel.unit)}, ${data.school_year}`;
    figure.replaceChildren(
      barChart({ rows: rows.filter((r) => r.subgroup !== "All"), title, reference: data.references[sel.metric] }),
      el("figcaption", { text: `${title}. ${data.caption_note}` }),
    );
    const table = el("table", { className: "ek-table" });
    table.append(el("caption", { text: `The numbers behind the chart: ${title}.` }));
    const head = el("tr");
    const [enrolledHeader, countHeader] = data.headers;
    const riskHeader = sel.metric === "risk" ? null : "Risk";
    for (const h of ["Student group", enrolledHeader, countHeader, riskHeader, metric[1], "Note"].filter(Boolean)) {
      head.append(el("th", { scope: "col", text: h }));
    }
    table.append(el("thead", {}, [head]));
    const body = el("tbody");
    for (const r of rows) {
      const isTotal = r.subgroup === "All";
      const tr = el("tr", { "data-subgroup": r.subgroup });
      tr.append(el("th", { scope: "row", text: r.label }), el("td", { text: r.enrolledText }), el("td", { text: r.countText }));
      if (riskHeader) tr.append(el("td", { text: r.riskText || "" }));
      tr.append(el("td", { className: "ek-metric", text: r.text || (isTotal ? "" : "not reported") }));
      tr.append(el("td", { text: isTotal ? "all students in this school or district" : r.reason || "" }));
      body.append(tr);
    }
    table.append(body);
    tableHolder.replaceChildren(table);
    live.textContent = `Showing ${title}.`;
  }
  draw();
}

export default { render };
