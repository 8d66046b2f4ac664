package io.kubesphere.mcp.guide;


import java.util.List;
import java.util.Map;

import static io.kubesphere.mcp.guide.Workflow.optional;
import static io.kubesphere.mcp.guide.Workflow.required;

/**
 * The skills' workflows as prompts. Each names only tools this server has; a step without a tool says to use the
 * KubeSphere console. The policy (no deletes, built-in roles, least privilege) is restated where a step grants.
 */
final class Workflows {

    private Workflows() {
    }

    static final Workflow ONBOARD_DEVELOPER = new Workflow("onboard_developer", "Onboard a developer",
            "Give a developer least-privilege access: user, then workspace, then project.", List.of("get_user", "create_user", "list_workspace_members", "invite_workspace_member",
                    "list_projects", "create_project", "invite_project_member", "list_project_members"),
            List.of(required("username", "Developer's KubeSphere username (new or existing)", Completer.USERS),
                    required("workspace", "Workspace the project belongs to", Completer.WORKSPACES),
                    required("cluster", "Cluster of the project, e.g. host", Completer.CLUSTERS),
                    required("project", "Project the developer works in", Completer.PROJECTS)),
            a -> """
                    Onboard developer %1$s to project %4$s (workspace %2$s, cluster %3$s) with least privilege:
                    1. get_user %1$s. If it does not exist, ask the person for an email and an initial password, then \
                    create_user with the default platform role platform-regular.
                    2. list_workspace_members of %2$s; if %1$s is not a member, invite_workspace_member with the \
                    default role regular.
                    3. list_projects of %2$s on %3$s; if %4$s is missing, ask before create_project.
                    4. invite_project_member %1$s to %4$s: operator if they deploy, else the default viewer. Admin \
                    roles only when the person asks for them (they need confirmation).
                    5. list_project_members of %4$s to confirm, and report what was granted.
                    Never delete anything and use only built-in roles; custom roles are set in the KubeSphere console.
                    """.formatted(a.get("username"), a.get("workspace"), a.get("cluster"), a.get("project")));

    static final Workflow TEAM_WORKSPACE = new Workflow("setup_team_workspace", "Set up a team workspace",
            "Create a workspace for a team with its manager and members, least privilege first.", List.of("list_clusters", "get_user", "get_workspace", "create_workspace",
                    "invite_workspace_member", "list_workspace_members"),
            List.of(required("workspace", "Name of the new workspace (a DNS label)", null),
                    required("manager", "Username of the team lead who manages the workspace", Completer.USERS),
                    required("cluster", "Cluster the workspace may use, e.g. host", Completer.CLUSTERS),
                    optional("members", "Comma-separated usernames of the team", null)),
            a -> """
                    Set up workspace %1$s for the team of %2$s on cluster %3$s:
                    1. list_clusters to check %3$s exists and is ready; get_user %2$s to check the manager exists.
                    2. get_workspace %1$s; if it exists already, stop and ask. Otherwise confirm name, cluster and \
                    manager with the person, then create_workspace %1$s on [%3$s] with manager %2$s.
                    3. For each member (%4$s): invite_workspace_member with the default role regular; \
                    self-provisioner only for those who create projects; admin only on request.
                    4. list_workspace_members of %1$s to confirm, and report.
                    Never delete anything and use only built-in roles.
                    """.formatted(a.get("workspace"), a.get("manager"), a.get("cluster"),
                    a.getOrDefault("members", "ask the person who they are")));

    static final Workflow FIRST_PIPELINE = new Workflow("first_pipeline", "A tenant's first pipeline",
            "From DevOps project to a followed pipeline run: credential, pipeline, run, log.", List.of("list_devops_projects", "list_credentials", "create_pipeline", "get_pipeline",
                    "run_pipeline", "get_pipeline_run", "get_pipeline_run_log"),
            List.of(required("workspace", "Workspace of the DevOps project", Completer.WORKSPACES),
                    required("devops_project", "DevOps project (its namespace)", Completer.DEVOPS_PROJECTS),
                    required("pipeline", "Name for the new pipeline (a DNS label)", null),
                    optional("git_url", "Git repository to build, for a multi-branch pipeline", null)),
            a -> """
                    Create and run pipeline %3$s in DevOps project %2$s (workspace %1$s):
                    1. list_devops_projects of %1$s. If %2$s is not there, there is no tool to create DevOps \
                    projects: ask the person to create it in the KubeSphere console, then continue.
                    2. %4$s
                    3. create_pipeline %3$s: type multi-branch-pipeline with git_url and credential_id for a \
                    repository, or type pipeline with a Jenkinsfile. Show the person what will be created first.
                    4. run_pipeline (multi-branch: a branch from get_pipeline), then get_pipeline_run with \
                    wait_seconds to follow it until it finishes.
                    5. If it failed: get_pipeline_run_log and explain the failing stage.
                    """.formatted(a.get("workspace"), a.get("devops_project"), a.get("pipeline"),
                    a.get("git_url") == null
                            ? "A private repository needs a credential: list_credentials of " + a.get("devops_project")
                                    + "; a new one is created in the KubeSphere console, never by pasting secrets here."
                            : "For " + a.get("git_url") + ", if it is private: list_credentials of "
                                    + a.get("devops_project") + " and pick a credential_id; a new credential is "
                                    + "created in the KubeSphere console, never by pasting secrets here."));

    static final Workflow DIAGNOSE_RUN = new Workflow("diagnose_pipeline_run", "Why did this run fail?",
            "Find why a pipeline run failed: run, then stages, then log.", List.of("list_pipeline_runs", "get_pipeline_run", "get_pipeline_run_log"),
            List.of(optional("workspace", "Workspace of the DevOps project (helps complete it)", Completer.WORKSPACES),
                    required("devops_project", "DevOps project (its namespace)", Completer.DEVOPS_PROJECTS),
                    required("pipeline", "Pipeline of the run", Completer.PIPELINES),
                    optional("run", "Pipeline run name; default: the newest failed run", Completer.RUNS)),
            a -> """
                    Find out why %3$s of pipeline %2$s (DevOps project %1$s) failed:
                    1. %4$s
                    2. get_pipeline_run: its phase and stages; find the first stage that did not succeed.
                    3. get_pipeline_run_log (pipeline %2$s) and read the end of the log around that stage.
                    4. Explain the cause in two or three sentences, quoting the decisive log lines, and propose a \
                    fix. Do not start a new run unless the person asks.
                    """.formatted(a.get("devops_project"), a.get("pipeline"),
                    a.get("run") == null ? "the newest failed run" : "run " + a.get("run"),
                    a.get("run") == null
                            ? "list_pipeline_runs of " + a.get("pipeline") + " (limit 10); pick the newest run whose "
                                    + "phase is Failed (if none failed, say so and stop)."
                            : "Use run " + a.get("run") + "."));

    static final List<Workflow> ALL = List.of(ONBOARD_DEVELOPER, TEAM_WORKSPACE, FIRST_PIPELINE, DIAGNOSE_RUN);

    static String render(Workflow workflow, Map<String, String> arguments) {
        return workflow.plan().apply(arguments).strip();
    }
}
