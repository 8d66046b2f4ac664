package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.Kube;

import java.util.function.UnaryOperator;

/**
 * A member as KubeSphere lists workspace, project, DevOps project and cluster members (the user's name, the bound
 * role in an annotation): role is that role's name; built_in_role the built-in role it is (the value the set/invite
 * tools take), absent for a custom role.
 */
public record Member(String username, String role, @JsonProperty("built_in_role") String builtInRole) {

    public String line() {
        return username + " (" + (builtInRole != null ? builtInRole : role == null ? "no role" : role + ": custom")
                + ")";
    }

    /** The page in {@code body}; {@code builtIn} maps a role name to its built-in role, or null for a custom one. */
    public static Page<Member> page(JsonNode body, String roleAnnotation, Paging paging,
            UnaryOperator<String> builtIn) {
        return Page.from(body, paging, m -> {
            String role = Kube.annotation(m, roleAnnotation);
            return new Member(Kube.name(m), role, builtIn.apply(role));
        });
    }

    /** "3 of 45 members: a (admin), …", with {@code noun} for what they are members of. */
    public static String render(Page<Member> page, String noun) {
        return page.render(noun, Member::line, ", ");
    }
}
