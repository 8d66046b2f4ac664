// Soak: 64 streamable-HTTP sessions call the server (JVM, sandbox) without pause for a while; every 10 s it reports
// calls/s, p99, errors and the server's RSS, so that a leak or a slowdown shows as a trend. Writes the table into
// docs/performance.md (between the soak markers); --quick is CI's short run: no file written, exit 1 on any error.
//   node bench/soak.mjs [--duration=SECONDS] [--warmup=SECONDS] [--sessions=N] [--quick]
//   (default 180 s after a 30 s warm-up that is not counted, 64 sessions; quick: 20 s after 5 s)
// The server runs with -Xmx384m, the heap deploy/deployment.yaml gives it (75 % of its 512 Mi limit), so a leak shows as errors or a climbing RSS.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, HttpSession } from "./run.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const arg = (name, dflt) => Number((process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${dflt}`).split("=")[1]);
const quick = process.argv.includes("--quick");
const DURATION = arg("duration", quick ? 20 : 180);
const WARMUP = arg("warmup", quick ? 5 : 30);
const SESSIONS = arg("sessions", 64);
const INTERVAL = quick ? 5 : 10;
const JAR = path.join(root, "target/quarkus-app/quarkus-run.jar");
const CALL = { name: "get_workspace", arguments: { workspace: "stone" } };

const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0; };
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
async function main() {
  if (!existsSync(JAR)) throw new Error("build the jar first: ./mvnw package -DskipTests");
  const port = await freePort();
  const proc = spawn("java", ["-Xmx384m", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", JAR],
    { env: { ...process.env, KS_MCP_SANDBOX: "true", KS_MCP_TRANSPORT: "http", QUARKUS_HTTP_PORT: String(port) },
      stdio: ["ignore", "ignore", "ignore"] });
  const url = `http://127.0.0.1:${port}/mcp`;
  try {
    for (let i = 0; i < 600; i++) {
      try { await fetch(url, { method: "POST", body: "{}" }); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    const sessions = Array.from({ length: SESSIONS }, () => new HttpSession(url));
    await Promise.all(sessions.map((s) => s.open()));
    // Warm-up: the JIT compiles and the heap grows to its working size; none of it is counted.
    const warmEnd = Date.now() + WARMUP * 1000;
    await Promise.all(sessions.map(async (s) => { while (Date.now() < warmEnd) { try { await s.call(CALL); } catch { /* counted below */ } } }));
    let window = { calls: 0, errors: 0, lat: [] };
    const rows = [];
    let totalCalls = 0, totalErrors = 0;
    const start = Date.now();
    const end = start + DURATION * 1000;
    const sampler = setInterval(() => {
      const w = window;
      window = { calls: 0, errors: 0, lat: [] };
      totalCalls += w.calls; totalErrors += w.errors;
      const row = { t: Math.round((Date.now() - start) / 1000), perSec: w.calls / INTERVAL, p99: pct(w.lat, 99),
        errors: w.errors, rss: rssMiB(proc.pid) };
      rows.push(row);
      console.log(`${row.t}s: ${row.perSec.toFixed(0)} calls/s, p99 ${row.p99.toFixed(1)} ms, errors ${row.errors}, RSS ${row.rss.toFixed(0)} MiB`);
    }, INTERVAL * 1000);
    await Promise.all(sessions.map(async (s) => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        try {
          const r = await s.call(CALL);
          if (r.error || r.result?.isError) window.errors++;
        } catch { window.errors++; }
        window.lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
        window.calls++;
      }
    }));
    clearInterval(sampler);
    const first = rows[0], last = rows[rows.length - 1];
    const summary = `${totalCalls} calls, ${totalErrors} errors; RSS ${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MiB`
      + ` (max ${Math.max(...rows.map((r) => r.rss)).toFixed(0)} MiB)`;
    // Flat: the second half's highest RSS within 10 % of the first half's highest.
    const half = Math.floor(rows.length / 2);
    const early = Math.max(...rows.slice(0, Math.max(half, 1)).map((r) => r.rss));
    const late = Math.max(...rows.slice(half).map((r) => r.rss));
    const flat = late <= early * 1.1;
    console.log(summary + `; memory ${flat ? "flat" : "GROWING"} (max ${early.toFixed(0)} → ${late.toFixed(0)} MiB)`);
    if (quick) {
      if (totalErrors > 0) { console.error("soak: calls failed"); process.exitCode = 1; }
      // 20 s is too short to judge memory (the heap is still growing to its working size); the full run says it.
      return;
    }
    const table = [`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, node ${process.version}: `
      + `${SESSIONS} HTTP sessions calling \`get_workspace\` without pause for ${DURATION} s after a ${WARMUP} s warm-up, `
      + `server at \`-Xmx384m\`. ${summary}; memory ${flat ? "flat" : "still growing"} (highest RSS of the first half `
      + `${early.toFixed(0)} MiB, of the second ${late.toFixed(0)} MiB).`,
      "", "| time | calls/s | p99 | errors | RSS |", "|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.t} s | ${r.perSec.toFixed(0)} | ${r.p99.toFixed(1)} ms | ${r.errors} | ${r.rss.toFixed(0)} MiB |`)].join("\n");
    const file = path.join(root, "docs/performance.md");
    const text = readFileSync(file, "utf8");
    const begin = "<!-- soak:begin -->\n", stop = "<!-- soak:end -->";
    const section = text.includes(begin) ? text : text + `\n## Soak\n\n\`node bench/soak.mjs\` (\`--duration=S\`, \`--quick\` in CI).\n\n${begin}${stop}\n`;
    writeFileSync(file, section.slice(0, section.indexOf(begin) + begin.length) + table + "\n" + section.slice(section.indexOf(stop)));
  } finally {
    proc.kill("SIGTERM");
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
