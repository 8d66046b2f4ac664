package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Seed state. Mirrors the tenant example of the skill documents: stoneshi is a regular member of workspace
 * {@code stone} and operator of DevOps project {@code stone-devops}, and has no access to workspace {@code demo}.
 */
final class DemoData {
    static final String PASSWORD = "P@88w0rd";
    static final Map<String, String> PASSWORDS = Map.of("admin", PASSWORD, "stoneshi", PASSWORD, "demo-user",
            PASSWORD);
    /** Fixed timestamps keep demo output stable between runs. */
    static final Instant T0 = Instant.parse("2024-05-20T08:00:00Z");

    private DemoData() {
    }

    /** What a fresh KubeSphere v4 install has: built-in global roles, the host cluster and admin. */
    static void base(SimWorld w) {
        w.createBuiltinGlobalRoles(T0);
        w.addCluster("host", true, T0);
        w.createBuiltinClusterRoles(T0);
        w.addUser("admin", "admin@kubesphere.io", "platform-admin", PASSWORD, null, T0.plusSeconds(60));
    }

    static void demo(SimWorld w) {
        base(w);
        w.putGlobalRole("users-auditor", "admin", "Custom role: read-only access to user accounts.", null,
                List.of(SimWorld.rule(List.of("iam.kubesphere.io"), List.of("users"), SimWorld.READ)),
                at(1, 0));
        w.addUser("stoneshi", "stoneshi@kubesphere.io", "platform-regular", PASSWORD, "admin", at(1, 10));
        w.addUser("demo-user", "demo-user@kubesphere.io", "platform-regular", PASSWORD, "admin", at(1, 20));

        w.bindCluster("admin", "cluster-admin", T0.plusSeconds(60));
        w.bindCluster("stoneshi", "cluster-viewer", at(1, 15));
        w.addWorkspace("stone", "admin", "admin", "Workspace of the stone team", at(2, 0));
        w.bindWorkspace("stone", "stoneshi", "stone-regular", at(2, 5));
        w.putWorkspaceRole("stone", "stone-pipeline-auditor", "admin",
                "Custom role: read-only access to DevOps pipelines.", null,
                List.of(SimWorld.rule(List.of("devops.kubesphere.io"), List.of("pipelines", "pipelineruns"),
                        SimWorld.READ)),
                at(2, 10));
        w.addWorkspace("demo", "admin", "admin", "Demo workspace", at(3, 0));
        w.bindWorkspace("demo", "demo-user", "demo-regular", at(3, 5));

        w.addNamespace(namespace("stone-project", "Stone Project"), "stone", at(4, 0));
        w.bindNamespace("stone-project", "stoneshi", "viewer", at(4, 5));
        w.putNamespaceRole("stone-project", "deployer", "admin", "Custom role: manage workloads only.", null,
                List.of(SimWorld.rule(List.of("apps"), List.of("deployments", "statefulsets"), SimWorld.ALL)),
                at(4, 10));
        w.addNamespace(namespace("demo-app", "Demo App"), "demo", at(5, 0));
        w.bindNamespace("demo-app", "demo-user", "operator", at(5, 5));

        w.addDevOpsProject("stone-devops", "stone", "admin", at(6, 0));
        w.bindNamespace("stone-devops", "stoneshi", "operator", at(6, 5));
        SimWorld.PipelineState build = DevOpsApi.addPipeline(w, "stone-devops", Json.o(
                "metadata", Json.o("name", "build", "annotations", Json.o(SimWorld.ANN_CREATOR, "stoneshi",
                        SimWorld.ANN_DESCRIPTION, "Build and test the stone service")),
                "spec", Json.o("type", "pipeline", "pipeline", Json.o("name", "build",
                        "description", "Build and test the stone service",
                        "discarder", Json.o("days_to_keep", "7", "num_to_keep", "10"),
                        "parameters", Json.a(Json.o("name", "TAG", "default_value", "latest", "type", "string",
                                "description", "Image tag to build")),
                        "jenkinsfile", """
                                pipeline {
                                  agent any
                                  stages {
                                    stage('Checkout') { steps { echo 'Checking out the source' } }
                                    stage('Build') { steps { sh 'make build' } }
                                    stage('Test') { steps { sh 'make test' } }
                                  }
                                }
                                """))),
                at(6, 20));
        DevOpsApi.addPipeline(w, "stone-devops", Json.o(
                "metadata", Json.o("name", "service-mb", "annotations", Json.o(SimWorld.ANN_CREATOR, "admin",
                        // What the pipeline controller writes after Jenkins scanned the repository (ks-devops
                        // serves GET …/pipelines/{p}/branches from this annotation).
                        "pipeline.devops.kubesphere.io/jenkins-branches",
                        "[{\"name\":\"main\",\"rawName\":\"main\",\"weatherScore\":100},"
                                + "{\"name\":\"dev\",\"rawName\":\"dev\",\"weatherScore\":100},"
                                + "{\"name\":\"feat%2Flogin\",\"rawName\":\"feat/login\",\"weatherScore\":100}]")),
                "spec", Json.o("type", DevOpsApi.MULTI_BRANCH, "multi_branch_pipeline", Json.o(
                        "name", "service-mb", "source_type", "git",
                        "git_source", Json.o("url", "https://github.com/kubesphere/devops-maven-sample.git",
                                "credential_id", "gitlab-token", "discover_branches", true),
                        "script_path", "Jenkinsfile",
                        "discarder", Json.o("days_to_keep", "7", "num_to_keep", "10")))),
                at(6, 30));
        DevOpsApi.addRun(w, build, null, "stoneshi", Json.a(), Instant.parse("2024-05-21T10:00:00Z"));

        secret(w, "stone-devops", "gitlab-token", "credential.devops.kubesphere.io/basic-auth", "stoneshi",
                "GitLab account for the stone repositories",
                Map.of("username", "stoneshi", "password", "glpat-sim-3kX9vQ7rT2mW8yZ4"), at(6, 40));
        secret(w, "stone-devops", "deploy-key", "credential.devops.kubesphere.io/ssh-auth", "admin",
                "Deploy key for the service repository",
                Map.of("username", "git", "private_key",
                        "-----BEGIN OPENSSH PRIVATE KEY-----\nsimulated\n-----END OPENSSH PRIVATE KEY-----\n",
                        "passphrase", ""),
                at(6, 45));
        // Not a DevOps credential type: must never show up in the credentials list.
        secret(w, "stone-devops", "registry-config", "kubernetes.io/dockerconfigjson", "admin", null,
                Map.of(".dockerconfigjson", "{\"auths\":{}}"), at(6, 50));
    }

    private static Instant at(int hours, int minutes) {
        return T0.plusSeconds(hours * 3600L + minutes * 60L);
    }

    private static ObjectNode namespace(String name, String alias) {
        return Json.o("metadata", Json.o("name", name, "labels", Json.o(SimWorld.LABEL_MANAGED, "true"),
                "annotations", Json.o(SimWorld.ANN_CREATOR, "admin", SimWorld.ANN_ALIAS, alias)));
    }

    private static void secret(SimWorld w, String ns, String name, String type, String creator, String description,
            Map<String, String> data, Instant created) {
        ObjectNode ann = Json.o(SimWorld.ANN_CREATOR, creator, "credential.devops.kubesphere.io/syncstatus",
                "successful");
        if (description != null) {
            ann.put(SimWorld.ANN_DESCRIPTION, description);
        }
        ObjectNode encoded = Json.o();
        data.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> encoded.put(e.getKey(),
                Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8))));
        ObjectNode obj = Json.o("metadata", Json.o("name", name, "annotations", ann), "data", encoded,
                "type", type);
        w.secrets.get(ns).put(name, w.stamp(obj, "Secret", "v1", ns, created));
    }
}
