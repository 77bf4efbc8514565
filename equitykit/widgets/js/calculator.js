// Disproportionality calculator: choose a risk-ratio threshold, a minimum cell size, a
// minimum n-size and a number of consecutive years; see which schools and groups are flagged,
// and why. Python computed every ratio and its counts, the most recent years for each choice
// of years, and every sentence of the reasons; the browser only compares and looks up text.

import { control, el, stackOnPhones, uid } from "./lib/dom.js";
import { fill, joinList } from "./lib/text.js";

// Why a year's ratio cannot be used under the chosen sizes (empty when it can).
// row = [group count, group enrolled, comparison count, comparison enrolled, ratio, text].
export function ratioReasons(row, minCell, minN, texts) {
  const [gCount, gEnrolled, cCount, cEnrolled, ratio] = row;
  if (gEnrolled === null || gCount === null) return [texts.group_suppressed];
  if (cEnrolled === null || cCount === null) return [texts.comparison_suppressed];
  const reasons = [];
  if (gEnrolled < minN) reasons.push(texts.sizes[`enrolled|group|${minN}`]);
  if (gCount < minCell) reasons.push(texts.sizes[`outcome|group|${minCell}`]);
  if (cEnrolled < minN) reasons.push(texts.sizes[`enrolled|comparison group|${minN}`]);
  if (cCount < minCell) reasons.push(texts.sizes[`outcome|comparison group|${minCell}`]);
  if (!reasons.length && ratio === null) reasons.push(texts.ratio_undefined);
  return reasons;
}

// The rule: flagged when the ratio is reported and above the threshold in each of the
// `years` most recent consecutive school years. settings = {threshold, minCell, minN, years}.
export function flagRows(data, key, settings) {
  const { threshold, minCell, minN, years: needed } = settings;
  const { recent, gap } = data.recent[String(needed)];
  const limit = data.threshold_texts[String(threshold)];
  const texts = data.texts;
  return (data.rows[key] || []).map(([unit, subgroup, byYear]) => {
    const ratios = {};
    const above = [];
    const atOrBelow = [];
    const notReported = [];
    for (const year of data.years) {
      const row = byYear[year];
      const reasons = row ? ratioReasons(row, minCell, minN, texts) : [texts.no_data];
      ratios[year] = reasons.length ? null : row[5];
      if (!recent.includes(year)) continue;
      if (!row) notReported.push(fill(texts.no_data_in, { year }));
      else if (reasons.length) notReported.push(fill(texts.not_reported_in, { year, reasons: reasons.join("; ") }));
      else if (row[4] > threshold) above.push(year);
      else atOrBelow.push(`${year} (${row[5]})`);
    }
    const enough = recent.length === needed && gap === null;
    const parts = [];
    if (recent.length < needed) parts.push(fill(texts.too_few_years, { have: recent.length, need: needed }));
    else if (gap !== null) parts.push(fill(texts.not_consecutive, { year: gap }));
    if (above.length) parts.push(fill(texts.above, { threshold: limit, years: joinList(above) }));
    if (atOrBelow.length) parts.push(fill(texts.at_or_below, { threshold: limit, years: joinList(atOrBelow) }));
    parts.push(...notReported);
    return { unit, subgroup, ratios, flagged: enough && above.length === needed, why: parts.join("; ") };
  });
}

function render({ model, el: host }) {
  const data = model.get("_data");
  const root = el("div", { className: "ek-widget ek-calculator" });
  const controls = el("div", { className: "ek-controls" });
  const inputs = {};

  function addSelect(name, labelText, options, numeric, start) {
    const select = el("select", { id: uid(`ek-${name}`), className: "ek-select" });
    for (const [value, text] of options) select.append(el("option", { value: String(value), text }));
    select.value = String(start);
    select.addEventListener("change", draw);
    inputs[name] = () => (numeric ? Number(select.value) : select.value);
    controls.append(control(labelText, select));
  }

  const start = data.start;
  addSelect("outcome", "Outcome", data.outcomes, false, start.outcome);
  addSelect("group", "Student group", data.groups, false, start.group);
  addSelect("threshold", "Risk-ratio threshold (flag above)", data.thresholds.map((t) => [t, data.threshold_texts[String(t)]]), true, start.threshold);
  addSelect("min_cell", "Minimum cell size", data.min_cells.map((n) => [n, data.texts.min_cell_choice[String(n)]]), true, start.min_cell);
  addSelect("min_n", "Minimum n-size", data.min_ns.map((n) => [n, data.texts.min_n_choice[String(n)]]), true, start.min_n);
  addSelect("years", "Consecutive years above", data.year_choices.map((n) => [n, data.texts.year_choice[String(n)]]), true, start.consecutive_years);

  const showAllId = uid("ek-show-all");
  const showAll = el("input", { type: "checkbox", id: showAllId });
  // every group of every school would be hundreds of rows: list one school (or the district)
  const listUnit = el("select", { id: uid("ek-list-unit"), className: "ek-select" });
  for (const [code, label] of data.units) listUnit.append(el("option", { value: code, text: label }));
  const listControl = control("List every group of", listUnit);
  listControl.hidden = true;
  showAll.addEventListener("change", () => {
    listControl.hidden = !showAll.checked;
    draw();
  });
  listUnit.addEventListener("change", draw);
  const summary = el("p", { className: "ek-summary", "aria-live": "polite" });
  const tableHolder = el("div", { className: "ek-table-holder" });
  root.append(
    controls,
    el("div", { className: "ek-option" }, [showAll, el("label", { for: showAllId, text: "Also list groups that are not flagged" })]),
    listControl,
    summary,
    tableHolder,
    el("p", { className: "ek-source", text: data.texts.sizes_note }),
    el("p", { className: "ek-source", text: data.note }),
  );
  host.append(root);

  const unitLabel = (code) => (data.units.find((u) => u[0] === code) || [code, code])[1];
  const subgroupLabel = (code) => data.subgroup_labels[`${inputs.group()}|${code}`] || code;

  function draw() {
    const settings = { threshold: inputs.threshold(), minCell: inputs.min_cell(), minN: inputs.min_n(), years: inputs.years() };
    const rows = flagRows(data, `${inputs.outcome()}|${inputs.group()}`, settings);
    const flagged = rows.filter((r) => r.flagged);
    const units = new Set(flagged.map((r) => r.unit));
    summary.textContent = flagged.length
      ? `${flagged.length} group(s) flagged in ${units.size} school(s) or the district.`
      : "No group is flagged under these rules.";
    const shown = showAll.checked ? rows.filter((r) => r.flagged || r.unit === listUnit.value) : flagged;
    const table = el("table", { className: "ek-table" });
    table.append(el("caption", { text: `Risk ratios by school year and whether each group is flagged (threshold ${data.threshold_texts[String(settings.threshold)]}, ${data.texts.year_choice[String(settings.years)]}).` }));
    const head = el("tr");
    for (const h of ["School or district", "Student group", ...data.years, "Flagged", "Why"]) head.append(el("th", { scope: "col", text: h }));
    table.append(el("thead", {}, [head]));
    const body = el("tbody");
    for (const r of shown) {
      const tr = el("tr", { "data-unit": r.unit, "data-subgroup": r.subgroup, "data-flagged": r.flagged ? "yes" : "no" });
      tr.append(el("th", { scope: "row", text: unitLabel(r.unit) }), el("td", { text: subgroupLabel(r.subgroup) }));
      for (const y of data.years) tr.append(el("td", { className: "ek-ratio", text: r.ratios[y] ?? "not reported" }));
      tr.append(el("td", { text: r.flagged ? "Flagged" : "No" }), el("td", { text: r.why }));
      body.append(tr);
    }
    if (!shown.length) body.append(el("tr", {}, [el("td", { colspan: String(data.years.length + 4), text: "No rows to show." })]));
    table.append(body);
    tableHolder.replaceChildren(stackOnPhones(table));
  }
  draw();
}

export default { render };
