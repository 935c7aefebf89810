// Checks a running Researcher host with the official SignalR JS client, as any client would use it:
// negotiate through POST /api/negotiate (the serverless redirect), subscribe to a new research,
// and receive its `progress` events up to the final one, in sequence order, each once, equal to
// the event log. Usage: node eng/live-progress-check.mjs [base URL, default http://127.0.0.1:7071] [question]
// Prints one line per event and a summary; exits 1 on any mismatch, 2 when the host cannot be reached.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const signalR = require("@microsoft/signalr");

const base = (process.argv[2] ?? "http://127.0.0.1:7071").replace(/\/$/, "");
const question = process.argv[3] ?? "How does a research survive a crash of the host?";
const finalTypes = new Set(["researchCompleted", "researchFailed", "researchCancelled"]);
const fail = (message, code = 1) => { console.error(`FAIL: ${message}`); process.exit(code); };
const timeout = setTimeout(() => fail("no final event within 120 s"), 120_000);

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) fail(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

const received = [];
let finished;
const finalEvent = new Promise(resolve => { finished = resolve; });
const connection = new signalR.HubConnectionBuilder()
  .withUrl(base + "/api")
  .configureLogging(signalR.LogLevel.Warning)
  .build();
connection.on("progress", event => {
  received.push(event);
  console.log(`${String(event.sequence).padStart(3)} ${event.percent.toString().padStart(3)}% ${event.type}: ${event.message}`);
  if (finalTypes.has(event.type)) finished(event);
});

try {
  await connection.start();
} catch (error) {
  fail(`could not connect through ${base}/api/negotiate: ${error.message}`, 2);
}
const transport = connection.connection.transport?.constructor?.name ?? "unknown";
console.log(`connected (${transport}), connection ${connection.connectionId}`);

// Subscribe before the research can record anything it would miss: start, subscribe, then read the log.
const started = await api("POST", "/api/research", { question });
await api("POST", `/api/research/${started.id}/subscribe`, { connectionId: connection.connectionId });
console.log(`research ${started.id} subscribed`);
await finalEvent;
await connection.stop();
clearTimeout(timeout);

const log = (await api("GET", `/api/research/${started.id}/events`)).events;
// Events recorded before the subscription took effect are in the log only: live events are its tail.
const sequences = received.map(e => e.sequence);
const first = sequences[0];
const expected = log.filter(e => e.sequence >= first).map(e => e.sequence);
if (JSON.stringify(sequences) !== JSON.stringify(expected))
  fail(`live sequence ${sequences.join(",")} differs from the log's ${expected.join(",")}`);
for (const event of received) {
  const stored = log.find(e => e.sequence === event.sequence);
  if (!event.truncated && JSON.stringify(event) !== JSON.stringify(stored))
    fail(`event ${event.sequence} differs from the log: ${JSON.stringify(event)} vs ${JSON.stringify(stored)}`);
}
if (!finalTypes.has(received.at(-1).type)) fail("the last live event is not final");
console.log(`OK: ${received.length} live events (${first}..${sequences.at(-1)} of ${log.length} in the log), in order, each once, equal to the log; ended with ${received.at(-1).type}`);
