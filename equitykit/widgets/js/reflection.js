// Reflection: a private text box. On the static site the text stays in this browser;
// in Jupyter it is also saved to the learner's journal file.
function render({ model, el }) {
  const module = model.get("module");
  const promptId = model.get("prompt_id");
  const key = `${module}/reflection/${promptId}`;
  const saved = ekStoreGet(key);
  const id = ekUid("ek-reflection");
  const root = ekEl("div", { className: "ek-widget ek-reflection" });
  const label = ekEl("label", { for: id, className: "ek-prompt", text: model.get("prompt") });
  const box = ekEl("textarea", { id, rows: 6, className: "ek-textarea" });
  box.value = model.get("text") || (saved && saved.text) || "";
  const button = ekEl("button", { type: "button", className: "ek-button", text: "Save reflection" });
  const status = ekEl("p", { className: "ek-status", role: "status" });
  if (saved && saved.saved_at) {
    status.textContent = `Last saved ${new Date(saved.saved_at).toLocaleString()}.`;
  }
  button.addEventListener("click", () => {
    const text = box.value;
    const stamp = new Date().toISOString();
    const kept = ekStoreSet(key, { text, saved_at: stamp, prompt: model.get("prompt") });
    if (ekHasKernel(model)) {
      status.textContent = "Saving to your journal...";
    } else {
      status.textContent = kept
        ? "Saved in this browser only. Nothing is sent anywhere."
        : "Your browser blocked saving. Copy your text somewhere safe.";
    }
    ekSync(model, { text, save_requests: model.get("save_requests") + 1 });
  });
  model.on("change:status", () => {
    status.textContent = model.get("status");
  });
  root.append(label, box, ekEl("div", { className: "ek-actions" }, [button]), status);
  el.append(root);
}
export default { render };
