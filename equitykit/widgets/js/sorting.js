// Sorting exercise: decide whether each challenge is technical, adaptive or both.
function render({ model, el }) {
  const module = model.get("module");
  const exerciseId = model.get("exercise_id");
  const items = model.get("items");
  const categories = model.get("categories");
  const choices = { ...(model.get("choices") || {}) };
  const saved = ekStoreGet(`${module}/sort/${exerciseId}`) || {};
  for (const [k, v] of Object.entries(saved)) if (choices[k] === undefined) choices[k] = v;
  const root = ekEl("div", { className: "ek-widget ek-sort" });
  const summary = ekEl("p", { className: "ek-summary", "aria-live": "polite" });

  function updateSummary() {
    const done = items.filter((_, i) => choices[i] !== undefined);
    const right = done.filter((item) => choices[items.indexOf(item)] === item.answer);
    summary.textContent = `${done.length} of ${items.length} sorted; ${right.length} match the course's reading.`;
  }

  items.forEach((item, index) => {
    const name = ekUid(`ek-sort${index}`);
    const fieldset = ekEl("fieldset", { className: "ek-question" });
    fieldset.append(ekEl("legend", { text: `${index + 1}. ${item.text}` }));
    const feedback = ekEl("div", { className: "ek-feedback", "aria-live": "polite" });
    function showFeedback(choice) {
      const match = choice === item.answer;
      feedback.className = `ek-feedback ${match ? "ek-correct" : "ek-incorrect"}`;
      const verdict = match ? "Agreed: " : `The course reads this as ${item.answer}: `;
      feedback.replaceChildren(ekEl("strong", { text: verdict }), item.explanation);
    }
    const row = ekEl("div", { className: "ek-choice-row" });
    categories.forEach((category) => {
      const id = `${name}-${category}`;
      const input = ekEl("input", { type: "radio", name, id, value: category, checked: choices[index] === category });
      input.addEventListener("change", () => {
        choices[index] = category;
        ekStoreSet(`${module}/sort/${exerciseId}`, choices);
        showFeedback(category);
        updateSummary();
        ekSync(model, { choices: { ...choices } });
      });
      row.append(ekEl("span", { className: "ek-option" }, [input, ekEl("label", { for: id, text: category })]));
    });
    fieldset.append(row, feedback);
    if (choices[index] !== undefined) showFeedback(choices[index]);
    root.append(fieldset);
  });
  updateSummary();
  root.append(summary);
  el.append(root);
}
export default { render };
