// Reflections: private text boxes, one per prompt of the activity, saved as the learner types
// (and with the button). On the published site the text stays in this browser; in JupyterLab
// it is saved to the learner's journal file. Saved as {texts: {<prompt id>: text}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { debounce, keyOf, markSaved, savedMessage, storeFor } from "./lib/widget.js";

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const prompts = model.get("prompts");
  const saved = store.get(key);
  let texts = isRecord(saved) && isRecord(saved.texts) ? { ...saved.texts } : {};
  const root = el("div", { className: "ek-widget ek-reflection" });
  const boxes = {};
  const statuses = {};

  async function saveNow(promptId) {
    for (const [id, box] of Object.entries(boxes)) texts = { ...texts, [id]: box.value };
    const reply = await store.save(key, { texts });
    const when = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    const message = reply.ok ? `${savedMessage(store, reply)} Last saved at ${when}.` : savedMessage(store, reply);
    for (const id of promptId ? [promptId] : Object.keys(boxes)) statuses[id].textContent = message;
    markSaved(key, reply.ok || !Object.values(texts).some((t) => String(t).trim()));
    return reply;
  }

  for (const prompt of prompts) {
    const id = uid("ek-reflection");
    const box = el("textarea", { id, rows: 6, className: "ek-textarea", "data-prompt": prompt.id });
    box.value = typeof texts[prompt.id] === "string" ? texts[prompt.id] : "";
    const button = el("button", { type: "button", className: "ek-button", text: "Save reflection" });
    const status = el("p", { className: "ek-status", role: "status" });
    boxes[prompt.id] = box;
    statuses[prompt.id] = status;
    if (saved && saved.saved_at && texts[prompt.id]) status.textContent = `Last saved ${new Date(saved.saved_at).toLocaleString()}.`;
    const saveSoon = debounce(() => saveNow(prompt.id), 800);
    box.addEventListener("input", () => {
      status.textContent = "Not saved yet: saving when you pause…";
      markSaved(key, false);
      saveSoon();
    });
    box.addEventListener("change", () => saveSoon.flush());
    button.addEventListener("click", () => {
      status.textContent = store.mode === "journal" ? "Saving to your journal..." : "";
      saveSoon.flush();
      saveNow(prompt.id);
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
