package com.madeup.calsync.dashboard.event;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Google descriptions may hold simple HTML. This keeps only simple formatting and http(s)/mailto
 * links (which get rel=nofollow noopener), and drops scripts, event handlers, styles and images.
 */
@Component
public class DescriptionSanitizer {

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("b", "strong", "i", "em", "u", "br", "p", "ul", "ol", "li", "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    public String sanitize(String untrustedHtml) {
        return untrustedHtml == null ? null : POLICY.sanitize(untrustedHtml);
    }
}
