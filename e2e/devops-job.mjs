// The DevOps tenant's job, end to end with the official TypeScript MCP SDK against the packaged jar (sandbox, HTTP,
// KS_MCP_AUTH=passthrough so each client acts as the person whose KubeSphere token it sends): a workspace admin lets
// stoneshi create DevOps projects in stone; stoneshi creates one, adds a basic-auth credential, creates a multi-branch
// pipeline that uses it, scans it, runs main, approves its input step, follows it to the end, reads one step's log
// and stops a second run. Exits non-zero on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const jar = path.join(root, "target/quarkus-app/quarkus-run.jar");
const SECRET = "e2e-Secret-" + Math.random().toString(36).slice(2);

let failures = 0;
const outputs = [];
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function login(kubesphere, user) {
  const body = new URLSearchParams({ grant_type: "password", client_id: "kubesphere", client_secret: "kubesphere",
    username: user, password: "P@88w0rd" });
  const r = await fetch(`${kubesphere}/oauth/token`, { method: "POST", body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  if (r.status !== 200) throw new Error(`login of ${user}: ${r.status}`);
  return (await r.json()).access_token;
}

async function connect(url, token, name) {
  const client = new Client({ name, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url),
    { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

async function call(client, name, args) {
  const r = await client.callTool({ name, arguments: args });
  outputs.push(JSON.stringify(r));
  return { ok: !r.isError, text: r.content?.[0]?.text ?? "", data: r.structuredContent ?? {} };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const port = await freePort();
  const server = spawn("java", ["-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar], {
    env: { ...process.env, KS_MCP_SANDBOX: "true", KS_MCP_TRANSPORT: "http", KS_MCP_AUTH: "passthrough",
      QUARKUS_HTTP_PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => { log += d; });
  server.stderr.on("data", (d) => { log += d; });
  try {
    let kubesphere;
    for (let i = 0; i < 600 && !kubesphere; i++) {
      kubesphere = /KubeSphere simulator with demo data at (http:\/\/\S+)/.exec(log)?.[1];
      if (!kubesphere) await sleep(100);
    }
    if (!kubesphere) throw new Error("the sandbox did not start:\n" + log);
    const url = `http://127.0.0.1:${port}/mcp`;
    for (let i = 0; i < 100; i++) {
      try { await fetch(url.replace("/mcp", "/q/health/live")); break; } catch { await sleep(200); }
    }

    // A workspace admin lets stoneshi create DevOps projects in stone (the regular role may not).
    const admin = await connect(url, await login(kubesphere, "admin"), "e2e-devops-admin");
    const grant = await call(admin, "set_workspace_role", { workspace: "stone", username: "stoneshi",
      role: "self-provisioner" });
    check(grant.ok, "admin: stoneshi becomes self-provisioner in stone");
    await admin.close();

    const me = await connect(url, await login(kubesphere, "stoneshi"), "e2e-devops-stoneshi");
    const project = await call(me, "create_devops_project", { workspace: "stone", name: "e2e-job" });
    const ns = project.data.namespace;
    check(project.ok && /^e2e-job[a-z0-9]{5}$/.test(ns ?? ""), `stoneshi: create_devops_project → ${ns}`);

    const cred = await call(me, "create_credential", { devops_project: ns, name: "git-bot", type: "basic-auth",
      username: "bot", password: SECRET });
    check(cred.ok, "stoneshi: create_credential basic-auth");
    const creds = await call(me, "list_credentials", { devops_project: ns });
    check(creds.ok && /git-bot \(basic-auth\)/.test(creds.text), "stoneshi: list_credentials shows it, no secret");

    const pipe = await call(me, "create_pipeline", { devops_project: ns, pipeline: "service",
      type: "multi-branch-pipeline", git_url: "https://github.com/kubesphere/devops-maven-sample.git",
      credential_id: "git-bot", script_path: "Jenkinsfile-online" });
    check(pipe.ok, "stoneshi: create_pipeline multi-branch with the credential");
    const scan = await call(me, "scan_pipeline_repository", { devops_project: ns, pipeline: "service" });
    check(scan.ok && /Checking branch main/.test(scan.text), "stoneshi: scan_pipeline_repository + its log");
    const branches = await call(me, "list_pipeline_branches", { devops_project: ns, pipeline: "service" });
    check(branches.ok && branches.data.items?.some((b) => b.name === "main"), "stoneshi: list_pipeline_branches has main");

    const run = await call(me, "run_pipeline", { devops_project: ns, pipeline: "service", branch: "main" });
    check(run.ok, `stoneshi: run_pipeline main → ${run.data.name}`);
    let pending;
    for (let i = 0; i < 60; i++) {
      pending = await call(me, "list_pending_inputs", { devops_project: ns, run: run.data.name });
      if (pending.data.items?.length) break;
      await sleep(500);
    }
    check(pending.data.items?.[0]?.message === "deploy to dev?", "stoneshi: the run waits at its input step");
    const approve = await call(me, "submit_pipeline_input", { devops_project: ns, run: run.data.name,
      action: "approve" });
    check(approve.ok, "stoneshi: submit_pipeline_input approve");
    const done = await call(me, "get_pipeline_run", { devops_project: ns, run: run.data.name, wait_seconds: 60 });
    check(done.ok && done.data.phase === "Succeeded", `stoneshi: followed to the end (${done.data.phase})`);
    const stepLog = await call(me, "get_pipeline_step_log", { devops_project: ns, run: run.data.name,
      stage: "deploy to dev", step: 1 });
    check(stepLog.ok && /Approved by stoneshi/.test(stepLog.text), "stoneshi: get_pipeline_step_log of the input step");
    const artifacts = await call(me, "list_run_artifacts", { devops_project: ns, run: run.data.name });
    check(artifacts.ok && artifacts.data.items?.length === 1, "stoneshi: list_run_artifacts");

    const second = await call(me, "run_pipeline", { devops_project: ns, pipeline: "service", branch: "dev" });
    let started;
    for (let i = 0; i < 60; i++) {
      started = await call(me, "get_pipeline_run", { devops_project: ns, run: second.data.name });
      if (started.data.jenkins_id) break;
      await sleep(250);
    }
    const stop = await call(me, "stop_pipeline_run", { devops_project: ns, run: second.data.name });
    check(stop.ok && stop.data.result === "ABORTED", "stoneshi: stop_pipeline_run of a second run");
    const tools = (await me.listTools()).tools;
    check(tools.find((t) => t.name === "stop_pipeline_run")?.annotations?.destructiveHint === true,
      "stop_pipeline_run is declared destructive");
    await me.close();

    check(!outputs.some((o) => o.includes(SECRET)), "the credential's password is in no tool output");
    check(!log.includes(SECRET), "the credential's password is not in the server's log");
  } finally {
    server.kill();
  }
}

await main().catch((e) => { console.error(e); failures++; });
console.log(failures === 0 ? "devops job: all checks passed" : `devops job: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
