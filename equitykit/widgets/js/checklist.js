// Checklist: tick what is already true; for each gap, say who owns it and by when.
// Saved as {checked: {<item id>: true}, gaps: {<item id>: {<field id>: value}}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { debounce, keyOf, markSaved, savedMessage, storeFor } from "./lib/widget.js";

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const items = model.get("items");
  const fields = model.get("fields");
  const saved = store.get(key);
  const state = {
    checked: isRecord(saved) && isRecord(saved.checked) ? { ...saved.checked } : {},
    gaps: isRecord(saved) && isRecord(saved.gaps) ? JSON.parse(JSON.stringify(saved.gaps)) : {},
  };
  const root = el("div", { className: "ek-widget ek-checklist" });
  const status = el("p", { className: "ek-status", role: "status" });
  async function saveNow() {
    const reply = await store.save(key, state);
    markSaved(key, reply.ok);
    status.textContent = savedMessage(store, reply);
  }
  const saveSoon = debounce(saveNow, 600);
  const intro = model.get("intro");
  if (intro) root.append(el("p", { text: intro }));
  const list = el("ul", { className: "ek-checklist-items" });
  for (const item of items) {
    const id = uid("ek-check");
    const box = el("input", { type: "checkbox", id, checked: state.checked[item.id] === true });
    const gap = el("div", { className: "ek-checklist-gap" });
    for (const field of fields) {
      const fieldId = uid("ek-gap");
      const input = el("input", { id: fieldId, type: field.kind === "date" ? "date" : "text", className: "ek-input", "data-field": field.id });
      input.value = (state.gaps[item.id] || {})[field.id] || "";
      input.addEventListener("input", () => {
        state.gaps = { ...state.gaps, [item.id]: { ...(state.gaps[item.id] || {}), [field.id]: input.value } };
        saveSoon();
      });
      input.addEventListener("change", () => saveSoon.flush());
      gap.append(el("div", { className: "ek-control" }, [el("label", { for: fieldId, text: `${field.label}` }), input]));
    }
    gap.hidden = box.checked || !fields.length;
    box.addEventListener("change", () => {
      state.checked = { ...state.checked, [item.id]: box.checked };
      gap.hidden = box.checked || !fields.length;
      saveNow();
    });
    list.append(el("li", { "data-item": item.id }, [
      el("div", { className: "ek-option" }, [box, el("label", { for: id, text: item.text })]),
      gap,
    ]));
  }
  root.append(list, status);
  host.append(root);
}

export default { render };
