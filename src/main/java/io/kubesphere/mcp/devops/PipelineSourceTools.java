package io.kubesphere.mcp.devops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.catalog.Counted;
import io.kubesphere.mcp.catalog.Page;
import io.kubesphere.mcp.catalog.PageNumber;
import io.kubesphere.mcp.catalog.PageSize;
import io.kubesphere.mcp.catalog.Paged;
import io.kubesphere.mcp.catalog.Paging;
import io.kubesphere.mcp.catalog.ToolContext;
import io.kubesphere.mcp.catalog.ToolDefinition;
import io.kubesphere.mcp.catalog.ToolError;
import io.kubesphere.mcp.catalog.ToolProvider;
import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.devops.DevOpsViews.LatestRun;
import io.kubesphere.mcp.kubesphere.Kube;
import io.kubesphere.mcp.kubesphere.KubeSphereError;
import io.kubesphere.mcp.kubesphere.Route;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.kubesphere.api.DevOpsLogApi;
import io.kubesphere.mcp.policy.DnsLabel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a pipeline builds from: a multi-branch pipeline's branches and repository scan, a plain one's Jenkinsfile. */
@ApplicationScoped
public class PipelineSourceTools implements ToolProvider {

    public record PipelineRef(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull @DnsLabel String pipeline,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    public record BranchesInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull @DnsLabel String pipeline,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster,
            @PageNumber Integer page,
            @PageSize Integer limit) implements Paged {
    }

    public record JenkinsfileInput(
            @JsonPropertyDescription(DevOpsInputs.DEVOPS_PROJECT) @JsonProperty("devops_project") @NotNull
            @DnsLabel String devopsProject,
            @JsonPropertyDescription(DevOpsInputs.PIPELINE) @NotNull @DnsLabel String pipeline,
            @JsonPropertyDescription("The whole new declarative Jenkinsfile") @NotNull @Size(min = 1, max = 200_000)
            String jenkinsfile,
            @JsonPropertyDescription(DevOpsInputs.CLUSTER) @DnsLabel String cluster) {
    }

    /** name is the git branch (feat/x); jenkins_name the encoded one Jenkins and run_pipeline's URL use. */
    public record BranchItem(String name, @JsonProperty("jenkins_name") String jenkinsName,
            @JsonProperty("latest_run") LatestRun latestRun) {

        static BranchItem from(JsonNode branch) {
            String encoded = Kube.text(branch.path("name"));
            String raw = Kube.text(branch.path("rawName"));
            return new BranchItem(raw != null ? raw : encoded == null ? null : encoded.replace("%2F", "/"), encoded,
                    LatestRun.fromJenkins(branch.get("latestRun")));
        }

        String line() {
            return name + (latestRun == null ? "" : " (last run " + latestRun.line() + ")");
        }
    }

    public record ScanResult(String pipeline, @JsonProperty("total_lines") int totalLines, String log) {
    }

    public record JenkinsfileUpdated(String pipeline, int bytes) {
    }

    static final int SCAN_LOG_LINES = 50;

    @Override
    public List<ToolDefinition<?, ?>> tools() {
        return List.of(listBranches(), scan(), updateJenkinsfile());
    }

    ToolDefinition<BranchesInput, Page<BranchItem>> listBranches() {
        return ToolDefinition.read("list_pipeline_branches", Toolset.devops, BranchesInput.class,
                        Page.of(BranchItem.class))
                .title("List a pipeline's branches")
                .description("List the branches Jenkins found for a multi-branch pipeline, each with its last run.")
                .routes(Scoped.routes(DevOpsApi.class, "listBranches"))
                .textWith((in, l) -> l.items().isEmpty() && l.total() == 0
                        ? "Pipeline " + in.pipeline() + " has no branches yet; scan_pipeline_repository finds them."
                        : l.render("branch", BranchItem::line, ", "))
                .handler(this::listBranches);
    }

    private Uni<Page<BranchItem>> listBranches(ToolContext ctx, BranchesInput in) {
        Paging paging = in.paging();
        return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().listBranches(auth, in.cluster(), in.devopsProject(),
                                in.pipeline(), paging.page(), paging.limit())
                        : ctx.kubesphere().devops().listBranches(auth, in.devopsProject(), in.pipeline(),
                                paging.page(), paging.limit()))
                .onFailure(f -> f instanceof KubeSphereError e && e.status() == 400
                        && String.valueOf(e.upstreamMessage()).contains("invalid multi-branch"))
                .transform(f -> ToolError.invalid("Pipeline " + in.pipeline() + " is not a multi-branch "
                        + "pipeline, so it has no branches; its Jenkinsfile decides what is built."))
                .map(body -> Page.from(body, paging, BranchItem::from));
    }

    ToolDefinition<PipelineRef, ScanResult> scan() {
        return ToolDefinition.write("scan_pipeline_repository", Toolset.devops, true, PipelineRef.class,
                        ScanResult.class)
                .title("Scan a multi-branch pipeline's repository")
                .openWorld() // Jenkins runs (or fetches) a repository's code
                .description("Make Jenkins re-scan a multi-branch pipeline's repository for branches; returns the "
                        + "scan log.")
                .routes(Stream.of(Scoped.routes(DevOpsApi.class, "getPipeline"),
                        Scoped.routes(DevOpsLogApi.class, "scanRepository", "scanLog")).flatMap(Arrays::stream)
                        .toArray(Route[]::new))
                .text(s -> "Scanned the repository of " + s.pipeline() + "; see list_pipeline_branches. Scan log ("
                        + Counted.of(s.totalLines(), "line") + (s.totalLines() > SCAN_LOG_LINES ? ", last "
                        + SCAN_LOG_LINES : "") + "):\n" + s.log())
                .handler(this::scan);
    }

    private Uni<ScanResult> scan(ToolContext ctx, PipelineRef in) {
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getPipeline(auth, in.cluster(), in.devopsProject(), in.pipeline())
                        : ctx.kubesphere().devops().getPipeline(auth, in.devopsProject(), in.pipeline()))
                .flatMap(pipeline -> {
                    // Jenkins would index a plain pipeline's job as a build: refuse before sending.
                    if (!DevOpsViews.MULTI_BRANCH.equals(DevOpsViews.type(pipeline))) {
                        throw ToolError.invalid("Pipeline " + in.pipeline() + " is not a multi-branch "
                                + "pipeline; only those have a repository to scan. Use run_pipeline.");
                    }
                    return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                            ? ctx.kubesphere().devopsLogs().scanRepository(auth, in.cluster(),
                                    in.devopsProject(), in.pipeline(), 0)
                            : ctx.kubesphere().devopsLogs().scanRepository(auth, in.devopsProject(),
                                    in.pipeline(), 0));
                })
                .flatMap(ignored -> ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devopsLogs().scanLog(auth, in.cluster(), in.devopsProject(),
                                in.pipeline())
                        : ctx.kubesphere().devopsLogs().scanLog(auth, in.devopsProject(), in.pipeline())))
                .map(body -> {
                    String text = body == null || body.isNull() ? "" : body.asText();
                    List<String> lines = text.lines().toList();
                    return new ScanResult(in.pipeline(), lines.size(), lines.stream()
                            .skip(Math.max(0, lines.size() - SCAN_LOG_LINES))
                            .collect(Collectors.joining("\n")));
                });
    }

    ToolDefinition<JenkinsfileInput, JenkinsfileUpdated> updateJenkinsfile() {
        return ToolDefinition.write("update_jenkinsfile", Toolset.devops, true, JenkinsfileInput.class,
                        JenkinsfileUpdated.class)
                .title("Replace a pipeline's Jenkinsfile")
                .description("Replace the Jenkinsfile of a plain (not multi-branch) pipeline; later runs use it.")
                .routes(Scoped.routes(DevOpsApi.class, "getPipeline", "updateJenkinsfile"))
                .text(u -> "Replaced the Jenkinsfile of pipeline " + u.pipeline() + " (" + u.bytes() + " bytes); "
                        + "the next run uses it.")
                .handler(this::updateJenkinsfile);
    }

    private Uni<JenkinsfileUpdated> updateJenkinsfile(ToolContext ctx, JenkinsfileInput in) {
        if (in.jenkinsfile().isBlank()) {
            throw ToolError.invalid("Invalid arguments for update_jenkinsfile: jenkinsfile is empty. "
                    + "Nothing was sent to KubeSphere.");
        }
        return ctx.kubesphere()
                .call(auth -> Scoped.on(in.cluster())
                        ? ctx.kubesphere().devops().getPipeline(auth, in.cluster(), in.devopsProject(),
                                in.pipeline())
                        : ctx.kubesphere().devops().getPipeline(auth, in.devopsProject(), in.pipeline()))
                .flatMap(pipeline -> {
                    // ks-devops answers success but changes nothing for a multi-branch pipeline.
                    if (DevOpsViews.MULTI_BRANCH.equals(DevOpsViews.type(pipeline))) {
                        throw ToolError.invalid("Pipeline " + in.pipeline() + " is multi-branch: its "
                                + "Jenkinsfile lives in each branch of its repository; change it there.");
                    }
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("data", in.jenkinsfile());
                    return ctx.kubesphere().call(auth -> Scoped.on(in.cluster())
                            ? ctx.kubesphere().devops().updateJenkinsfile(auth, in.cluster(),
                                    in.devopsProject(), in.pipeline(), "raw", body)
                            : ctx.kubesphere().devops().updateJenkinsfile(auth, in.devopsProject(),
                                    in.pipeline(), "raw", body));
                })
                .map(ok -> new JenkinsfileUpdated(in.pipeline(),
                        in.jenkinsfile().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }
}
