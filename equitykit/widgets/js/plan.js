// Capstone plan: one text box per section, prefilled with the learner's own earlier work.
// On the static site the earlier work and the plan come from this browser's localStorage
// (nothing is sent anywhere); in JupyterLab Python reads them from the learner's journal.
// The rules are those of equitykit.plan (tested against it in Node).

const EK_SHARING_NOTE =
  "Before you share this plan, read it as a stranger would: remove students' names and " +
  "any number for a group of fewer than 10 students.";

function ekPlanRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Same as equitykit.plan.entry_text.
export function ekEntryText(kind, value) {
  if (!ekPlanRecord(value)) return null;
  if (kind === "coalition") {
    const people = (Array.isArray(value.people) ? value.people : []).filter(ekPlanRecord);
    if (!people.length) return null;
    const lines = ["People on your map:"];
    for (const p of people) {
      const role = p.role ? ` (${p.role})` : "";
      lines.push(`- ${p.name ?? ""}${role}: readiness ${p.readiness}, influence ${p.influence}`);
    }
    return lines.join("\n");
  }
  if (kind === "capacity") {
    const initiatives = Array.isArray(value.initiatives) ? value.initiatives : [];
    const assigned = ekPlanRecord(value.assigned) ? value.assigned : {};
    if (!initiatives.length) return null;
    const lines = ["Who carries each initiative:"];
    for (const initiative of initiatives) {
      const people = assigned[initiative] || [];
      lines.push(`- ${initiative}: ${people.length ? people.join(", ") : "no one yet"}`);
    }
    return lines.join("\n");
  }
  if (kind === "worksheet") {
    const lines = [];
    const answers = ekPlanRecord(value.answers) ? value.answers : {};
    for (const [section, fields] of Object.entries(answers)) {
      if (!ekPlanRecord(fields)) continue;
      for (const [field, answer] of Object.entries(fields)) {
        if (typeof answer === "string" && answer.trim()) lines.push(`- ${ekSpoken(section)} (${ekSpoken(field)}): ${answer.trim()}`);
      }
    }
    return lines.length ? ["Your worksheet answers:", ...lines].join("\n") : null;
  }
  if (kind === "policy_review") {
    const ratings = ekPlanRecord(value.ratings) ? value.ratings : {};
    const lines = Object.entries(ratings)
      .map(([excerpt, rating]) => {
        const detailed = ekPlanRecord(rating);
        const level = detailed ? rating.level : rating;
        const reason = detailed && typeof rating.reason === "string" ? rating.reason.trim() : "";
        if (!(Number.isInteger(level) || typeof level === "string")) return null;
        return `- ${ekSpoken(excerpt)}: ${level}${reason ? ` (${reason})` : ""}`;
      })
      .filter(Boolean);
    return lines.length ? ["Your ratings of the policy excerpts:", ...lines].join("\n") : null;
  }
  if (typeof value.text === "string" && value.text.trim()) return value.text.trim();
  return null;
}

function ekSpoken(identifier) {
  return String(identifier).replace(/[-_]+/g, " ").trim();
}

// Words of an id, lower case, a plural "s" dropped (as equitykit.plan._words).
function ekWords(identifier) {
  return identifier
    .toLowerCase()
    .split(/[-_]+/)
    .filter((w) => w)
    .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w));
}

function ekStartsWith(words, start) {
  return start.length > 0 && start.every((w, i) => words[i] === w);
}

// Store keys holding an activity's saved work (as equitykit.plan._activity_keys).
function ekActivityKeys(store, module, id) {
  const candidates = Object.keys(store).filter((key) => {
    const parts = key.split("/");
    return parts.length === 3 && parts[0] === module && !["check", "reflection", "sort"].includes(parts[1]);
  });
  const exact = candidates.filter((key) => key.split("/")[2] === id).sort(ekCompare);
  if (exact.length) return exact;
  const wanted = ekWords(id);
  return candidates
    .filter((key) => {
      const [, kind, item] = key.split("/");
      return (kind !== "plan" && ekStartsWith(wanted, ekWords(kind))) || ekStartsWith(wanted, ekWords(item));
    })
    .sort(ekCompare);
}

function ekCompare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Same as equitykit.plan.earlier_work: one piece per source, text null when not found.
export function ekEarlierWork(sources, store) {
  return sources.map((source) => {
    const { module, id } = source;
    let keys;
    if (source.kind === "reflection") {
      keys = [`${module}/reflection/${id}`];
    } else {
      keys = ekActivityKeys(store, module, id);
    }
    const texts = keys.map((key) => ekEntryText(key.split("/")[1], store[key])).filter((text) => text !== null);
    return { label: source.label, short: source.short || source.label, text: texts.length ? texts.join("\n\n") : null };
  });
}

// Same as equitykit.plan.draft_from_earlier.
export function ekDraftFromEarlier(pieces) {
  return pieces
    .filter((piece) => piece.text !== null && piece.text !== undefined)
    .map((piece) => `From ${piece.short || piece.label}:\n${piece.text}`)
    .join("\n\n");
}

// Same text as equitykit.plan.plan_markdown.
export function ekPlanMarkdown(sections, texts, writtenOn, author) {
  const name = (author || "").trim();
  const lines = ["# My equity leadership plan", ""];
  lines.push(name ? `Written by ${name} on ${writtenOn}.` : `Written on ${writtenOn}.`, "");
  sections.forEach((section, index) => {
    const text = (texts[section.id] || "").trim();
    lines.push(`## ${index + 1}. ${section.title}`, "", text || "_Not written yet._", "");
  });
  lines.push("---", "", EK_SHARING_NOTE, "");
  return lines.join("\n");
}


function ekPlanSheet(sections, texts, writtenOn, author) {
  const sheet = ekEl("div", { className: "ek-widget ek-sheet ek-plan-sheet" });
  const name = (author || "").trim();
  sheet.append(
    ekEl("h1", { text: "My equity leadership plan" }),
    ekEl("p", { text: name ? `Written by ${name} on ${writtenOn}.` : `Written on ${writtenOn}.` }),
  );
  sections.forEach((section, index) => {
    const text = (texts[section.id] || "").trim();
    sheet.append(
      ekEl("h2", { text: `${index + 1}. ${section.title}` }),
      ekEl("p", { className: "ek-sheet-text", text: text || "Not written yet." }),
    );
  });
  sheet.append(ekEl("hr"), ekEl("p", { className: "ek-sheet-note", text: EK_SHARING_NOTE }));
  return sheet;
}

function render({ model, el }) {
  const kernel = ekHasKernel(model);
  const module = model.get("module");
  const sections = model.get("sections");
  const store = kernel ? {} : ekReadStore();
  const boxes = {};
  const earlierHolders = {};
  const root = ekEl("div", { className: "ek-widget ek-plan" });
  const intro = ekEl("p", {
    className: "ek-source",
    text: kernel
      ? "Your earlier work comes from your journal file on this computer."
      : "Your earlier work and your plan stay in this browser. Nothing is sent anywhere.",
  });
  root.append(intro);

  function earlierFor(section) {
    if (kernel) return (model.get("earlier") || {})[section.id] || [];
    return ekEarlierWork(section.sources || [], store);
  }

  function drawEarlier(section) {
    const pieces = earlierFor(section);
    const list = ekEl("ul");
    for (const piece of pieces) {
      list.append(ekEl("li", { "data-found": piece.text === null ? "no" : "yes" }, [
        ekEl("span", { text: `${piece.label} ` }),
        piece.text === null
          ? ekEl("span", { className: "ek-missing", text: "Not found in your saved work. You can write it now." })
          : ekEl("pre", { text: piece.text }),
      ]));
    }
    earlierHolders[section.id].replaceChildren(
      ekEl("p", { text: "Your earlier work for this section:" }),
      pieces.length ? list : ekEl("p", { className: "ek-missing", text: "None named." }),
    );
    return pieces;
  }

  sections.forEach((section, index) => {
    const id = ekUid(`ek-plan-${section.id}`);
    const promptId = `${id}-prompt`;
    const box = ekEl("textarea", { id, rows: 7, className: "ek-textarea", "aria-describedby": promptId, "data-section": section.id });
    const earlier = ekEl("div", { className: "ek-plan-earlier" });
    earlierHolders[section.id] = earlier;
    boxes[section.id] = box;
    const example = ekEl("details", {}, [
      ekEl("summary", { text: `An Alder Creek example for "${section.title}"` }),
      ekEl("p", { text: section.example || "" }),
    ]);
    root.append(ekEl("div", { className: "ek-plan-section", "data-section": section.id }, [
      ekEl("label", { for: id, className: "ek-prompt", text: `${index + 1}. ${section.title}` }),
      ekEl("p", { id: promptId, text: section.prompt }),
      earlier,
      example,
      box,
    ]));
    const pieces = drawEarlier(section);
    const own = store[`${module}/plan/${section.id}`];
    const fromModel = (model.get("texts") || {})[section.id];
    if (kernel) box.value = fromModel || "";
    else box.value = ekPlanRecord(own) && typeof own.text === "string" ? own.text : ekDraftFromEarlier(pieces);
    box.addEventListener("change", () => {
      ekStoreSet(`${module}/plan/${section.id}`, { text: box.value, saved_at: new Date().toISOString(), label: section.title });
    });
  });

  const nameId = ekUid("ek-plan-name");
  const name = ekEl("input", { id: nameId, type: "text", className: "ek-input", autocomplete: "name" });
  const save = ekEl("button", { type: "button", className: "ek-button", text: "Save my plan" });
  const exportButton = ekEl("button", { type: "button", className: "ek-button", text: "Export as Markdown" });
  const print = ekEl("button", { type: "button", className: "ek-button", text: "Print my plan" });
  const status = ekEl("p", { className: "ek-status", role: "status" });
  root.append(
    ekEl("div", { className: "ek-controls ek-no-print" }, [
      ekEl("div", { className: "ek-control" }, [ekEl("label", { for: nameId, text: "Name to print on the plan (optional, not saved)" }), name]),
    ]),
    ekEl("div", { className: "ek-actions ek-no-print" }, [save, exportButton, print]),
    status,
  );
  el.append(root);

  function currentTexts() {
    return Object.fromEntries(sections.map((s) => [s.id, boxes[s.id].value]));
  }

  save.addEventListener("click", () => {
    const stamp = new Date().toISOString();
    let kept = true;
    for (const section of sections) {
      kept = ekStoreSet(`${module}/plan/${section.id}`, { text: boxes[section.id].value, saved_at: stamp, label: section.title }) && kept;
    }
    if (kernel) {
      status.textContent = "Saving your plan to your journal...";
      ekSync(model, { texts: currentTexts(), save_requests: model.get("save_requests") + 1 });
    } else {
      status.textContent = kept
        ? "Your plan is saved in this browser only. Nothing is sent anywhere."
        : "Your browser blocked saving. Export your plan as Markdown to keep it.";
    }
  });
  exportButton.addEventListener("click", () => {
    if (kernel) {
      status.textContent = "Writing your plan to a Markdown file...";
      ekSync(model, { texts: currentTexts(), author: name.value, export_requests: model.get("export_requests") + 1 });
      return;
    }
    const today = ekToday();
    try {
      ekDownloadText(`my-equity-leadership-plan-${today}.md`, ekPlanMarkdown(sections, currentTexts(), today, name.value));
      status.textContent = "Your plan was downloaded as a Markdown file. It was made in this browser; nothing was sent anywhere.";
    } catch (error) {
      status.textContent = "Your browser could not make the download. Your plan is still here.";
    }
  });
  print.addEventListener("click", () => {
    ekPrintOnly(ekPlanSheet(sections, currentTexts(), ekToday(), name.value));
    status.textContent = "Opened your browser's print dialog with your plan.";
  });

  model.on("change:earlier", () => sections.forEach(drawEarlier));
  model.on("change:texts", () => {
    const texts = model.get("texts") || {};
    for (const section of sections) {
      if (texts[section.id] !== undefined && boxes[section.id].value !== texts[section.id]) boxes[section.id].value = texts[section.id];
    }
  });
  model.on("change:status", () => {
    status.textContent = model.get("status");
  });
  if (kernel) ekSync(model, { refresh_requests: model.get("refresh_requests") + 1 });
}
export default { render };
