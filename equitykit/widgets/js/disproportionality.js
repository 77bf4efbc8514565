// Disproportionality calculator: choose a risk-ratio threshold, a minimum cell size, a
// minimum n-size and a number of consecutive years; see which schools and groups are
// flagged, and why. Risk ratios were computed in Python by equitykit and shipped with
// the page; the browser applies the rules, so it works with or without a kernel.

// Years like "2023-24" -> 2023.
function ekYearStart(year) {
  return parseInt(String(year).slice(0, 4), 10);
}

function ekJoin(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// Why a year's risk ratio cannot be reported under the chosen sizes (empty when it can).
function ekRatioReasons(row, minCell, minN) {
  const [gCount, gEnrolled, cCount, cEnrolled, ratio] = row;
  const reasons = [];
  if (gEnrolled === null || gCount === null) reasons.push("the group's numbers are suppressed to protect privacy");
  if (cEnrolled === null || cCount === null) reasons.push("the comparison group's numbers are suppressed to protect privacy");
  if (reasons.length) return reasons;
  if (gEnrolled < minN) reasons.push(`fewer than ${minN} students enrolled in the group`);
  if (gCount < minCell) reasons.push(`fewer than ${minCell} students with the outcome in the group`);
  if (cEnrolled < minN) reasons.push(`fewer than ${minN} students enrolled in the comparison group`);
  if (cCount < minCell) reasons.push(`fewer than ${minCell} students with the outcome in the comparison group`);
  if (!reasons.length && ratio === null) reasons.push("the comparison group has no students with the outcome");
  return reasons;
}

// The rule: flagged when the risk ratio is reported and above the threshold in each of
// the `years` most recent consecutive school years. Pure function, tested against Python.
export function ekFlagRows(data, key, settings) {
  const { threshold, minCell, minN, years: needed } = settings;
  const years = [...data.years].sort((a, b) => ekYearStart(a) - ekYearStart(b));
  const recent = years.slice(-needed);
  let gapYear = null;
  for (let i = 1; i < recent.length; i += 1) {
    if (ekYearStart(recent[i]) !== ekYearStart(recent[i - 1]) + 1) {
      const start = ekYearStart(recent[i - 1]) + 1;
      gapYear = `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
      break;
    }
  }
  const out = [];
  for (const unit of data.rows[key] || []) {
    const [unitCode, subgroup, byYear] = unit;
    const ratios = {};
    const above = [];
    const atOrBelow = [];
    const notReported = [];
    for (const year of years) {
      const row = byYear[year];
      const reasons = row ? ekRatioReasons(row, minCell, minN) : ["no data"];
      ratios[year] = reasons.length ? null : row[5];
      if (!recent.includes(year)) continue;
      if (!row) notReported.push(`no data for ${year}`);
      else if (reasons.length) notReported.push(`not reported in ${year}: ${reasons.join("; ")}`);
      else if (row[4] > threshold) above.push(year);
      else atOrBelow.push(`${year} (${row[5]})`);
    }
    const enough = recent.length === needed && gapYear === null;
    const flagged = enough && above.length === needed;
    const parts = [];
    if (recent.length < needed) parts.push(`only ${recent.length} school year(s) of data; ${needed} are needed`);
    else if (gapYear !== null) parts.push(`the most recent years are not consecutive (no data for ${gapYear})`);
    const limit = Number.isInteger(threshold) ? threshold.toFixed(1) : String(threshold);
    if (above.length) parts.push(`risk ratio above ${limit} in ${ekJoin(above)}`);
    if (atOrBelow.length) parts.push(`at or below ${limit} in ${ekJoin(atOrBelow)}`);
    parts.push(...notReported);
    out.push({ unit: unitCode, subgroup, ratios, flagged, why: parts.join("; ") });
  }
  return out;
}

function render({ model, el }) {
  const data = model.get("_data");
  const root = ekEl("div", { className: "ek-widget ek-calculator" });
  const controls = ekEl("div", { className: "ek-controls" });
  const inputs = {};

  function addSelect(trait, labelText, options, numeric) {
    const id = ekUid(`ek-${trait}`);
    const select = ekEl("select", { id, className: "ek-select" });
    for (const [value, text] of options) select.append(ekEl("option", { value: String(value), text }));
    select.value = String(model.get(trait));
    select.addEventListener("change", () => {
      ekSync(model, { [trait]: numeric ? Number(select.value) : select.value });
      draw();
    });
    inputs[trait] = { node: select, read: () => (numeric ? Number(select.value) : select.value) };
    controls.append(ekEl("div", { className: "ek-control" }, [ekEl("label", { for: id, text: labelText }), select]));
  }

  addSelect("outcome", "Outcome", data.outcomes, false);
  addSelect("group", "Student group", data.groups, false);
  addSelect("threshold", "Risk-ratio threshold (flag above)", data.thresholds.map((t) => [t, t.toFixed(2)]), true);
  addSelect("min_cell", "Minimum cell size", data.min_cells.map((n) => [n, `${n} students with the outcome`]), true);
  addSelect("min_n", "Minimum n-size", data.min_ns.map((n) => [n, `${n} students enrolled`]), true);
  addSelect("consecutive_years", "Consecutive years above", data.year_choices.map((n) => [n, n === 1 ? "1 year" : `${n} years`]), true);

  const showAllId = ekUid("ek-show-all");
  const showAll = ekEl("input", { type: "checkbox", id: showAllId });
  showAll.addEventListener("change", () => draw());
  const summary = ekEl("p", { className: "ek-summary", "aria-live": "polite" });
  const tableHolder = ekEl("div", { className: "ek-table-holder" });
  root.append(
    controls,
    ekEl("div", { className: "ek-option" }, [showAll, ekEl("label", { for: showAllId, text: "Also list groups that are not flagged" })]),
    summary,
    tableHolder,
    ekEl("p", { className: "ek-source", text: data.note }),
  );
  el.append(root);

  const unitLabel = (code) => {
    const found = data.units.find((u) => u[0] === code);
    return found ? found[1] : code;
  };
  const subgroupLabel = (code) => data.subgroup_labels[`${inputs.group.read()}|${code}`] || code;

  function draw() {
    const settings = {
      threshold: inputs.threshold.read(),
      minCell: inputs.min_cell.read(),
      minN: inputs.min_n.read(),
      years: inputs.consecutive_years.read(),
    };
    const key = `${inputs.outcome.read()}|${inputs.group.read()}`;
    const rows = ekFlagRows(data, key, settings);
    const flagged = rows.filter((r) => r.flagged);
    const units = new Set(flagged.map((r) => r.unit));
    summary.textContent = flagged.length
      ? `${flagged.length} group(s) flagged in ${units.size} school(s) or the district.`
      : "No group is flagged under these rules.";
    const shown = showAll.checked ? rows : flagged;
    const years = [...data.years].sort();
    const table = ekEl("table", { className: "ek-table" });
    table.append(ekEl("caption", { text: `Risk ratios by school year and whether each group is flagged (threshold ${settings.threshold.toFixed(2)}, ${settings.years} year(s)).` }));
    const head = ekEl("tr");
    for (const h of ["School or district", "Student group", ...years, "Flagged", "Why"]) head.append(ekEl("th", { scope: "col", text: h }));
    table.append(ekEl("thead", {}, [head]));
    const body = ekEl("tbody");
    for (const r of shown) {
      const tr = ekEl("tr", { "data-unit": r.unit, "data-subgroup": r.subgroup, "data-flagged": r.flagged ? "yes" : "no" });
      tr.append(ekEl("th", { scope: "row", text: unitLabel(r.unit) }));
      tr.append(ekEl("td", { text: subgroupLabel(r.subgroup) }));
      for (const y of years) tr.append(ekEl("td", { className: "ek-ratio", text: r.ratios[y] === null || r.ratios[y] === undefined ? "not reported" : r.ratios[y] }));
      tr.append(ekEl("td", { text: r.flagged ? "Flagged" : "No" }));
      tr.append(ekEl("td", { text: r.why }));
      body.append(tr);
    }
    if (!shown.length) {
      const tr = ekEl("tr");
      tr.append(ekEl("td", { colspan: String(years.length + 4), text: "No rows to show." }));
      body.append(tr);
    }
    table.append(body);
    tableHolder.replaceChildren(table);
  }

  for (const trait of Object.keys(inputs)) {
    model.on(`change:${trait}`, () => {
      inputs[trait].node.value = String(model.get(trait));
      draw();
    });
  }
  draw();
}
export default { render };
