package io.kubesphere.mcp.devops;

/** Parameter descriptions shared by the DevOps tools (constants, because they are used in annotations). */
final class DevOpsInputs {

    static final String CLUSTER = "Omit for the host cluster";
    static final String DEVOPS_PROJECT = "DevOps project";
    static final String PIPELINE = "Pipeline";
    static final String RUN = "Run name, from run_pipeline or list_pipeline_runs";
    /** A git branch name as a query value: no whitespace or characters git forbids in refs. */
    static final String BRANCH = "^[^\\s~^:?*\\[\\\\]{1,255}$";
    static final String BRANCH_RULE = "must be a git branch name (no spaces or ~^:?*[\\)";

    private DevOpsInputs() {
    }
}
