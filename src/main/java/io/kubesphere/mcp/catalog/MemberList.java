package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.Kube;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One page of members as KubeSphere lists them — workspace, project, DevOps project and cluster members have the same
 * shape: the user's name and the bound role in an annotation.
 */
public record MemberList(List<Member> items, int total, int page, int limit,
        @JsonProperty("has_more") boolean hasMore) {

    /**
     * A member: role is the bound role's name; built_in_role is the built-in role it is (the value the set/invite
     * tools take), absent for a custom role.
     */
    public record Member(String username, String role, @JsonProperty("built_in_role") String builtInRole) {

        public String line() {
            return username + " (" + (builtInRole != null ? builtInRole : role == null ? "no role" : role + ": custom")
                    + ")";
        }
    }

    /** The page in {@code body}; {@code builtIn} maps a role name to its built-in role, or null for a custom one. */
    public static MemberList from(JsonNode body, String roleAnnotation, Paging paging, UnaryOperator<String> builtIn) {
        int total = Kube.total(body);
        return new MemberList(Kube.items(body, m -> {
            String role = Kube.annotation(m, roleAnnotation);
            return new Member(Kube.name(m), role, builtIn.apply(role));
        }), total, paging.page(), paging.limit(), paging.hasMore(total));
    }

    /** "3 of 45 members: a (admin), …", with {@code noun} for what they are members of. */
    public String render(String noun) {
        return Paging.of(page, limit).render(total, noun, items.stream().map(Member::line).toList(), ", ");
    }
}
