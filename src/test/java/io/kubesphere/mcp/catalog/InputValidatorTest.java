package io.kubesphere.mcp.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubesphere.mcp.policy.DnsLabel;
import io.kubesphere.mcp.policy.Names;
import io.kubesphere.mcp.policy.Username;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each constraint the tool inputs use, accepted and refused, with the parameter's wire name in the message. */
@QuarkusTest
class InputValidatorTest {

    @Inject
    ToolCatalog catalog;

    record Item(@NotBlank @Pattern(regexp = "^[a-z]+$", message = "lower-case letters only") String name) {
    }

    record In(@JsonProperty("work_space") @NotNull @DnsLabel String workspace,
            @Username String user,
            @Min(1) @Max(200) Integer limit,
            @Size(min = 8, max = 64, message = "8 to 64") String password,
            @Email(message = "an email") @Size(max = 254) String email,
            List<@NotNull @DnsLabel String> clusters,
            @Size(max = 2) List<@Valid @NotNull Item> items,
            Map<@Pattern(regexp = "^[a-z]+$") String, @Size(max = 3) String> labels) {
    }

    record Unsupported(@Positive Integer count) {
    }

    private static In valid() {
        return new In("ws-1", "dev.user", 20, "Passw0rdPassw0rd", "dev@example.com", List.of("host"),
                List.of(new Item("a")), Map.of("team", "abc"));
    }

    @Test
    void validInputAndAbsentOptionalParametersPass() {
        assertEquals(List.of(), InputValidator.validate(valid()));
        assertEquals(List.of(), InputValidator.validate(new In("ws", null, null, null, null, null, null, null)));
    }

    @Test
    void eachRuleReportsTheParameterByItsWireName() {
        assertEquals(List.of("work_space is required"),
                InputValidator.validate(new In(null, null, null, null, null, null, null, null)));
        // A composed name rule is one violation with its own message, whatever part of it failed.
        assertEquals(List.of("work_space " + Names.DNS_LABEL_RULE),
                InputValidator.validate(new In("Bad_Name", null, null, null, null, null, null, null)));
        assertEquals(List.of("work_space " + Names.DNS_LABEL_RULE),
                InputValidator.validate(new In("a".repeat(64), null, null, null, null, null, null, null)));
        assertEquals(List.of("user " + Names.USERNAME_RULE),
                InputValidator.validate(new In("ws", "-x", null, null, null, null, null, null)));
        assertEquals(List.of("limit must be at least 1"),
                InputValidator.validate(new In("ws", null, 0, null, null, null, null, null)));
        assertEquals(List.of("limit must be at most 200"),
                InputValidator.validate(new In("ws", null, 201, null, null, null, null, null)));
        assertEquals(List.of("password 8 to 64"),
                InputValidator.validate(new In("ws", null, null, "short", null, null, null, null)));
        for (String bad : List.of("no-at-sign", "@example.com", "a@", "a@b@c.d", "a..b@example.com", "a@-x.com",
                "a b@example.com")) {
            assertEquals(List.of("email an email"),
                    InputValidator.validate(new In("ws", null, null, null, bad, null, null, null)), bad);
        }
        assertEquals(List.of("email must be at most 254 characters long"), InputValidator.validate(
                new In("ws", null, null, null, "b".repeat(60) + "@" + "c".repeat(63) + "." + "d".repeat(63) + "."
                        + "e".repeat(63) + ".com", null, null, null)));
    }

    @Test
    void elementsOfListsAndMapsAndNestedRecordsAreChecked() {
        assertEquals(List.of("clusters[1] " + Names.DNS_LABEL_RULE, "clusters[2] is required"),
                InputValidator.validate(new In("ws", null, null, null, null, Arrays.asList("host", "No", null),
                        null, null)));
        assertEquals(List.of("items must have at most 2 items", "items[0].name must not be blank",
                "items[0].name lower-case letters only", "items[1].name lower-case letters only", "items[2] is required"),
                InputValidator.validate(new In("ws", null, null, null, null, null,
                        Arrays.asList(new Item(" "), new Item("X"), null), null)));
        assertEquals(List.of("labels[Team] (key) must match \"^[a-z]+$\"", "labels[Team] must be at most 3 characters long"),
                InputValidator.validate(new In("ws", null, null, null, null, null, null, Map.of("Team", "abcd"))));
    }

    record Contact(@NotBlank String name,
            @Size(max = 254, message = Names.EMAIL_RULE) @Email(message = Names.EMAIL_RULE)
            @Pattern(regexp = Names.EMAIL, message = Names.EMAIL_RULE) String email) {
    }

    @Test
    void aMissingValueIsRequiredAndARuleSharedByConstraintsIsSaidOnce() {
        assertEquals(List.of("name is required"), InputValidator.validate(new Contact(null, null)));
        // create_user's email: three constraints, one rule text; a bad address breaks all three.
        assertEquals(List.of("email " + Names.EMAIL_RULE), InputValidator.validate(new Contact("n", "not-an-email")));
    }

    @Test
    void anUnsupportedConstraintFailsInsteadOfBeingIgnored() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InputValidator.prepare(Unsupported.class));
        assertTrue(e.getMessage().contains("Positive"), e.getMessage());
    }

    @Test
    void everyToolInputUsesOnlySupportedConstraints() {
        for (ToolDefinition<?, ?> tool : catalog.all()) {
            InputValidator.prepare(tool.input());
        }
    }
}
