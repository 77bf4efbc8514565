// Capstone plan: one text box per section, prefilled with the learner's own earlier work.
// The sections and where their earlier work is saved (keys, parts, labels) come from Python;
// the text of earlier work is written by the journal's one function (lib/journal.js).
// Saved as {sections: {<section id>: text}}.

import { el, downloadText, printOnly, today, uid, control } from "./lib/dom.js";
import { activityText } from "./lib/journal.js";
import { isRecord } from "./lib/text.js";
import { debounce, keyOf, markSaved, savedMessage, storeFor } from "./lib/widget.js";

// One piece per source, text null when nothing is saved for it.
export function earlierWork(sources, store) {
  return sources.map((source) => ({
    label: source.label,
    short: source.short || source.label,
    text: activityText(source.activity, store[source.key], source.part ?? null),
  }));
}

// A first draft made of the earlier work that was found.
export function draftFromEarlier(pieces) {
  return pieces
    .filter((piece) => piece.text !== null && piece.text !== undefined)
    .map((piece) => `From ${piece.short || piece.label}:\n${piece.text}`)
    .join("\n\n");
}

// The one-page plan as Markdown.
export function planMarkdown(sections, texts, writtenOn, author, sharingNote) {
  const name = (author || "").trim();
  const lines = ["# My equity leadership plan", ""];
  lines.push(name ? `Written by ${name} on ${writtenOn}.` : `Written on ${writtenOn}.`, "");
  sections.forEach((section, index) => {
    const text = (texts[section.id] || "").trim();
    lines.push(`## ${index + 1}. ${section.title}`, "", text || "_Not written yet._", "");
  });
  lines.push("---", "", sharingNote, "");
  return lines.join("\n");
}

function planSheet(sections, texts, writtenOn, author, sharingNote) {
  const sheet = el("div", { className: "ek-widget ek-sheet ek-plan-sheet" });
  const name = (author || "").trim();
  sheet.append(
    el("h1", { text: "My equity leadership plan" }),
    el("p", { text: name ? `Written by ${name} on ${writtenOn}.` : `Written on ${writtenOn}.` }),
  );
  sections.forEach((section, index) => {
    const text = (texts[section.id] || "").trim();
    sheet.append(
      el("h2", { text: `${index + 1}. ${section.title}` }),
      el("p", { className: "ek-sheet-text", text: text || "Not written yet." }),
    );
  });
  sheet.append(el("hr"), el("p", { className: "ek-sheet-note", text: sharingNote }));
  return sheet;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const key = keyOf(model);
  const sections = model.get("sections");
  const sharingNote = model.get("sharing_note");
  const saved = store.get(key);
  let texts = isRecord(saved) && isRecord(saved.sections) ? { ...saved.sections } : null;
  const boxes = {};
  const root = el("div", { className: "ek-widget ek-plan" });
  root.append(el("p", {
    className: "ek-source",
    text: store.mode === "journal"
      ? "Your earlier work and your plan come from your journal file on this computer."
      : "Your earlier work and your plan stay in this browser. Nothing is sent anywhere.",
  }));
  const status = el("p", { className: "ek-status", role: "status" });

  function currentTexts() {
    return Object.fromEntries(sections.map((s) => [s.id, boxes[s.id].value]));
  }
  async function saveNow() {
    texts = currentTexts();
    const reply = await store.save(key, { sections: texts });
    markSaved(key, reply.ok);
    status.textContent = savedMessage(store, reply);
  }
  const saveSoon = debounce(saveNow, 800);

  sections.forEach((section, index) => {
    const id = uid(`ek-plan-${section.id}`);
    const promptId = `${id}-prompt`;
    const pieces = earlierWork(section.sources || [], store.all());
    const list = el("ul");
    for (const piece of pieces) {
      list.append(el("li", { "data-found": piece.text === null ? "no" : "yes" }, [
        el("span", { text: `${piece.label} ` }),
        piece.text === null
          ? el("span", { className: "ek-missing", text: "Not found in your saved work. You can write it now." })
          : el("pre", { text: piece.text }),
      ]));
    }
    const box = el("textarea", { id, rows: 7, className: "ek-textarea", "aria-describedby": promptId, "data-section": section.id });
    box.value = texts && typeof texts[section.id] === "string" ? texts[section.id] : draftFromEarlier(pieces);
    box.addEventListener("input", saveSoon);
    box.addEventListener("change", () => saveSoon.flush());
    boxes[section.id] = box;
    root.append(el("div", { className: "ek-plan-section", "data-section": section.id }, [
      el("label", { for: id, className: "ek-prompt", text: `${index + 1}. ${section.title}` }),
      el("p", { id: promptId, text: section.prompt }),
      el("div", { className: "ek-plan-earlier" }, [
        el("p", { text: "Your earlier work for this section:" }),
        pieces.length ? list : el("p", { className: "ek-missing", text: "None named." }),
      ]),
      el("details", {}, [el("summary", { text: `An Alder Creek example for "${section.title}"` }), el("p", { text: section.example || "" })]),
      box,
    ]));
  });

  const name = el("input", { id: uid("ek-plan-name"), type: "text", className: "ek-input", autocomplete: "name" });
  const save = el("button", { type: "button", className: "ek-button", text: "Save my plan" });
  const exportButton = el("button", { type: "button", className: "ek-button", text: "Export as Markdown" });
  const print = el("button", { type: "button", className: "ek-button", text: "Print my plan" });
  root.append(
    el("div", { className: "ek-controls ek-no-print" }, [control("Name to print on the plan (optional, not saved)", name)]),
    el("div", { className: "ek-actions ek-no-print" }, [save, exportButton, print]),
    status,
  );
  host.append(root);
  save.addEventListener("click", () => saveNow());
  exportButton.addEventListener("click", () => {
    const day = today();
    try {
      downloadText(`my-equity-leadership-plan-${day}.md`, planMarkdown(sections, currentTexts(), day, name.value, sharingNote));
      status.textContent = "Your plan was downloaded as a Markdown file. It was made in this browser; nothing was sent anywhere.";
    } catch (error) {
      status.textContent = "Your browser could not make the download. Your plan is still here.";
    }
  });
  print.addEventListener("click", () => {
    printOnly(planSheet(sections, currentTexts(), today(), name.value, sharingNote));
    status.textContent = "Opened your browser's print dialog with your plan.";
  });
}

export default { render };
