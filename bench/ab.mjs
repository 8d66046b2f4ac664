// A/B of two builds of this server in one run, alternating so that drift of the shared machine hits both alike:
// HTTP and stdio calls/s and server CPU per call (get_workspace against each build's own sandbox).
//   node bench/ab.mjs OLD_DIR NEW_DIR [rounds]     (each DIR holds target/quarkus-app/quarkus-run.jar)
// Same JVM options for both: stdio as the launcher runs it (Serial GC, C1), HTTP as a service (defaults).
import path from "node:path";
import { stdioCalls, httpRuns } from "./run.mjs";

const [oldDir, newDir, roundsArg] = process.argv.slice(2);
if (!oldDir || !newDir) throw new Error("usage: node bench/ab.mjs OLD_DIR NEW_DIR [rounds]");
const rounds = Number(roundsArg ?? 2);
const LOG = ["-Xlog:disable", "-Xlog:all=warning:stderr"];

function server(dir) {
  const jar = path.join(path.resolve(dir), "target/quarkus-app/quarkus-run.jar");
  return {
    stdio: () => ["java", [...LOG, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar], { KS_MCP_SANDBOX: "true" }],
    http: (port) => ["java", [...LOG, "-jar", jar],
      { KS_MCP_SANDBOX: "true", KS_MCP_TRANSPORT: "http", QUARKUS_HTTP_PORT: String(port) }],
    call: { name: "get_workspace", arguments: { workspace: "stone" } },
  };
}

const builds = { old: server(oldDir), new: server(newDir) };
const runs = { old: [], new: [] };
for (let round = 0; round < rounds; round++) {
  for (const key of round % 2 === 0 ? ["old", "new"] : ["new", "old"]) {
    console.error(`# round ${round + 1}: ${key}`);
    const stdio = await stdioCalls(builds[key]);
    const http = await httpRuns(builds[key]);
    runs[key].push({ stdio, http });
    console.error(JSON.stringify({ key, stdio: { perSec: stdio.perSec, cpu: stdio.cpuPerCall, errors: stdio.errors },
      http: { perSec: http.sequential.perSec, cpu: http.sequential.cpuPerCall, errors: http.sequential.errors,
        c64: http.concurrent[64] } }));
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const row = (label, f, digits) => {
  const o = mean(runs.old.map(f)), n = mean(runs.new.map(f));
  return `| ${label} | ${o.toFixed(digits)} | ${n.toFixed(digits)} | ${((n / o - 1) * 100).toFixed(1)} % |`;
};
console.log([
  `| measure (mean of ${rounds} alternating runs) | old | new | change |`,
  "|---|---|---|---|",
  row("HTTP sequential calls/s", (r) => r.http.sequential.perSec, 0),
  row("HTTP server CPU per call, ms", (r) => r.http.sequential.cpuPerCall, 3),
  row("HTTP p50, ms", (r) => r.http.sequential.p50, 2),
  row("64 concurrent HTTP sessions: calls/s", (r) => r.http.concurrent[64].perSec, 0),
  row("stdio sequential calls/s", (r) => r.stdio.perSec, 0),
  row("stdio server CPU per call, ms", (r) => r.stdio.cpuPerCall, 3),
  `| errors (old / new) | ${runs.old.reduce((a, r) => a + r.stdio.errors + r.http.sequential.errors + r.http.concurrent[64].errors, 0)} | `
    + `${runs.new.reduce((a, r) => a + r.stdio.errors + r.http.sequential.errors + r.http.concurrent[64].errors, 0)} | |`,
].join("\n"));
