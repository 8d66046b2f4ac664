// A/B of two builds of this server: both run at once and take the calls in turn (old, new, new, old, …), one call at
// a time, so that the drift of a shared machine, which moved single runs by ±20 %, hits both alike. Per build: calls/s
// over the time its own calls took, and server CPU per call. get_workspace against each build's own sandbox.
//   node bench/ab.mjs OLD_DIR NEW_DIR [rounds] [http|stdio]   (each DIR holds target/quarkus-app/quarkus-run.jar)
//   AB_WARMUP=N sets the warm-up calls of both transports.
// Same JVM options for both: stdio as the launcher runs it (Serial GC, C1), HTTP as a service (defaults). Each round
// starts fresh processes; the table gives the mean of the rounds and each round's change. The HTTP warm-up is long
// because C2 was still compiling after 10,000 calls (a fifth of the CPU), longer for the build with more code: with
// -XX:+PrintCompilation the tool's own hot path reached C2 only after about 30,000 calls. The CPU of the JIT compiler
// threads is also shown apart, so that warm-up left over does not pass for steady-state cost.
import path from "node:path";
import { spawn } from "node:child_process";
import { freePort, HttpSession, StdioPeer, waitForHttp, cpuMs, jitMs, pct, INIT, INITIALIZED } from "./run.mjs";

const [oldDir, newDir, roundsArg, only] = process.argv.slice(2);
if (!oldDir || !newDir) throw new Error("usage: node bench/ab.mjs OLD_DIR NEW_DIR [rounds] [http|stdio]");
const rounds = Number(roundsArg ?? 3);
const kinds = [["http", httpServer], ["stdio", stdioServer]].filter(([kind]) => !only || kind === only);
const WARMUP = { stdio: Number(process.env.AB_WARMUP ?? 2000), http: Number(process.env.AB_WARMUP ?? 60000) };
const CALLS = { stdio: 3000, http: 5000 };
const LOG = ["-Xlog:disable", "-Xlog:all=warning:stderr"];
const CALL = { name: "get_workspace", arguments: { workspace: "stone" } };
const jar = (dir) => path.join(path.resolve(dir), "target/quarkus-app/quarkus-run.jar");

async function stdioServer(dir) {
  const peer = new StdioPeer("java", [...LOG, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar(dir)],
    { KS_MCP_SANDBOX: "true" });
  await peer.request("initialize", INIT(0).params);
  peer.notify(INITIALIZED);
  return { pid: peer.proc.pid, call: () => peer.request("tools/call", CALL), close: () => peer.close() };
}

async function httpServer(dir) {
  const port = await freePort();
  const proc = spawn("java", [...LOG, "-jar", jar(dir)], {
    env: { ...process.env, KS_MCP_SANDBOX: "true", KS_MCP_TRANSPORT: "http", QUARKUS_HTTP_PORT: String(port) },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const url = `http://127.0.0.1:${port}/mcp`;
  await waitForHttp(url);
  const session = new HttpSession(url);
  await session.open();
  return { pid: proc.pid, call: () => session.call(CALL), close: () => proc.kill("SIGTERM") };
}

/** One round: both builds up, warmed alike, then CALLS[kind] calls each, taken in turn. */
async function round(kind, start) {
  const servers = { old: await start(oldDir), new: await start(newDir) };
  const order = (i) => (i % 2 === 0 ? ["old", "new"] : ["new", "old"]);
  try {
    for (let i = 0; i < WARMUP[kind]; i++) for (const k of order(i)) await servers[k].call();
    const lat = { old: [], new: [] };
    const errors = { old: 0, new: 0 };
    const cpu0 = { old: cpuMs(servers.old.pid), new: cpuMs(servers.new.pid) };
    const jit0 = { old: jitMs(servers.old.pid), new: jitMs(servers.new.pid) };
    for (let i = 0; i < CALLS[kind]; i++) {
      for (const k of order(i)) {
        const t = process.hrtime.bigint();
        const r = await servers[k].call();
        lat[k].push(Number(process.hrtime.bigint() - t) / 1e6);
        if (r.error || r.result?.isError) errors[k]++;
      }
    }
    const result = {};
    for (const k of ["old", "new"]) {
      const busy = lat[k].reduce((a, b) => a + b, 0);
      result[k] = { perSec: (CALLS[kind] / busy) * 1000, p50: pct(lat[k], 50),
        cpuPerCall: (cpuMs(servers[k].pid) - cpu0[k]) / CALLS[kind],
        jitPerCall: (jitMs(servers[k].pid) - jit0[k]) / CALLS[kind], errors: errors[k],
        // Everything the JVM spent from its start: start-up, warm-up (JIT included) and the measured calls.
        totalCpuS: cpuMs(servers[k].pid) / 1000 };
    }
    return result;
  } finally {
    servers.old.close();
    servers.new.close();
  }
}

const runs = { http: [], stdio: [] };
for (let r = 0; r < rounds; r++) {
  for (const [kind, start] of kinds) {
    const result = await round(kind, start);
    runs[kind].push(result);
    console.error(`# round ${r + 1} ${kind}: ${JSON.stringify(result)}`);
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const change = (o, n) => `${((n / o - 1) * 100).toFixed(1)} %`;
const row = (label, kind, f, digits) => {
  if (runs[kind].length === 0) return `| ${label} | | | not run | |`;
  const o = mean(runs[kind].map((r) => f(r.old))), n = mean(runs[kind].map((r) => f(r.new)));
  const each = runs[kind].map((r) => change(f(r.old), f(r.new))).join(", ");
  return `| ${label} | ${o.toFixed(digits)} | ${n.toFixed(digits)} | ${change(o, n)} | ${each} |`;
};
const errors = (k) => ["http", "stdio"].reduce((a, kind) => a + runs[kind].reduce((s, r) => s + r[k].errors, 0), 0);
console.log([
  `| measure (calls taken in turn, mean of ${rounds} rounds) | old | new | change | each round |`,
  "|---|---|---|---|---|",
  row(`HTTP sequential calls/s (${CALLS.http} each)`, "http", (r) => r.perSec, 0),
  row("HTTP server CPU per call, ms", "http", (r) => r.cpuPerCall, 3),
  row("HTTP server CPU per call without JIT compiler threads, ms", "http", (r) => r.cpuPerCall - r.jitPerCall, 3),
  row("HTTP p50, ms", "http", (r) => r.p50, 2),
  row("HTTP server CPU from start to the last call (start-up, warm-up, measured calls), s", "http", (r) => r.totalCpuS, 1),
  row(`stdio sequential calls/s (${CALLS.stdio} each)`, "stdio", (r) => r.perSec, 0),
  row("stdio server CPU per call, ms", "stdio", (r) => r.cpuPerCall, 3),
  row("stdio server CPU per call without JIT compiler threads, ms", "stdio", (r) => r.cpuPerCall - r.jitPerCall, 3),
  row("stdio server CPU from start to the last call (start-up, warm-up, measured calls), s", "stdio", (r) => r.totalCpuS, 1),
  `| errors | ${errors("old")} | ${errors("new")} | | |`,
].join("\n"));
