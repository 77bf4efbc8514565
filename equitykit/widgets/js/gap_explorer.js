// Gap explorer: pick an outcome, a student group, a school (or the district) and a metric;
// see a chart and the table behind it. Every number and every piece of text about a number
// was computed in Python and shipped with the page; the browser selects and draws.

import { control, el, stackOnPhones, uid } from "./lib/dom.js";

// A horizontal bar chart made of HTML, so its labels wrap and keep their size on a phone.
// Each row says its label and value in text; the bars themselves are decoration.
export function barGeometry(rows, reference) {
  const values = rows.filter((r) => r.value !== null && r.value !== undefined).map((r) => r.value);
  const ref = reference ? reference.value : 0;
  const lo = Math.min(0, ...values, ref);
  const hi = Math.max(0, ...values, ref) * 1.15 || 1;
  const at = (v) => ((v - lo) / (hi - lo || 1)) * 100;
  return {
    zero: at(0),
    reference: reference && reference.value !== 0 ? at(reference.value) : null,
    bars: rows.map((r) => (r.value === null || r.value === undefined
      ? null
      : { left: at(Math.min(0, r.value)), width: Math.max(0.5, Math.abs(at(r.value) - at(0))) })),
  };
}

function barChart({ rows, title, reference }) {
  const geometry = barGeometry(rows, reference);
  const list = el("ul", { className: "ek-bars", "aria-label": `${title}. The same numbers are in the table below.` });
  rows.forEach((row, i) => {
    const bar = geometry.bars[i];
    const track = el("span", { className: "ek-bar-track" });
    if (bar === null) {
      track.append(el("span", { className: "ek-bar-none", text: "not reported" }));
    } else {
      track.append(
        el("span", { className: "ek-bar", "aria-hidden": "true", style: `margin-left:${bar.left.toFixed(2)}%;width:${bar.width.toFixed(2)}%` }),
        el("span", { className: "ek-bar-value", text: row.text }),
      );
    }
    if (geometry.reference !== null) {
      track.append(el("span", { className: "ek-bar-reference", "aria-hidden": "true", style: `left:${geometry.reference.toFixed(2)}%` }));
    }
    list.append(el("li", { className: "ek-bar-row", "data-subgroup": row.subgroup }, [el("span", { className: "ek-bar-label", text: row.label }), track]));
  });
  return list;
}

// The rows shown for one selection: one per subgroup, then all students.
export function selectRows(data, selection) {
  const col = (name) => data.columns.indexOf(name);
  const raw = data.rows[`${selection.outcome}|${selection.group}|${selection.unit}`] || [];
  return raw.map((r) => ({
    label: r[col("subgroup")] === "All" ? data.all_label : data.labels[`${selection.group}|${r[col("subgroup")]}`] || r[col("subgroup")],
    subgroup: r[col("subgroup")],
    enrolledText: r[col("enrolled_text")],
    countText: r[col("count_text")],
    value: r[col(selection.metric)],
    text: r[col(`${selection.metric}_text`)],
    riskText: r[col("risk_text")],
    reason: r[col("reason")] >= 0 ? data.reasons[r[col("reason")]] : "",
  }));
}

// The learner's last choices in this explorer, kept in this browser (not their journal).
const UI_PREFIX = "equitykit/ui/";
function recall(key) {
  try {
    return key ? JSON.parse(window.localStorage.getItem(UI_PREFIX + key)) : null;
  } catch (error) {
    return null;
  }
}

function render({ model, el: host }) {
  const data = model.get("_data");
  const remember = (selection) => {
    try {
      if (data.ui_key) window.localStorage.setItem(UI_PREFIX + data.ui_key, JSON.stringify(selection));
    } catch (error) {
      /* storage blocked: the explorer simply starts from its first view next time */
    }
  };
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
  const saved = recall(data.ui_key);
  for (const [name, labelText, options] of choices) {
    const select = el("select", { id: uid(`ek-${name}`), className: "ek-select" });
    for (const option of options) select.append(el("option", { value: option[0], text: option[1] }));
    const remembered = saved && options.some((o) => o[0] === saved[name]) ? saved[name] : null;
    select.value = remembered || start[name];
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
    const title = `${metric[1]} for ${labelOf(data.outcome_phrases, sel.outcome)}, ` +
      `by ${labelOf(data.group_phrases, sel.group)}, ${labelOf(data.units, sel.unit)}, ${data.school_year}`;
    const chartRows = rows.filter((r) => r.subgroup !== "All");
    const reference = data.references[sel.metric];
    const nothing = chartRows.length > 0 && chartRows.every((r) => r.value === null || r.value === undefined);
    figure.replaceChildren(
      barChart({ rows: chartRows, title, reference }),
      reference ? el("p", { className: "ek-bar-reference-note", text: `Dashed line: ${reference.text}.` }) : null,
      nothing ? el("p", { className: "ek-status ek-warning", text: data.texts.nothing_reported }) : null,
      el("figcaption", { text: `${title}. ${data.caption_note}` }),
    );
    remember(sel);
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
    tableHolder.replaceChildren(stackOnPhones(table));
    live.textContent = `Showing ${title}.`;
  }
  draw();
}

export default { render };
