package io.kubesphere.mcp.kubesphere.api;

import io.kubesphere.mcp.kubesphere.Route;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link Route}s of the API interfaces, read from their annotations: method, full path template, produces. Tools
 * declare these (their share of the allowlist), the guard matches raw paths against them, and the route-contract test
 * checks them against KubeSphere's published routes: one vocabulary, one source. (The annotations are read by
 * reflection at start-up, so the interfaces are registered for it in a native image.)
 */
@RegisterForReflection(targets = {IamApi.class, TenantApi.class, DevOpsApi.class, DevOpsLogApi.class, OAuthApi.class,
        VersionApi.class})
public final class Routes {

    /** Every KubeSphere API group this server speaks. */
    public static final List<Class<?>> APIS = List.of(IamApi.class, TenantApi.class, DevOpsApi.class,
            DevOpsLogApi.class, OAuthApi.class, VersionApi.class);

    public static final Route TOKEN = route(OAuthApi.class, "token");
    public static final Route VERSION = route(VersionApi.class, "version");

    private Routes() {
    }

    /** The routes of every method named {@code name} (a DevOps method and its /clusters/{cluster} overload). */
    public static Route[] of(Class<?> api, String name) {
        Route[] routes = Arrays.stream(api.getMethods()).filter(m -> m.getName().equals(name))
                .sorted(Comparator.comparingInt(Method::getParameterCount)).map(Routes::route).toArray(Route[]::new);
        if (routes.length == 0) {
            throw new IllegalArgumentException(api.getSimpleName() + " has no method " + name);
        }
        return routes;
    }

    /** The one route of the method named {@code name}. */
    public static Route route(Class<?> api, String name) {
        Route[] routes = of(api, name);
        if (routes.length != 1) {
            throw new IllegalArgumentException(api.getSimpleName() + "." + name + " has " + routes.length + " routes");
        }
        return routes[0];
    }

    /** Every route of one API interface. */
    public static List<Route> all(Class<?> api) {
        return Arrays.stream(api.getMethods()).filter(m -> !m.isDefault() && !Modifier.isStatic(m.getModifiers()))
                .map(Routes::route).distinct().toList();
    }

    static Route route(Method method) {
        String verb = null;
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                verb = http.value();
            }
        }
        Path path = method.getAnnotation(Path.class);
        if (verb == null || path == null) {
            throw new IllegalArgumentException(method + " is not a KubeSphere route (no HTTP method or @Path)");
        }
        Path prefix = method.getDeclaringClass().getAnnotation(Path.class);
        String template = (prefix == null ? "" : prefix.value()) + path.value();
        Produces produces = method.getAnnotation(Produces.class);
        if (produces == null) {
            produces = method.getDeclaringClass().getAnnotation(Produces.class);
        }
        return Route.of(verb, template, produces == null ? Route.JSON : produces.value()[0]);
    }
}
