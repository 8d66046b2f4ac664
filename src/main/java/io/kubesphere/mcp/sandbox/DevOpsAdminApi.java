package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * ks-devops writes that set a DevOps project up: creating the project (DO pkg/models/devops/devops.go
 * CreateDevOpsProject) and creating, reading and replacing credentials (CreateCredentialObj, GetCredentialObj,
 * UpdateCredentialObj: plain Secret create/get/update in the admin namespace, answered masked).
 */
final class DevOpsAdminApi {
    private static final String D = "/kapis/devops.kubesphere.io";
    static final String ANN_CREDENTIAL_SYNC = "credential.devops.kubesphere.io/syncstatus";
    static final String ANN_CREDENTIAL_AUTOSYNC = "credential.devops.kubesphere.io/autosync";
    static final String ANN_CREDENTIAL_SYNC_TIME = "credential.devops.kubesphere.io/synctime";

    private final SimWorld w;
    private final SimAuthorizer authz;

    DevOpsAdminApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("POST", D + "/v1alpha3/workspaces/{ws}/namespaces", this::createProject);
        r.add("POST", D + "/v1alpha3/namespaces/{d}/credentials", this::createCredential);
        r.add("GET", D + "/v1alpha3/namespaces/{d}/credentials/{c}", this::getCredential);
        r.add("PUT", D + "/v1alpha3/namespaces/{d}/credentials/{c}", this::updateCredential);
    }

    // ---------- projects ----------

    private SimResponse createProject(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("create", DevOpsApi.GROUP, "namespaces", null, ws));
        ObjectNode body = ex.readObject("v1alpha3.DevOpsProject");
        String generateName = Json.str(body, "metadata", "generateName");
        if (generateName == null || generateName.isEmpty()) {
            throw SimError.badRequest("DevOpsProject.devops.kubesphere.io \"\" is invalid: metadata.generateName: "
                    + "Required value: generateName is required");
        }
        for (ObjectNode p : w.devopsProjects.values()) {
            if (ws.equals(Json.label(p, SimWorld.LABEL_WORKSPACE))
                    && generateName.equals(Json.str(p, "metadata", "generateName"))) {
                // kapis.HandleConflict: 409, plain text.
                throw SimError.text(409, "Operation cannot be fulfilled on devopsproject.devops.kubesphere.io \""
                        + generateName + "\": a devops project named " + generateName
                        + " already exists in the workspace");
            }
        }
        // The apiserver cuts generateName to 58 characters and appends 5 random ones.
        String prefix = generateName.length() > 58 ? generateName.substring(0, 58) : generateName;
        String name;
        do {
            name = prefix + w.randomSuffix(5);
        } while (w.devopsProjects.containsKey(name) || w.namespaces.containsKey(name));
        if (!TenantApi.DNS1123_LABEL.matcher(name).matches()) {
            throw SimError.badRequest("DevOpsProject.devops.kubesphere.io \"" + name + "\" is invalid: metadata.name: "
                    + "Invalid value: \"" + name + "\": a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', and must start and end with an alphanumeric character");
        }
        String creator = Json.str(body, "metadata", "annotations", SimWorld.ANN_CREATOR);
        ObjectNode stored = w.addDevOpsProject(name, ws, creator, w.now());
        Json.meta(stored).put("generateName", generateName);
        String description = Json.str(body, "metadata", "annotations", SimWorld.ANN_DESCRIPTION);
        if (description != null) {
            Json.annotations(stored).put(SimWorld.ANN_DESCRIPTION, description);
        }
        // The create answers before the controller ran: sync pending, no admin namespace in the status yet.
        ObjectNode answer = stored.deepCopy();
        Json.annotations(answer).put("devopsproject.devops.kubesphere.io/syncstatus", "pending");
        answer.set("status", Json.o());
        return SimResponse.ok(answer);
    }

    // ---------- credentials ----------

    private void requireProject(String d) {
        if (!w.devopsProjects.containsKey(d)) {
            throw SimError.notFound("devopsprojects.devops.kubesphere.io \"" + d + "\" not found");
        }
    }

    private SimResponse createCredential(SimExchange ex) {
        String d = ex.param("d");
        authz.check(ex, Attrs.namespace("create", DevOpsApi.GROUP, "credentials", null, null, d));
        requireProject(d);
        ObjectNode body = ex.readObject("v1.Secret");
        String name = Json.name(body);
        if (name == null || name.isEmpty()) {
            throw SimError.badRequest("Secret \"\" is invalid: metadata.name: Required value: name or generateName "
                    + "is required");
        }
        checkName(name);
        Map<String, ObjectNode> secrets = w.secrets.get(d);
        if (secrets.containsKey(name)) {
            // ks-devops' errorHandle: anything but NotFound is 400.
            throw SimError.badRequest("secrets \"" + name + "\" already exists");
        }
        ObjectNode obj = normalised(body, name);
        ObjectNode stored = w.stamp(obj, "Secret", "v1", d, w.now());
        secrets.put(name, stored);
        return SimResponse.ok(DevOpsApi.masked(stored));
    }

    private SimResponse getCredential(SimExchange ex) {
        String d = ex.param("d");
        String c = ex.param("c");
        authz.check(ex, Attrs.namespace("get", DevOpsApi.GROUP, "credentials", null, c, d));
        requireProject(d);
        ObjectNode s = w.secrets.get(d).get(c);
        if (s == null) {
            throw SimError.notFound("secrets \"" + c + "\" not found");
        }
        return SimResponse.ok(DevOpsApi.masked(s));
    }

    /** The path's credential name is not read: the Secret in the body (by its metadata.name) is what is updated. */
    private SimResponse updateCredential(SimExchange ex) {
        String d = ex.param("d");
        authz.check(ex, Attrs.namespace("update", DevOpsApi.GROUP, "credentials", null, ex.param("c"), d));
        requireProject(d);
        ObjectNode body = ex.readObject("v1.Secret");
        String name = Json.name(body);
        if (name == null || name.isEmpty()) {
            throw SimError.badRequest("Secret \"\" is invalid: metadata.name: Required value: name is required");
        }
        ObjectNode old = w.secrets.get(d).get(name);
        if (old == null) {
            throw SimError.notFound("secrets \"" + name + "\" not found");
        }
        String version = Json.str(body, "metadata", "resourceVersion");
        if (version != null && !version.isEmpty() && !version.equals(Json.str(old, "metadata", "resourceVersion"))) {
            throw SimError.badRequest("Operation cannot be fulfilled on secrets \"" + name + "\": the object has been "
                    + "modified; please apply your changes to the latest version and try again");
        }
        ObjectNode obj = normalised(body, name);
        String oldType = Json.str(old, "type");
        if (!String.valueOf(oldType).equals(Json.str(obj, "type"))) {
            throw SimError.badRequest("Secret \"" + name + "\" is invalid: type: Invalid value: \""
                    + Json.str(obj, "type") + "\": field is immutable");
        }
        ObjectNode meta = Json.meta(old).deepCopy();
        ObjectNode newMeta = Json.meta(obj);
        meta.set("annotations", newMeta.get("annotations"));
        if (newMeta.has("labels")) {
            meta.set("labels", newMeta.get("labels"));
        } else {
            meta.remove("labels");
        }
        meta.put("resourceVersion", w.nextResourceVersion());
        ObjectNode stored = Json.o("kind", "Secret", "apiVersion", "v1", "metadata", meta);
        stored.set("data", obj.get("data"));
        stored.put("type", oldType);
        w.secrets.get(d).put(name, stored);
        return SimResponse.ok(DevOpsApi.masked(stored));
    }

    private static void checkName(String name) {
        if (name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
            throw SimError.badRequest("Secret \"" + name + "\" is invalid: metadata.name: Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                    + "'.', and must start and end with an alphanumeric character");
        }
    }

    /**
     * What the apiserver stores: data must be base64 (Go's []byte JSON decoding), stringData is merged into data, and
     * ks-devops adds its sync annotations.
     */
    private ObjectNode normalised(ObjectNode body, String name) {
        ObjectNode meta = Json.meta(body).deepCopy();
        meta.put("name", name);
        ObjectNode obj = Json.o("metadata", meta);
        ObjectNode ann = Json.annotations(obj);
        ann.put(ANN_CREDENTIAL_AUTOSYNC, "true");
        // The credential controller syncs to Jenkins at once in the simulator.
        ann.put(ANN_CREDENTIAL_SYNC, "successful");
        ann.put(ANN_CREDENTIAL_SYNC_TIME, Json.ts(w.now()));
        ObjectNode data = Json.o();
        JsonNode given = body.get("data");
        if (given != null && given.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = given.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    Base64.getDecoder().decode(e.getValue().asText(""));
                } catch (IllegalArgumentException bad) {
                    throw SimError.badRequest("illegal base64 data at input byte 0");
                }
                data.put(e.getKey(), e.getValue().asText(""));
            }
        }
        JsonNode stringData = body.get("stringData");
        if (stringData != null && stringData.isObject()) {
            stringData.fields().forEachRemaining(e -> data.put(e.getKey(), Base64.getEncoder()
                    .encodeToString(e.getValue().asText("").getBytes(StandardCharsets.UTF_8))));
        }
        obj.set("data", data);
        String type = Json.str(body, "type");
        obj.put("type", type == null || type.isEmpty() ? "Opaque" : type);
        return obj;
    }
}
