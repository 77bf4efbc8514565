// Sorting exercise: decide whether each case is technical, adaptive or both, and read the
// course's reasoning. Saved as {choices: {<item id>: category}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { keyOf, savedMessage, storeFor } from "./lib/widget.js";

// How many items are sorted, and how many match the course's reading.
export function sortScore(items, choices) {
  const sorted = items.filter((item) => typeof choices[item.id] === "string");
  return { sorted: sorted.length, matched: sorted.filter((item) => choices[item.id] === item.answer).length, total: items.length };
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const items = model.get("items");
  const categories = model.get("categories");
  const saved = store.get(key);
  let choices = isRecord(saved) && isRecord(saved.choices) ? { ...saved.choices } : {};
  const root = el("div", { className: "ek-widget ek-sort" });
  const summary = el("p", { className: "ek-summary", "aria-live": "polite" });
  const status = el("p", { className: "ek-status", role: "status" });

  function updateSummary() {
    const { sorted, matched, total } = sortScore(items, choices);
    summary.textContent = `${sorted} of ${total} sorted; ${matched} match the course's reading.`;
  }

  items.forEach((item, index) => {
    const name = uid(`ek-sort${index}`);
    const fieldset = el("fieldset", { className: "ek-question", "data-item": item.id });
    fieldset.append(el("legend", { text: `${index + 1}. ${item.text}` }));
    const feedback = el("div", { className: "ek-feedback", "aria-live": "polite" });
    function showFeedback(choice) {
      const match = choice === item.answer;
      feedback.className = `ek-feedback ${match ? "ek-correct" : "ek-incorrect"}`;
      feedback.replaceChildren(el("strong", { text: match ? "Agreed: " : `The course reads this as ${item.answer}: ` }), item.explanation);
    }
    const row = el("div", { className: "ek-choice-row" });
    for (const category of categories) {
      const id = `${name}-${category}`;
      const input = el("input", { type: "radio", name, id, value: category, checked: choices[item.id] === category });
      input.addEventListener("change", async () => {
        choices = { ...choices, [item.id]: category };
        showFeedback(category);
        updateSummary();
        const reply = await store.save(key, { choices });
        status.textContent = reply.ok ? "" : savedMessage(store, reply);
      });
      row.append(el("span", { className: "ek-option" }, [input, el("label", { for: id, text: category })]));
    }
    fieldset.append(row, feedback);
    if (choices[item.id] !== undefined) showFeedback(choices[item.id]);
    root.append(fieldset);
  });
  updateSummary();
  root.append(summary, status);
  host.append(root);
}

export default { render };
