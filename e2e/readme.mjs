// Runs the README's own commands as a newcomer would, so that they cannot break unnoticed:
//  - the block marked <!-- ci:start --> (./mvnw quarkus:dev): started exactly as written, on a free port (the only
//    change, through QUARKUS_HTTP_PORT), until /mcp answers; then initialize, tools/list and whoami with the official
//    TypeScript SDK, and a clean stop of its whole process group;
//  - the block marked <!-- ci:stdio -->: every line but the last run in order (build, train), the last spawned as the
//    stdio server; initialize, tools/list, whoami; then stdin closes and the server must exit 0 by itself.
// Exits non-zero on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

/** The command lines of the first ```bash block after the marker, without comments. */
function block(marker) {
  const at = readme.indexOf(`<!-- ci:${marker} -->`);
  if (at < 0) throw new Error(`README.md has no <!-- ci:${marker} --> marker`);
  const match = /```bash\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`no bash block after <!-- ci:${marker} -->`);
  return match[1].split("\n").map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l && !l.startsWith("#"));
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function exercise(client, label) {
  check(client.getServerVersion()?.name === "kubesphere-mcp-server", `${label}: initialize`);
  const { tools } = await client.listTools();
  check(tools.some((t) => t.name === "whoami") && tools.length > 20, `${label}: tools/list (${tools.length} tools)`);
  const who = await client.callTool({ name: "whoami", arguments: {} });
  check(!who.isError && who.structuredContent?.username === "admin", `${label}: whoami answers admin`);
}

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

async function start() {
  const lines = block("start");
  check(lines.length === 1, `README start block is one command: ${lines.join(" ; ")}`);
  const port = await freePort();
  let log = "";
  // Its own process group, so that Maven, the dev-mode JVM and anything they fork stop together.
  const child = spawn("bash", ["-c", lines[0]], { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, QUARKUS_HTTP_PORT: String(port) } });
  child.stdout.on("data", (d) => { log += d; });
  child.stderr.on("data", (d) => { log += d; });
  const url = `http://127.0.0.1:${port}/mcp`;
  const started = Date.now();
  try {
    let up = false;
    while (!up && Date.now() - started < 600000 && child.exitCode === null) {
      try { up = (await fetch(url, { method: "GET" })).status > 0; } catch { await new Promise((r) => setTimeout(r, 500)); }
    }
    check(up, `${lines[0]} serves ${url} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (!up) { console.log(log.split("\n").slice(-40).join("\n")); return; }
    check(!/File name too long|More than one @QuarkusMain/.test(log), "dev mode copies no project tree");
    check(!/Do you agree to contribute|Listening for transport dt_socket/.test(log), "no analytics question, no debugger port");
    const client = new Client({ name: "readme-dev", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    await exercise(client, "quarkus:dev");
    await client.close();
  } finally {
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
    const until = Date.now() + 30000;
    while (groupAlive(child.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const clean = !groupAlive(child.pid);
    if (!clean) { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone meanwhile */ } }
    check(clean, "quarkus:dev stops cleanly with its process group on SIGTERM");
  }
}

async function stdio() {
  const lines = block("stdio");
  for (const line of lines.slice(0, -1)) {
    const run = spawnSync("bash", ["-c", line], { cwd: root, encoding: "utf8", timeout: 900000 });
    check(run.status === 0, `README: ${line}`);
    if (run.status !== 0) { console.log(`${run.stdout}${run.stderr}`.split("\n").slice(-30).join("\n")); return; }
  }
  const server = lines[lines.length - 1];
  const transport = new StdioClientTransport({ command: "bash", args: ["-c", `exec ${server}`], cwd: root,
    env: { ...process.env }, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (d) => { stderr += d; });
  const client = new Client({ name: "readme-stdio", version: "1.0.0" });
  await client.connect(transport);
  await exercise(client, server);
  // End stdin ourselves (the SDK's close would send SIGTERM after 2 s): the server must exit by itself, status 0.
  const proc = transport._process;
  const exited = new Promise((resolve) => {
    proc.once("exit", (code, signal) => resolve({ code, signal }));
    setTimeout(() => resolve({ code: null, signal: "none within 20 s" }), 20000).unref();
  });
  proc.stdin.end();
  const end = await exited;
  await client.close();
  check(end.code === 0, `${server}: exits with 0 when stdin closes (${JSON.stringify(end)})`);
  check(!/no class archive/.test(stderr), `${server}: uses the archive the README's previous command trained`);
}

try {
  await start();
  await stdio();
} catch (e) {
  check(false, `unexpected: ${e?.stack ?? e}`);
}
console.log(failures === 0 ? "readme: all passed" : `readme: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
