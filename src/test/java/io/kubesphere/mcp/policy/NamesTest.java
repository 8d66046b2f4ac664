package io.kubesphere.mcp.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The published name patterns accept exactly what the Kubernetes-style originals accept. */
class NamesTest {

    @Test
    void shortPatternsMatchTheSameLanguageAsTheClassicOnes() {
        assertSameLanguage(Names.DNS_LABEL, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        assertSameLanguage(Names.USERNAME, "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
        assertSameLanguage(Names.ROLE_NAME, "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    }

    /**
     * Every string up to 7 characters over an alphabet with one character of each kind, in both patterns: '_' stands
     * for every character neither pattern allows (upper case, space), which no regex can tell apart.
     */
    private static void assertSameLanguage(String shorter, String classic) {
        Pattern a = Pattern.compile(shorter);
        Pattern b = Pattern.compile(classic);
        char[] alphabet = {'a', '7', '-', '.', '_'};
        List<String> strings = new ArrayList<>(List.of(""));
        int checked = 0;
        for (int length = 0; length <= 7; length++) {
            List<String> next = new ArrayList<>();
            for (String s : strings) {
                assertEquals(b.matcher(s).matches(), a.matcher(s).matches(), "'" + s + "' against " + shorter);
                checked++;
                if (length < 7) {
                    for (char c : alphabet) {
                        next.add(s + c);
                    }
                }
            }
            strings = next;
        }
        assertEquals(97_656, checked); // 5^0 + 5^1 + ... + 5^7
    }
}
