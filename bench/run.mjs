// Benchmark: this server (JVM, sandbox) side by side with kubernetes-mcp-server (Go, from npm) in the same run, over
// raw JSON-RPC so that no client SDK cost hides in the numbers. Writes bench/results.md and the README table.
// Start-up is measured three ways: plain `java -jar`, and bin/kubesphere-mcp (the launcher MCP clients should spawn)
// with the class archive bin/aot-train makes, on the default Java and on Java 25 when it is installed.
//   node bench/run.mjs [--quick]          (BENCH_JAVA25=/path/to/java25 to pick the Java 25)
// --quick is the smoke run CI makes: a few calls of each kind on both servers, no file written, exit 1 on a failed call.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const quick = process.argv.includes("--quick");
const SPAWNS = quick ? 3 : 10;
const SEQUENTIAL = quick ? 200 : 1000;
const PER_SESSION = quick ? 10 : 40;
// Both servers get the same warm-up. stdio: 1000 calls, about an IDE session. HTTP: a long-running service, so enough
// for the JVM's compilers to be done (its steady state): here C2 was still compiling hundreds of methods per 2000 calls
// after 5000, and server CPU per call settled (~2 → ~1 ms) only after about 20000.
const WARMUP = quick ? 20 : 1000;
const HTTP_WARMUP = quick ? 20 : 20000;
const JAR = path.join(root, "target/quarkus-app/quarkus-run.jar");
const PEER = path.join(here, "node_modules/kubernetes-mcp-server-linux-amd64/bin/kubernetes-mcp-server-linux-amd64");
const KUBECONFIG = path.join(os.tmpdir(), "bench-dummy-kubeconfig");
writeFileSync(KUBECONFIG, `apiVersion: v1
kind: Config
clusters: [{name: dummy, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
contexts: [{name: dummy, context: {cluster: dummy, user: dummy}}]
current-context: dummy
users: [{name: dummy, user: {token: dummy}}]
`);
const javaOpts = (process.env.BENCH_JAVA_OPTS ?? "").split(" ").filter(Boolean);
const LAUNCHER = path.join(root, "bin/kubesphere-mcp");
const JAVA25 = process.env.BENCH_JAVA25 ?? "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
const hasJava25 = existsSync(JAVA25);

const servers = {
  ours: {
    label: "kubesphere-mcp-server (JVM)",
    // What an IDE spawns: the launcher with its class archive on the default Java.
    stdio: () => [LAUNCHER, [], { KS_MCP_SANDBOX: "true" }],
    plain: () => ["java", [...javaOpts, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", JAR], { KS_MCP_SANDBOX: "true" }],
    java25: () => [LAUNCHER, [], { KS_MCP_SANDBOX: "true", JAVA: JAVA25 }],
    http: (port) => ["java", [...javaOpts, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", JAR],
      { KS_MCP_SANDBOX: "true", KS_MCP_TRANSPORT: "http", QUARKUS_HTTP_PORT: String(port) }],
    call: { name: "get_workspace", arguments: { workspace: "stone" } },
  },
  peer: {
    label: "kubernetes-mcp-server 0.0.67 (Go)",
    stdio: () => [PEER, ["--kubeconfig", KUBECONFIG], {}],
    http: (port) => [PEER, ["--kubeconfig", KUBECONFIG, "--port", String(port), "--bind-address", "127.0.0.1"], {}],
    call: { name: "configuration_view", arguments: { minified: true } },
  },
};

const INIT = (id) => ({ jsonrpc: "2.0", id, method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } } });
const INITIALIZED = { jsonrpc: "2.0", method: "notifications/initialized" };

function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const median = (v) => pct(v, 50);
/** User + system CPU ms from a /proc stat line (fields counted after the parenthesised command name). */
function statMs(stat) {
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
/** CPU time (user + system) a process has used so far, in ms (Linux clock ticks are 10 ms). */
function cpuMs(pid) {
  return statMs(readFileSync(`/proc/${pid}/stat`, "utf8"));
}
/** CPU ms of the JVM's JIT compiler threads (C1/C2; a thread that ended takes its time with it). */
function jitMs(pid) {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, "utf8");
      if (/^C\d CompilerThre/.test(stat.slice(stat.indexOf("(") + 1))) total += statMs(stat);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return total;
}
const ms = (ns) => Number(ns) / 1e6;

/** A JSON-RPC peer over a child's stdio (newline-delimited). */
class StdioPeer {
  constructor(cmd, args, env) {
    this.proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    this.pending = new Map();
    this.buffer = "";
    this.stderr = "";
    this.proc.stderr.on("data", (d) => { this.stderr += d; });
    this.proc.stdout.on("data", (d) => {
      this.buffer += d;
      let i;
      while ((i = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, i); this.buffer = this.buffer.slice(i + 1);
        if (!line.trim()) continue;
        const msg = JSON.parse(line);
        const waiter = msg.id !== undefined && this.pending.get(msg.id);
        if (waiter) { this.pending.delete(msg.id); waiter(msg); }
      }
    });
    this.nextId = 1;
  }
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.proc.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    });
  }
  notify(msg) { this.proc.stdin.write(JSON.stringify(msg) + "\n"); }
  rssMiB() {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  }
  close() { this.proc.stdin.end(); this.proc.kill("SIGTERM"); }
}

async function startup(server, how = server.stdio) {
  const init = [], list = [];
  let rss = 0, tools = null;
  for (let i = 0; i < SPAWNS; i++) {
    const [cmd, args, env] = how();
    const t0 = process.hrtime.bigint();
    const peer = new StdioPeer(cmd, args, env);
    const { params } = INIT(0);
    await peer.request("initialize", params);
    init.push(ms(process.hrtime.bigint() - t0));
    peer.notify(INITIALIZED);
    const listed = await peer.request("tools/list", {});
    list.push(ms(process.hrtime.bigint() - t0));
    if (i === SPAWNS - 1) {
      tools = listed.result.tools;
      await new Promise((r) => setTimeout(r, 2000));
      rss = peer.rssMiB();
    }
    peer.close();
    await new Promise((r) => peer.proc.once("exit", r));
  }
  return { initMs: median(init), listMs: median(list), rss, tools };
}

/** Trains the launcher's class archive for one Java (bin/aot-train), as a user does once per build. */
function train(java) {
  const r = spawnSync(path.join(root, "bin/aot-train"), [], { env: { ...process.env, JAVA: java }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bin/aot-train failed for ${java}: ${r.stderr}`);
}

function toolStats(tools) {
  const full = JSON.stringify(tools).length;
  // What a model sees of a tool: name, description, input schema.
  const model = JSON.stringify(tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }))).length;
  return { count: tools.length, fullBytes: full, modelBytes: model, modelTokensPerTool: model / 4 / tools.length };
}

async function stdioCalls(server) {
  const [cmd, args, env] = server.stdio();
  const peer = new StdioPeer(cmd, args, env);
  await peer.request("initialize", INIT(0).params);
  peer.notify(INITIALIZED);
  for (let i = 0; i < WARMUP; i++) await peer.request("tools/call", server.call);
  const lat = [];
  let errors = 0;
  const c0 = cpuMs(peer.proc.pid);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const s = process.hrtime.bigint();
    const r = await peer.request("tools/call", server.call);
    lat.push(ms(process.hrtime.bigint() - s));
    if (r.error || r.result?.isError) errors++;
  }
  const total = ms(process.hrtime.bigint() - t0);
  const cpuPerCall = (cpuMs(peer.proc.pid) - c0) / SEQUENTIAL;
  // The MCP layer alone: ping has no handler work on either server.
  const pings = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const s = process.hrtime.bigint();
    await peer.request("ping", {});
    pings.push(ms(process.hrtime.bigint() - s));
  }
  const sandbox = /simulator with demo data at (http:\/\/[0-9.:]+)/.exec(peer.stderr)?.[1];
  peer.close();
  return { perSec: (SEQUENTIAL / total) * 1000, p50: pct(lat, 50), p99: pct(lat, 99), errors, sandbox,
    pingP50: pct(pings, 50), cpuPerCall };
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** One streamable-HTTP session, raw: JSON or SSE answers both parsed. */
class HttpSession {
  constructor(url) { this.url = url; this.id = null; this.seq = 1; }
  async post(body) {
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18" };
    if (this.id) headers["mcp-session-id"] = this.id;
    const res = await fetch(this.url, { method: "POST", headers, body: JSON.stringify(body) });
    if (!this.id) this.id = res.headers.get("mcp-session-id");
    const text = await res.text();
    if (res.status >= 400) return { error: { code: res.status } };
    if (!text) return {};
    if (text.trimStart().startsWith("{")) return JSON.parse(text);
    const data = text.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim());
    return data.length ? JSON.parse(data[data.length - 1]) : {};
  }
  async open() {
    await this.post(INIT(0));
    await this.post(INITIALIZED);
  }
  call(params) { return this.post({ jsonrpc: "2.0", id: this.seq++, method: "tools/call", params }); }
}

async function waitForHttp(url) {
  // Up to 2 min: a JVM's start on a loaded shared machine took 26 s.
  for (let i = 0; i < 1200; i++) {
    try { await fetch(url, { method: "POST", body: "{}" }); return; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`no server at ${url}`);
}

async function httpRuns(server) {
  const port = await freePort();
  const [cmd, args, env] = server.http(port);
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "ignore"] });
  const url = `http://127.0.0.1:${port}/mcp`;
  try {
    await waitForHttp(url);
    const session = new HttpSession(url);
    await session.open();
    for (let i = 0; i < HTTP_WARMUP; i++) await session.call(server.call);
    const lat = [];
    let errors = 0;
    const c0 = cpuMs(proc.pid);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < SEQUENTIAL; i++) {
      const s = process.hrtime.bigint();
      const r = await session.call(server.call);
      lat.push(ms(process.hrtime.bigint() - s));
      if (r.error || r.result?.isError) errors++;
    }
    const total = ms(process.hrtime.bigint() - t0);
    const sequential = { perSec: (SEQUENTIAL / total) * 1000, p50: pct(lat, 50), p99: pct(lat, 99), errors,
      cpuPerCall: (cpuMs(proc.pid) - c0) / SEQUENTIAL };
    const concurrent = {};
    for (const n of [16, 64]) {
      const sessions = Array.from({ length: n }, () => new HttpSession(url));
      await Promise.all(sessions.map((s) => s.open().catch(() => {})));
      const clat = [];
      let cerrors = 0;
      const c0 = process.hrtime.bigint();
      await Promise.all(sessions.map(async (s) => {
        for (let i = 0; i < PER_SESSION; i++) {
          const st = process.hrtime.bigint();
          try {
            const r = await s.call(server.call);
            if (r.error || r.result?.isError) cerrors++;
          } catch { cerrors++; }
          clat.push(ms(process.hrtime.bigint() - st));
        }
      }));
      const ctotal = ms(process.hrtime.bigint() - c0);
      concurrent[n] = { perSec: ((n * PER_SESSION) / ctotal) * 1000, p99: pct(clat, 99), errors: cerrors };
    }
    return { sequential, concurrent };
  } finally {
    proc.kill("SIGTERM");
  }
}

/**
 * The KubeSphere request behind get_workspace, sent directly to the sandbox simulator: with fetch (undici, what the
 * earlier tables used) and with node:http on a keep-alive agent, the leaner client and so the stricter baseline.
 */
async function directKubeSphere(base) {
  const form = "grant_type=password&username=admin&password=P%4088w0rd&client_id=kubesphere&client_secret=kubesphere";
  const token = (await (await fetch(`${base}/oauth/token`, { method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" }, body: form })).json()).access_token;
  const url = `${base}/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/stone`;
  const headers = { authorization: `Bearer ${token}` };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const viaHttp = () => new Promise((resolve, reject) => {
    http.get(url, { agent, headers }, (res) => { res.resume(); res.on("end", resolve); }).on("error", reject);
  });
  const viaFetch = async () => { await (await fetch(url, { headers })).text(); };
  const measure = async (send) => {
    const lat = [];
    for (let i = 0; i < WARMUP + SEQUENTIAL; i++) {
      const s = process.hrtime.bigint();
      await send();
      if (i >= WARMUP) lat.push(ms(process.hrtime.bigint() - s));
    }
    return { p50: pct(lat, 50), p99: pct(lat, 99) };
  };
  const fetched = await measure(viaFetch);
  const plain = await measure(viaHttp);
  agent.destroy();
  return { fetch: fetched, http: plain };
}

function fmt(n, digits = 1) { return Number(n).toFixed(digits); }

async function main() {
  if (!existsSync(JAR)) throw new Error("build the jar first: ./mvnw package -DskipTests");
  if (!existsSync(PEER)) throw new Error("install the peer first: (cd bench && npm ci)");
  const r = {};
  console.error("# training the launcher's class archive (bin/aot-train)");
  train("java");
  if (hasJava25) train(JAVA25);
  console.error("# start-up: plain java -jar, launcher on Java 25");
  const plain = await startup(servers.ours, servers.ours.plain);
  const java25 = hasJava25 ? await startup(servers.ours, servers.ours.java25) : null;
  for (const key of ["ours", "peer"]) {
    const s = servers[key];
    console.error(`# ${s.label}: start-up`);
    const start = await startup(s);
    console.error(`# ${s.label}: stdio calls`);
    const stdio = await stdioCalls(s);
    console.error(`# ${s.label}: http calls`);
    const http = await httpRuns(s);
    r[key] = { start, tools: toolStats(start.tools), stdio, http };
  }
  // The stdio run above kept the sandbox URL of our server only while it ran; start one more to measure direct calls.
  console.error("# direct KubeSphere (simulator) requests");
  const [cmd, args, env] = servers.ours.plain();
  const holder = new StdioPeer(cmd, args, env);
  await holder.request("initialize", INIT(0).params);
  const base = /simulator with demo data at (http:\/\/[0-9.:]+)/.exec(holder.stderr)?.[1];
  const direct = await directKubeSphere(base);
  holder.close();

  const o = r.ours, p = r.peer;
  const ratio = (a, b) => fmt(a / b, 2) + "×";
  const spawnRow = (label, start) => [label, `${fmt(start.initMs, 0)} / ${fmt(start.listMs, 0)} ms`,
    `${fmt(p.start.initMs, 0)} / ${fmt(p.start.listMs, 0)} ms`, ratio(start.listMs, p.start.listMs)];
  const rows = [
    spawnRow(`spawn → \`initialize\` / \`tools/list\` answered (median of ${SPAWNS}), \`bin/kubesphere-mcp\` with its archive (${javaMajor("java")})`, o.start),
    ...(java25 ? [spawnRow(`… the same on ${javaMajor(JAVA25)} (AOT cache)`, java25)] : []),
    spawnRow("… plain `java -jar`, no archive, default JVM options (" + javaMajor("java") + ")", plain),
    ["idle RSS after `tools/list` (launcher)", fmt(o.start.rss, 0) + " MiB", fmt(p.start.rss, 0) + " MiB", ratio(o.start.rss, p.start.rss)],
    ["tools", String(o.tools.count), String(p.tools.count), ""],
    ["`tools/list` bytes (full, with output schemas)", String(o.tools.fullBytes), String(p.tools.fullBytes), ""],
    ["model view (name, description, input schema): tokens per tool ≈ bytes/4", fmt(o.tools.modelTokensPerTool, 0), fmt(p.tools.modelTokensPerTool, 0), ""],
    [`ping over stdio (the MCP layer alone), p50`, `${fmt(o.stdio.pingP50, 2)} ms`, `${fmt(p.stdio.pingP50, 2)} ms`, ratio(o.stdio.pingP50, p.stdio.pingP50)],
    [`${SEQUENTIAL} sequential calls over stdio (launcher): calls/s`, fmt(o.stdio.perSec, 0), fmt(p.stdio.perSec, 0), ratio(o.stdio.perSec, p.stdio.perSec)],
    ["… p50 / p99", `${fmt(o.stdio.p50, 2)} / ${fmt(o.stdio.p99, 2)} ms`, `${fmt(p.stdio.p50, 2)} / ${fmt(p.stdio.p99, 2)} ms`, ""],
    ["… server CPU per call (ours includes the in-process simulator)", `${fmt(o.stdio.cpuPerCall, 2)} ms`, `${fmt(p.stdio.cpuPerCall, 2)} ms`, ratio(o.stdio.cpuPerCall, p.stdio.cpuPerCall)],
    [`${SEQUENTIAL} sequential calls over HTTP: calls/s`, fmt(o.http.sequential.perSec, 0), fmt(p.http.sequential.perSec, 0), ratio(o.http.sequential.perSec, p.http.sequential.perSec)],
    ["… p50 / p99", `${fmt(o.http.sequential.p50, 2)} / ${fmt(o.http.sequential.p99, 2)} ms`, `${fmt(p.http.sequential.p50, 2)} / ${fmt(p.http.sequential.p99, 2)} ms`, ""],
    ["… server CPU per call (ours includes the in-process simulator)", `${fmt(o.http.sequential.cpuPerCall, 2)} ms`, `${fmt(p.http.sequential.cpuPerCall, 2)} ms`, ratio(o.http.sequential.cpuPerCall, p.http.sequential.cpuPerCall)],
    ...[16, 64].map((n) => [`${n} concurrent HTTP sessions × ${PER_SESSION} calls: calls/s, p99, errors`,
      `${fmt(o.http.concurrent[n].perSec, 0)}, ${fmt(o.http.concurrent[n].p99, 1)} ms, ${o.http.concurrent[n].errors}`,
      `${fmt(p.http.concurrent[n].perSec, 0)}, ${fmt(p.http.concurrent[n].p99, 1)} ms, ${p.http.concurrent[n].errors}`,
      ratio(o.http.concurrent[n].perSec, p.http.concurrent[n].perSec)]),
    ["errors in the sequential runs (stdio + HTTP)", String(o.stdio.errors + o.http.sequential.errors), String(p.stdio.errors + p.http.sequential.errors), ""],
    ["MCP overhead p50 = stdio tool call − the same KubeSphere request made directly with fetch", `${fmt(o.stdio.p50 - direct.fetch.p50, 2)} ms (${fmt(o.stdio.p50, 2)} − ${fmt(direct.fetch.p50, 2)})`, "n/a", ""],
    ["… the same, direct request with node:http keep-alive (a leaner client, so a stricter baseline)", `${fmt(o.stdio.p50 - direct.http.p50, 2)} ms (${fmt(o.stdio.p50, 2)} − ${fmt(direct.http.p50, 2)})`, "n/a", ""],
  ];
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, `
    + `${process.env.BENCH_JAVA_OPTS ? "JVM options `" + process.env.BENCH_JAVA_OPTS + "`, " : ""}Java: \`${javaVersion()}\`, node ${process.version}. `
    + `Our call: \`get_workspace\` (one KubeSphere request to the sandbox simulator over loopback); the peer's: `
    + "`configuration_view` (no network). Calls are measured after the same warm-up on each server: " + WARMUP
    + " calls over stdio (an IDE session), " + HTTP_WARMUP + " over HTTP (a service's steady state). Ratio = ours ÷ peer "
    + "(for times, lower is better; for calls/s, higher).";
  const table = ["| measure | ours | peer | ratio |", "|---|---|---|---|", ...rows.map((c) => `| ${c.join(" | ")} |`)].join("\n");
  const md = `${header}\n\n${table}\n`;
  console.log(md);
  if (quick) {
    // The smoke run CI makes (scripts/test): it writes no file, and any failed call fails it.
    const failed = Object.entries(r).map(([key, x]) => [key, x.stdio.errors + x.http.sequential.errors
      + x.http.concurrent[16].errors + x.http.concurrent[64].errors]).filter(([, n]) => n > 0);
    if (failed.length) {
      console.error(`bench --quick: failed calls: ${failed.map(([key, n]) => `${key} ${n}`).join(", ")}`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(path.join(here, "results.md"), md);
  replaceBetween(path.join(root, "docs/performance.md"), "bench", md);
  // The README keeps the rows a newcomer asks about first; docs/performance.md has them all.
  const picks = [/^spawn/, /^… the same on Java/, /^model view/, /sequential calls over stdio/, /sequential calls over HTTP/, /^64 concurrent/];
  const shortRows = picks.map((re) => rows.find((c) => re.test(c[0]))).filter(Boolean);
  const shortTable = ["| measure | ours | kubernetes-mcp-server | ratio |", "|---|---|---|---|",
    ...shortRows.map((c) => `| ${c.join(" | ")} |`)].join("\n");
  replaceBetween(path.join(root, "README.md"), "bench-short",
    `Measured ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Java: \`${javaVersion()}\`.\n\n${shortTable}\n`);
}

function replaceBetween(file, marker, content) {
  const text = readFileSync(file, "utf8");
  const begin = `<!-- ${marker}:begin -->\n`, end = `<!-- ${marker}:end -->`;
  if (text.includes(begin)) {
    writeFileSync(file, text.slice(0, text.indexOf(begin) + begin.length) + content + text.slice(text.indexOf(end)));
  }
}

function javaMajor(java) {
  const m = /version "(\d+)/.exec(spawnSyncText(java, ["-version"]));
  return m ? `Java ${m[1]}` : "Java ?";
}

function javaVersion() {
  try {
    const out = spawnSyncText("java", ["-version"]);
    return out.split("\n")[0].trim();
  } catch { return "?"; }
}

function spawnSyncText(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return (r.stderr || r.stdout || "").toString();
}

// bench/ab.mjs imports the measurements; only `node bench/run.mjs` runs the whole benchmark.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exit(1); });
}

export { stdioCalls, httpRuns, freePort, HttpSession, StdioPeer, waitForHttp, cpuMs, jitMs, pct, INIT, INITIALIZED };
