package io.kubesphere.mcp.kubesphere;

/** What the KubeSphere client reports for metrics: answers per declared route, and OAuth grants. */
public interface KubeSphereEvents {

    /** KubeSphere answered {@code status} to a request on {@code route}; 0 when nothing came back or it was not sent. */
    void response(Route route, int status);

    /** An OAuth grant ({@code password} = login, {@code refresh_token} = refresh) succeeded or failed. */
    void grant(String grantType, boolean success);

    KubeSphereEvents NONE = new KubeSphereEvents() {
        @Override
        public void response(Route route, int status) {
        }

        @Override
        public void grant(String grantType, boolean success) {
        }
    };
}
