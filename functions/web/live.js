// Live progress of one research over SignalR. The connection negotiates through POST /api/negotiate
// (the serverless redirect), and every time it (re)connects — a new connection id each time — it
// subscribes to the research and then asks the page to read the log after the last event it holds:
// subscribe first, read second, so no event can fall between the two. It reconnects forever with
// exponential backoff and jitter, whether the connection dropped, never started or closed.

import { api, ApiError, bearerToken, isAbort } from "./api.js";
import { backoffDelay } from "./sequencer.js";

/** SignalR's own log, as warnings: every problem it reports is one this channel recovers from. */
function signalRLogger(signalR) {
  return {
    log(level, message) {
      if (level >= signalR.LogLevel.Warning && level !== signalR.LogLevel.None) console.warn(`[live] ${message}`);
    },
  };
}

const sleep = (ms, signal) => new Promise(resolve => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
});

export class LiveChannel {
  /**
   * @param {object} options
   * @param {string} options.researchId
   * @param {(event: object) => void} options.onEvent each `progress` message (the event, maybe truncated)
   * @param {(phase: "connecting"|"live"|"reconnecting") => void} options.onPhase
   * @param {() => void} options.onSubscribed after each successful subscribe: read the log now
   * @param {(error: ApiError) => void} options.onRejected subscribe refused for good (404 unknown or not yours, 401)
   */
  constructor({ researchId, onEvent, onPhase, onSubscribed, onRejected }) {
    this.researchId = researchId;
    this.onEvent = onEvent;
    this.onPhase = onPhase;
    this.onSubscribed = onSubscribed;
    this.onRejected = onRejected;
    this.stopped = false;
    this.connection = null;
    this.restartTimer = null;
    this.restarts = 0;
    this.connectedOnce = false;
    this.restartNow = false;
    this.abort = new AbortController();
    this.wake = () => this.#wake();
  }

  /** True when the SignalR library is loaded (lib/signalr.min.js). */
  static get available() {
    return typeof globalThis.signalR?.HubConnectionBuilder === "function";
  }

  start() {
    if (this.connection || this.stopped) return;
    const signalR = globalThis.signalR;
    const options = {};
    // negotiate carries the caller's identity; the hub token it answers is used for the hub itself.
    if (bearerToken()) options.accessTokenFactory = () => bearerToken() ?? "";
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(`${location.origin}/api`, options)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => backoffDelay(context.previousRetryCount) })
      .configureLogging(signalRLogger(signalR))
      .build();
    // Registered before start, so nothing sent right after the subscription is missed.
    this.connection.on("progress", event => {
      if (!this.stopped) this.onEvent(event);
    });
    this.connection.onreconnecting(() => this.#phase("reconnecting"));
    this.connection.onreconnected(() => this.#subscribe());
    this.connection.onclose(() => this.#closed());
    window.addEventListener("online", this.wake);
    this.#connect();
  }

  /** Ends the channel for good (the research ended, or the page shows another). */
  stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    clearTimeout(this.restartTimer);
    window.removeEventListener("online", this.wake);
    this.connection?.stop().catch(() => {});
  }

  #phase(phase) {
    if (!this.stopped) this.onPhase(phase);
  }

  async #connect() {
    const signalR = globalThis.signalR;
    if (this.stopped || this.connection.state !== signalR.HubConnectionState.Disconnected) return;
    this.#phase(this.connectedOnce ? "reconnecting" : "connecting");
    try {
      await this.connection.start();
    } catch {
      // A failed start does not raise onclose: schedule the next attempt here.
      if (!this.stopped) this.#scheduleRestart();
      return;
    }
    if (this.stopped) {
      this.connection.stop().catch(() => {});
      return;
    }
    this.connectedOnce = true;
    this.restarts = 0;
    await this.#subscribe();
  }

  #closed() {
    if (this.stopped) return;
    if (this.restartNow) {
      this.restartNow = false;
      this.#connect();
    } else {
      this.#scheduleRestart();
    }
  }

  #scheduleRestart() {
    clearTimeout(this.restartTimer);
    this.#phase("reconnecting");
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.#connect();
    }, backoffDelay(this.restarts++));
  }

  /** The browser is back online: try now rather than at the end of the current backoff. */
  #wake() {
    if (this.stopped) return;
    const states = globalThis.signalR.HubConnectionState;
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = null;
      this.restarts = 0;
      this.#connect();
    } else if (this.connection.state === states.Reconnecting) {
      // Stopping ends the automatic reconnect loop; onclose then starts afresh at once.
      this.restartNow = true;
      this.connection.stop().catch(() => {});
    }
  }

  /** Joins the research's group with the current connection id, then lets the page read the log. */
  async #subscribe() {
    const signalR = globalThis.signalR;
    const connectionId = this.connection.connectionId;
    for (let attempt = 0; ; attempt++) {
      if (this.stopped || this.connection.state !== signalR.HubConnectionState.Connected
          || this.connection.connectionId !== connectionId) return;
      try {
        await api.subscribe(this.researchId, connectionId, this.abort.signal);
        break;
      } catch (error) {
        if (this.stopped || isAbort(error)) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) {
          this.stop();
          this.onRejected(error);
          return;
        }
        // Anything else (network, 503, a connection the server did not know yet): try again while this connection lasts.
        await sleep(backoffDelay(attempt, 500), this.abort.signal);
      }
    }
    if (this.stopped || this.connection.connectionId !== connectionId) return;
    this.#phase("live");
    this.onSubscribed();
  }
}
