// Worksheet: sections of labelled answers, each one opening and closing (<details>), saved
// as the learner types. Saved as {answers: {<section id>: {<field id>: answer}}}.

import { el, uid } from "./lib/dom.js";
import { isRecord } from "./lib/text.js";
import { debounce, keyOf, markSaved, savedMessage, storeFor } from "./lib/widget.js";

// The answered sections as Markdown: one heading per section with an answer, then each
// field's label in bold and the answer (or "(no answer yet)").
export function worksheetMarkdown(title, sections, answers) {
  const lines = title ? [`# ${title}`, ""] : [];
  let written = 0;
  for (const section of sections) {
    const given = {};
    for (const [k, v] of Object.entries(answers[section.id] || {})) given[k] = String(v).trim();
    if (!Object.values(given).some((v) => v)) continue;
    written += 1;
    lines.push(`## ${section.title}`, "");
    for (const field of section.fields) lines.push(`**${field.label}**`, "", given[field.id] || "(no answer yet)", "");
  }
  if (!written) lines.push("(No answers yet.)", "");
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

export function answeredCount(section, answers) {
  const given = answers[section.id] || {};
  return section.fields.filter((f) => String(given[f.id] || "").trim()).length;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const sections = model.get("sections");
  const title = model.get("title");
  const intro = model.get("intro");
  const saved = store.get(key);
  let answers = isRecord(saved) && isRecord(saved.answers) ? JSON.parse(JSON.stringify(saved.answers)) : {};
  const root = el("div", { className: "ek-widget ek-worksheet" });
  const status = el("p", { className: "ek-status", role: "status" });
  const exportId = uid("ek-export");
  const exportBox = el("textarea", { id: exportId, rows: 10, className: "ek-textarea", readonly: true });
  const exportHolder = el("div", { className: "ek-export" }, [
    el("label", { for: exportId, className: "ek-prompt", text: "Your answers as text. Copy them somewhere safe." }),
    exportBox,
  ]);
  exportHolder.hidden = true;
  const exportButton = el("button", { type: "button", className: "ek-button", text: "Show my answers as text", "aria-expanded": "false" });
  host.append(root);

  async function saveNow() {
    const reply = await store.save(key, { answers });
    markSaved(key, reply.ok);
    status.textContent = savedMessage(store, reply);
    if (!exportHolder.hidden) exportBox.value = worksheetMarkdown(title, sections, answers);
  }
  const saveSoon = debounce(saveNow);

  function setAnswer(sectionId, fieldId, value) {
    answers = { ...answers, [sectionId]: { ...(answers[sectionId] || {}), [fieldId]: value } };
  }

  function sectionView(section) {
    const given = answers[section.id] || {};
    const details = el("details", { className: "ek-section", "data-section": section.id, open: Boolean(section.open) || sections.length === 1 || answeredCount(section, answers) > 0 });
    const progress = el("span", { className: "ek-progress" });
    const updateProgress = () => {
      progress.textContent = ` (${answeredCount(section, answers)} of ${section.fields.length} answered)`;
    };
    details.append(el("summary", {}, [el("strong", { text: section.title }), progress]));
    if (section.intro) details.append(el("p", { text: section.intro }));
    for (const field of section.fields) {
      if (field.kind === "choice") {
        const name = uid("ek-choice");
        const fieldset = el("fieldset", { className: "ek-question", "data-field": field.id });
        fieldset.append(el("legend", { text: field.label }));
        for (const option of field.options) {
          const id = uid("ek-option");
          const radio = el("input", { type: "radio", name, id, value: option, checked: given[field.id] === option });
          radio.addEventListener("change", () => {
            setAnswer(section.id, field.id, option);
            updateProgress();
            saveNow();
          });
          fieldset.append(el("div", { className: "ek-option" }, [radio, el("label", { for: id, text: option })]));
        }
        details.append(fieldset);
      } else if (field.kind === "date") {
        const id = uid("ek-date");
        const input = el("input", { id, type: "date", className: "ek-input", "data-field": field.id });
        input.value = given[field.id] || "";
        input.addEventListener("change", () => {
          setAnswer(section.id, field.id, input.value);
          updateProgress();
          saveNow();
        });
        details.append(el("label", { for: id, className: "ek-prompt", text: field.label }), input);
      } else {
        const id = uid("ek-field");
        const rows = field.kind === "list" ? 5 : 3;
        const box = el("textarea", { id, rows, className: "ek-textarea", "data-field": field.id });
        box.value = given[field.id] || "";
        box.addEventListener("input", () => {
          setAnswer(section.id, field.id, box.value);
          updateProgress();
          saveSoon();
        });
        box.addEventListener("change", () => saveSoon.flush());
        details.append(el("label", { for: id, className: "ek-prompt", text: field.label }), box);
      }
    }
    updateProgress();
    return details;
  }

  root.replaceChildren(
    ...(title ? [el("h3", { className: "ek-heading", text: title })] : []),
    ...(intro ? [el("p", { text: intro })] : []),
    ...sections.map(sectionView),
    el("div", { className: "ek-actions" }, [exportButton]),
    status,
    exportHolder,
  );
  exportButton.addEventListener("click", () => {
    const show = exportHolder.hidden;
    exportHolder.hidden = !show;
    exportButton.setAttribute("aria-expanded", String(show));
    exportButton.textContent = show ? "Hide the text" : "Show my answers as text";
    if (show) {
      exportBox.value = worksheetMarkdown(title, sections, answers);
      exportBox.focus();
      exportBox.select();
    }
  });
}

export default { render };
