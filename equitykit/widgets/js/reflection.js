// Reflections: private text boxes, one per prompt of the activity. On the published site the
// text stays in this browser; in JupyterLab it is saved to the learner's journal file.
// Saved as {texts: {<prompt id>: text}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { keyOf, savedMessage, storeFor } from "./lib/widget.js";

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const prompts = model.get("prompts");
  const saved = store.get(key);
  let texts = isRecord(saved) && isRecord(saved.texts) ? { ...saved.texts } : {};
  const root = el("div", { className: "ek-widget ek-reflection" });
  for (const prompt of prompts) {
    const id = uid("ek-reflection");
    const box = el("textarea", { id, rows: 6, className: "ek-textarea", "data-prompt": prompt.id });
    box.value = typeof texts[prompt.id] === "string" ? texts[prompt.id] : "";
    const button = el("button", { type: "button", className: "ek-button", text: "Save reflection" });
    const status = el("p", { className: "ek-status", role: "status" });
    if (saved && saved.saved_at && texts[prompt.id]) status.textContent = `Last saved ${new Date(saved.saved_at).toLocaleString()}.`;
    button.addEventListener("click", async () => {
      texts = { ...texts, [prompt.id]: box.value };
      status.textContent = store.mode === "journal" ? "Saving to your journal..." : "";
      const reply = await store.save(key, { texts });
      status.textContent = savedMessage(store, reply);
    });
    root.append(el("div", { className: "ek-reflection-prompt", "data-prompt": prompt.id }, [
      el("label", { for: id, className: "ek-prompt", text: prompt.prompt }),
      box,
      el("div", { className: "ek-actions" }, [button]),
      status,
    ]));
  }
  host.append(root);
}

export default { render };
