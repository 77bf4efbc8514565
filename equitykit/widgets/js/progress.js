// Progress: which modules are done, which activities are finished, with the journal's export
// (Markdown to keep, JSON to move to another device) and a printable completion summary.
// On the published site the saved work is this browser's; in JupyterLab, the journal's.

import { control, downloadText, el, printOnly, stackOnPhones, today } from "./lib/dom.js";
import { activitySummary, courseProgress } from "./lib/completion.js";
import { journalJSON, journalMarkdown, mergeJournal, NOT_A_CREDENTIAL, parseJournalFile } from "./lib/journal.js";
import { storeFor } from "./lib/widget.js";

// A module's practice page, relative to this page (on the site; not in JupyterLab).
function pageLink(page, label) {
  const root = typeof document !== "undefined" ? document.documentElement.getAttribute("data-content_root") : null;
  return root === null || !page ? label : el("a", { href: `${root}${page}.html`, text: label });
}

function statusText(row) {
  return row.done ? "Done" : row.status === "in progress" ? "In progress" : "Not started";
}

function summarySheet(progress, name, source) {
  const done = progress.filter((row) => row.done).length;
  const sheet = el("div", { className: "ek-widget ek-sheet" });
  sheet.append(el("h1", { text: "Adaptive Equity Leadership: completion summary" }));
  if (name) sheet.append(el("p", { className: "ek-sheet-name", text: `Prepared for ${name}` }));
  sheet.append(
    el("p", { text: `Printed ${today()}. ${done} of ${progress.length} modules done. ${source}` }),
    el("p", { className: "ek-sheet-note", text: NOT_A_CREDENTIAL }),
  );
  const table = el("table", { className: "ek-table" });
  table.append(el("caption", { text: "Progress in each module" }));
  table.append(el("thead", {}, [el("tr", {}, ["Module", "Status", "Activities done"].map((h) => el("th", { scope: "col", text: h })))]));
  table.append(el("tbody", {}, progress.map((row) => el("tr", {}, [
    el("th", { scope: "row", text: row.label }),
    el("td", { text: statusText(row) }),
    el("td", { text: `${row.activities.filter((a) => a.done).length} of ${row.activities.length}` }),
  ]))));
  sheet.append(table);
  return sheet;
}

async function render({ model, el: host }) {
  const store = await storeFor(model, host);
  const outline = model.get("outline");
  const root = el("div", { className: "ek-widget ek-progress" });
  const summary = el("p", { className: "ek-summary", "aria-live": "polite" });
  const source = el("p", { className: "ek-source" });
  const tableHolder = el("div", { className: "ek-table-holder" });
  const details = el("div", { className: "ek-progress-details" });
  const status = el("p", { className: "ek-status", role: "status" });
  const name = el("input", { id: "ek-print-name", type: "text", className: "ek-input", autocomplete: "name" });
  const download = el("button", { type: "button", className: "ek-button", text: "Download my journal (Markdown)" });
  const downloadJson = el("button", { type: "button", className: "ek-button", text: "Download my journal as a file to move (JSON)" });
  const print = el("button", { type: "button", className: "ek-button", text: "Print a completion summary" });
  const fileInput = el("input", { id: "ek-journal-file", type: "file", accept: ".json,application/json", className: "ek-input" });
  const importer = el("div", { className: "ek-controls ek-no-print" }, [
    control("Add the work from a journal file (from another browser or device)", fileInput),
  ]);
  root.append(
    summary,
    source,
    tableHolder,
    details,
    el("div", { className: "ek-controls ek-no-print" }, [control("Name to print on the summary (optional, not saved)", name)]),
    el("div", { className: "ek-actions ek-no-print" }, [download, downloadJson, print]),
    importer,
    status,
  );
  host.append(root);

  const sourceText = () => (store.mode === "journal"
    ? `Read from your journal file (${store.where}).`
    : "Read from this browser's storage. Nothing is sent anywhere.");

  function draw() {
    const progress = courseProgress(outline, store.all());
    const done = progress.filter((row) => row.done).length;
    summary.textContent = `${done} of ${progress.length} modules done.`;
    source.textContent = sourceText();
    const table = el("table", { className: "ek-table ek-progress-table" });
    table.append(el("caption", { text: "Your progress in each module" }));
    table.append(el("thead", {}, [el("tr", {}, ["Module", "Status", "Activities done"].map((h) => el("th", { scope: "col", text: h })))]));
    const body = el("tbody");
    for (const row of progress) {
      body.append(el("tr", { "data-module": row.slug, "data-status": row.status }, [
        el("th", { scope: "row" }, [pageLink(row.page, row.label)]),
        el("td", { className: "ek-progress-status", text: statusText(row) }),
        el("td", { className: "ek-progress-activities", text: `${row.activities.filter((a) => a.done).length} of ${row.activities.length}` }),
      ]));
    }
    table.append(body);
    tableHolder.replaceChildren(stackOnPhones(table));
    const open = new Set([...details.querySelectorAll("details[open]")].map((d) => d.dataset.module));
    details.replaceChildren(...progress.map((row) => {
      const list = el("ul", { className: "ek-progress-items" });
      for (const activity of row.activities) {
        const state = activity.done ? "done" : activity.started ? "started" : "not started";
        list.append(el("li", { "data-key": activity.key, "data-state": state }, [
          el("strong", { text: `${activity.title}: ` }),
          activitySummary(activity),
          activity.done ? " (done)" : "",
        ]));
      }
      return el("details", { "data-module": row.slug, open: open.has(row.slug) }, [
        el("summary", { text: `${row.label}: each activity` }),
        list,
      ]);
    }));
  }

  download.addEventListener("click", () => {
    try {
      downloadText(`my-journal-${today()}.md`, journalMarkdown(outline, store.all(), today()));
      status.textContent = "Your journal was downloaded as a Markdown file. It was made here; nothing was sent anywhere.";
    } catch (error) {
      status.textContent = "Your browser could not make the download. Nothing was lost: your work is still saved.";
    }
  });
  downloadJson.addEventListener("click", () => {
    try {
      downloadText(`my-journal-${today()}.json`, journalJSON(outline, store.all(), new Date().toISOString()), "application/json");
      status.textContent = "Your journal was downloaded as a JSON file, to open in another browser. Nothing was sent anywhere.";
    } catch (error) {
      status.textContent = "Your browser could not make the download. Nothing was lost: your work is still saved.";
    }
  });
  print.addEventListener("click", () => {
    printOnly(summarySheet(courseProgress(outline, store.all()), name.value.trim(), sourceText()));
    status.textContent = "Opened your browser's print dialog with a completion summary.";
  });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    const parsed = parseJournalFile(await file.text(), outline);
    fileInput.value = "";
    if (!parsed.ok) {
      status.textContent = parsed.message;
      return;
    }
    const { write, kept } = mergeJournal(store.all(), parsed.items);
    let failed = 0;
    for (const [key, value] of Object.entries(write)) {
      const reply = await store.save(key, value, { keepStamp: true });
      if (!reply.ok) failed += 1;
    }
    draw();
    const added = Object.keys(write).length - failed;
    status.textContent = failed
      ? `Added ${added} activities; ${failed} could not be saved here (${store.mode === "journal" ? "your journal could not be written" : "this browser blocked saving"}).`
      : `Added your work on ${added} ${added === 1 ? "activity" : "activities"} from the file.` +
        (kept.length ? ` ${kept.length} ${kept.length === 1 ? "was" : "were"} left as they are, because the work here is newer.` : "");
  });
  store.onChange(draw);
  draw();
}

export default { render };
