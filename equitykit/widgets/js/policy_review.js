// Policy review: rate each policy excerpt against the district's commitments with a rubric,
// then compare with the expert. Saved as {ratings: {<excerpt id>: {level, commitments,
// reason}}, compared: [<excerpt ids whose expert view was opened>]}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { debounce, keyOf, markSaved, savedMessage, storeFor } from "./lib/widget.js";

//: Learner and expert differ notably when their levels are this far apart.
export const NOTABLE_GAP = 2;

// The excerpts where the learner's level is `minGap` or more from the expert's (only those
// compared, when `compared` is given), in excerpt order; gap = learner minus expert.
export function policyDifferences(excerpts, ratings, compared, minGap) {
  const allowed = compared === null || compared === undefined ? null : new Set(compared);
  const out = [];
  for (const excerpt of excerpts) {
    const rating = ratings[excerpt.id] || {};
    const level = rating.level;
    if (level === null || level === undefined || (allowed && !allowed.has(excerpt.id))) continue;
    const gap = Number(level) - Number(excerpt.expert_rating);
    if (Math.abs(gap) >= minGap) {
      out.push({ id: excerpt.id, title: excerpt.title, yours: Number(level), expert: Number(excerpt.expert_rating), gap });
    }
  }
  return out;
}

function levelsApart(gap) {
  const size = Math.abs(gap);
  const words = size === 1 ? "one level" : `${size === 2 ? "two" : size === 3 ? "three" : size} levels`;
  return gap > 0 ? `${words} higher than the expert` : `${words} lower than the expert`;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const commitments = model.get("commitments");
  const rubric = model.get("rubric");
  const excerpts = model.get("excerpts");
  const labels = Object.fromEntries(rubric.map((r) => [Number(r.level), r.label]));
  const saved = store.get(key);
  let ratings = isRecord(saved) && isRecord(saved.ratings) ? { ...saved.ratings } : {};
  let compared = isRecord(saved) && Array.isArray(saved.compared) ? [...saved.compared] : [];
  const saveStatus = el("p", { className: "ek-status", role: "status" });

  const root = el("div", { className: "ek-widget ek-policy-review" });
  const summary = el("div", { className: "ek-summary", "aria-live": "polite" });
  host.append(root);

  async function saveNow() {
    const reply = await store.save(key, { ratings, compared });
    markSaved(key, reply.ok);
    saveStatus.textContent = reply.ok ? "" : savedMessage(store, reply);
  }
  const save = debounce(saveNow, 400);

  function entry(id) {
    return { level: null, commitments: [], reason: "", ...(ratings[id] || {}) };
  }

  function drawSummary() {
    const rated = excerpts.filter((e) => entry(e.id).level !== null).length;
    const differ = policyDifferences(excerpts, ratings, compared, 2);
    const intro = el("p", {
      text: `You have rated ${rated} of ${excerpts.length} excerpts and compared ${compared.length} with the expert.`,
    });
    if (!compared.length) {
      summary.replaceChildren(intro, el("p", { text: "Compare an excerpt with the expert to see where your readings differ." }));
      return;
    }
    if (!differ.length) {
      summary.replaceChildren(intro, el("p", { text: "On the excerpts you compared, you and the expert are never two or more levels apart." }));
      return;
    }
    summary.replaceChildren(
      intro,
      el("p", { text: "You and the expert differ by two levels or more on:" }),
      el("ul", {}, differ.map((d) => el("li", { "data-excerpt": d.id }, [
        el("strong", { text: `${d.title}: ` }),
        `you rated it ${d.yours} (${labels[d.yours] || ""}), the expert ${d.expert} (${labels[d.expert] || ""}), `,
        `${levelsApart(d.gap)}. Reread the text: which words support each reading?`,
      ]))),
    );
  }

  function expertView(excerpt) {
    const mine = entry(excerpt.id);
    const expert = Number(excerpt.expert_rating);
    const gap = Number(mine.level) - expert;
    const seen = (excerpt.aligned_with || []).join(", ") || "none";
    const verdict = gap === 0 ? "You gave the same rating." : `You rated it ${mine.level}: ${levelsApart(gap)}.`;
    return [
      el("p", {}, [el("strong", { text: "Expert rating: " }), `${expert}, ${labels[expert] || ""}. `, verdict]),
      el("p", {}, [el("strong", { text: "Commitments the expert saw in it: " }), seen]),
      el("p", {}, [el("strong", { text: "Why: " }), excerpt.rationale]),
    ];
  }

  function excerptSection(excerpt, index) {
    const mine = entry(excerpt.id);
    const headingId = uid("ek-excerpt");
    const section = el("section", { className: "ek-excerpt", "aria-labelledby": headingId, "data-excerpt": excerpt.id });
    section.append(
      el("h4", { id: headingId, className: "ek-heading", text: `${index + 1}. ${excerpt.title}` }),
      el("blockquote", { className: "ek-excerpt-text", text: excerpt.text }),
    );
    const fieldset = el("fieldset", { className: "ek-question" });
    fieldset.append(el("legend", { text: "Which commitments does it speak to?" }));
    for (const commitment of commitments) {
      const id = uid("ek-commit");
      const box = el("input", { type: "checkbox", id, value: commitment.id, checked: mine.commitments.includes(commitment.id) });
      box.addEventListener("change", () => {
        const current = entry(excerpt.id);
        const chosen = new Set(current.commitments);
        if (box.checked) chosen.add(commitment.id);
        else chosen.delete(commitment.id);
        ratings = { ...ratings, [excerpt.id]: { ...current, commitments: commitments.map((c) => c.id).filter((c) => chosen.has(c)) } };
        save();
      });
      fieldset.append(el("div", { className: "ek-option" }, [box, el("label", { for: id, text: `${commitment.id}: ${commitment.text}` })]));
    }
    const selectId = uid("ek-rating");
    const select = el("select", { id: selectId, className: "ek-select" });
    select.append(el("option", { value: "", text: "Choose a level" }));
    for (const level of rubric) select.append(el("option", { value: String(level.level), text: `${level.level}: ${level.label}` }));
    select.value = mine.level === null ? "" : String(mine.level);
    const reasonId = uid("ek-reason");
    const reason = el("textarea", { id: reasonId, rows: 2, className: "ek-textarea" });
    reason.value = mine.reason || "";
    const panelId = uid("ek-expert");
    const panel = el("div", { id: panelId, className: "ek-feedback", role: "region", "aria-label": `Expert view of ${excerpt.title}` });
    const button = el("button", { type: "button", className: "ek-button", text: "Compare with the expert", "aria-expanded": "false", "aria-controls": panelId });
    const status = el("p", { className: "ek-status", role: "status" });
    panel.hidden = true;

    function showExpert() {
      panel.replaceChildren(...expertView(excerpt));
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      button.textContent = "Expert view shown below";
    }

    select.addEventListener("change", () => {
      const level = select.value === "" ? null : Number(select.value);
      ratings = { ...ratings, [excerpt.id]: { ...entry(excerpt.id), level } };
      save();
      if (!panel.hidden && level !== null) panel.replaceChildren(...expertView(excerpt));
      drawSummary();
    });
    reason.addEventListener("input", () => {
      ratings = { ...ratings, [excerpt.id]: { ...entry(excerpt.id), reason: reason.value } };
      save();
    });
    reason.addEventListener("change", () => save.flush());
    button.addEventListener("click", () => {
      if (entry(excerpt.id).level === null) {
        status.textContent = "Choose your rating first, then compare.";
        select.focus();
        return;
      }
      status.textContent = "";
      if (!compared.includes(excerpt.id)) compared = [...compared, excerpt.id];
      save();
      showExpert();
      drawSummary();
    });
    section.append(
      fieldset,
      el("div", { className: "ek-controls" }, [
        el("div", { className: "ek-control" }, [el("label", { for: selectId, text: "Your rating on the rubric" }), select]),
      ]),
      el("label", { for: reasonId, className: "ek-prompt", text: "Your reason, in one sentence (quote the words that decide it)" }),
      reason,
      el("div", { className: "ek-actions" }, [button]),
      status,
      panel,
    );
    if (compared.includes(excerpt.id) && mine.level !== null) showExpert();
    return section;
  }

  function draw() {
    const list = el("ul", {}, commitments.map((c) => el("li", {}, [el("strong", { text: `${c.id}: ` }), c.text])));
    const table = el("table", { className: "ek-table" });
    table.append(el("caption", { text: "The rubric: how well a text supports a commitment" }));
    table.append(el("thead", {}, [el("tr", {}, ["Level", "Label", "What it looks like"].map((h) => el("th", { scope: "col", text: h })))]));
    table.append(el("tbody", {}, rubric.map((r) => el("tr", {}, [
      el("th", { scope: "row", text: String(r.level) }), el("td", { text: r.label }), el("td", { text: r.description }),
    ]))));
    root.replaceChildren(
      el("h3", { className: "ek-heading", text: "The district's commitments" }),
      list,
      el("div", { className: "ek-table-holder" }, [table]),
      ...excerpts.map(excerptSection),
      el("h3", { className: "ek-heading", text: "Where you and the expert differ" }),
      summary,
      saveStatus,
    );
    drawSummary();
  }

  draw();
}

export default { render };
