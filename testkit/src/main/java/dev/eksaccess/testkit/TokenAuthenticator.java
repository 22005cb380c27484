package dev.eksaccess.testkit;

import java.util.Optional;

/**
 * Decides whether a bearer token is let in, as kube-apiserver's token authenticators do. Returns the
 * principal it authenticated (recorded with each call, so tests can tell who called), or empty to reject.
 */
@FunctionalInterface
public interface TokenAuthenticator {
    Optional<String> authenticate(String bearerToken);
}
