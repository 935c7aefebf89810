// Exactly once, in order: the events of a research are numbered 1, 2, 3… without gaps, whether they
// come live (SignalR) or from the log (GET …/events). The sequencer applies each number once, in
// order, whatever order and however many times the network delivers them.

/** The final event types: nothing follows them. */
export const FINAL_TYPES = new Set(["researchCompleted", "researchFailed", "researchCancelled"]);

export class EventSequencer {
  /** @param {(event: object) => void} apply called once per sequence number, in order */
  constructor(apply) {
    this.apply = apply;
    this.lastApplied = 0;
    this.pending = new Map();
  }

  /**
   * Offers one event. Returns "applied" (it, and any buffered successors, were applied), "duplicate"
   * (already applied or already buffered: dropped), "gap" (a predecessor is missing: buffered; the
   * caller reads the log to fill the gap) or "invalid" (no usable sequence number).
   */
  offer(event) {
    const sequence = event?.sequence;
    if (!Number.isSafeInteger(sequence) || sequence < 1) return "invalid";
    if (sequence <= this.lastApplied || this.pending.has(sequence)) return "duplicate";
    if (sequence !== this.lastApplied + 1) {
      this.pending.set(sequence, event);
      return "gap";
    }
    this.#applyOne(event);
    while (this.pending.has(this.lastApplied + 1)) {
      const next = this.pending.get(this.lastApplied + 1);
      this.pending.delete(this.lastApplied + 1);
      this.#applyOne(next);
    }
    return "applied";
  }

  /** True while buffered events wait for a missing predecessor. */
  get hasGap() {
    return this.pending.size > 0;
  }

  #applyOne(event) {
    this.lastApplied = event.sequence;
    try {
      this.apply(event);
    } catch (error) {
      // A bug in showing one event must not stop the others from being shown.
      setTimeout(() => { throw error; });
    }
  }
}

/**
 * Runs an async task so that it never overlaps itself: a request while it runs is remembered and
 * runs once more right after (any number of requests meanwhile make one more run, not many).
 */
export class SerialTask {
  constructor(task) {
    this.task = task;
    this.again = false;
    this.running = null;
  }

  /** Runs the task now, or once more after the current run; resolves when no run is pending. */
  request() {
    this.again = true;
    if (!this.running) {
      this.running = (async () => {
        try {
          while (this.again) {
            this.again = false;
            await this.task();
          }
        } finally {
          this.running = null;
        }
      })();
    }
    return this.running;
  }
}

/** Exponential backoff with jitter: about base·2^attempt, capped, drawn from its upper half. */
export function backoffDelay(attempt, base = 1000, cap = 30000) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(attempt, 0), 20));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
