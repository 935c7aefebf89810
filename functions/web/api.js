// The HTTP API of the research service (docs/http-api.md), same origin as the page. Every call
// carries the caller's bearer token when sessionStorage holds one; every error answer is an
// RFC 9457 problem, surfaced as an ApiError whose `detail` is what the user is shown.

const TOKEN_KEY = "researcher.token";

/** The caller's bearer token (sessionStorage["researcher.token"]), or null: then no Authorization header is sent. */
export function bearerToken() {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token && token.trim() ? token.trim() : null;
  } catch {
    return null;
  }
}

/** An answer of the API that is not a success: the problem it carries. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    const title = typeof problem?.title === "string" ? problem.title : "";
    const detail = typeof problem?.detail === "string" ? problem.detail : "";
    super(detail || title || `The server answered ${status}.`);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail || title || `The server answered ${status}.`;
    this.errors = problem && typeof problem.errors === "object" && problem.errors !== null ? problem.errors : null;
    this.retryAfter = retryAfter;
  }

  /** True when the server cannot answer now (storage down, overloaded) and the call is worth repeating. */
  get transient() {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** The request never got an answer (offline, connection refused, aborted). */
export class NetworkError extends Error {
  constructor(cause) {
    super("The server could not be reached.");
    this.name = "NetworkError";
    this.cause = cause;
  }
}

/** True for the rejection of a call whose AbortSignal fired (a view that went away). */
export function isAbort(error) {
  return error?.name === "AbortError" || error?.cause?.name === "AbortError";
}

/** What the user reads for an error of any kind. */
export function describeError(error) {
  if (error instanceof ApiError) {
    if (error.status === 401) return `Sign in required: ${error.detail}`;
    if (error.status === 404) return `Research not found: ${error.detail}`;
    return error.detail;
  }
  if (error instanceof NetworkError) return "The server could not be reached. Check your connection; the page keeps trying.";
  return "Something went wrong in the page. Reload it to try again.";
}

function retryAfterOf(response) {
  const value = response.headers.get("Retry-After");
  const seconds = value === null ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

async function problemOf(response) {
  try {
    const type = response.headers.get("Content-Type") ?? "";
    if (type.includes("json")) return await response.json();
    const text = (await response.text()).trim();
    return text ? { detail: text.slice(0, 500) } : null;
  } catch {
    return null;
  }
}

async function send(method, path, { body, signal, accept = "application/json" } = {}) {
  const headers = new Headers({ Accept: accept });
  const token = bearerToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  let response;
  try {
    response = await fetch(new URL(path, location.origin), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), retryAfterOf(response));
  return response;
}

const researchPath = id => `/api/research/${encodeURIComponent(id)}`;

export const api = {
  /** POST /api/research: 202 { id, status, links }. */
  async start(request, signal) {
    return (await send("POST", "/api/research", { body: request, signal })).json();
  },

  /** GET /api/research/{id}: the status. */
  async status(id, signal) {
    return (await send("GET", researchPath(id), { signal })).json();
  },

  /** GET /api/research/{id}/events?after=N&limit=M: { id, events, lastSequence }. */
  async events(id, after, limit, signal) {
    const query = new URLSearchParams({ after: String(after) });
    if (limit) query.set("limit", String(limit));
    const page = await (await send("GET", `${researchPath(id)}/events?${query}`, { signal })).json();
    return { events: Array.isArray(page?.events) ? page.events : [], lastSequence: page?.lastSequence ?? 0 };
  },

  /** GET /api/research/{id}/report: { ready: true, markdown } once completed, { ready: false, retryAfter } while it runs. */
  async report(id, signal) {
    const response = await send("GET", `${researchPath(id)}/report`, { signal, accept: "text/markdown, application/json" });
    if (response.status === 202) {
      await response.body?.cancel();
      return { ready: false, retryAfter: retryAfterOf(response) };
    }
    return { ready: true, markdown: await response.text() };
  },

  /** POST /api/research/{id}/cancel: 202. */
  async cancel(id, signal) {
    const response = await send("POST", `${researchPath(id)}/cancel`, { signal });
    await response.body?.cancel();
  },

  /** POST /api/research/{id}/subscribe { connectionId }: the SignalR connection joins the research's group. */
  async subscribe(id, connectionId, signal) {
    const response = await send("POST", `${researchPath(id)}/subscribe`, { body: { connectionId }, signal });
    await response.body?.cancel();
  },
};
