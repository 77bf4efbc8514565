// Progress: which modules are done, which checks passed, which reflections are written.
// On the static site it reads this browser's localStorage (nothing is sent anywhere); in
// JupyterLab Python sends the learner's journal in the `journal_store` trait.
// The rules are those of equitykit.progress (tested against it in Node).

const EK_NOT_A_CREDENTIAL =
  "This summary is a record for you, made from your own saved answers. It is not a " +
  "certificate or a credential, and no one has checked or graded it.";
const EK_CHECK_CORRECT = "correct";
const EK_CHECK_ANSWERED = "answered, not yet correct";
const EK_CHECK_OPEN = "not answered yet";
const EK_WRITTEN = "written";
const EK_NOT_WRITTEN = "not written yet";

function ekIsRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function ekWritten(value) {
  return ekIsRecord(value) && typeof value.text === "string" && value.text.trim() !== "";
}

// Same rules as equitykit.progress.progress_from_store.
export function ekProgress(outline, store) {
  return outline.map((module) => {
    const items = [];
    let answered = 0;
    let correct = 0;
    for (const check of module.checks) {
      const value = store[`${module.slug}/check/${check.id}`];
      let state = EK_CHECK_OPEN;
      if (ekIsRecord(value) && value.chosen !== undefined && value.chosen !== null) {
        answered += 1;
        const right = value.correct === true;
        if (right) correct += 1;
        state = right ? EK_CHECK_CORRECT : EK_CHECK_ANSWERED;
      }
      items.push({ kind: "check", id: check.id, label: check.question, state });
    }
    let written = 0;
    for (const reflection of module.reflections) {
      const ok = ekWritten(store[`${module.slug}/reflection/${reflection.id}`]);
      if (ok) written += 1;
      items.push({ kind: "reflection", id: reflection.id, label: reflection.prompt, state: ok ? EK_WRITTEN : EK_NOT_WRITTEN });
    }
    let planWritten = 0;
    for (const section of module.plan_sections || []) {
      const ok = ekWritten(store[`${module.slug}/plan/${section.id}`]);
      if (ok) planWritten += 1;
      items.push({ kind: "plan", id: section.id, label: section.title, state: ok ? EK_WRITTEN : EK_NOT_WRITTEN });
    }
    const checksTotal = module.checks.length;
    const reflectionsTotal = module.reflections.length;
    const planTotal = (module.plan_sections || []).length;
    const total = checksTotal + reflectionsTotal + planTotal;
    const done = total > 0 && answered === checksTotal && written === reflectionsTotal && planWritten === planTotal;
    const started = Boolean(answered || written || planWritten);
    return {
      slug: module.slug,
      title: module.title,
      checks: { total: checksTotal, answered, correct },
      reflections: { total: reflectionsTotal, written },
      plan: { total: planTotal, written: planWritten },
      done,
      status: done ? "done" : started ? "in progress" : "not started",
      items,
    };
  });
}

function ekCount(done, total) {
  return total ? `${done} of ${total}` : "none";
}

// Same text as equitykit.progress.progress_summary_markdown.
export function ekProgressSummaryMarkdown(progress) {
  const done = progress.filter((row) => row.done).length;
  const lines = [
    "## Progress summary",
    "",
    `${done} of ${progress.length} modules done.`,
    "",
    "| Module | Status | Checks answered | Checks correct | Reflections written | Plan sections written |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of progress) {
    const title = row.title.replaceAll("|", "\\|");
    lines.push(
      `| ${title} | ${row.status} | ${ekCount(row.checks.answered, row.checks.total)} ` +
        `| ${ekCount(row.checks.correct, row.checks.total)} ` +
        `| ${ekCount(row.reflections.written, row.reflections.total)} ` +
        `| ${ekCount(row.plan.written, row.plan.total)} |`,
    );
  }
  lines.push("", EK_NOT_A_CREDENTIAL, "");
  return lines.join("\n");
}

function ekQuote(text) {
  const lines = text.trim().split(/\r\n|\r|\n/);
  return lines.map((line) => `> ${line}`.trimEnd()).join("\n");
}

// Same text as equitykit.progress.store_markdown: the whole journal kept in this browser.
export function ekStoreMarkdown(outline, store, exportedOn) {
  const progress = ekProgress(outline, store);
  const lines = [
    "# My learning journal",
    "",
    `Exported ${exportedOn} from this browser. Nothing in it was sent anywhere.`,
    "",
    ekProgressSummaryMarkdown(progress).replace(/\n+$/, ""),
    "",
  ];
  for (const module of outline) {
    const body = [];
    const reflections = module.reflections
      .map((r) => [r.prompt, store[`${module.slug}/reflection/${r.id}`]])
      .filter(([, value]) => ekWritten(value));
    if (reflections.length) {
      body.push("### Reflections", "");
      for (const [prompt, value] of reflections) body.push(`**${prompt}**`, "", ekQuote(value.text), "");
    }
    const checks = [];
    for (const check of module.checks) {
      const value = store[`${module.slug}/check/${check.id}`];
      if (ekIsRecord(value) && value.chosen !== undefined && value.chosen !== null) {
        const verdict = value.correct === true ? "correct" : "not yet correct";
        const answer = typeof value.chosen === "string" ? `answered \u201c${value.chosen}\u201d, ` : "";
        checks.push(`- ${check.question}: ${answer}${verdict}`);
      }
    }
    if (checks.length) body.push("### Knowledge checks", "", ...checks, "");
    const plan = (module.plan_sections || [])
      .map((s) => [s.title, store[`${module.slug}/plan/${s.id}`]])
      .filter(([, value]) => ekWritten(value));
    if (plan.length) {
      body.push("### My leadership plan", "");
      for (const [title, value] of plan) body.push(`**${title}**`, "", ekQuote(value.text), "");
    }
    if (body.length) lines.push(`## ${module.title}`, "", ...body);
  }
  return lines.join("\n").replace(/\n+$/, "") + "\n";
}


function ekSummarySheet(progress, name, source) {
  const done = progress.filter((row) => row.done).length;
  const sheet = ekEl("div", { className: "ek-widget ek-sheet" });
  sheet.append(ekEl("h1", { text: "Adaptive Equity Leadership: completion summary" }));
  if (name) sheet.append(ekEl("p", { className: "ek-sheet-name", text: `Prepared for ${name}` }));
  sheet.append(
    ekEl("p", { text: `Printed ${ekToday()}. ${done} of ${progress.length} modules done. ${source}` }),
    ekEl("p", { className: "ek-sheet-note", text: EK_NOT_A_CREDENTIAL }),
  );
  const table = ekEl("table", { className: "ek-table" });
  table.append(ekEl("caption", { text: "Progress in each module" }));
  const head = ekEl("tr");
  for (const h of ["Module", "Status", "Checks answered", "Checks correct", "Reflections written", "Plan sections written"]) {
    head.append(ekEl("th", { scope: "col", text: h }));
  }
  table.append(ekEl("thead", {}, [head]));
  const body = ekEl("tbody");
  for (const row of progress) {
    body.append(ekEl("tr", {}, [
      ekEl("th", { scope: "row", text: row.title }),
      ekEl("td", { text: row.status }),
      ekEl("td", { text: ekCount(row.checks.answered, row.checks.total) }),
      ekEl("td", { text: ekCount(row.checks.correct, row.checks.total) }),
      ekEl("td", { text: ekCount(row.reflections.written, row.reflections.total) }),
      ekEl("td", { text: ekCount(row.plan.written, row.plan.total) }),
    ]));
  }
  table.append(body);
  sheet.append(table);
  return sheet;
}

function render({ model, el }) {
  const kernel = ekHasKernel(model);
  const outline = model.get("modules");
  const root = ekEl("div", { className: "ek-widget ek-progress" });
  const summary = ekEl("p", { className: "ek-summary", "aria-live": "polite" });
  const source = ekEl("p", { className: "ek-source" });
  const tableHolder = ekEl("div", { className: "ek-table-holder" });
  const details = ekEl("div", { className: "ek-progress-details" });
  const status = ekEl("p", { className: "ek-status", role: "status" });
  const nameId = ekUid("ek-print-name");
  const name = ekEl("input", { id: nameId, type: "text", className: "ek-input", autocomplete: "name" });
  const update = ekEl("button", { type: "button", className: "ek-button", text: "Update my progress" });
  const download = ekEl("button", { type: "button", className: "ek-button", text: "Download my journal (Markdown)" });
  const print = ekEl("button", { type: "button", className: "ek-button", text: "Print a completion summary" });
  root.append(
    summary,
    source,
    tableHolder,
    details,
    ekEl("div", { className: "ek-controls ek-no-print" }, [
      ekEl("div", { className: "ek-control" }, [ekEl("label", { for: nameId, text: "Name to print on the summary (optional, not saved)" }), name]),
    ]),
    ekEl("div", { className: "ek-actions ek-no-print" }, [update, download, print]),
    status,
  );
  el.append(root);

  function currentStore() {
    return kernel ? model.get("journal_store") || {} : ekReadStore();
  }

  function sourceText() {
    if (kernel) return model.get("loaded") ? "Read from your journal file on this computer." : "Reading your journal...";
    return "Read from this browser's storage. Nothing is sent anywhere.";
  }

  function draw() {
    const progress = ekProgress(outline, currentStore());
    const done = progress.filter((row) => row.done).length;
    summary.textContent = `${done} of ${progress.length} modules done.`;
    source.textContent = sourceText();
    const table = ekEl("table", { className: "ek-table ek-progress-table" });
    table.append(ekEl("caption", { text: "Your progress in each module" }));
    const head = ekEl("tr");
    for (const h of ["Module", "Status", "Knowledge checks", "Reflections", "Plan sections"]) head.append(ekEl("th", { scope: "col", text: h }));
    table.append(ekEl("thead", {}, [head]));
    const body = ekEl("tbody");
    for (const row of progress) {
      const checks = row.checks.total
        ? `${row.checks.answered} of ${row.checks.total} answered, ${row.checks.correct} correct`
        : "none";
      const reflections = row.reflections.total ? `${row.reflections.written} of ${row.reflections.total} written` : "none";
      const plan = row.plan.total ? `${row.plan.written} of ${row.plan.total} written` : "none";
      body.append(ekEl("tr", { "data-module": row.slug, "data-status": row.status }, [
        ekEl("th", { scope: "row", text: row.title }),
        ekEl("td", { className: "ek-progress-status", text: row.done ? "Done" : row.status === "in progress" ? "In progress" : "Not started" }),
        ekEl("td", { className: "ek-progress-checks", text: checks }),
        ekEl("td", { className: "ek-progress-reflections", text: reflections }),
        ekEl("td", { className: "ek-progress-plan", text: plan }),
      ]));
    }
    table.append(body);
    tableHolder.replaceChildren(table);
    const open = new Set([...details.querySelectorAll("details[open]")].map((d) => d.dataset.module));
    details.replaceChildren(...progress.map((row) => {
      const list = ekEl("ul", { className: "ek-progress-items" });
      for (const item of row.items) {
        const kind = item.kind === "check" ? "Check" : item.kind === "reflection" ? "Reflection" : "Plan section";
        list.append(ekEl("li", { "data-kind": item.kind, "data-id": item.id, "data-state": item.state }, [
          ekEl("strong", { text: `${kind} ${item.id}: ${item.state}.` }),
          ` ${item.label}`,
        ]));
      }
      return ekEl("details", { "data-module": row.slug, open: open.has(row.slug) }, [
        ekEl("summary", { text: `${row.title}: each check and reflection` }),
        list,
      ]);
    }));
    return progress;
  }

  function requestJournal() {
    if (kernel) ekSync(model, { refresh_requests: model.get("refresh_requests") + 1 });
  }

  update.addEventListener("click", () => {
    if (kernel) {
      status.textContent = "Reading your journal...";
      requestJournal();
    } else {
      draw();
      status.textContent = "Progress updated from this browser.";
    }
  });
  download.addEventListener("click", () => {
    if (kernel) {
      status.textContent = "Writing your journal to a Markdown file...";
      ekSync(model, { export_requests: model.get("export_requests") + 1 });
      return;
    }
    try {
      ekDownloadText(`my-journal-${ekToday()}.md`, ekStoreMarkdown(outline, currentStore(), ekToday()));
      status.textContent = "Your journal was downloaded as a Markdown file. It was made in this browser; nothing was sent anywhere.";
    } catch (error) {
      status.textContent = "Your browser could not make the download. Nothing was lost: your answers are still saved here.";
    }
  });
  print.addEventListener("click", () => {
    const progress = ekProgress(outline, currentStore());
    ekPrintOnly(ekSummarySheet(progress, name.value.trim(), sourceText()));
    status.textContent = "Opened your browser's print dialog with a completion summary.";
  });
  model.on("change:journal_store", draw);
  model.on("change:loaded", draw);
  model.on("change:status", () => {
    status.textContent = model.get("status");
  });
  if (!kernel) {
    window.addEventListener("storage", (event) => {
      if (!event.key || event.key.startsWith(EK_STORE_PREFIX)) draw();
    });
  }
  draw();
  requestJournal();
}
export default { render };
