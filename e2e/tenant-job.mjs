// A tenant administrator's job through the official TypeScript MCP SDK over stdio, against the packaged jar on its
// sandbox, as admin: set a workspace quota (and change it), disable and re-enable a user (a person confirms the
// disable through elicitation; a client that cannot ask is refused), and explain a user's access. Exits non-zero on
// any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const jar = path.join(root, "target/quarkus-app/quarkus-run.jar");
const javaArgs = ["-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-jar", jar];

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

const text = (r) => r.content?.[0]?.text ?? "";

/** A client on its own sandbox server; with elicitation, every question is answered by `answer`. */
async function connect(name, answer) {
  const transport = new StdioClientTransport({ command: "java", args: javaArgs,
    env: { ...process.env, KS_MCP_SANDBOX: "true" }, stderr: "ignore" });
  const client = new Client({ name, version: "1.0.0" }, answer ? { capabilities: { elicitation: {} } } : {});
  const asked = [];
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return answer(request);
    });
  }
  await client.connect(transport);
  return { client, asked };
}

async function job() {
  // The person at the keyboard says yes to what they are asked.
  const { client, asked } = await connect("e2e-tenant-job", () => ({ action: "accept", content: { confirm: true } }));
  try {
    const { tools } = await client.listTools();
    const disable = tools.find((t) => t.name === "set_user_state");
    check(disable?.annotations?.destructiveHint === true, "set_user_state is marked destructive");

    const quota = await client.callTool({ name: "set_workspace_quota",
      arguments: { cluster: "host", workspace: "stone", hard: { "limits.cpu": "8", "limits.memory": "16Gi" } } });
    check(!quota.isError && quota.structuredContent?.created === true, `quota set: ${text(quota)}`);
    const raised = await client.callTool({ name: "set_workspace_quota",
      arguments: { cluster: "host", workspace: "stone", hard: { "limits.cpu": "10" } } });
    const cpu = raised.structuredContent?.changes?.find((c) => c.resource === "limits.cpu");
    check(!raised.isError && cpu?.before === "8" && cpu?.after === "10"
      && raised.structuredContent?.hard?.["limits.memory"] === "16Gi", `quota changed, before -> after: ${text(raised)}`);
    const read = await client.callTool({ name: "get_workspace_quota", arguments: { cluster: "host", workspace: "stone" } });
    check(read.structuredContent?.hard?.["limits.cpu"] === "10", `quota read back: ${text(read)}`);
    const bad = await client.callTool({ name: "set_workspace_quota",
      arguments: { cluster: "host", workspace: "stone", hard: { "limits.cpu": "-1" } } });
    check(bad.isError === true && /quantity/.test(text(bad)), "a negative quota is refused with the rule");

    const off = await client.callTool({ name: "set_user_state", arguments: { username: "demo-user", state: "Disabled" } });
    check(!off.isError && off.structuredContent?.state === "Disabled" && asked.length === 1
      && /disable user 'demo-user'/.test(asked[0]), `disabled after a person's yes: ${text(off)}`);
    const on = await client.callTool({ name: "set_user_state", arguments: { username: "demo-user", state: "Active" } });
    check(!on.isError && on.structuredContent?.previous_state === "Disabled" && asked.length === 1,
      `re-enabled without asking: ${text(on)}`);
    const self = await client.callTool({ name: "set_user_state", arguments: { username: "admin", state: "Disabled" } });
    check(self.isError === true && asked.length === 1, "never on yourself, and nobody is asked");

    const access = await client.callTool({ name: "explain_user_access", arguments: { username: "stoneshi" } });
    const stone = access.structuredContent?.workspaces?.find((w) => w.workspace === "stone");
    check(!access.isError && stone?.built_in_role === "regular"
      && stone.projects.some((p) => p.devops_project && p.role === "operator")
      && stone.projects.some((p) => p.project === "stone-project" && p.role === "viewer"),
      `access explained: ${text(access)}`);
  } finally {
    await client.close();
  }

  // A client that cannot ask a person gets a refusal that says how to go on.
  const { client: plain } = await connect("e2e-no-elicitation");
  try {
    const r = await plain.callTool({ name: "set_user_state", arguments: { username: "demo-user", state: "Disabled" } });
    check(r.isError === true && /elicitation/.test(text(r)) && /KubeSphere console/.test(text(r)),
      `no elicitation, refused: ${text(r)}`);
  } finally {
    await plain.close();
  }
}

try {
  await job();
} catch (e) {
  check(false, `unexpected: ${e?.stack ?? e}`);
}
console.log(failures === 0 ? "tenant job: all passed" : `tenant job: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
