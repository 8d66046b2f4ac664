package io.kubesphere.mcp.mcp;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret argument values in log lines. The MCP SDK logs every JSON-RPC message it receives at DEBUG (how
 * operators debug a client), and a tools/call of create_credential or create_user carries a password in its
 * arguments; the line is kept with the value replaced, as the audit log does.
 */
@LoggingFilter(name = "mask-secrets")
public final class SecretLogFilter implements Filter {

    /** A JSON string member whose key AuditLog treats as secret. */
    private static final Pattern MEMBER = Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext && ext.getLoggerName() != null
                && ext.getLoggerName().startsWith("io.modelcontextprotocol")) {
            String message = ext.getFormattedMessage();
            String masked = mask(message);
            if (masked != null && !masked.equals(message)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }

    static String mask(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = MEMBER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, AuditLog.isSecret(m.group(1))
                    ? Matcher.quoteReplacement("\"" + m.group(1) + "\":\"***\"") : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
