// Worksheet: sections of labelled answers, each one opening and closing (<details>).
// Answers are saved in this browser as you type (and, in Jupyter, in the notebook's Python
// session). Nothing is sent anywhere.

// Same layout as equitykit.widgets.worksheet.worksheet_markdown (tested against it in Node).
export function ekWorksheetMarkdown(title, sections, answers) {
  const lines = title ? [`# ${title}`, ""] : [];
  let written = 0;
  for (const section of sections) {
    const given = {};
    for (const [key, value] of Object.entries(answers[section.id] || {})) given[key] = String(value).trim();
    if (!Object.values(given).some((v) => v)) continue;
    written += 1;
    lines.push(`## ${section.title}`, "");
    for (const field of section.fields) {
      lines.push(`**${field.label}**`, "", given[field.id] || "(no answer yet)", "");
    }
  }
  if (!written) lines.push("(No answers yet.)", "");
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

function render({ model, el }) {
  const storeKey = `${model.get("module")}/worksheet/${model.get("worksheet_id")}`;
  const sections = model.get("sections");
  const saved = ekStoreGet(storeKey);
  let answers = { ...((saved && saved.answers) || {}) };
  for (const [sectionId, values] of Object.entries(model.get("answers") || {})) {
    answers[sectionId] = { ...(answers[sectionId] || {}), ...values };
  }
  let quiet = false;
  const root = ekEl("div", { className: "ek-widget ek-worksheet" });
  const status = ekEl("p", { className: "ek-status", role: "status" });
  const exportId = ekUid("ek-export");
  const exportBox = ekEl("textarea", { id: exportId, rows: 10, className: "ek-textarea", readonly: true });
  const exportLabel = ekEl("label", { for: exportId, className: "ek-prompt", text: "Your answers as text. Copy them somewhere safe." });
  const exportHolder = ekEl("div", { className: "ek-export" }, [exportLabel, exportBox]);
  exportHolder.hidden = true;
  const exportButton = ekEl("button", { type: "button", className: "ek-button", text: "Show my answers as text", "aria-expanded": "false" });
  el.append(root);

  function save(syncNow = true) {
    const kept = ekStoreSet(storeKey, { answers, saved_at: new Date().toISOString() });
    status.textContent = kept
      ? "Saved in this browser. Nothing is sent anywhere."
      : "Your browser blocked saving. Use \"Show my answers as text\" and copy them.";
    if (!exportHolder.hidden) exportBox.value = ekWorksheetMarkdown(model.get("title"), sections, answers);
    if (!syncNow) return;
    quiet = true;
    ekSync(model, { answers: JSON.parse(JSON.stringify(answers)) });
    quiet = false;
  }

  function setAnswer(sectionId, fieldId, value) {
    answers = { ...answers, [sectionId]: { ...(answers[sectionId] || {}), [fieldId]: value } };
  }

  function countAnswered(section) {
    const given = answers[section.id] || {};
    return section.fields.filter((f) => String(given[f.id] || "").trim()).length;
  }

  function sectionView(section) {
    const given = answers[section.id] || {};
    const details = ekEl("details", { className: "ek-section", "data-section": section.id, open: Boolean(section.open) || sections.length === 1 || countAnswered(section) > 0 });
    const progress = ekEl("span", { className: "ek-progress" });
    const updateProgress = () => {
      progress.textContent = ` (${countAnswered(section)} of ${section.fields.length} answered)`;
    };
    details.append(ekEl("summary", {}, [ekEl("strong", { text: section.title }), progress]));
    if (section.intro) details.append(ekEl("p", { text: section.intro }));
    for (const field of section.fields) {
      if (field.kind === "choice") {
        const name = ekUid("ek-choice");
        const fieldset = ekEl("fieldset", { className: "ek-question", "data-field": field.id });
        fieldset.append(ekEl("legend", { text: field.label }));
        for (const option of field.options) {
          const id = ekUid("ek-option");
          const radio = ekEl("input", { type: "radio", name, id, value: option, checked: given[field.id] === option });
          radio.addEventListener("change", () => {
            setAnswer(section.id, field.id, option);
            updateProgress();
            save();
          });
          fieldset.append(ekEl("div", { className: "ek-option" }, [radio, ekEl("label", { for: id, text: option })]));
        }
        details.append(fieldset);
      } else {
        const id = ekUid("ek-field");
        const box = ekEl("textarea", { id, rows: field.rows || 3, className: "ek-textarea", "data-field": field.id });
        box.value = given[field.id] || "";
        box.addEventListener("input", () => {
          setAnswer(section.id, field.id, box.value);
          updateProgress();
          save(false);
        });
        box.addEventListener("change", () => save());
        details.append(ekEl("label", { for: id, className: "ek-prompt", text: field.label }), box);
      }
    }
    updateProgress();
    return details;
  }

  function draw() {
    const title = model.get("title");
    const intro = model.get("intro");
    root.replaceChildren(
      ...(title ? [ekEl("h3", { className: "ek-heading", text: title })] : []),
      ...(intro ? [ekEl("p", { text: intro })] : []),
      ...sections.map(sectionView),
      ekEl("div", { className: "ek-actions" }, [exportButton]),
      status,
      exportHolder,
    );
  }

  exportButton.addEventListener("click", () => {
    const show = exportHolder.hidden;
    exportHolder.hidden = !show;
    exportButton.setAttribute("aria-expanded", String(show));
    exportButton.textContent = show ? "Hide the text" : "Show my answers as text";
    if (show) {
      exportBox.value = ekWorksheetMarkdown(model.get("title"), sections, answers);
      exportBox.focus();
      exportBox.select();
    }
  });
  model.on("change:answers", () => {
    if (quiet) return;
    answers = JSON.parse(JSON.stringify(model.get("answers") || {}));
    ekStoreSet(storeKey, { answers, saved_at: new Date().toISOString() });
    draw();
  });
  if (saved) save();
  draw();
}
export default { render };
