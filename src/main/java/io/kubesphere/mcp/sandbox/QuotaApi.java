package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.sandbox.SimAuthorizer.Attrs;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Workspace resource quotas: tenant.kubesphere.io/v1beta1 {@code workspaces/{ws}/resourcequotas} over the
 * cluster-scoped quota.kubesphere.io/v1alpha2 ResourceQuota (KS v4.1.3 pkg/kapis/tenant/v1beta1/resource_handler.go,
 * pkg/models/tenant/resourcequota.go). Quirks kept: there is no list route; create and update answer every store
 * error with 500 (HandleInternalError), not found included; a quota of another workspace is "not found"; the server
 * overwrites the workspace label and spec.selector; updates are full replaces that need metadata.resourceVersion.
 */
final class QuotaApi {
    private static final String T = "/kapis/tenant.kubesphere.io/v1beta1";
    static final String KIND = "ResourceQuota";
    static final String API_VERSION = "quota.kubesphere.io/v1alpha2";
    /** resource.ParseQuantity's format error, which the JSON decoder passes through (400 from ReadEntity). */
    static final String QUANTITY_FORMAT = "quantities must match the regular expression "
            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final Pattern QUANTITY_SHAPE = Pattern.compile("[+-]?[0-9.]+[eEinumkKMGTP]*[-+]?[0-9]*");

    private final SimWorld w;
    private final SimAuthorizer authz;

    QuotaApi(SimWorld w, SimAuthorizer authz) {
        this.w = w;
        this.authz = authz;
    }

    void register(SimRouter r) {
        r.add("POST", T + "/workspaces/{ws}/resourcequotas", this::create);
        r.add("GET", T + "/workspaces/{ws}/resourcequotas/{rq}", this::get);
        r.add("PUT", T + "/workspaces/{ws}/resourcequotas/{rq}", this::update);
    }

    private SimResponse create(SimExchange ex) {
        String ws = ex.param("ws");
        authz.check(ex, Attrs.workspace("create", TenantApi.GROUP, "resourcequotas", null, ws));
        ObjectNode body = decode(ex);
        String name = Json.name(body);
        if (name == null || name.isEmpty()) {
            throw SimError.text(500, "ResourceQuota.quota.kubesphere.io \"\" is invalid: metadata.name: Required "
                    + "value: name or generateName is required");
        }
        if (w.resourceQuotas.containsKey(name)) {
            throw SimError.text(500, "resourcequotas.quota.kubesphere.io \"" + name + "\" already exists");
        }
        ObjectNode stored = w.stamp(owned(body, ws), KIND, API_VERSION, null, w.now());
        w.resourceQuotas.put(name, stored);
        return SimResponse.ok(withStatus(stored));
    }

    private SimResponse get(SimExchange ex) {
        String ws = ex.param("ws");
        String name = ex.param("rq");
        authz.check(ex, Attrs.workspace("get", TenantApi.GROUP, "resourcequotas", name, ws));
        ObjectNode q = w.resourceQuotas.get(name);
        if (q == null) {
            throw SimError.notFound("ResourceQuota.quota.kubesphere.io \"" + name + "\" not found");
        }
        if (!ws.equals(Json.label(q, SimWorld.LABEL_WORKSPACE))) {
            throw SimError.notFound("resourcequota.quota.kubesphere.io \"" + name + "\" not found");
        }
        return SimResponse.ok(withStatus(q));
    }

    private SimResponse update(SimExchange ex) {
        String ws = ex.param("ws");
        String name = ex.param("rq");
        authz.check(ex, Attrs.workspace("update", TenantApi.GROUP, "resourcequotas", name, ws));
        ObjectNode body = decode(ex);
        String bodyName = Json.name(body);
        if (!name.equals(bodyName)) {
            throw SimError.badRequest("the name of the object (" + (bodyName == null ? "" : bodyName)
                    + ") does not match the name on the URL (" + name + ")");
        }
        ObjectNode existing = w.resourceQuotas.get(name);
        if (existing == null) {
            throw SimError.text(500, "ResourceQuota.quota.kubesphere.io \"" + name + "\" not found");
        }
        if (!ws.equals(Json.label(existing, SimWorld.LABEL_WORKSPACE))) {
            throw SimError.text(500, "resourcequota.quota.kubesphere.io \"" + name + "\" not found");
        }
        String rv = Json.str(body, "metadata", "resourceVersion");
        if (rv == null || rv.isEmpty()) {
            throw SimError.text(500, "ResourceQuota.quota.kubesphere.io \"" + name + "\" is invalid: "
                    + "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
        }
        if (!rv.equals(Json.str(existing, "metadata", "resourceVersion"))) {
            throw SimError.text(500, "Operation cannot be fulfilled on resourcequotas.quota.kubesphere.io \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and try "
                    + "again");
        }
        ObjectNode replaced = owned(body, ws);
        ObjectNode meta = Json.meta(existing);
        JsonNode labels = Json.meta(replaced).get("labels");
        meta.set("labels", labels);
        JsonNode annotations = body.path("metadata").path("annotations");
        if (annotations.isObject()) {
            meta.set("annotations", annotations.deepCopy());
        } else {
            meta.remove("annotations");
        }
        existing.set("spec", replaced.get("spec"));
        w.bumpResourceVersion(existing);
        return SimResponse.ok(withStatus(existing));
    }

    /** ReadEntity: a malformed quantity in spec.quota.hard fails the decode, so nothing is stored. */
    private static ObjectNode decode(SimExchange ex) {
        ObjectNode body = ex.readObject("v1alpha2.ResourceQuota");
        JsonNode hard = body.path("spec").path("quota").path("hard");
        if (hard.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = hard.fields(); it.hasNext(); ) {
                JsonNode v = it.next().getValue();
                String text = v.isNumber() ? v.asText() : v.isTextual() ? v.textValue() : null;
                if (text == null) {
                    throw SimError.badRequest("json: cannot unmarshal " + v.getNodeType().name().toLowerCase()
                            + " into Go struct field ResourceQuotaSpec.spec.quota.hard of type resource.Quantity");
                }
                if (!QUANTITY.matcher(text).matches()) {
                    throw SimError.badRequest(QUANTITY_SHAPE.matcher(text).matches()
                            ? "unable to parse quantity's suffix" : QUANTITY_FORMAT);
                }
            }
        }
        return body;
    }

    /** CreateWorkspaceResourceQuota / Update: the workspace label and the selector are the server's. */
    private static ObjectNode owned(ObjectNode body, String ws) {
        ObjectNode meta = Json.meta(body).deepCopy();
        meta.remove("resourceVersion");
        ObjectNode out = Json.o("metadata", meta);
        Json.labels(out).put(SimWorld.LABEL_WORKSPACE, ws);
        ObjectNode spec = body.path("spec").isObject() ? (ObjectNode) body.get("spec").deepCopy() : Json.o();
        spec.set("selector", Json.o(SimWorld.LABEL_WORKSPACE, ws));
        if (!spec.path("quota").isObject()) {
            spec.set("quota", Json.o());
        }
        out.set("spec", spec);
        return out;
    }

    /** What the quota controller reports: the hard limits, nothing used (the simulator runs no workloads). */
    private static ObjectNode withStatus(ObjectNode q) {
        ObjectNode out = q.deepCopy();
        JsonNode hard = q.path("spec").path("quota").path("hard");
        ObjectNode total = Json.o();
        if (hard.isObject()) {
            total.set("hard", hard.deepCopy());
            ObjectNode used = total.putObject("used");
            hard.fieldNames().forEachRemaining(k -> used.put(k, "0"));
        }
        out.set("status", Json.o("total", total, "namespaces", NullNode.instance));
        return out;
    }
}
