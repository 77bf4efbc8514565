// Read the inputs Python ships to the widgets (tests/golden/inputs, made from fixtures).
import { readFileSync } from "node:fs";

export function golden(name) {
  return JSON.parse(readFileSync(new URL(`../golden/inputs/${name}.json`, import.meta.url), "utf8"));
}

// A localStorage stand-in for the store tests.
export function memoryStorage(entries = {}) {
  const data = new Map(Object.entries(entries));
  return {
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    dump: () => Object.fromEntries(data),
  };
}

// Saved work for every activity of the demo module, each done.
export const EVERYTHING = {
  "demo/knowledge-check": { answers: { q1: { option: "a" }, q2: { option: "a" } } },
  "demo/reflect": { texts: { r1: "The four math teachers.", r2: "Look at one table." } },
  "demo/sort-cases": { choices: { s1: "technical", s2: "both" } },
  "demo/coalition-map": { people: [{ name: "Grace", role: "", readiness: 2, influence: 3 }] },
  "demo/capacity-planner": { initiatives: ["A"], people: ["Ana"], assigned: { A: ["Ana"] } },
  "demo/coaching-choice": { answers: { choice: { why: "because" } } },
  "demo/lens-review": { answers: { transportation: { q1: "x" }, nutrition: { readiness: "starting" } } },
  "demo/policy-review": { ratings: { E1: { level: 2 }, E2: { level: 4 } } },
  "demo/write-plan": { sections: { gap: "Honors access", coalition: "Four teachers" } },
  "demo/scenario-task": { text: "First the safety office.", scores: { c1: 3, c2: 2 } },
  "demo/records-checklist": { checked: { officer: true, preserve: true } },
  "demo/state-scan": { answers: { surveys: { citation: "x" }, records: { citation: "y" } } },
};
