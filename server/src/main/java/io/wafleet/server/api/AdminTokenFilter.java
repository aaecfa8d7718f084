package io.wafleet.server.api;

import io.wafleet.server.config.AdminToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Requires {@code Authorization: Bearer ADMIN_TOKEN} (compared in constant time) on everything except a short
 * public list: the dashboard page and its assets (they hold no secret), {@code /health}, the actuator health
 * probes and the OpenAPI description. Deny by default, so a new endpoint is never public by accident. A refusal
 * is a bare 401 problem: no data, no hint which part was wrong. The token is only read from the header.
 */
public final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    private static final byte[] UNAUTHORIZED = """
            {"type":"https://wa-fleet.dev/problems/unauthorized","title":"Unauthorized","status":401,\
            "detail":"a valid bearer token (ADMIN_TOKEN) is required"}""".getBytes(StandardCharsets.UTF_8);

    private final AdminToken token;

    public AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    private static final Set<String> PUBLIC_PATHS = Set.of(
            "/", "/index.html", "/dashboard.js", "/dashboard.css", "/favicon.ico", "/health", "/actuator/health");
    private static final List<String> PUBLIC_PREFIXES = List.of("/actuator/health/", "/v3/api-docs", "/swagger-ui");

    /** Whether {@code path} (decoded and normalised by the container, without path parameters) is public. */
    static boolean isPublic(String path) {
        return PUBLIC_PATHS.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isPublic(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && token.matches(header.substring(PREFIX.length()).strip())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wa-fleet\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(UNAUTHORIZED.length);
        response.getOutputStream().write(UNAUTHORIZED);
    }
}
