// The caller's recent researches, kept in this browser (localStorage): id, question, started at;
// at most 20, newest first. Storage that is full or disabled only means no list.

const KEY = "researcher.recent";
const MAX = 20;
const MAX_QUESTION = 300;

function valid(entry) {
  return entry && typeof entry.id === "string" && entry.id.length > 0 && entry.id.length <= 100
    && typeof entry.question === "string" && typeof entry.startedAt === "string";
}

/** The list, newest first. */
export function recentResearches() {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(valid).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/** Adds a research (or refreshes its question when already listed, keeping its place). */
export function rememberResearch({ id, question, startedAt }) {
  const list = recentResearches();
  const existing = list.find(entry => entry.id === id);
  if (existing) {
    if (question && existing.question !== question) existing.question = String(question).slice(0, MAX_QUESTION);
    else return list;
  } else {
    const when = new Date(startedAt ?? Date.now());
    list.push({
      id,
      question: String(question ?? "").slice(0, MAX_QUESTION),
      startedAt: (Number.isNaN(when.getTime()) ? new Date() : when).toISOString(),
    });
  }
  list.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const kept = list.slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the list is only a convenience.
  }
  return kept;
}

/** Calls `listener` when another tab changes the list. */
export function onRecentChanged(listener) {
  window.addEventListener("storage", event => {
    if (event.key === KEY || event.key === null) listener();
  });
}
