// Policy review: rate each policy excerpt against the district's commitments with a rubric,
// then compare with the expert. The learner's work stays in this browser (and, in Jupyter,
// in the notebook's Python session). Nothing is sent anywhere.

// Same rule as equitykit.widgets.policy_review.policy_differences (tested against it in Node).
export function ekPolicyDifferences(excerpts, ratings, compared, minGap) {
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

function ekLevelsApart(gap) {
  const size = Math.abs(gap);
  const words = size === 1 ? "one level" : `${size === 2 ? "two" : size === 3 ? "three" : size} levels`;
  return gap > 0 ? `${words} higher than the expert` : `${words} lower than the expert`;
}

function render({ model, el }) {
  const module = model.get("module");
  const storeKey = `${module}/policy_review/${model.get("review_id")}`;
  const commitments = model.get("commitments");
  const rubric = model.get("rubric");
  const excerpts = model.get("excerpts");
  const labels = Object.fromEntries(rubric.map((r) => [Number(r.level), r.label]));
  const saved = ekStoreGet(storeKey);
  let ratings = { ...((saved && saved.ratings) || {}), ...model.get("ratings") };
  let compared = [...new Set([...((saved && saved.compared) || []), ...model.get("compared")])];
  let quiet = false; // true while this view is the one changing the model

  const root = ekEl("div", { className: "ek-widget ek-policy-review" });
  const summary = ekEl("div", { className: "ek-summary", "aria-live": "polite" });
  el.append(root);

  function save(syncNow = true) {
    ekStoreSet(storeKey, { ratings, compared, saved_at: new Date().toISOString() });
    if (!syncNow) return;
    quiet = true;
    ekSync(model, { ratings: JSON.parse(JSON.stringify(ratings)), compared: [...compared] });
    quiet = false;
  }

  function entry(id) {
    return { level: null, commitments: [], reason: "", ...(ratings[id] || {}) };
  }

  function drawSummary() {
    const rated = excerpts.filter((e) => entry(e.id).level !== null).length;
    const differ = ekPolicyDifferences(excerpts, ratings, compared, 2);
    const intro = ekEl("p", {
      text: `You have rated ${rated} of ${excerpts.length} excerpts and compared ${compared.length} with the expert.`,
    });
    if (!compared.length) {
      summary.replaceChildren(intro, ekEl("p", { text: "Compare an excerpt with the expert to see where your readings differ." }));
      return;
    }
    if (!differ.length) {
      summary.replaceChildren(intro, ekEl("p", { text: "On the excerpts you compared, you and the expert are never two or more levels apart." }));
      return;
    }
    summary.replaceChildren(
      intro,
      ekEl("p", { text: "You and the expert differ by two levels or more on:" }),
      ekEl("ul", {}, differ.map((d) => ekEl("li", { "data-excerpt": d.id }, [
        ekEl("strong", { text: `${d.title}: ` }),
        `you rated it ${d.yours} (${labels[d.yours] || ""}), the expert ${d.expert} (${labels[d.expert] || ""}), `,
        `${ekLevelsApart(d.gap)}. Reread the text: which words support each reading?`,
      ]))),
    );
  }

  function expertView(excerpt) {
    const mine = entry(excerpt.id);
    const expert = Number(excerpt.expert_rating);
    const gap = Number(mine.level) - expert;
    const seen = (excerpt.aligned_with || []).join(", ") || "none";
    const verdict = gap === 0 ? "You gave the same rating." : `You rated it ${mine.level}: ${ekLevelsApart(gap)}.`;
    return [
      ekEl("p", {}, [ekEl("strong", { text: "Expert rating: " }), `${expert}, ${labels[expert] || ""}. `, verdict]),
      ekEl("p", {}, [ekEl("strong", { text: "Commitments the expert saw in it: " }), seen]),
      ekEl("p", {}, [ekEl("strong", { text: "Why: " }), excerpt.rationale]),
    ];
  }

  function excerptSection(excerpt, index) {
    const mine = entry(excerpt.id);
    const headingId = ekUid("ek-excerpt");
    const section = ekEl("section", { className: "ek-excerpt", "aria-labelledby": headingId, "data-excerpt": excerpt.id });
    section.append(
      ekEl("h4", { id: headingId, className: "ek-heading", text: `${index + 1}. ${excerpt.title}` }),
      ekEl("blockquote", { className: "ek-excerpt-text", text: excerpt.text }),
    );
    const fieldset = ekEl("fieldset", { className: "ek-question" });
    fieldset.append(ekEl("legend", { text: "Which commitments does it speak to?" }));
    for (const commitment of commitments) {
      const id = ekUid("ek-commit");
      const box = ekEl("input", { type: "checkbox", id, value: commitment.id, checked: mine.commitments.includes(commitment.id) });
      box.addEventListener("change", () => {
        const current = entry(excerpt.id);
        const chosen = new Set(current.commitments);
        if (box.checked) chosen.add(commitment.id);
        else chosen.delete(commitment.id);
        ratings = { ...ratings, [excerpt.id]: { ...current, commitments: commitments.map((c) => c.id).filter((c) => chosen.has(c)) } };
        save();
      });
      fieldset.append(ekEl("div", { className: "ek-option" }, [box, ekEl("label", { for: id, text: `${commitment.id}: ${commitment.text}` })]));
    }
    const selectId = ekUid("ek-rating");
    const select = ekEl("select", { id: selectId, className: "ek-select" });
    select.append(ekEl("option", { value: "", text: "Choose a level" }));
    for (const level of rubric) select.append(ekEl("option", { value: String(level.level), text: `${level.level}: ${level.label}` }));
    select.value = mine.level === null ? "" : String(mine.level);
    const reasonId = ekUid("ek-reason");
    const reason = ekEl("textarea", { id: reasonId, rows: 2, className: "ek-textarea" });
    reason.value = mine.reason || "";
    const panelId = ekUid("ek-expert");
    const panel = ekEl("div", { id: panelId, className: "ek-feedback", role: "region", "aria-label": `Expert view of ${excerpt.title}` });
    const button = ekEl("button", { type: "button", className: "ek-button", text: "Compare with the expert", "aria-expanded": "false", "aria-controls": panelId });
    const status = ekEl("p", { className: "ek-status", role: "status" });
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
      save(false);
    });
    reason.addEventListener("change", () => save());
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
      ekEl("div", { className: "ek-controls" }, [
        ekEl("div", { className: "ek-control" }, [ekEl("label", { for: selectId, text: "Your rating on the rubric" }), select]),
      ]),
      ekEl("label", { for: reasonId, className: "ek-prompt", text: "Your reason, in one sentence (quote the words that decide it)" }),
      reason,
      ekEl("div", { className: "ek-actions" }, [button]),
      status,
      panel,
    );
    if (compared.includes(excerpt.id) && mine.level !== null) showExpert();
    return section;
  }

  function draw() {
    const list = ekEl("ul", {}, commitments.map((c) => ekEl("li", {}, [ekEl("strong", { text: `${c.id}: ` }), c.text])));
    const table = ekEl("table", { className: "ek-table" });
    table.append(ekEl("caption", { text: "The rubric: how well a text supports a commitment" }));
    table.append(ekEl("thead", {}, [ekEl("tr", {}, ["Level", "Label", "What it looks like"].map((h) => ekEl("th", { scope: "col", text: h })))]));
    table.append(ekEl("tbody", {}, rubric.map((r) => ekEl("tr", {}, [
      ekEl("th", { scope: "row", text: String(r.level) }), ekEl("td", { text: r.label }), ekEl("td", { text: r.description }),
    ]))));
    root.replaceChildren(
      ekEl("h3", { className: "ek-heading", text: "The district's commitments" }),
      list,
      ekEl("div", { className: "ek-table-holder" }, [table]),
      ...excerpts.map(excerptSection),
      ekEl("h3", { className: "ek-heading", text: "Where you and the expert differ" }),
      summary,
    );
    drawSummary();
  }

  model.on("change:ratings", () => {
    if (quiet) return;
    ratings = { ...model.get("ratings") };
    save(false);
    draw();
  });
  model.on("change:compared", () => {
    if (quiet) return;
    compared = [...model.get("compared")];
    save(false);
    draw();
  });
  if (saved) save();
  draw();
}
export default { render };
