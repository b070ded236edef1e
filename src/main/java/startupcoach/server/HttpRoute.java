package startupcoach.server;

/**
 * Handles the requests of one path. Must answer quickly: chat platforms expect an
 * acknowledgement within seconds, so slow work is handed to another thread and the route returns.
 */
@FunctionalInterface
public interface HttpRoute {

    HttpResponse handle(HttpRequest request) throws Exception;
}
