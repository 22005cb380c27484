package dev.eksaccess.sso;

import dev.eksaccess.access.InvalidInputException;
import dev.eksaccess.eks.AwsClients;
import dev.eksaccess.eks.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The access policy, from {@value #INLINE} (the text itself) or the SSM parameter named by
 * {@value #PARAMETER}. Parsed on first use and kept for {@value #CACHE} seconds (default 60), so a warm
 * container does not read SSM per event yet picks up an edited policy within a minute.
 */
public final class AccessPolicyLoader implements Supplier<AccessPolicy> {
    public static final String INLINE = "ACCESS_POLICY";
    public static final String PARAMETER = "ACCESS_POLICY_PARAMETER";
    public static final String CACHE = "ACCESS_POLICY_CACHE_SECONDS";

    private final String source;
    private final Supplier<String> text;
    private final Duration ttl;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(AccessPolicy policy, Instant until) {
    }

    public AccessPolicyLoader(String source, Supplier<String> text, Duration ttl, Clock clock) {
        this.source = source;
        this.text = text;
        this.ttl = ttl;
        this.clock = clock;
    }

    public static AccessPolicyLoader fromEnvironment(Environment env, AwsClients clients) {
        Optional<String> inline = env.get(INLINE);
        Optional<String> parameter = env.get(PARAMETER);
        Duration ttl = Duration.ofSeconds(env.getInt(CACHE, 60, 0, 3600));
        if (inline.isPresent() && parameter.isPresent()) {
            throw new IllegalStateException("set only one of " + INLINE + " and " + PARAMETER
                    + ": two sources of the access policy would be ambiguous");
        }
        if (inline.isPresent()) {
            String policy = inline.get();
            return new AccessPolicyLoader(INLINE, () -> policy, ttl, Clock.systemUTC());
        }
        if (parameter.isPresent()) {
            String name = parameter.get();
            String region = env.get("AWS_REGION").orElseThrow(() ->
                    new IllegalStateException("AWS_REGION is not set; it picks the SSM region of " + PARAMETER));
            return new AccessPolicyLoader("SSM parameter " + name,
                    () -> clients.ssm(region, clients.baseCredentials()).value(name), ttl, Clock.systemUTC());
        }
        return new AccessPolicyLoader("nowhere", () -> {
            throw new IllegalStateException("no access policy: set " + INLINE + " (the policy) or " + PARAMETER
                    + " (an SSM parameter holding it)");
        }, ttl, Clock.systemUTC());
    }

    @Override
    public AccessPolicy get() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.until())) {
            return c.policy();
        }
        AccessPolicy policy;
        try {
            policy = AccessPolicyParser.parse(text.get());
        } catch (InvalidInputException e) {
            String rule = e.getMessage().substring(e.field().length() + 2);
            throw new InvalidInputException(e.field(), rule + " (access policy from " + source + ")");
        }
        cached = new Cached(policy, now.plus(ttl));
        return policy;
    }
}
