package com.madeup.calsync.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The one HTTP handler: reads the request, routes it, applies faults and stats, writes the answer. */
final class HttpFront implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(HttpFront.class.getName());
    private static final int GZIP_MIN_BYTES = 1024;

    private final CalendarApi calendarApi;
    private final OAuthServer oauth;
    private final AdminApi admin;
    private final Faults faults;
    private final Stats stats;

    HttpFront(CalendarApi calendarApi, OAuthServer oauth, AdminApi admin, Faults faults, Stats stats) {
        this.calendarApi = calendarApi;
        this.oauth = oauth;
        this.admin = admin;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String methodId = null;
        Response response;
        Request request;
        try {
            request = Request.read(exchange);
        } catch (ApiError e) {
            write(exchange, null, Response.error(e));
            return;
        } catch (IOException e) {
            write(exchange, null, Response.error(ApiError.badRequest("parseError", "Parse Error")));
            return;
        }
        try {
            String path = request.path;
            try {
                if (path.startsWith(CalendarApi.PREFIX)) {
                    methodId = CalendarApi.methodId(request);
                    if (methodId == null) {
                        methodId = "calendar.unknown";
                        throw ApiError.notFound();
                    }
                    injectFault(request);
                    response = calendarApi.handle(request, methodId);
                } else if (path.equals("/o/oauth2/v2/auth") || path.equals("/o/oauth2/auth")) {
                    methodId = "oauth2.authorize";
                    injectFault(request);
                    response = oauth.authorize(request);
                } else if (path.equals("/token") || path.equals("/oauth2/v4/token") || path.equals("/o/oauth2/token")) {
                    methodId = "oauth2.token";
                    if (!"POST".equals(request.method)) {
                        throw new ApiError(405, "global", "methodNotAllowed", "Method Not Allowed", null, null);
                    }
                    injectFault(request);
                    response = oauth.token(request);
                } else if (path.equals("/revoke") || path.equals("/o/oauth2/revoke")) {
                    methodId = "oauth2.revoke";
                    injectFault(request);
                    response = oauth.revoke(request);
                } else if (path.startsWith(AdminApi.PREFIX)) {
                    response = admin.handle(request);
                } else if (path.equals("/")) {
                    response = Response.html(
                            200,
                            "<!doctype html><title>google-emulator</title><h1>google-emulator</h1>"
                                    + "<p>Calendar API at <code>/calendar/v3/</code>, OAuth at <code>/o/oauth2/v2/auth</code>,"
                                    + " <code>/token</code>, <code>/revoke</code>; admin at <code>/emulator/</code>.</p>");
                } else {
                    throw ApiError.notFound();
                }
            } catch (ApiError e) {
                response = Response.error(e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request " + request.method + " " + path + " failed", e);
                response = Response.error(new ApiError(500, "global", "backendError", "Backend Error", null, null));
            }
            if (methodId != null) {
                stats.call(methodId, response.status());
            }
            write(exchange, request, response);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not answer a request", e);
            exchange.close();
        }
    }

    private void injectFault(Request request) {
        ApiError fault = faults.match(request.method, request.path);
        if (fault != null) {
            throw fault;
        }
    }

    private static void write(HttpExchange exchange, Request request, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        headers.set("Vary", "Origin, X-Origin, Referer");
        headers.set("Server", "ESF");
        byte[] body = response.body();
        String accept = request == null ? null : request.header("Accept-Encoding");
        if (body.length >= GZIP_MIN_BYTES
                && accept != null
                && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
            body = gzip(body);
            headers.set("Content-Encoding", "gzip");
        }
        boolean empty = body.length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(body.length / 6 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(buffer, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(body);
        }
        return buffer.toByteArray();
    }
}
