package io.kubesphere.mcp.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.Kube;

import java.util.List;

/** A workspace as an agent needs it, projected from a WorkspaceTemplate. */
public record Workspace(String name, List<String> clusters, String manager, String creator, String description,
        String created) {

    static Workspace from(JsonNode template) {
        List<String> clusters = Kube.items(template.path("spec").path("placement").path("clusters"),
                c -> Kube.text(c.path("name")));
        return new Workspace(Kube.name(template), clusters,
                Kube.text(template.path("spec").path("template").path("spec").path("manager")),
                Kube.annotation(template, "kubesphere.io/creator"),
                Kube.annotation(template, "kubesphere.io/description"), Kube.created(template));
    }

    String line() {
        return name + " (clusters " + String.join(",", clusters) + (manager == null ? "" : ", manager " + manager) + ")";
    }
}
