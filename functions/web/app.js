// The Researcher web client: ask a question, watch the research live, read and download the report.
// A research's view is rebuilt the same way however it is reached (a fresh start, a reload, a shared
// link): its status, then its whole log, then live events, each event applied once and in order.
// Everything that comes from the server is put in the page as text (textContent), except the report,
// which is rendered from Markdown and sanitized into DOM nodes (report.js). See README.md beside this file.

import { api, ApiError, NetworkError, describeError, isAbort } from "./api.js";
import { EventSequencer, SerialTask, FINAL_TYPES, backoffDelay } from "./sequencer.js";
import { LiveChannel } from "./live.js";
import { renderReport, reportFileName, reportRenderingAvailable, httpUrl } from "./report.js";
import { recentResearches, rememberResearch, onRecentChanged } from "./recent.js";

const PAGE_SIZE = 500;
/** While live: read the log anyway when nothing was heard for this long (a lost push, a lost final event). */
const SILENCE_MS = 15_000;
/** Without the SignalR library: how often the log is read. */
const POLL_MS = 3_000;
const FINAL_STATUSES = new Set(["completed", "failed", "cancelled"]);

const STATUS_LABELS = {
  pending: "Pending",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const TYPE_LABELS = {
  researchStarted: "Started",
  stepStarted: "Step started",
  stepCompleted: "Step done",
  sourceFound: "Source read",
  subQuestionCompleted: "Sub-question done",
  subQuestionFailed: "Sub-question failed",
  branchStarted: "Branch started",
  branchCompleted: "Branch done",
  branchFailed: "Branch failed",
  warning: "Warning",
  researchCompleted: "Completed",
  researchFailed: "Failed",
  researchCancelled: "Cancelled",
};

/** The event types the log marks as warnings. */
const WARNING_TYPES = new Set(["warning", "subQuestionFailed", "branchFailed"]);

const BRANCH_STATE_LABELS = {
  pending: "Planned",
  running: "Running",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};

const REPORT_TYPE_LABELS = {
  research_report: "Research report",
  detailed_report: "Detailed report",
  resource_report: "Resource report",
  outline_report: "Outline",
  custom_report: "Custom report",
  deep: "Deep research",
};

const CONNECTION_LABELS = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

const byId = id => document.getElementById(id);
const ui = {
  form: byId("research-form"),
  question: byId("question"),
  reportType: byId("report-type"),
  maxSubQuestionsField: byId("max-sub-questions-field"),
  maxSubQuestions: byId("max-sub-questions"),
  breadthField: byId("breadth-field"),
  breadth: byId("breadth"),
  depthField: byId("depth-field"),
  depth: byId("depth"),
  instructionsField: byId("instructions-field"),
  instructions: byId("instructions"),
  tone: byId("tone"),
  targetWords: byId("target-words"),
  language: byId("language"),
  maxTokens: byId("max-tokens"),
  start: byId("start"),
  formError: byId("form-error"),
  ask: byId("ask"),
  research: byId("research"),
  main: byId("main"),
  connection: byId("connection-state"),
  connectionLabel: byId("connection-label"),
  title: byId("research-question"),
  meta: byId("research-meta"),
  spending: byId("spending"),
  status: byId("status"),
  progress: byId("progress"),
  percent: byId("percent"),
  currentStep: byId("current-step"),
  stepName: byId("current-step-name"),
  message: byId("current-message"),
  failure: byId("failure"),
  outcome: byId("outcome"),
  notice: byId("notice"),
  cancel: byId("cancel"),
  download: byId("download"),
  subQuestionsPanel: byId("sub-questions-panel"),
  subQuestions: byId("sub-questions"),
  subQuestionsEmpty: byId("sub-questions-empty"),
  treePanel: byId("tree-panel"),
  treeCount: byId("tree-count"),
  treeLimit: byId("tree-limit"),
  tree: byId("research-tree"),
  treeEmpty: byId("research-tree-empty"),
  sources: byId("sources"),
  sourcesEmpty: byId("sources-empty"),
  sourceCount: byId("source-count"),
  report: byId("report"),
  reportPlaceholder: byId("report-placeholder"),
  log: byId("log"),
  logCount: byId("log-count"),
  recent: byId("recent"),
  recentEmpty: byId("recent-empty"),
  newResearch: byId("new-research"),
  home: byId("home"),
};

const sleep = (ms, signal) => new Promise(resolve => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
});

function element(tag, { className, text, attributes } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  return node;
}

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

function formatTime(timestamp, withDate = false) {
  const when = new Date(timestamp);
  if (Number.isNaN(when.getTime())) return null;
  const text = withDate
    ? when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : when.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return { iso: when.toISOString(), text };
}

function timeElement(timestamp, withDate = false) {
  const formatted = formatTime(timestamp, withDate);
  const node = element("time", { text: formatted?.text ?? "" });
  if (formatted) node.dateTime = formatted.iso;
  return node;
}

function showConnection(state, label) {
  ui.connection.dataset.state = state;
  ui.connectionLabel.textContent = label ?? CONNECTION_LABELS[state];
}

/** A branch's place from its path, as the server numbers them: "2.1" is at depth 2, position 1, under "2". */
function treePlace(path) {
  const at = path.lastIndexOf(".");
  return { parent: at < 0 ? "" : path.slice(0, at), depth: path.split(".").length, position: Number(path.slice(at + 1)) };
}

function show(node, text) {
  node.textContent = text ?? "";
  node.hidden = !text;
}

function resetResearchUi() {
  ui.title.textContent = "";
  ui.meta.textContent = "";
  show(ui.spending, "");
  ui.status.dataset.status = "";
  ui.status.textContent = "Loading…";
  ui.progress.value = 0;
  ui.percent.textContent = "0%";
  ui.stepName.textContent = "";
  ui.message.textContent = "";
  ui.currentStep.hidden = false;
  show(ui.failure, "");
  show(ui.outcome, "");
  show(ui.notice, "");
  ui.cancel.hidden = true;
  ui.cancel.disabled = false;
  ui.cancel.textContent = "Cancel";
  ui.download.hidden = true;
  ui.subQuestionsPanel.hidden = false;
  ui.subQuestions.replaceChildren();
  ui.subQuestionsEmpty.hidden = false;
  ui.treePanel.hidden = true;
  ui.treeCount.textContent = "";
  show(ui.treeLimit, "");
  ui.tree.replaceChildren();
  ui.treeEmpty.hidden = false;
  ui.sources.replaceChildren();
  ui.sourcesEmpty.hidden = false;
  ui.sourceCount.textContent = "";
  ui.report.replaceChildren();
  ui.report.dataset.ready = "false";
  ui.reportPlaceholder.textContent = "The report appears here once the research completes.";
  ui.reportPlaceholder.hidden = false;
  ui.log.replaceChildren();
  ui.logCount.textContent = "";
}

/**
 * One research on screen. Created for each research shown and disposed when the page shows another
 * (or the form): everything it started (fetches, timers, the live connection) ends with it.
 */
class ResearchView {
  constructor(id, known = {}) {
    this.id = id;
    this.question = known.question ?? "";
    this.knownReportType = known.reportType ?? "";
    this.abort = new AbortController();
    this.disposed = false;
    this.ended = false;
    this.rejected = false;
    this.status = "";
    this.statusFinal = null;
    this.live = null;
    this.phase = "connecting";
    this.markdown = null;
    this.cancelling = false;
    this.subQuestions = new Map();
    this.deep = false;
    this.branches = new Map();
    this.expectedBranches = null;
    this.sources = new Set();
    this.sequencer = new EventSequencer(event => this.apply(event));
    this.catchUp = new SerialTask(() => this.readLog());
    this.catchUpFailures = 0;
    this.retryTimer = null;
    this.watchdog = null;
    this.polling = false;
    this.lastHeard = Date.now();
    this.onNetworkChange = () => this.renderConnection();
  }

  get signal() {
    return this.abort.signal;
  }

  async open() {
    resetResearchUi();
    document.body.dataset.researchId = this.id;
    ui.ask.hidden = true;
    ui.research.hidden = false;
    if (this.question) this.showQuestion(this.question);
    if (this.knownReportType === "deep") this.showTree();
    window.addEventListener("online", this.onNetworkChange);
    window.addEventListener("offline", this.onNetworkChange);
    this.renderConnection();

    const status = await this.loadStatus();
    if (!status || this.disposed) return;
    this.showStatus(status);
    rememberResearch({ id: this.id, question: status.question || this.question, startedAt: status.createdAt });
    renderRecent();
    if (FINAL_STATUSES.has(status.status)) this.statusFinal = status;

    // The log first (what happened so far), and live events for a research that has not ended.
    this.requestCatchUp();
    if (!this.statusFinal) this.startLive();
    this.watchdog = setInterval(() => this.tick(), 1_000);
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    this.live?.stop();
    this.live = null;
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    window.removeEventListener("online", this.onNetworkChange);
    window.removeEventListener("offline", this.onNetworkChange);
  }

  // ---- loading ------------------------------------------------------------------------------

  async loadStatus() {
    for (let attempt = 0; ; attempt++) {
      try {
        const status = await api.status(this.id, this.signal);
        this.notice(null);
        return status;
      } catch (error) {
        if (this.disposed || isAbort(error)) return null;
        if (error instanceof NetworkError || (error instanceof ApiError && error.transient)) {
          this.notice(`${describeError(error)} Retrying…`);
          await sleep(error.retryAfter ? error.retryAfter * 1000 : backoffDelay(attempt), this.signal);
          continue;
        }
        this.reject(error);
        return null;
      }
    }
  }

  /** The research cannot be shown (unknown, not the caller's, sign-in required, malformed id). */
  reject(error) {
    if (this.disposed || this.rejected) return;
    this.rejected = true;
    this.live?.stop();
    this.live = null;
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    ui.cancel.hidden = true;
    ui.status.textContent = error instanceof ApiError && error.status === 401 ? "Sign in required" : "Unavailable";
    ui.reportPlaceholder.hidden = true;
    show(ui.notice, "");
    show(ui.failure, describeError(error));
    this.renderConnection();
  }

  startLive() {
    if (!LiveChannel.available) {
      this.notice("Live updates are unavailable in this page; it checks for progress every few seconds.");
      this.renderConnection();
      return;
    }
    this.live = new LiveChannel({
      researchId: this.id,
      onEvent: event => this.onLiveEvent(event),
      onPhase: phase => {
        this.phase = phase;
        this.renderConnection();
      },
      // Subscribed (again): read the log after the last event held, so nothing is missed.
      onSubscribed: () => this.requestCatchUp(),
      onRejected: error => this.reject(error),
    });
    this.live.start();
  }

  renderConnection() {
    if (this.disposed) return;
    if (this.rejected) showConnection("offline", "Not connected");
    else if (this.ended) showConnection("live", "Up to date");
    else if (!navigator.onLine) showConnection("offline");
    else if (this.statusFinal) showConnection("connecting", "Loading…");
    else if (!this.live) showConnection(this.status ? "offline" : "connecting", this.status ? "Checking periodically" : undefined);
    else showConnection(this.phase);
  }

  // ---- events: live, from the log, in order -------------------------------------------------

  onLiveEvent(event) {
    if (this.disposed || this.ended || this.rejected || !event || typeof event !== "object") return;
    this.lastHeard = Date.now();
    if (!Number.isSafeInteger(event.sequence) || event.sequence <= this.sequencer.lastApplied) return;
    if (event.truncated) {
      // Sent without its data (too large for a message): read it whole from the log.
      this.fetchWhole(event.sequence);
      return;
    }
    if (this.sequencer.offer(event) === "gap") this.requestCatchUp();
  }

  async fetchWhole(sequence) {
    try {
      const page = await api.events(this.id, sequence - 1, 1, this.signal);
      if (this.disposed) return;
      const whole = page.events.find(event => event.sequence === sequence);
      if (!whole || whole.truncated || this.sequencer.offer(whole) === "gap") this.requestCatchUp();
    } catch (error) {
      if (!this.disposed && !isAbort(error)) this.requestCatchUp();
    }
  }

  /** A catch-up from the log; never two at once (SerialTask), a request during one makes one more. */
  requestCatchUp() {
    if (this.disposed || this.rejected) return Promise.resolve();
    return this.catchUp.request();
  }

  /** Reads the log after the last applied event until it answers no more. */
  async readLog() {
    if (this.disposed || this.rejected || this.ended) return;
    try {
      for (;;) {
        const after = this.sequencer.lastApplied;
        const page = await api.events(this.id, after, PAGE_SIZE, this.signal);
        if (this.disposed) return;
        if (page.events.length === 0) break;
        for (const event of page.events) this.sequencer.offer(event);
        // No progress means a hole in the log itself: try again later rather than spin.
        if (this.ended || this.sequencer.lastApplied === after) break;
      }
    } catch (error) {
      if (this.disposed || isAbort(error)) return;
      if (error instanceof ApiError && [401, 403, 404].includes(error.status)) {
        this.reject(error);
        return;
      }
      this.notice(`Could not read the progress log (${describeError(error)}). Retrying…`);
      this.retryCatchUpLater();
      return;
    }
    this.catchUpFailures = 0;
    this.lastHeard = Date.now();
    if (ui.notice.dataset.kind === "log") this.notice(null);
    if (this.ended) return;
    // The research ended without a final event in its log (recording it failed): its status says how.
    if (this.statusFinal && !this.sequencer.hasGap) this.endFromStatus(this.statusFinal);
    else if (this.sequencer.hasGap) this.retryCatchUpLater();
  }

  retryCatchUpLater() {
    if (this.retryTimer || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.requestCatchUp();
    }, backoffDelay(this.catchUpFailures++));
  }

  /** The safety net: when nothing was heard for a while, read the log and the status. */
  async tick() {
    if (this.disposed || this.ended || this.rejected || this.polling || this.statusFinal) return;
    if (!navigator.onLine) return;
    if (Date.now() - this.lastHeard < (this.live ? SILENCE_MS : POLL_MS)) return;
    this.lastHeard = Date.now();
    this.polling = true;
    try {
      await this.requestCatchUp();
      if (this.ended || this.disposed || this.rejected) return;
      const status = await api.status(this.id, this.signal);
      if (this.disposed || this.ended) return;
      if (FINAL_STATUSES.has(status.status)) {
        this.statusFinal = status;
        await this.requestCatchUp();
      }
    } catch {
      // Offline or the server busy: the next tick tries again.
    } finally {
      this.polling = false;
    }
  }

  // ---- showing --------------------------------------------------------------------------------

  showQuestion(question) {
    this.question = question;
    ui.title.textContent = question;
    document.title = `${question.length > 60 ? `${question.slice(0, 57)}…` : question} · Researcher`;
  }

  showStatus(status) {
    if (typeof status.question === "string" && status.question) this.showQuestion(status.question);
    if (status.reportType === "deep") this.showTree();
    const meta = [REPORT_TYPE_LABELS[status.reportType] ?? status.reportType, formatTime(status.createdAt, true)?.text]
      .filter(Boolean);
    ui.meta.textContent = meta.length ? `${meta.join(" · started ")}` : "";
    if (this.sequencer.lastApplied === 0) {
      this.setPercent(status.percent);
      this.setStep(status.currentStep, status.message);
    }
    this.setStatus(status.status);
    if (status.spending?.usage) this.showSpending(status.spending.usage, status.spending.currency, status.spending.budgetReached);
  }

  /** What the research spent on language models: tokens, calls and (when priced) cost. */
  showSpending(usage, currency, budgetReached) {
    const tokens = Number(usage.totalTokens);
    if (!Number.isFinite(tokens) || tokens <= 0) return;
    const parts = [`${tokens.toLocaleString()} tokens`];
    const calls = Number(usage.calls ?? usage.modelCalls);
    if (Number.isFinite(calls)) parts.push(`${calls} model ${calls === 1 ? "call" : "calls"}`);
    const cost = Number(usage.cost);
    if (usage.cost !== null && usage.cost !== undefined && Number.isFinite(cost)) parts.push(`${cost.toFixed(4)} ${currency ?? ""}`.trim());
    if (budgetReached === true || budgetReached === "true") parts.push("budget reached");
    show(ui.spending, `Spent: ${parts.join(" · ")}`);
  }

  setStatus(status) {
    this.status = status;
    ui.status.dataset.status = status;
    ui.status.textContent = STATUS_LABELS[status] ?? status;
    ui.cancel.hidden = this.ended || FINAL_STATUSES.has(status);
  }

  setPercent(percent) {
    if (!Number.isFinite(percent)) return;
    const value = Math.max(0, Math.min(100, Math.round(percent)));
    ui.progress.value = value;
    ui.percent.textContent = `${value}%`;
  }

  setStep(step, message) {
    ui.stepName.textContent = step ? String(step) : "";
    ui.message.textContent = message ? String(message) : "";
  }

  notice(text, kind = "log") {
    show(ui.notice, text ?? "");
    if (text) ui.notice.dataset.kind = kind;
    else delete ui.notice.dataset.kind;
  }

  /** Applies one event: called by the sequencer exactly once per sequence number, in order. */
  apply(event) {
    if (this.disposed) return;
    this.lastHeard = Date.now();
    this.appendLogRow(event);
    this.setPercent(event.percent);
    this.setStep(event.step, event.message);
    if (!FINAL_TYPES.has(event.type) && !FINAL_STATUSES.has(this.status)) this.setStatus("running");
    const data = event.data && typeof event.data === "object" ? event.data : {};
    switch (event.type) {
      case "stepStarted":
        if (event.step === "research" && data.breadth !== undefined) this.startTree(data);
        break;
      case "stepCompleted":
        if (event.step === "plan") {
          if (this.deep) this.planTree(data);
          else this.showPlan(data);
        }
        break;
      case "sourceFound":
        this.addSource(data);
        break;
      case "subQuestionCompleted":
        this.endSubQuestion(data, "done", event.message);
        break;
      case "subQuestionFailed":
        this.endSubQuestion(data, "failed", event.message);
        break;
      case "branchStarted":
        this.showBranch(data, "running");
        break;
      case "branchCompleted":
        this.showBranch(data, "done");
        break;
      case "branchFailed":
        this.showBranch(data, "failed", event.message);
        break;
      case "warning":
        if (this.deep && typeof data.limit === "string") this.showTreeLimit(event.message, data.limit);
        break;
      case "researchCompleted":
        if (data.totalTokens) this.showSpending(data, data.currency);
        this.end("completed", event.message);
        break;
      case "researchFailed":
        this.end("failed", event.message, data.category);
        break;
      case "researchCancelled":
        this.end("cancelled", event.message);
        break;
      default:
        break;
    }
  }

  appendLogRow(event) {
    const type = String(event.type ?? "");
    const row = element("li", {
      className: `event event-${FINAL_TYPES.has(type) ? "final" : WARNING_TYPES.has(type) ? "warning" : "info"}`,
      attributes: { "data-sequence": String(event.sequence), "data-type": type },
    });
    row.append(
      timeElement(event.timestamp),
      element("span", { className: "event-type", text: TYPE_LABELS[type] ?? type }),
      element("span", { className: "event-message", text: String(event.message ?? "") }),
    );
    const atBottom = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 24;
    ui.log.append(row);
    if (atBottom) ui.log.scrollTop = ui.log.scrollHeight;
    ui.logCount.textContent = `(${plural(ui.log.childElementCount, "event")})`;
  }

  subQuestion(key, text) {
    let entry = this.subQuestions.get(key);
    if (entry) return entry;
    const item = element("li", { className: "sub-question", attributes: { "data-key": key, "data-state": "pending" } });
    const state = element("span", { className: "sq-state", text: "Pending" });
    const body = element("span", { className: "sq-body" });
    const label = element("span", { className: "sq-label", text: `Q${this.subQuestions.size + 1}` });
    const textNode = element("span", { className: "sq-text", text: text || key });
    const detail = element("span", { className: "sq-detail" });
    body.append(label, " ", textNode, detail);
    item.append(state, body);
    ui.subQuestions.append(item);
    ui.subQuestionsEmpty.hidden = true;
    entry = { key, index: this.subQuestions.size + 1, text: text || key, item, state, detail };
    this.subQuestions.set(key, entry);
    return entry;
  }

  showPlan(data) {
    for (const [key, text] of Object.entries(data)) this.subQuestion(String(key), String(text ?? ""));
    this.retagSources();
  }

  endSubQuestion(data, state, message) {
    const key = typeof data.subQuestion === "string" ? data.subQuestion : null;
    if (!key) return;
    const entry = this.subQuestion(key, typeof data.title === "string" ? data.title : key);
    entry.item.dataset.state = state;
    entry.state.textContent = state === "done" ? "Done" : "Failed";
    if (state === "done") {
      const passages = Number(data.passages);
      const sources = Number(data.sources);
      entry.detail.textContent = Number.isFinite(passages) && Number.isFinite(sources)
        ? `${plural(passages, "passage")} from ${plural(sources, "source")}`
        : "";
    } else {
      entry.detail.textContent = message ? String(message) : "Not researched.";
    }
  }

  addSource(data) {
    const location = typeof data.location === "string" ? data.location.trim() : "";
    if (!location || this.sources.has(location)) return;
    this.sources.add(location);
    const key = typeof data.subQuestion === "string" ? data.subQuestion : "";
    const title = typeof data.title === "string" && data.title.trim() ? data.title.trim() : location;
    const item = element("li", { className: "source", attributes: { "data-location": location, "data-sub-question": key } });
    const tag = element("span", { className: "tag" });
    const url = httpUrl(location);
    const name = url
      ? element("a", { className: "source-title", text: title, attributes: { href: url.href, target: "_blank", rel: "noopener noreferrer" } })
      : element("span", { className: "source-title", text: title });
    const where = element("span", { className: "source-location", text: location });
    item.append(tag, name, where);
    this.tagSource(item);

    // Grouped by sub-question, in plan order: after the last source of its own sub-question.
    const order = itemKey => this.subQuestions.get(itemKey)?.index ?? Number.MAX_SAFE_INTEGER;
    const mine = order(key);
    const before = Array.from(ui.sources.children).find(other => order(other.dataset.subQuestion) > mine) ?? null;
    ui.sources.insertBefore(item, before);
    ui.sourcesEmpty.hidden = true;
    ui.sourceCount.textContent = `(${this.sources.size})`;
  }

  /** A source's tag: its sub-question's number, or in a deep research its branch's path. */
  tagSource(item) {
    const entry = this.subQuestions.get(item.dataset.subQuestion);
    const branch = this.branches.get(item.dataset.subQuestion);
    const tag = item.querySelector(".tag");
    tag.textContent = entry ? `Q${entry.index}` : branch ? branch.path : "";
    tag.hidden = !entry && !branch;
    if (entry) tag.title = entry.text;
    else if (branch) tag.title = branch.query.textContent;
  }

  retagSources() {
    for (const item of ui.sources.children) this.tagSource(item);
  }

  // ---- the tree of a deep research ------------------------------------------------------------

  /** Shows the tree instead of the sub-questions (once known: from the report type or the first deep event). */
  showTree() {
    if (this.deep) return;
    this.deep = true;
    ui.subQuestionsPanel.hidden = true;
    ui.treePanel.hidden = false;
  }

  /** The research step of a deep research: its breadth, depth and the most branches its tree can hold. */
  startTree(data) {
    this.showTree();
    const expected = Number(data.expectedBranches);
    this.expectedBranches = Number.isSafeInteger(expected) && expected > 0 ? expected : null;
    this.countBranches();
  }

  /** The planned top-level queries, keyed by path: shown as planned until their branches start. */
  planTree(data) {
    for (const [path, query] of Object.entries(data)) {
      const entry = this.branch(String(path));
      if (entry.item.dataset.state === "pending" && query) entry.query.textContent = String(query);
    }
  }

  /**
   * The item of the branch at `path` ("2.1": the first child of "2"), made the first time the path
   * is named, inside its parent's item (made first if need be), among its siblings in position order.
   */
  branch(path) {
    let entry = this.branches.get(path);
    if (entry) return entry;
    const place = treePlace(path);
    const parent = place.parent ? this.branch(place.parent) : null;
    const item = element("li", {
      className: "branch",
      attributes: { "data-branch": path, "data-depth": String(place.depth), "data-state": "pending" },
    });
    const state = element("span", { className: "branch-state", text: BRANCH_STATE_LABELS.pending });
    const body = element("span", { className: "branch-body" });
    const query = element("span", { className: "branch-query", text: path });
    const goal = element("span", { className: "branch-goal" });
    const detail = element("span", { className: "branch-detail" });
    body.append(element("span", { className: "branch-path", text: path }), " ", query, goal, detail);
    const row = element("div", { className: "branch-row" });
    row.append(state, body);
    item.append(row);
    entry = { path, position: place.position, item, state, query, goal, detail, children: null };

    let list = ui.tree;
    if (parent) {
      parent.children ??= parent.item.appendChild(element("ol", { className: "branch-children" }));
      list = parent.children;
    }
    const next = Array.from(list.children).find(other => this.branches.get(other.dataset.branch)?.position > place.position) ?? null;
    list.insertBefore(item, next);
    this.branches.set(path, entry);
    ui.treeEmpty.hidden = true;
    return entry;
  }

  /** A branch started, completed or failed: its query and goal, its state, and its counts or the gap it leaves. */
  showBranch(data, state, message) {
    const path = typeof data.branch === "string" ? data.branch.trim() : "";
    if (!path) return;
    this.showTree();
    const entry = this.branch(path);
    if (typeof data.query === "string" && data.query.trim()) entry.query.textContent = data.query.trim();
    const goal = typeof data.title === "string" ? data.title.trim() : "";
    if (goal && goal !== entry.query.textContent) entry.goal.textContent = `Goal: ${goal}`;
    entry.item.dataset.state = state;
    entry.state.textContent = BRANCH_STATE_LABELS[state];
    if (state === "done") {
      const counts = [["learnings", "learning"], ["sources", "source"], ["followUps", "follow-up"]]
        .map(([name, noun]) => [Number(data[name]), noun])
        .filter(([count]) => Number.isSafeInteger(count) && count >= 0)
        .map(([count, noun]) => plural(count, noun));
      entry.detail.textContent = counts.join(" · ");
    } else if (state === "failed") {
      entry.detail.textContent = message ? String(message) : "Not researched.";
    }
    this.countBranches();
  }

  /** A limit ended the exploration: the note says which, and planned branches that never started are skipped. */
  showTreeLimit(message, limit) {
    show(ui.treeLimit, message ? String(message) : `Exploration stopped at the ${limit} limit.`);
    for (const entry of this.branches.values()) {
      if (entry.item.dataset.state !== "pending") continue;
      entry.item.dataset.state = "skipped";
      entry.state.textContent = BRANCH_STATE_LABELS.skipped;
    }
  }

  countBranches() {
    const explored = Array.from(this.branches.values())
      .filter(entry => ["running", "done", "failed"].includes(entry.item.dataset.state)).length;
    ui.treeCount.textContent = this.expectedBranches
      ? `(${explored} of at most ${plural(this.expectedBranches, "branch", "branches")})`
      : explored > 0 ? `(${plural(explored, "branch", "branches")})` : "";
  }

  // ---- the end ------------------------------------------------------------------------------

  end(kind, message, category) {
    if (this.ended) return;
    this.ended = true;
    this.live?.stop();
    this.live = null;
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    this.setStatus(kind);
    ui.cancel.hidden = true;
    ui.currentStep.hidden = true;
    if (ui.notice.dataset.kind !== "cancel") this.notice(null);
    if (kind === "completed") {
      this.setPercent(100);
      show(ui.outcome, message ? String(message) : "The research completed.");
      this.loadReport();
    } else if (kind === "failed") {
      const reason = message ? String(message) : "The research failed.";
      show(ui.failure, category ? `The research failed: ${reason} (${category})` : `The research failed: ${reason}`);
      ui.reportPlaceholder.textContent = "A failed research has no report.";
    } else {
      this.notice(null);
      show(ui.outcome, `Cancelled. ${message ? String(message) : "The research was cancelled."}`);
      ui.reportPlaceholder.textContent = "A cancelled research has no report.";
    }
    this.renderConnection();
  }

  endFromStatus(status) {
    this.end(status.status, status.status === "failed" ? status.failure || status.message : status.message);
  }

  async loadReport() {
    ui.reportPlaceholder.textContent = "Loading the report…";
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await api.report(this.id, this.signal);
        if (this.disposed) return;
        if (answer.ready) {
          this.showReport(answer.markdown);
          return;
        }
        await sleep(answer.retryAfter ? answer.retryAfter * 1000 : backoffDelay(attempt), this.signal);
      } catch (error) {
        if (this.disposed || isAbort(error)) return;
        if (error instanceof ApiError && !error.transient) {
          ui.reportPlaceholder.textContent = "No report.";
          show(ui.failure, describeError(error));
          return;
        }
        await sleep(error?.retryAfter ? error.retryAfter * 1000 : backoffDelay(attempt), this.signal);
      }
      if (this.disposed) return;
    }
  }

  showReport(markdown) {
    this.markdown = markdown;
    ui.download.hidden = false;
    if (!reportRenderingAvailable()) {
      ui.reportPlaceholder.textContent = "The report cannot be shown here (the page's libraries did not load): download it as Markdown.";
      return;
    }
    let fragment;
    try {
      fragment = renderReport(markdown);
    } catch (error) {
      ui.reportPlaceholder.textContent = "The report could not be rendered: download it as Markdown.";
      setTimeout(() => { throw error; });
      return;
    }
    ui.report.replaceChildren(fragment);
    ui.reportPlaceholder.hidden = true;
    ui.report.dataset.ready = "true";
  }

  // ---- actions ------------------------------------------------------------------------------

  download() {
    if (this.markdown === null) return;
    const url = URL.createObjectURL(new Blob([this.markdown], { type: "text/markdown;charset=utf-8" }));
    const link = element("a", { attributes: { href: url, download: reportFileName(this.question) } });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  async cancel() {
    if (this.ended || this.cancelling || this.rejected) return;
    this.cancelling = true;
    ui.cancel.disabled = true;
    ui.cancel.textContent = "Cancelling…";
    try {
      await api.cancel(this.id, this.signal);
      if (!this.ended) this.notice("Cancelling: the research stops before its next step.", "cancel");
    } catch (error) {
      if (this.disposed || isAbort(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        this.notice(error.detail, "cancel");
      } else {
        this.notice(`Could not cancel: ${describeError(error)}`, "cancel");
        ui.cancel.disabled = false;
        ui.cancel.textContent = "Cancel";
        this.cancelling = false;
        return;
      }
    }
    // The outcome comes as the research's final event; read the log now in case it is already there.
    this.lastHeard = 0;
    this.requestCatchUp();
  }
}

// ---- the page ---------------------------------------------------------------------------------

let current = null;

function researchIdFromUrl() {
  const id = new URLSearchParams(location.search).get("research");
  return id && id.trim() ? id.trim() : null;
}

function showResearch(id, known) {
  current?.dispose();
  current = new ResearchView(id, known);
  renderRecent();
  current.open();
}

function showForm({ reset = false } = {}) {
  current?.dispose();
  current = null;
  delete document.body.dataset.researchId;
  ui.research.hidden = true;
  ui.ask.hidden = false;
  document.title = "Researcher";
  showConnection("offline", "Not connected");
  if (reset) {
    ui.form.reset();
    showReportTypeFields();
    clearFormErrors();
  }
  renderRecent();
}

/** Shows what the URL names: a research (?research=<id>) or the form. */
function route() {
  const id = researchIdFromUrl();
  if (!id) {
    showForm();
    return;
  }
  if (current?.id !== id) showResearch(id);
}

function navigate(url) {
  history.pushState(null, "", url);
  route();
}

function isPlainClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

function renderRecent() {
  const entries = recentResearches();
  ui.recent.replaceChildren(...entries.map(entry => {
    const link = element("a", { attributes: { href: `?research=${encodeURIComponent(entry.id)}`, "data-research-id": entry.id } });
    if (current?.id === entry.id) link.setAttribute("aria-current", "page");
    link.append(
      element("span", { className: "recent-question", text: entry.question || entry.id }),
      timeElement(entry.startedAt, true),
    );
    const item = element("li");
    item.append(link);
    return item;
  }));
  ui.recentEmpty.hidden = entries.length > 0;
}

// ---- the form ---------------------------------------------------------------------------------

const FIELD_ERRORS = {
  question: { input: ui.question, error: byId("question-error"), label: "Question" },
  reporttype: { input: ui.reportType, error: byId("report-type-error"), label: "Report type" },
  maxsubquestions: { input: ui.maxSubQuestions, error: byId("max-sub-questions-error"), label: "Sub-questions" },
  breadth: { input: ui.breadth, error: byId("breadth-error"), label: "Breadth" },
  depth: { input: ui.depth, error: byId("depth-error"), label: "Depth" },
  instructions: { input: ui.instructions, error: byId("instructions-error"), label: "Instructions" },
  tone: { input: ui.tone, error: byId("tone-error"), label: "Tone" },
  targetwords: { input: ui.targetWords, error: byId("target-words-error"), label: "Length in words" },
  language: { input: ui.language, error: byId("language-error"), label: "Language" },
  maxtokens: { input: ui.maxTokens, error: byId("max-tokens-error"), label: "Token budget" },
};

function fieldOf(name) {
  return FIELD_ERRORS[String(name).toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

function clearFormErrors() {
  show(ui.formError, "");
  for (const field of Object.values(FIELD_ERRORS)) {
    field.input.removeAttribute("aria-invalid");
    show(field.error, "");
  }
}

function showFormError(summary, errors) {
  ui.formError.replaceChildren(element("p", { text: summary }));
  const messages = [];
  for (const [name, value] of Object.entries(errors ?? {})) {
    const text = (Array.isArray(value) ? value : [value]).map(String).join(" ");
    const field = fieldOf(name);
    if (field) {
      field.input.setAttribute("aria-invalid", "true");
      show(field.error, text);
    }
    messages.push(`${field?.label ?? name}: ${text}`);
  }
  if (messages.length > 0 && !messages.every(message => summary.includes(message))) {
    const list = element("ul");
    list.append(...messages.map(message => element("li", { text: message })));
    ui.formError.append(list);
  }
  ui.formError.hidden = false;
}

let submitting = false;

// Fields asked for only with their report type: a custom report's instructions, and a deep research's
// breadth and depth, which replace the count of sub-questions (a deep research takes none).
function showReportTypeFields() {
  const type = ui.reportType.value;
  ui.instructionsField.hidden = type !== "custom_report";
  const deep = type === "deep";
  ui.maxSubQuestionsField.hidden = deep;
  ui.maxSubQuestions.disabled = deep;
  for (const [field, input] of [[ui.breadthField, ui.breadth], [ui.depthField, ui.depth]]) {
    field.hidden = !deep;
    input.disabled = !deep;
  }
}
ui.reportType.addEventListener("change", showReportTypeFields);
showReportTypeFields();

ui.form.addEventListener("submit", async event => {
  event.preventDefault();
  if (submitting) return;
  clearFormErrors();
  const question = ui.question.value.trim();
  if (!question) {
    showFormError("Enter a question.", { question: ["A question is required."] });
    ui.question.focus();
    return;
  }
  const request = { question, reportType: ui.reportType.value };
  const counts = request.reportType === "deep"
    ? [[ui.breadth, "breadth", "Breadth", 8], [ui.depth, "depth", "Depth", 4]]
    : [[ui.maxSubQuestions, "maxSubQuestions", "Sub-questions", 8]];
  for (const [input, name, label, max] of counts) {
    if (input.validity.badInput) {
      showFormError(`${label} must be a whole number from 1 to ${max}.`, { [name]: [`Enter a whole number from 1 to ${max}, or leave it empty.`] });
      input.focus();
      return;
    }
    if (input.value.trim() !== "") request[name] = Number(input.value.trim());
  }
  for (const [input, name, label] of [[ui.targetWords, "targetWords", "Length in words"], [ui.maxTokens, "maxTokens", "Token budget"]]) {
    if (input.validity.badInput) {
      showFormError(`${label} must be a whole number.`, { [name]: ["Enter a whole number, or leave it empty."] });
      input.focus();
      return;
    }
    if (input.value.trim() !== "") request[name] = Number(input.value.trim());
  }
  if (ui.tone.value !== "objective") request.tone = ui.tone.value;
  if (ui.language.value.trim() !== "") request.language = ui.language.value.trim();
  if (request.reportType === "custom_report") request.instructions = ui.instructions.value;

  submitting = true;
  ui.start.disabled = true;
  ui.form.setAttribute("aria-busy", "true");
  try {
    const accepted = await api.start(request);
    rememberResearch({ id: accepted.id, question, startedAt: new Date().toISOString() });
    history.pushState(null, "", `?research=${encodeURIComponent(accepted.id)}`);
    showResearch(accepted.id, { question, reportType: request.reportType });
    ui.title.focus();
  } catch (error) {
    showFormError(describeError(error), error instanceof ApiError ? error.errors : null);
  } finally {
    submitting = false;
    ui.start.disabled = false;
    ui.form.removeAttribute("aria-busy");
  }
});

ui.cancel.addEventListener("click", () => current?.cancel());
ui.download.addEventListener("click", () => current?.download());

for (const link of [ui.newResearch, ui.home]) {
  link.addEventListener("click", event => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    history.pushState(null, "", location.pathname);
    showForm({ reset: true });
    ui.question.focus();
  });
}

ui.recent.addEventListener("click", event => {
  const link = event.target.closest("a[data-research-id]");
  if (!link || !isPlainClick(event)) return;
  event.preventDefault();
  navigate(`?research=${encodeURIComponent(link.dataset.researchId)}`);
  ui.main.focus();
});

window.addEventListener("popstate", route);
onRecentChanged(renderRecent);
route();
